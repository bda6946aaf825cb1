"""The template as a user meets it: the official tables with their labels verbatim, labels locked,
input cells open and validated, and every identity of the catalog as a live check."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
import yaml

from zfxxgk.layout import EDITIONS, layout
from zfxxgk.resources import rules_catalog
from zfxxgk.xlsx import formulas, write_workbook
from zfxxgk.xlsx.positions import CHECKS_SHEET, METADATA_SHEET, workbook_layout

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module", params=EDITIONS)
def template(request: pytest.FixtureRequest) -> tuple[str, openpyxl.Workbook]:
    return request.param, openpyxl.load_workbook(io.BytesIO(write_workbook(request.param)))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (_strings(k) + _strings(v))]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def _texts(ws: openpyxl.worksheet.worksheet.Worksheet) -> set[str]:
    return {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}


def test_every_official_label_is_printed_verbatim(template: tuple[str, openpyxl.Workbook]) -> None:
    """Against the labels transcribed from the official format, independently of the schema."""
    edition, wb = template
    spec = yaml.safe_load((DATA / f"official_labels_{edition}.yaml").read_text(encoding="utf-8"))
    book = workbook_layout(edition)
    for table in book.tables:
        name = table.table.name
        texts = _texts(wb[table.name])
        spec_part = [v for k, v in spec.items() if k.startswith(name)]  # 2019: table3_rows, table3_other_handling
        expected = [s for s in _strings(spec_part) if s not in ("columns", "rows", "column_group")]
        assert expected or name == "table4", name
        assert table.table.title in texts
        missing = [s for s in expected if s not in texts and not re.fullmatch(r"[a-z_]+", s)]
        assert not missing, (name, missing)


def test_merged_cells_are_those_of_the_official_grid(template: tuple[str, openpyxl.Workbook]) -> None:
    edition, wb = template
    for table in workbook_layout(edition).tables:
        merged = {str(r) for r in wb[table.name].merged_cells.ranges}
        for g in table.grid.cells:
            if g.role != "value" and (g.rowspan > 1 or g.colspan > 1):
                top, left = 2 + g.row, 1 + g.col
                ref = f"{openpyxl.utils.get_column_letter(left)}{top}:" \
                      f"{openpyxl.utils.get_column_letter(left + g.colspan - 1)}{top + g.rowspan - 1}"
                assert ref in merged, (table.name, g.text, ref)


def test_labels_are_locked_inputs_open_without_a_password(template: tuple[str, openpyxl.Workbook]) -> None:
    edition, wb = template
    book = workbook_layout(edition)
    for ws in wb.worksheets:
        assert ws.protection.sheet and not ws.protection.password
    for table in book.tables:
        ws = wb[table.name]
        for p in table.printed:
            assert ws.cell(p.place.row, p.place.col).protection.locked
        for inp in table.inputs:
            cell = ws.cell(inp.place.row, inp.place.col)
            assert not cell.protection.locked and cell.value is None
    meta = wb[METADATA_SHEET]
    for field, place in book.fields:
        locked = meta.cell(place.row, place.col).protection.locked
        assert locked == (field.name in ("edition", "schema_version")), field.name
    assert meta.cell(book.fields[0][1].row, 2).value == edition


def _validation_of(ws: openpyxl.worksheet.worksheet.Worksheet, coordinate: str) -> object:
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, coordinate
    return found[0]


def test_inputs_are_validated_as_their_cells(template: tuple[str, openpyxl.Workbook]) -> None:
    edition, wb = template
    for table in workbook_layout(edition).tables:
        ws = wb[table.name]
        for inp in table.inputs:
            dv = _validation_of(ws, inp.place.coordinate)
            assert dv.allow_blank and dv.showErrorMessage  # blank allowed: not reported is not 0
            if inp.is_unit:
                assert dv.type == "list" and dv.formula1 == '"元,万元"'
            elif inp.cell.is_amount:
                assert dv.type == "custom" and ">=0" in dv.formula1
                assert ws.cell(inp.place.row, inp.place.col).number_format == "@"  # kept as typed
            elif inp.cell.signed:
                assert dv.type == "whole" and dv.operator == "between" and int(dv.formula1) < 0
            else:
                assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    signed = [i for t in workbook_layout(edition).tables for i in t.inputs if i.cell.signed and not i.is_unit]
    assert bool(signed) == (edition == "2019")  # 本年增/减


def test_one_check_per_identity_instance_of_the_catalog(template: tuple[str, openpyxl.Workbook]) -> None:
    edition, wb = template
    ws = wb[CHECKS_SHEET]
    expected = [(r["code"], i["label_zh"]) for r in rules_catalog()["rules"] if r["kind"] == "identity"
                for i in r["instances"] if i["edition"] == edition
                and all(t["document"] == "current" for t in i["lhs"] + i["rhs"])]
    rows = [(ws.cell(r, 1).value, ws.cell(r, 3).value) for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert rows == expected


ALLOWED = {"IF", "COUNT", "COUNTIF", "OR", "AND", "ISNUMBER"}  # in Excel, WPS and LibreOffice alike


def test_formulas_use_only_functions_every_spreadsheet_has(template: tuple[str, openpyxl.Workbook]) -> None:
    edition, wb = template
    used: set[str] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    used |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", re.sub(r'"[^"]*"', "", cell.value)))
        for area in ws.conditional_formatting:
            for rule in area.rules:
                used |= {f for text in rule.formula for f in re.findall(r"([A-Z][A-Z0-9.]*)\(", text)}
        for dv in ws.data_validations.dataValidation:
            used |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", dv.formula1 or ""))
    assert used and used <= ALLOWED, used - ALLOWED


def test_every_operand_of_a_check_turns_red_with_it(template: tuple[str, openpyxl.Workbook]) -> None:
    edition, wb = template
    book = workbook_layout(edition)
    for table in book.tables:
        ruled = {str(area.sqref) for area in wb[table.name].conditional_formatting}
        for inp in table.inputs:
            involved = any(inp.pointer in formulas.operands(c) for c in book.checks)
            assert (inp.place.coordinate in ruled) == involved, inp.place.ref


def test_every_cell_of_the_layout_has_one_input(template: tuple[str, openpyxl.Workbook]) -> None:
    edition, _ = template
    book = workbook_layout(edition)
    cells = [i.pointer for t in book.tables for i in t.inputs if not i.is_unit]
    assert sorted(cells) == sorted(c.pointer for c in layout(edition).cells)
    places = [i.place for t in book.tables for i in t.inputs]
    assert len(set(places)) == len(places)


def test_a_report_text_starting_with_equals_stays_text() -> None:
    from zfxxgk.testing import random_report
    import random

    report = random_report(random.Random(0))
    report["agency_name"] = "=HYPERLINK(\"http://x\")"
    wb = openpyxl.load_workbook(io.BytesIO(write_workbook("2021", report)))
    place = dict((f.name, p) for f, p in workbook_layout("2021").fields)["agency_name"]
    cell = wb[METADATA_SHEET].cell(place.row, place.col)
    assert cell.data_type == "s" and cell.value == report["agency_name"]
