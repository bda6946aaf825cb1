"""Every example is judged as its name says, through the API: valid ones pass, invalid ones fail
for the rule their name starts with."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import INVALID, VALID, expected_codes, load
from zfxxgk.validate import Validator

VALIDATOR = Validator()


def _previous(path: Path) -> dict | None:
    prev = path.with_name(path.name.replace(".json", ".previous.json"))
    return load(prev) if prev.exists() else None


def _reports(paths: list[Path]) -> list[Path]:
    return [p for p in paths if not p.name.endswith(".previous.json")]


@pytest.mark.parametrize("path", _reports(VALID), ids=lambda p: p.name)
def test_valid_example_has_no_error(path: Path) -> None:
    result = VALIDATOR.validate(load(path), _previous(path))
    assert result.valid, [f.message_en for f in result.errors]
    # Only the sample report, transcribed as printed, has warnings: its six blank cells.
    assert {f.code for f in result.warnings} <= ({"W106"} if path.name.startswith("jiyuan") else set())


@pytest.mark.parametrize("path", _reports(INVALID), ids=lambda p: p.name)
def test_invalid_example_fails_for_exactly_its_named_rules(path: Path) -> None:
    codes = expected_codes(path)
    result = VALIDATOR.validate(load(path), _previous(path))
    assert {f.code for f in result.findings} == codes
    assert not result.passes(strict=True)
    assert result.valid == all(code[0] in "WT" or code == "X201" for code in codes)


def test_every_rule_in_the_catalog_has_an_invalid_example() -> None:
    from zfxxgk.catalog import catalog

    named = {code for p in INVALID for code in expected_codes(p)}
    # Unreadable input is exercised by the CLI tests; the parse codes (kind "parse") are about how a
    # published document was read, exercised by the importer's tests (tests/importer/test_parse_log.py).
    # The checks across a corpus (source "corpus") need several reports: tests/corpus exercises them.
    instance_rules = {code for code, r in catalog().rules.items() if r.kind != "parse" and r.source != "corpus"}
    assert instance_rules - named == {"S001"}


def test_sample_blank_cells_are_reported_with_their_pointers(sample_report: dict) -> None:
    blanks = [f for f in VALIDATOR.iter_findings(sample_report) if f.code == "W106"]
    assert sorted(p for f in blanks for p in f.pointers) == sorted(
        f"/table3/results/granted/{c}" for c in
        ("natural_person", "commercial_enterprise", "research_institution", "public_interest_organization",
         "legal_service_agency", "other"))


def test_identity_finding_carries_reported_computed_and_every_contribution() -> None:
    doc = load(Path(__file__).parents[2] / "examples" / "invalid" / "E301-column-balance-broken.json")
    finding = next(f for f in VALIDATOR.iter_findings(doc) if f.instance == "natural_person")
    assert (finding.reported, finding.computed) == (250, 251)
    assert [(c.pointer, c.value) for c in finding.contributions] == [
        ("/table3/new_requests/natural_person", 241), ("/table3/carried_over/natural_person", 9),
        ("/table3/results/total/natural_person", 242), ("/table3/carried_forward/natural_person", 9)]
    assert "自然人" in finding.message_zh and "250" in finding.message_zh
    assert 'column "Natural persons"' in finding.message_en and "251" in finding.message_en
    assert "natural_person" not in finding.message_en  # the JSON name stays in `instance` and the pointers


def test_a_count_written_as_5_0_is_rejected_like_pydantic_does() -> None:
    doc = load(Path(__file__).parents[2] / "examples" / "valid" / "large-city-government-2022.json")
    doc["table4"]["reconsideration"]["upheld"] = 6.0
    findings = list(VALIDATOR.iter_findings(doc))
    assert [(f.code, f.pointers) for f in findings] == [("S002", ("/table4/reconsideration/upheld",))]


def test_not_an_object_is_a_structure_finding() -> None:
    assert [f.code for f in VALIDATOR.iter_findings([1, 2])] == ["S002"]
