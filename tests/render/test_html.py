"""HTML: a complete page whose tables have the official merged-cell structure and every value in place."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from tests.conftest import VALID, load
from tests.render.support import (
    APPLICANTS, CORNER, SECTION_HEADINGS, TABLE_HEADINGS, distinct_report, expected_text, locate,
    read_html_tables, shapes,
)
from zfxxgk.layout import layout
from zfxxgk.render import render

REPORTS = [distinct_report("2021"), distinct_report("2019"), *(load(p) for p in VALID)]
IDS = ["distinct-2021", "distinct-2019", *(p.stem for p in VALID)]


def test_page_is_a_complete_utf8_document() -> None:
    page = render(distinct_report(), "html")
    assert page.startswith("<!DOCTYPE html>")
    tree = lxml_html.fromstring(page.encode("utf-8"))
    assert tree.find(".//meta").get("charset") == "utf-8"
    assert tree.find(".//h1").text_content() == "测试<市>&局2021年政府信息公开工作年度报告"
    assert [h.text_content() for h in tree.iter("h2")] == list(SECTION_HEADINGS)


def test_free_text_is_escaped_paragraphs() -> None:
    tree = lxml_html.fromstring(render(distinct_report(), "html").encode("utf-8"))
    paragraphs = [p.text_content() for p in tree.iter("p")]
    assert paragraphs[:3] == ["第一段 a<b & c|d", "# 不是标题", "第三段\t带制表符"]
    assert paragraphs[3:] == ["一是……", "二是……", "无"]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_tables_have_official_shape(report: dict) -> None:
    tables = read_html_tables(render(report, "html"))
    assert set(tables) == set(TABLE_HEADINGS.values())
    for name, heading in TABLE_HEADINGS.items():
        assert tables[heading].shape == shapes(report["edition"])[name]


def test_table3_header_and_label_spans() -> None:
    t3 = read_html_tables(render(distinct_report(), "html"))[TABLE_HEADINGS["table3"]]
    spans = t3.spans()
    assert (0, 0, CORNER, 3, 3) in spans
    assert (0, 3, APPLICANTS, 1, 7) in spans
    assert (1, 3, "自然人", 2, 1) in spans
    assert (1, 4, "法人或其他组织", 1, 5) in spans
    assert (1, 9, "总计", 2, 1) in spans
    assert [t3.anchor(2, c).text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    # 25 data rows, each with seven values.
    data_rows = range(3, 28)
    assert len(data_rows) == 25
    assert all(len([a for a in t3.anchors if a.row == r and a.col >= 3]) == 7 for r in data_rows)
    # Label columns: top-level rows span all three; 三 spans its 22 result rows; groups span their items.
    assert (3, 0, "一、本年新收政府信息公开申请数量", 1, 3) in spans
    assert (4, 0, "二、上年结转政府信息公开申请数量", 1, 3) in spans
    assert (5, 0, "三、本年度办理结果", 22, 1) in spans
    assert (27, 0, "四、结转下年度继续办理", 1, 3) in spans
    assert (5, 1, "（一）予以公开", 1, 2) in spans
    assert (6, 1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2) in spans
    assert (7, 1, "（三）不予公开", 8, 1) in spans
    assert (15, 1, "（四）无法提供", 3, 1) in spans
    assert (18, 1, "（五）不予处理", 5, 1) in spans
    assert (23, 1, "（六）其他处理", 3, 1) in spans
    assert (26, 1, "（七）总计", 1, 2) in spans
    assert (7, 2, "1.属于国家秘密", 1, 1) in spans
    assert (25, 2, "3.其他", 1, 1) in spans


def test_table4_header_spans() -> None:
    t4 = read_html_tables(render(distinct_report(), "html"))[TABLE_HEADINGS["table4"]]
    spans = t4.spans()
    assert (0, 0, "行政复议", 2, 5) in spans
    assert (0, 5, "行政诉讼", 1, 10) in spans
    assert (1, 5, "未经复议直接起诉", 1, 5) in spans
    assert (1, 10, "复议后起诉", 1, 5) in spans
    assert t4.texts[2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    assert len([a for a in t4.anchors if a.row == 3]) == 15


def test_table2_subtables() -> None:
    t2 = read_html_tables(render(distinct_report(), "html"))[TABLE_HEADINGS["table2"]]
    spans = t2.spans()
    for row, title in [(0, "第二十条第（一）项"), (4, "第二十条第（五）项"), (7, "第二十条第（六）项"), (11, "第二十条第（八）项")]:
        assert (row, 0, title, 1, 4) in spans
        assert t2.texts[row + 1][0] == "信息内容"
    assert t2.texts[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert (5, 1, "本年处理决定数量", 1, 3) in spans
    assert (12, 1, "本年收费金额（单位：万元）", 1, 3) in spans


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_every_value_is_in_its_row_and_column(report: dict) -> None:
    tables = read_html_tables(render(report, "html"))
    for cell in layout(report["edition"]).cells:
        table = tables[TABLE_HEADINGS[cell.table]]
        r, c = locate(table, cell.table, cell)
        assert table.texts[r][c] == expected_text(report, cell), cell.pointer


def test_value_cells_carry_their_pointer() -> None:
    report = distinct_report()
    tree = lxml_html.fromstring(render(report, "html").encode("utf-8"))
    tds = tree.xpath("//td[@data-pointer]")
    lay = layout("2021")
    assert len(tds) == len(lay.cells)
    for td in tds:
        assert td.text_content() == expected_text(report, lay.by_pointer[td.get("data-pointer")])


def test_2019_edition_layout() -> None:
    """The 2019 form (docs/format/2019.md): five sub-tables, （六）其他处理 without items, a unit per amount."""
    report = distinct_report("2019")
    report["table2"]["article20_item9"]["procurement"]["total_amount_unit"] = "万元"
    tables = read_html_tables(render(report, "html"))
    t2 = tables[TABLE_HEADINGS["table2"]]
    assert (15, 0, "第二十条第（九）项", 1, 4) in t2.spans()
    assert t2.texts[13] == ["信息内容", "上一年项目数量", "本年增/减", "本年增/减"]
    assert t2.texts[16] == ["信息内容", "采购项目数量", "采购总金额", "采购总金额"]
    assert t2.anchor(17, 2).text == "24252.311082万元" and t2.anchor(17, 2).colspan == 2
    t3 = tables[TABLE_HEADINGS["table3"]]
    spans = t3.spans()
    assert (5, 0, "三、本年度办理结果", 20, 1) in spans
    assert (23, 1, "（六）其他处理", 1, 2) in spans
    assert (24, 1, "（七）总计", 1, 2) in spans
