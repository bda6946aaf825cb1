"""Any count cell given a non-count, and the fee given a non-decimal, is rejected everywhere."""

from __future__ import annotations

import copy
import json

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, load
from tests.pattern_cases import disagreements_with_json_schema
from tests.test_examples import FAST, REFERENCE
from zfxxgk import pointers
from zfxxgk.generated import models
from zfxxgk.layout import layout
from zfxxgk.validate.typed import read_typed

BASE = load(EXAMPLES / "valid" / "large-city-government-2022.json")
COUNTS = [c.pointer for c in layout().cells if not c.is_amount]
FEE = next(c.pointer for c in layout().cells if c.is_amount)
NOT_COUNTS = ["5", True, False, -1, 1.5, "", [], {}, "五", 2**53, 2**64, 10**30]
LARGEST_COUNT = 2**53 - 1  # I-JSON: every JSON reader keeps it exact
NOT_FEES = ["0.30000000000000004", "-1", "-0.5", "1e3", "1,000", " 12", "12.", ".5", "012", 0.3, 12, True, "万元"]


def _typed_accepts(doc: dict) -> bool:
    return read_typed(json.dumps(doc).encode()) is not None


def _rejected_everywhere(doc: dict) -> None:
    assert list(REFERENCE.iter_errors(doc))
    assert not FAST.is_valid(doc)
    with pytest.raises(pydantic.ValidationError):
        models.Zfxxgk.model_validate(doc)
    assert not _typed_accepts(doc)


@settings(max_examples=150, deadline=None)
@given(pointer=st.sampled_from(COUNTS), value=st.sampled_from(NOT_COUNTS))
def test_a_count_cell_accepts_only_non_negative_integers_or_null(pointer: str, value: object) -> None:
    doc = copy.deepcopy(BASE)
    pointers.assign(doc, pointer, value)
    _rejected_everywhere(doc)


@pytest.mark.parametrize("value", NOT_FEES, ids=repr)
def test_the_fee_accepts_only_exact_decimal_strings(value: object) -> None:
    doc = copy.deepcopy(BASE)
    pointers.assign(doc, FEE, value)
    _rejected_everywhere(doc)


@pytest.mark.parametrize("value", ["0", "0.5", "24252.311082", "1523.6082", None])
def test_exact_fees_are_accepted(value: object) -> None:
    doc = copy.deepcopy(BASE)
    pointers.assign(doc, FEE, value)
    assert FAST.is_valid(doc)
    assert models.Zfxxgk.model_validate(doc).root.table2.article20_item8.fees.amount == value


@settings(max_examples=60, deadline=None)
@given(pointer=st.sampled_from(COUNTS),
       value=st.integers(min_value=0, max_value=10**9) | st.just(LARGEST_COUNT) | st.none())
def test_any_count_or_null_is_structurally_fine(pointer: str, value: int | None) -> None:
    doc = copy.deepcopy(BASE)
    pointers.assign(doc, pointer, value)
    assert FAST.is_valid(doc)
    models.Zfxxgk.model_validate(doc)
    assert _typed_accepts(doc)


def _pydantic_accepts(doc: dict) -> bool:
    try:
        models.Zfxxgk.model_validate(doc)
    except pydantic.ValidationError:
        return False
    return True


def test_model_patterns_accept_the_same_characters_as_the_json_schema() -> None:
    # pydantic checks patterns with Rust's regex: without the rewrite, U+FEFF would pass as a name.
    assert disagreements_with_json_schema(_pydantic_accepts) == []
