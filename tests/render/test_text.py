"""Plain text: a title, headings, paragraphs, and one line per table row with one cell per column."""

from __future__ import annotations

import pytest

from tests.conftest import VALID, load
from tests.render.support import (
    SECTION_HEADINGS, TABLE_HEADINGS, distinct_report, expected_text, locate, read_html_tables,
    read_text_sections, shapes,
)
from zfxxgk.layout import layout
from zfxxgk.render import render

REPORTS = [distinct_report("2021"), distinct_report("2019"), *(load(p) for p in VALID)]
IDS = ["distinct-2021", "distinct-2019", *(p.stem for p in VALID)]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_one_line_per_row_one_cell_per_column(report: dict) -> None:
    text = render(report, "txt")
    assert text.split("\n")[0] == f"{report['agency_name']}{report['report_year']}年政府信息公开工作年度报告"
    sections = read_text_sections(text)
    assert list(sections) == list(SECTION_HEADINGS)
    for name, heading in TABLE_HEADINGS.items():
        rows, cols = shapes(report["edition"])[name]
        lines = sections[heading]
        assert len(lines) == rows, name
        assert all(len(line.split("\t")) == cols for line in lines), name
    for heading in set(SECTION_HEADINGS) - set(TABLE_HEADINGS.values()):
        assert all("\t" not in line for line in sections[heading])


def test_free_text_lines() -> None:
    sections = read_text_sections(render(distinct_report(), "txt"))
    assert sections["一、总体情况"] == ["第一段 a<b & c|d", "# 不是标题", "第三段 带制表符"]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_cells_sit_where_the_html_puts_them(report: dict) -> None:
    """Each printed cell is in its top-left column; the columns a merged cell covers are empty."""
    sections = read_text_sections(render(report, "txt"))
    html = read_html_tables(render(report, "html"))
    for name, heading in TABLE_HEADINGS.items():
        grid = [line.split("\t") for line in sections[heading]]
        expected = [[""] * len(grid[0]) for _ in grid]
        for a in html[heading].anchors:
            expected[a.row][a.col] = a.text
        assert grid == expected, name
    for cell in layout(report["edition"]).cells:
        table = html[TABLE_HEADINGS[cell.table]]
        r, c = locate(table, cell.table, cell)
        line = sections[TABLE_HEADINGS[cell.table]][r].split("\t")
        assert line[c] == expected_text(report, cell), cell.pointer


def test_sample_table3_row() -> None:
    sections = read_text_sections(render(load(VALID[0]), "txt"))
    lines = sections["三、收到和处理政府信息公开申请情况"]
    assert lines[3] == "一、本年新收政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1"
    assert lines[5] == "三、本年度办理结果\t（一）予以公开\t\t\t\t\t\t\t\t1"
    assert lines[7] == "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"
