"""The registered check functions: plausibility checks and the text-versus-table patterns."""

from __future__ import annotations

import re
from typing import Any

import pytest

from zfxxgk import pointers
from zfxxgk.catalog import catalog, rule
from zfxxgk.layout import layout
from zfxxgk.validate.checks import CHECKS, STAGES, STATED_COUNT, Facts
from zfxxgk.validate.codes import division_code_problem, uscc_check_char
from zfxxgk.validate.findings import Finding


def test_every_check_the_catalog_names_is_registered_and_every_registered_check_is_used() -> None:
    named = {r.check for r in catalog() if r.check is not None}
    assert {r.code for r in catalog() if r.kind in ("check", "text_vs_table") and r.check is None} == set()
    assert named == set(CHECKS) | set(STAGES)


def _text_findings(doc: dict[str, Any]) -> list[Finding]:
    """T101 over a partial report: the overview and the cells its checks read."""
    t101 = rule("T101")
    cells = [p for c in t101.data["checks"] for p in c["cells"]]
    check = CHECKS["numbers_in_text"](t101, layout("2021"))
    facts = Facts(vector=tuple(pointers.resolve(doc, p, None) for p in cells), total=None, amounts=(),
                  fields={"/overview": doc["overview"]}, count_index={p: i for i, p in enumerate(cells)},
                  amount_index={})
    return list(check(facts))


def test_every_declared_text_pattern_needs_a_count_with_its_unit() -> None:
    """The quick gate of the numbers_in_text check is sound only if every pattern captures digits then 件 or 起."""
    for check in rule("T101").data["checks"]:
        for pattern in check["patterns"]:
            assert re.search(r"\(\\d\+\)\\s\*(件|\(\?:起\|件\))", pattern), pattern


@pytest.mark.parametrize(("text", "stated"), [
    ("全年共收到政府信息公开申请286件，", 286),
    ("本年度新收到各类政府信息公开申请共１２件。", 12),
    ("共收到12件政府信息公开申请", 12),
])
def test_stated_request_counts_are_found(text: str, stated: int) -> None:
    assert STATED_COUNT.search(text)
    doc = {"overview": text, "table3": {"new_requests": {"total": stated + 1}, "carried_forward": {"total": 0}},
           "table4": {k: {"total": 0} for k in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")}}
    findings = _text_findings(doc)
    assert [(f.reported, f.computed) for f in findings] == [(stated, stated + 1)]


def test_unrelated_numbers_are_not_read_as_requests() -> None:
    doc = {"overview": "2021年共收到网民留言2条，发布信息56条。",
           "table3": {"new_requests": {"total": 1}, "carried_forward": {"total": 0}},
           "table4": {k: {"total": 0} for k in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")}}
    assert _text_findings(doc) == []


def test_uscc_check_character_matches_gb32100_examples() -> None:
    # Published codes of real bodies (their check characters are part of the public record).
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert uscc_check_char("11330100002489758") == "W"


@pytest.mark.parametrize(("code", "ok"), [("330100", True), ("330106001", True), ("330106001002", True),
                                         ("990100", False), ("3301", False), ("330000001", False)])
def test_division_code_shapes(code: str, ok: bool) -> None:
    assert (division_code_problem(code) is None) == ok
