"""A second edition renders without code changes: a 2019-like layout built by editing the 2021 one.

The 2019 edition (docs/format/2019.md) has （六）其他处理 as one row with no sub-items, and a
two-column sub-table (九) in table 2. Both are made here from the 2021 layout, so the renderer has to
follow the layout it is given rather than a shape it knows.
"""

from __future__ import annotations

from dataclasses import replace

from tests.render.support import read_html_tables, read_text_sections
from zfxxgk import pointers
from zfxxgk.layout import Cell, Layout, Node, layout
from zfxxgk.render.document import build_document
from zfxxgk.render.html import render_html
from zfxxgk.render.text import render_text


def _as_row(group: Node) -> Node:
    """The group turned into a row of its own, with the columns of its first item."""
    cells = tuple(
        replace(c, pointer=f"{group.pointer}/{c.name}", title_path=(*c.title_path[:-2], c.title_path[-1]))
        for c in group.rows()[0].cells()
    )
    return replace(group, children=cells)


def _purchasing(table2: Node) -> Node:
    """Sub-table 第二十条第（九）项 with one row 政府集中采购 and two columns."""
    pointer = "/table2/article20_item9"
    path = (table2.title, "第二十条第（九）项", "政府集中采购")
    cells = tuple(
        Cell(pointer=f"{pointer}/purchasing/{name}", name=name, title_path=(*path, title), aliases=(),
             table="table2", is_amount=False, nullable=True)
        for name, title in (("projects", "采购项目数量"), ("amount", "采购总金额"))
    )
    row = Node(pointer=f"{pointer}/purchasing", name="purchasing", title="政府集中采购", aliases=(),
               cls="Purchasing", children=cells)
    return Node(pointer=pointer, name="article20_item9", title="第二十条第（九）项", aliases=(),
                cls="GovernmentPurchasing", children=(row,))


def _edition_2019_like() -> Layout:
    lay = layout("2021")
    table2, table3, table4 = lay.tables
    results = next(c for c in table3.children if isinstance(c, Node) and c.name == "results")
    new_results = replace(results, children=tuple(
        _as_row(c) if isinstance(c, Node) and c.name == "other_handling" else c for c in results.children
    ))
    new_table3 = replace(table3, children=tuple(new_results if c is results else c for c in table3.children))
    new_table2 = replace(table2, children=(*table2.children, _purchasing(table2)))
    tables = (new_table2, new_table3, table4)
    cells = tuple(c for t in tables for c in t.cells())
    return replace(lay, edition="2019", tables=tables, cells=cells, by_pointer={c.pointer: c for c in cells})


def test_layout_of_another_edition_renders() -> None:
    lay = _edition_2019_like()
    report = lay.blank_document(agency_name="某局", report_year=2020, overview="概述",
                                problems_and_improvements="问题", other_matters="无")
    for i, cell in enumerate(lay.cells):
        pointers.assign(report, cell.pointer, i)
    document = build_document(report, lay)
    tables = read_html_tables(render_html(document))

    t3 = tables["三、收到和处理政府信息公开申请情况"]
    assert t3.shape == (3 + 23, 10)
    spans = t3.spans()
    assert (5, 0, "三、本年度办理结果", 20, 1) in spans
    assert (23, 1, "（六）其他处理", 1, 2) in spans  # no sub-items: spans label columns 2-3
    assert t3.texts[23][3:] == [str(report["table3"]["results"]["other_handling"][c.name])
                                for c in lay.tables[1].rows()[0].cells()]

    t2 = tables["二、主动公开政府信息情况"]
    assert t2.shape == (17, 4)
    assert (14, 0, "第二十条第（九）项", 1, 4) in t2.spans()
    assert t2.texts[15] == ["信息内容", "采购项目数量", "采购总金额", "采购总金额"]
    assert (16, 2, str(report["table2"]["article20_item9"]["purchasing"]["amount"]), 1, 2) in t2.spans()

    lines = read_text_sections(render_text(document))["三、收到和处理政府信息公开申请情况"]
    assert len(lines) == 26 and all(len(line.split("\t")) == 10 for line in lines)
