"""Real published reports (tests/data/real, with their origin in its README) read against the values
decoded from them by hand (tests/data/real/gold).

Every cell is either read as the gold says or, where the printed digits can be split several ways
that satisfy the identities, null with exactly the gold's candidates logged. None of these reports
breaks an identity as published, so validating them raises no identity error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importer.gold import compare, expected, gold, samples
from zfxxgk.importer import parse_path
from zfxxgk.validate import Validator

SAMPLES = samples()
IDENTITY_CODES = {"E301", "E302", "E303", "E401"}


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_cell_is_read_right_or_left_undecided_with_its_candidates(sample: Path) -> None:
    result = parse_path(sample)
    check = compare(sample, result)
    assert not check.wrong, check.wrong
    assert not check.undecided_wrong, check.undecided_wrong
    assert not check.missed, check.missed
    want = expected(sample)
    assert len(check.right) + len(check.blank_right) + len(check.undecided_right) == len(want.values)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_a_report_whose_tables_add_up_raises_no_identity_error(sample: Path, validator: Validator) -> None:
    result = parse_path(sample)
    codes = {f.code for f in validator.iter_findings(result.report)}
    assert not codes & IDENTITY_CODES, codes


def test_the_samples_cover_both_editions_and_both_forms() -> None:
    assert {gold(p)["edition"] for p in SAMPLES} == {"2019", "2021"}
    assert {p.suffix for p in SAMPLES} == {".txt", ".md"}
