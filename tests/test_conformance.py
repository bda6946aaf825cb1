"""The conformance suite (conformance/suite.json): this project's validator passes it, and it stays the
picture of examples/ (a changed example or a changed behaviour fails here until the suite is rewritten
with tools/make_conformance.py and the diff reviewed)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import INVALID, VALID, load
from zfxxgk import conformance

ROOT = Path(__file__).resolve().parents[1]
CASES = {case["name"]: case for case in conformance.suite()["cases"]}


def test_this_validator_passes_the_suite() -> None:
    assert [str(m) for m in conformance.run(conformance.zfxxgk_validate())] == []


def test_every_example_is_a_case_as_it_is_today() -> None:
    for path in VALID + INVALID:
        if path.name.endswith(".previous.json"):
            continue
        case = CASES[f"{path.parent.name}/{path.stem}"]
        assert case["report"] == load(path), f"{path.name} changed: run tools/make_conformance.py"
        previous = path.with_name(path.stem + ".previous.json")
        assert case["previous"] == (load(previous) if previous.exists() else None)
        if previous.exists():
            assert CASES[f"{path.parent.name}/{path.stem} (no previous year)"]["previous"] is None
    assert len(CASES) == len(conformance.suite()["cases"]), "case names are unique"


def test_suite_covers_both_editions_with_and_without_a_previous_year() -> None:
    kinds = {(case["edition"], case["previous"] is not None, case["valid"]) for case in CASES.values()}
    for edition in ("2019", "2021"):
        for with_previous in (False, True):
            assert (edition, with_previous, True) in kinds and (edition, with_previous, False) in kinds


def test_a_validator_that_finds_less_or_more_fails() -> None:
    ours = conformance.zfxxgk_validate()
    silent = conformance.run(lambda report, previous: [])
    assert {m.case for m in silent} == {name for name, case in CASES.items() if case["findings"]}

    def one_more(report: object, previous: object) -> list[dict]:
        return [*ours(report, previous), {"code": "W105", "severity": "warning", "pointers": []}]

    assert len(conformance.run(one_more)) == len(CASES)


def test_a_wrong_computed_value_fails() -> None:
    ours = conformance.zfxxgk_validate()
    case = CASES["invalid/E301-column-balance-broken"]

    def off_by_one(report: object, previous: object) -> list[dict]:
        return [{**f, "computed": f["computed"] + 1} if f["code"] == "E301" else f for f in ours(report, previous)]

    (mismatch,) = conformance.run(off_by_one, [case])
    assert {f["code"] for f in mismatch.missing} == {"E301"}


def test_suite_is_plain_json_with_a_versioned_id() -> None:
    import zfxxgk

    data = json.loads((ROOT / "conformance" / "suite.json").read_text(encoding="utf-8"))
    assert data["$id"] == f"https://w3id.org/zfxxgk/{zfxxgk.__version__}/conformance/suite.json"
    assert data["version"] == zfxxgk.__version__


def test_suite_follows_its_published_shape() -> None:
    from jsonschema import Draft202012Validator

    shape = json.loads((ROOT / "conformance" / "suite.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(shape)
    errors = [e.message for e in Draft202012Validator(shape).iter_errors(conformance.suite())]
    assert errors == []
    # Each case's valid is what its findings say.
    for case in CASES.values():
        assert case["valid"] == (not any(f["severity"] == "error" for f in case["findings"])), case["name"]
