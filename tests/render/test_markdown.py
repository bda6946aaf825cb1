"""Markdown: headings, paragraphs and pipe tables with flattened labels."""

from __future__ import annotations

import pytest

from tests.conftest import VALID, load
from tests.render.support import (
    APPLICANTS, CORNER, SECTION_HEADINGS, SUBTABLES, TABLE3_ROWS, TABLE_HEADINGS, distinct_report,
    expected_text, read_pipe_tables,
)
from zfxxgk.layout import layout
from zfxxgk.render import render

REPORTS = [distinct_report("2021"), distinct_report("2019"), *(load(p) for p in VALID)]
IDS = ["distinct-2021", "distinct-2019", *(p.stem for p in VALID)]


def _sections(md: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current: list[str] = []
    for line in md.split("\n"):
        if line.startswith("## "):
            current = out.setdefault(line[3:], [])
        else:
            current.append(line)
    return out


def test_headings_and_escaped_paragraphs() -> None:
    md = render(distinct_report(), "md")
    assert md.startswith("# 测试<市>&局2021年政府信息公开工作年度报告\n")
    sections = _sections(md)
    assert list(sections) == list(SECTION_HEADINGS)
    paragraphs = [line for line in sections["一、总体情况"] if line]
    assert paragraphs == ["第一段 a<b & c|d", "\\# 不是标题", "第三段\t带制表符"]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_pipe_tables(report: dict) -> None:
    sections = _sections(render(report, "md"))
    edition = report["edition"]
    subtables = [title for title, _, _ in SUBTABLES[edition]]
    t2 = read_pipe_tables(sections[TABLE_HEADINGS["table2"]])
    assert [len(t) - 1 for t in t2] == [items for _, items, _ in SUBTABLES[edition]]
    assert [len(t[0]) for t in t2] == [1 + cols for _, _, cols in SUBTABLES[edition]]
    assert [line[2:-2] for line in sections[TABLE_HEADINGS["table2"]] if line.startswith("**")] == subtables
    (t3,) = read_pipe_tables(sections[TABLE_HEADINGS["table3"]])
    assert len(t3) == 1 + TABLE3_ROWS[edition] and all(len(row) == 8 for row in t3)
    assert t3[0][0] == CORNER
    assert t3[0][2] == f"{APPLICANTS} / 法人或其他组织 / 商业企业"
    (t4,) = read_pipe_tables(sections[TABLE_HEADINGS["table4"]])
    assert len(t4) == 2 and len(t4[0]) == 15
    assert t4[0][5] == "行政诉讼 / 未经复议直接起诉 / 结果维持"

    for cell in layout(edition).cells:
        value = expected_text(report, cell)
        label = cell.title_path[-1]
        if cell.table == "table2":
            table = t2[subtables.index(cell.title_path[1])]
            row = next(r for r in table[1:] if r[0] == cell.title_path[2])
            assert row[table[0].index(label)] == value, cell.pointer
        elif cell.table == "table3":
            row = next(r for r in t3[1:] if r[0] == " / ".join(cell.title_path[1:-1]))
            col = [c for c, h in enumerate(t3[0]) if h.split(" / ")[-1] == label]
            assert row[col[0]] == value, cell.pointer
        else:
            header = [h for h in t4[0] if h.endswith(f"{cell.title_path[1]} / {label}")]
            assert t4[1][t4[0].index(header[0])] == value, cell.pointer
