"""Every example against the generated JSON Schema (two implementations) and the pydantic models."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import jsonschema_rs
import pydantic
import pytest

from tests.conftest import INVALID, VALID, expected_codes, load
from zfxxgk.generated import models
from zfxxgk.resources import json_schema

REFERENCE = jsonschema.Draft201909Validator(json_schema())
FAST = jsonschema_rs.validator_for(json_schema())


def test_there_are_examples() -> None:
    assert len(VALID) >= 4
    assert len(INVALID) >= 5


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_passes_every_structural_validator(path: Path) -> None:
    doc = load(path)
    assert [e.message for e in REFERENCE.iter_errors(doc)] == []
    assert FAST.is_valid(doc)
    model = models.Zfxxgk.model_validate(doc)
    assert model.model_dump(mode="json") == doc


S002 = [p for p in INVALID if "S002" in expected_codes(p)]


@pytest.mark.parametrize("path", S002, ids=lambda p: p.name)
def test_structurally_invalid_example_is_rejected_by_every_validator(path: Path) -> None:
    doc = load(path)
    assert list(REFERENCE.iter_errors(doc))
    assert not FAST.is_valid(doc)
    with pytest.raises(pydantic.ValidationError):
        models.Zfxxgk.model_validate(doc)


def test_schema_has_a_versioned_id() -> None:
    schema = json_schema()
    assert schema["$id"] == f"https://w3id.org/zfxxgk/{schema['version']}/zfxxgk.schema.json"
    import zfxxgk

    assert schema["version"] == zfxxgk.__version__
