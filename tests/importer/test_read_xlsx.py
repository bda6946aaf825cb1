"""Reading workbooks: a filled template cell by cell, any workbook in the official layout row by row;
every log entry and every finding cites the sheet and cell."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zfxxgk import pointers
from zfxxgk.cli import app
from zfxxgk.errors import InputError
from zfxxgk.importer import parse_bytes, parse_path
from zfxxgk.importer.parse import sniff
from zfxxgk.layout import layout
from zfxxgk.render import render
from zfxxgk.render.document import build_document
from zfxxgk.testing import random_report, reports
from zfxxgk.xlsx import write_workbook
from zfxxgk.xlsx.positions import METADATA_SHEET, workbook_layout


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), edition=st.sampled_from(["2021", "2019"]))
def test_render_to_xlsx_and_parse_gives_the_report_back(data: st.DataObject, edition: str) -> None:
    report = data.draw(reports(edition))
    cells = [c for c in layout(edition).cells]
    blanked = data.draw(st.sets(st.sampled_from(cells), max_size=4))
    for cell in blanked:  # blank (unknown) and 0 must stay apart
        pointers.assign(report, cell.pointer, None)
        if cell.unit_pointer:
            pointers.assign(report, cell.unit_pointer, None)
    result = parse_bytes(render(report, "xlsx"), "r.xlsx")  # type: ignore[arg-type]
    assert result.report == report
    assert result.format == "xlsx"
    places = workbook_layout(edition).places
    blanks = {(e.pointer, e.where) for e in result.log if e.kind == "blank"}
    expected = {(c.pointer, places[c.pointer].ref) for c in blanked}
    expected |= {(c.unit_pointer, places[c.unit_pointer].ref) for c in blanked if c.unit_pointer}
    assert blanks == expected
    assert all(e.kind == "blank" for e in result.log)


def _filled(edition: str = "2021", seed: int = 0) -> tuple[dict, openpyxl.Workbook]:
    report = random_report(random.Random(seed), edition)
    return report, openpyxl.load_workbook(io.BytesIO(write_workbook(edition, report)))


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def _set(wb: openpyxl.Workbook, pointer: str, value: object, edition: str = "2021") -> str:
    place = workbook_layout(edition).places[pointer]
    wb[place.sheet].cell(place.row, place.col).value = value
    return place.ref


def test_what_a_user_types_is_read_as_the_cell_allows(tmp_path: Path) -> None:
    report, wb = _filled()
    typed_text = _set(wb, "/table3/new_requests/natural_person", " 12 ")
    wrong = _set(wb, "/table3/new_requests/commercial_enterprise", "十二")
    negative = _set(wb, "/table3/new_requests/research_institution", -4)
    whole_float = _set(wb, "/table3/new_requests/other", 7.0)
    dash = _set(wb, "/table4/reconsideration/upheld", "—")
    fee_number = _set(wb, "/table2/article20_item8/fees/amount", 12.5)
    result = parse_path(_save(wb, tmp_path / "typed.xlsx"))
    get = lambda p: pointers.resolve(result.report, p)  # noqa: E731
    assert get("/table3/new_requests/natural_person") == 12
    assert get("/table3/new_requests/other") == 7
    assert get("/table3/new_requests/commercial_enterprise") is None
    assert get("/table3/new_requests/research_institution") is None
    assert get("/table4/reconsideration/upheld") is None
    assert get("/table2/article20_item8/fees/amount") == "12.5"
    by_where = {e.where: e for e in result.log}
    assert by_where[wrong].code == "P703" and by_where[wrong].raw == "十二"
    assert by_where[negative].code == "P703" and by_where[negative].raw == "-4"
    assert by_where[dash].code == "P201" and by_where[dash].raw == "—"
    assert typed_text not in by_where and whole_float not in by_where and fee_number not in by_where


def test_a_fee_typed_as_text_keeps_its_last_zero_and_a_2019_change_may_be_negative(tmp_path: Path) -> None:
    _, wb = _filled("2019", 3)
    _set(wb, "/table2/article20_item5/licensing/change", -3, "2019")
    _set(wb, "/table2/article20_item9/procurement/total_amount", "73802895.90", "2019")
    _set(wb, "/table2/article20_item9/procurement/total_amount_unit", "元", "2019")
    result = parse_path(_save(wb, tmp_path / "y2019.xlsx"))
    assert pointers.resolve(result.report, "/table2/article20_item5/licensing/change") == -3
    assert pointers.resolve(result.report, "/table2/article20_item9/procurement/total_amount") == "73802895.90"
    assert pointers.resolve(result.report, "/table2/article20_item9/procurement/total_amount_unit") == "元"
    assert not result.log


def test_a_formula_without_a_computed_value_is_left_null_and_said(tmp_path: Path) -> None:
    _, wb = _filled()
    where = _set(wb, "/table3/new_requests/total", "=SUM(D5:I5)")
    result = parse_path(_save(wb, tmp_path / "formula.xlsx"))
    assert pointers.resolve(result.report, "/table3/new_requests/total") is None
    entry = next(e for e in result.log if e.where == where)
    assert entry.code == "P703" and entry.raw == "=SUM(D5:I5)"


def test_blank_metadata_is_said_with_its_cell(tmp_path: Path) -> None:
    _, wb = _filled()
    places = {f.name: p for f, p in workbook_layout("2021").fields}
    wb[METADATA_SHEET].cell(places["agency_name"].row, 2).value = None
    wb[METADATA_SHEET].cell(places["overview"].row, 2).value = None
    result = parse_path(_save(wb, tmp_path / "meta.xlsx"))
    assert result.report["agency_name"] is None and result.report["overview"] == ""
    codes = {e.where: e.code for e in result.log}
    assert codes[places["agency_name"].ref] == "P502" and codes[places["overview"].ref] == "P701"


def test_validate_cites_the_cells_of_a_broken_identity(tmp_path: Path) -> None:
    report, wb = _filled()
    value = pointers.resolve(report, "/table3/results/total/total")
    where = _set(wb, "/table3/results/total/total", value + 1)
    path = _save(wb, tmp_path / "broken.xlsx")
    runner = CliRunner()
    out = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert out.exit_code == 1, out.output
    findings = json.loads(out.stdout)["results"][0]["findings"]
    broken = [f for f in findings if f["code"] in ("E301", "E302", "E303")]
    assert {f["code"] for f in broken} == {"E301", "E302", "E303"}
    assert all(where in f["where"].split(", ") for f in broken)
    text = runner.invoke(app, ["validate", str(path), "--lang", "zh", "--no-tables"])
    assert where in text.stdout


def _pasted(report: dict, offset: int = 2) -> bytes:
    """A report pasted into one sheet in the official layout, as an agency might keep it."""
    doc = build_document(report)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    r = 2
    ws.cell(r, offset, doc.title)
    r += 2
    for section in doc.sections:
        ws.cell(r, offset, section.heading)
        r += 1
        for paragraph in section.paragraphs:
            ws.cell(r, offset, paragraph)
            r += 1
        if section.table:
            for c in section.table.cells:
                value = int(c.text) if c.role == "value" and c.text.isdigit() else c.text
                ws.cell(r + c.row, offset + c.col, value)
                if c.rowspan > 1 or c.colspan > 1:
                    ws.merge_cells(start_row=r + c.row, start_column=offset + c.col,
                                   end_row=r + c.row + c.rowspan - 1, end_column=offset + c.col + c.colspan - 1)
            r += section.table.n_rows + 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_any_workbook_in_the_official_layout_is_read(edition: str) -> None:
    report = random_report(random.Random(11), edition)
    result = parse_bytes(_pasted(report), "pasted.xlsx")
    for table in ("table2", "table3", "table4"):
        assert result.report[table] == report[table]
    assert result.report["agency_name"] == report["agency_name"]
    # Rows read whole map each value to its own cell of the sheet.
    three = [c.pointer for c in layout(edition).table("table3").cells()]
    assert all(result.cells[p].startswith("汇总!") for p in three)
    assert len({result.cells[p] for p in three}) == len(three)


def test_a_pasted_blank_is_logged_at_its_cell() -> None:
    report = random_report(random.Random(12))
    pointers.assign(report, "/table3/carried_forward/other", None)
    result = parse_bytes(_pasted(report), "pasted.xlsx")
    assert pointers.resolve(result.report, "/table3/carried_forward/other") is None
    entry = next(e for e in result.log if e.pointer == "/table3/carried_forward/other")
    assert entry.kind == "blank" and entry.where.startswith("汇总!") and ":" not in entry.where


def test_a_workbook_is_told_from_a_word_file() -> None:
    assert sniff(render(random_report(random.Random(0)), "xlsx")) == "xlsx"  # type: ignore[arg-type]
    assert sniff(render(random_report(random.Random(0)), "docx")) == "docx"  # type: ignore[arg-type]


def test_bad_workbooks_are_clear_errors(tmp_path: Path) -> None:
    not_zip = tmp_path / "old.xlsx"
    not_zip.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls")
    with pytest.raises(InputError, match="old .xls"):
        parse_path(not_zip)
    word = tmp_path / "word.xlsx"
    word.write_bytes(render(random_report(random.Random(0)), "docx"))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="not a readable Excel"):
        parse_path(word)
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(InputError):
        parse_path(empty)
    out = CliRunner().invoke(app, ["validate", str(not_zip), str(word), str(empty), "--format", "jsonl"])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert [json.loads(line)["findings"][0]["code"] for line in out.stdout.splitlines()] == ["S001"] * 3


def test_a_template_with_a_changed_label_is_read_as_any_workbook() -> None:
    """Not a template any more (a label typed over after unprotecting the sheet): the importer reads
    the tables by their labels, the fields from their labelled rows, and says so."""
    report, wb = _filled(seed=21)
    ws = wb["表三"]
    header = next(c for row in ws.iter_rows() for c in row if c.value == "社会公益组织")
    header.value = "社会组织"  # a known variant of the label
    out = io.BytesIO()
    wb.save(out)
    result = parse_bytes(out.getvalue(), "changed.xlsx")
    assert result.report == report
    codes = {(e.code, e.pointer) for e in result.log}
    assert ("P501", "/agency_name") in codes and ("P501", "/report_year") in codes
    assert any(e.code == "P101" for e in result.log)
    assert all(e.where and "!" in e.where for e in result.log)


def test_stated_agency_and_year_win_over_the_workbook(tmp_path: Path) -> None:
    from zfxxgk.importer.metadata import Stated

    report, wb = _filled(seed=4)
    template = _save(wb, tmp_path / "t.xlsx")
    result = parse_path(template, Stated(agency="某某县司法局", year=2023))
    assert (result.report["agency_name"], result.report["report_year"]) == ("某某县司法局", 2023)
    stated = {e.pointer: e for e in result.log if e.where == "command line"}
    assert set(stated) == {"/agency_name", "/report_year"} and all(e.code == "P501" for e in stated.values())
    assert report["agency_name"] in stated["/agency_name"].message_en  # what the workbook said
    pasted = parse_bytes(_pasted(report), "p.xlsx", stated=Stated(year=2023))
    assert pasted.report["report_year"] == 2023 and pasted.report["agency_name"] == report["agency_name"]
