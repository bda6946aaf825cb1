from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
VALID = sorted((EXAMPLES / "valid").glob("*.json"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.json"))


def expected_codes(path: Path) -> set[str]:
    """The rules an invalid example is named for: the rule codes its name starts with, as in
    E401-S002-table4-wrong-with-empty-agency-name.json (an identity broken beside a structure error)."""
    from zfxxgk.catalog import catalog

    codes = set()
    for part in path.name.split("-"):
        if part not in catalog().rules:
            break
        codes.add(part)
    return codes


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def sample_report() -> dict:
    return load(EXAMPLES / "valid" / "jiyuan-sfj-2021.json")
