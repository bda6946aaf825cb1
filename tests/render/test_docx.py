"""Word: the file opens with python-docx, with headings, paragraphs and real merged table cells."""

from __future__ import annotations

import pytest

from tests.conftest import VALID, load
from tests.render.support import (
    SECTION_HEADINGS, TABLE_HEADINGS, distinct_report, expected_text, locate, read_docx_tables,
    read_html_tables, shapes,
)
from zfxxgk.layout import layout
from zfxxgk.render import render

pytest.importorskip("docx")

REPORTS = [distinct_report("2021"), distinct_report("2019"), *(load(p) for p in VALID)]
IDS = ["distinct-2021", "distinct-2019", *(p.stem for p in VALID)]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_docx_opens_with_title_headings_and_three_tables(report: dict) -> None:
    document, tables = read_docx_tables(render(report, "docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    title = f"{report['agency_name']}{report['report_year']}年政府信息公开工作年度报告"
    assert headings == [title, *SECTION_HEADINGS]
    expected = shapes(report["edition"])
    assert [t.shape for t in tables] == [expected["table2"], expected["table3"], expected["table4"]]
    assert [(len(t.rows), len(t.columns)) for t in document.tables] == [t.shape for t in tables]


def test_docx_paragraphs() -> None:
    document, _ = read_docx_tables(render(distinct_report(), "docx"))
    body = [p.text for p in document.paragraphs if p.style.name == "Normal" and p.text]
    assert body == ["第一段 a<b & c|d", "# 不是标题", "第三段\t带制表符", "一是……", "二是……", "无"]


def test_docx_merged_cells_match_the_html_spans() -> None:
    report = distinct_report()
    _, tables = read_docx_tables(render(report, "docx"))
    html = read_html_tables(render(report, "html"))
    for name, table in zip(("table2", "table3", "table4"), tables, strict=True):
        assert table.spans() == html[TABLE_HEADINGS[name]].spans(), name
    # A few merges written out, so a shared mistake in both formats still fails.
    t3 = {(a.row, a.col): (a.rowspan, a.colspan) for a in tables[1].anchors}
    assert t3[(0, 0)] == (3, 3) and t3[(0, 3)] == (1, 7) and t3[(1, 4)] == (1, 5)
    assert t3[(5, 0)] == (22, 1) and t3[(7, 1)] == (8, 1) and t3[(5, 1)] == (1, 2)
    t4 = {(a.row, a.col): (a.rowspan, a.colspan) for a in tables[2].anchors}
    assert t4[(0, 0)] == (2, 5) and t4[(0, 5)] == (1, 10)


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_docx_values_in_place(report: dict) -> None:
    _, tables = read_docx_tables(render(report, "docx"))
    by_name = dict(zip(("table2", "table3", "table4"), tables, strict=True))
    for cell in layout(report["edition"]).cells:
        table = by_name[cell.table]
        r, c = locate(table, cell.table, cell)
        assert table.texts[r][c] == expected_text(report, cell), cell.pointer
