"""Conversion of the comparable part of a 2019-edition report to the 2021 edition."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings

from tests.conftest import EXAMPLES, load
from tests.test_cli import run
from zfxxgk import pointers
from zfxxgk.editions import comparable_cells, convert
from zfxxgk.layout import layout
from zfxxgk.testing import reports
from zfxxgk.validate import Validator

VALIDATOR = Validator()
REPORT_2020 = EXAMPLES / "valid" / "land-bureau-lawsuits-2020.json"


def test_tables_3_and_4_are_comparable_except_other_handling() -> None:
    mapping = comparable_cells("2019")
    for cell in layout("2019").cells:
        if cell.table in ("table3", "table4") and "/other_handling/" not in cell.pointer:
            assert mapping[cell.pointer] == cell.pointer
    assert all(v is None for p, v in mapping.items() if p.startswith("/table3/results/other_handling/"))


def test_table2_only_where_the_meaning_is_the_same() -> None:
    carried = {p: v for p, v in comparable_cells("2019").items() if p.startswith("/table2/") and v}
    assert carried == {
        "/table2/article20_item1/rules/newly_made": "/table2/article20_item1/rules/issued",
        "/table2/article20_item1/normative_documents/newly_made": "/table2/article20_item1/normative_documents/issued",
        "/table2/article20_item5/licensing/decisions": "/table2/article20_item5/licensing/decisions",
        "/table2/article20_item6/penalty/decisions": "/table2/article20_item6/penalty/decisions",
        "/table2/article20_item6/coercion/decisions": "/table2/article20_item6/coercion/decisions",
    }


def test_converting_the_2020_example() -> None:
    source = load(REPORT_2020)
    result = convert(source, "2021")
    assert result.report["edition"] == "2021" and result.report["agency_name"] == source["agency_name"]
    assert VALIDATOR.validate(result.report).valid
    left = {n["pointer"]: n for n in result.not_carried}
    assert left["/table3/results/other_handling/total"]["value"] == 8
    assert left["/table2/article20_item9/procurement/total_amount"] == {
        "pointer": "/table2/article20_item9/procurement/total_amount",
        "label": "二、主动公开政府信息情况 / 第二十条第（九）项 / 政府集中采购 / 采购总金额",
        "value": "73802895.90", "unit": "元"}
    assert result.report["table3"]["results"]["other_handling"]["other"]["total"] is None


@settings(max_examples=30, deadline=None)
@given(reports("2019"))
def test_conversion_copies_exactly_the_comparable_cells(report: dict) -> None:
    result = convert(report, "2021")
    assert not [f for f in VALIDATOR.iter_findings(result.report) if f.code == "S002"]
    for source, target in result.carried:
        assert pointers.resolve(result.report, target) == pointers.resolve(report, source)
    for pointer in result.unfilled:
        assert pointers.resolve(result.report, pointer) is None
    assert len(result.carried) + len(result.not_carried) == len(layout("2019").cells)


def test_convert_command(tmp_path: Path) -> None:
    out, notes = tmp_path / "out.json", tmp_path / "notes.json"
    code, text = run("convert", str(REPORT_2020), "--to-edition", "2021", "-o", str(out), "--notes", str(notes),
                     "--lang", "en")
    assert code == 0
    assert "not carried" in text and "采购总金额" in text
    assert json.loads(out.read_text(encoding="utf-8"))["edition"] == "2021"
    assert len(json.loads(notes.read_text(encoding="utf-8"))["not_carried"]) == 24
    assert run("convert", str(REPORT_2020), "--to-edition", "2019")[0] == 2
