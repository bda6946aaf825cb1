"""The conformance suite: every example report with the findings a conforming validator gives.

The suite (``conformance/suite.json`` in the repository, ``zfxxgk/conformance/suite.json`` in the wheel)
is plain JSON, so a validator written in any language can run it (docs/conformance.md). This module
loads it and runs a validator against it: the project's own in the tests and in CI, or any callable
that takes (report, previous) and returns findings as dicts.

A finding is compared on what the standard fixes: its code, its severity, its JSON Pointers (as a
sorted list: an implementation may order them otherwise) and, for sums and checked values, the
reported and computed values. Messages are not compared. The findings of a case are compared as a
multiset: their order is free.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from zfxxgk.resources import source_dir

Validate = Callable[[Any, Any], Iterable[dict[str, Any]]]


@cache
def suite() -> dict[str, Any]:
    """The conformance suite as shipped."""
    text = source_dir("conformance").joinpath("suite.json").read_text(encoding="utf-8")
    return json.loads(text)


def expected_finding(finding: dict[str, Any]) -> dict[str, Any]:
    """The part of a finding (``Finding.to_dict()``) the suite fixes."""
    out: dict[str, Any] = {"code": finding["code"], "severity": finding["severity"],
                           "pointers": sorted(finding.get("pointers", []))}
    if "reported" in finding or "computed" in finding:
        out["reported"] = finding.get("reported")
        out["computed"] = finding.get("computed")
    return out


def _key(finding: dict[str, Any]) -> str:
    return json.dumps(expected_finding(finding), sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Mismatch:
    """A case where the validator's findings differ from the suite's."""

    case: str
    missing: list[dict[str, Any]]  # expected, not given
    unexpected: list[dict[str, Any]]  # given, not expected

    def __str__(self) -> str:
        return f"{self.case}: missing {self.missing}, unexpected {self.unexpected}"


def check_case(case: dict[str, Any], validate: Validate) -> Mismatch | None:
    expected = Counter(_key(f) for f in case["findings"])
    given = Counter(_key(f) for f in validate(case["report"], case.get("previous")))
    if expected == given:
        return None
    return Mismatch(case["name"], [json.loads(k) for k in (expected - given).elements()],
                    [json.loads(k) for k in (given - expected).elements()])


def run(validate: Validate, cases: list[dict[str, Any]] | None = None) -> list[Mismatch]:
    """Every case of the suite where ``validate`` disagrees with it (empty: the validator conforms)."""
    out = [check_case(case, validate) for case in (suite()["cases"] if cases is None else cases)]
    return [m for m in out if m is not None]


def zfxxgk_validate() -> Validate:
    """This package's validator, in the shape ``run`` takes."""
    from zfxxgk.pipeline import shared_validator

    validator = shared_validator()
    return lambda report, previous: (f.to_dict() for f in validator.iter_findings(report, previous))


def main() -> int:
    """``python -m zfxxgk.conformance``: run this package's validator against the suite it ships."""
    mismatches = run(zfxxgk_validate())
    for mismatch in mismatches:
        print(mismatch)
    print(f"{len(suite()['cases']) - len(mismatches)} of {len(suite()['cases'])} cases pass")
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
