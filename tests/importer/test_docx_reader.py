"""The Word reader: paragraphs and table rows in document order, tables laid on their grid.

Every document is made here with python-docx; no binary fixture is stored.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402

from zfxxgk.errors import InputError  # noqa: E402
from zfxxgk.importer.blocks import Block  # noqa: E402
from zfxxgk.importer.read_docx import read_docx  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


def saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text(value: str, where: str) -> Block:
    return Block("text", (value,), where)


def row(where: str, *cells: str) -> Block:
    return Block("row", cells, where)


def grid(document: Any, n_rows: int, n_cols: int, cells: list[tuple]) -> Any:
    """A table from (row, col, text[, rowspan, colspan]) anchors, merged with python-docx's own
    ``merge`` so that the file holds real ``w:gridSpan`` and ``w:vMerge`` cells.

    ``text`` may be a list: one paragraph each.
    """
    table = document.add_table(rows=n_rows, cols=n_cols)
    for r, c, value, *span in cells:
        rowspan, colspan = span or (1, 1)
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        paragraphs = value if isinstance(value, list) else [value]
        cell.text = paragraphs[0]
        for paragraph in paragraphs[1:]:
            cell.add_paragraph(paragraph)
    return table


# ---- order, paragraphs, merged cells ---------------------------------------------------------


def test_paragraphs_and_tables_interleave_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("二、主动公开政府信息情况")
    grid(document, 2, 2, [(0, 0, "信息内容"), (0, 1, "本年处理决定数量"), (1, 0, "行政许可"), (1, 1, "3")])
    document.add_paragraph("")
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    grid(document, 1, 2, [(0, 0, "0"), (0, 1, "0")])
    document.add_paragraph("五、存在的主要问题及改进情况")

    assert read_docx(saved(document), "a.docx") == [
        text("二、主动公开政府信息情况", "paragraph 1"),
        row("table 1 row 1", "信息内容", "本年处理决定数量"),
        row("table 1 row 2", "行政许可", "3"),
        text("四、政府信息公开行政复议、行政诉讼情况", "paragraph 3"),
        row("table 2 row 1", "0", "0"),
        text("五、存在的主要问题及改进情况", "paragraph 4"),
    ]


def test_merged_cell_prints_at_its_first_column_and_leaves_the_others_blank() -> None:
    document = docx.Document()
    grid(document, 4, 4, [
        (0, 0, "第二十条第（一）项", 1, 4),
        (1, 0, "三、本年度办理结果", 3, 1), (1, 1, "（一）予以公开", 1, 2), (1, 3, "1"),
        (2, 1, "（三）不予公开", 2, 1), (2, 2, "1.属于国家秘密"), (2, 3, "0"),
        (3, 2, "2.其他法律行政法规禁止公开"), (3, 3, "0"),
    ])

    assert read_docx(saved(document), "a.docx") == [
        row("table 1 row 1", "第二十条第（一）项", "", "", ""),
        row("table 1 row 2", "三、本年度办理结果", "（一）予以公开", "", "1"),
        row("table 1 row 3", "", "（三）不予公开", "1.属于国家秘密", "0"),
        row("table 1 row 4", "", "", "2.其他法律行政法规禁止公开", "0"),
    ]


def test_cell_merged_both_ways_prints_once_and_is_blank_on_every_column_it_covers() -> None:
    document = docx.Document()
    grid(document, 3, 4, [
        (0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 2, 2),
        (0, 2, "申请人情况", 1, 2),
        (1, 2, "自然人"), (1, 3, "总计"),
        (2, 0, "一、本年新收政府信息公开申请数量", 1, 2), (2, 2, "1"), (2, 3, "1"),
    ])

    assert read_docx(saved(document), "a.docx") == [
        row("table 1 row 1", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况", ""),
        row("table 1 row 2", "", "", "自然人", "总计"),
        row("table 1 row 3", "一、本年新收政府信息公开申请数量", "", "1", "1"),
    ]


def test_blank_cells_stay_and_empty_rows_and_paragraphs_go() -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    grid(document, 3, 3, [(0, 0, "（一）予以公开"), (0, 2, "1"), (2, 0, "—"), (2, 1, "/"), (2, 2, "无")])
    document.add_paragraph("")
    document.add_paragraph("无")

    assert read_docx(saved(document), "a.docx") == [
        row("table 1 row 1", "（一）予以公开", "", "1"),
        row("table 1 row 3", "—", "/", "无"),
        text("无", "paragraph 3"),
    ]


def test_cell_paragraphs_and_line_breaks_are_kept_apart_with_newlines() -> None:
    document = docx.Document()
    table = grid(document, 1, 2, [(0, 0, ["三、本年度办理", "", "结果"]), (0, 1, " 7 ")])
    table.cell(0, 1).paragraphs[0].runs[0].add_break()
    table.cell(0, 1).paragraphs[0].add_run("(件)")

    assert read_docx(saved(document), "a.docx") == [row("table 1 row 1", "三、本年度办理\n结果", "7\n(件)")]


def test_soft_line_breaks_split_a_paragraph_and_tabs_make_a_row() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("司法局2021年政府信息公开工作年度报告")
    paragraph.runs[0].add_break()
    paragraph.add_run("一、总体情况")
    document.add_paragraph("\t行政规范性文件\t2\t\t0\t4")
    document.add_paragraph("\t\t2021年，我局认真贯彻落实。")

    assert read_docx(saved(document), "a.docx") == [
        text("司法局2021年政府信息公开工作年度报告", "paragraph 1 line 1"),
        text("一、总体情况", "paragraph 1 line 2"),
        row("paragraph 2", "行政规范性文件", "2", "0", "4"),
        text("2021年，我局认真贯彻落实。", "paragraph 3"),
    ]


# ---- the grid: skipped columns, legacy merges, split tables, labels merged from above ---------


def tc(text: str = "", span: int = 1, vmerge: str | None = None, hmerge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "") + (
        '<w:hMerge w:val="restart"/>' if hmerge == "restart" else "<w:hMerge/>" if hmerge else "")
    body = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{body}</w:p></w:tc>"


def tr(*cells: str, before: int = 0, after: int = 0) -> str:
    props = (f'<w:gridBefore w:val="{before}"/>' if before else "") + (f'<w:gridAfter w:val="{after}"/>' if after else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(widths: list[int], *rows: str) -> Any:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return parse_xml(f"<w:tbl {NS}><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def body_of(*elements: Any) -> bytes:
    """A document whose body holds ``elements`` (tables, or paragraph texts), in order."""
    document = docx.Document()
    anchor = document.add_paragraph("end")._p
    for element in elements:
        anchor.addprevious(element if not isinstance(element, str) else document.add_paragraph(element)._p)
    anchor.getparent().remove(anchor)
    return saved(document)


def test_columns_a_row_skips_and_an_absent_last_cell_are_blank_at_their_columns() -> None:
    data = body_of(tbl([900, 900, 900, 900],
                       tr(tc("自然人"), tc("商业企业"), tc("其他"), tc("总计")),
                       tr(tc("2"), tc("3"), before=1, after=1),
                       tr(tc("1"), tc(""), tc("4"))))

    assert read_docx(data, "a.docx") == [
        row("table 1 row 1", "自然人", "商业企业", "其他", "总计"),
        row("table 1 row 2", "", "2", "3", ""),
        row("table 1 row 3", "1", "", "4", ""),
    ]


def test_legacy_horizontal_merge_prints_once_over_its_columns() -> None:
    data = body_of(tbl([900, 900, 900],
                       tr(tc("申请人情况", hmerge="restart"), tc(hmerge="continue"), tc("总计")),
                       tr(tc("1"), tc("0"), tc("1"))))

    assert read_docx(data, "a.docx") == [
        row("table 1 row 1", "申请人情况", "", "总计"),
        row("table 1 row 2", "1", "0", "1"),
    ]


def test_a_table_continued_in_a_second_table_on_a_coarser_grid_shares_the_first_ones_grid() -> None:
    first = tbl([1000, 1000, 2000, 2000],
                tr(tc("信息内容", span=2), tc("本年处理决定数量"), tc("总计")),
                tr(tc("（三）不予公开"), tc("1.属于国家秘密"), tc("0"), tc("0")))
    second = tbl([2000, 2000, 2000],  # the two label columns as one: an edge of the first grid dropped
                 tr(tc("（七）总计"), tc(""), tc("5")))

    assert read_docx(body_of(first, "", second), "a.docx") == [
        row("table 1 row 1", "信息内容", "", "本年处理决定数量", "总计"),
        row("table 1 row 2", "（三）不予公开", "1.属于国家秘密", "0", "0"),
        row("table 2 row 1", "（七）总计", "", "", "5"),
    ]


def test_a_continuation_captioned_xubiao_still_shares_the_grid_and_the_caption_is_kept() -> None:
    first = tbl([1000, 1000, 2000, 2000], tr(tc("信息内容", span=2), tc("本年处理决定数量"), tc("总计")))
    second = tbl([2000, 2000, 2000], tr(tc("（七）总计"), tc(""), tc("5")))

    assert read_docx(body_of(first, "续表", second), "a.docx") == [
        row("table 1 row 1", "信息内容", "", "本年处理决定数量", "总计"),
        text("续表", "paragraph 1"),
        row("table 2 row 1", "（七）总计", "", "", "5"),
    ]


def test_a_continuation_on_a_finer_grid_lays_the_whole_table_on_that_grid() -> None:
    first = tbl([2000, 2000, 2000], tr(tc("信息内容"), tc("本年处理决定数量"), tc("总计")))
    second = tbl([1000, 1000, 2000, 2000], tr(tc("行政许可", span=2), tc(""), tc("3")))

    assert read_docx(body_of(first, second), "a.docx") == [
        row("table 1 row 1", "信息内容", "", "本年处理决定数量", "总计"),
        row("table 2 row 1", "行政许可", "", "", "3"),
    ]


def test_tables_apart_or_of_another_width_are_laid_on_their_own_grids() -> None:
    a = tbl([1000, 1000, 1000], tr(tc("规章"), tc("0"), tc("0")))
    b = tbl([1500, 1500], tr(tc("行政许可"), tc("3")))  # a different overall width
    c = tbl([1000, 2000], tr(tc("行政处罚"), tc("")))  # a subset of a's edges, but text between

    assert read_docx(body_of(a, b, "第二十条第（六）项", c), "a.docx") == [
        row("table 1 row 1", "规章", "0", "0"),
        row("table 2 row 1", "行政许可", "3"),
        text("第二十条第（六）项", "paragraph 1"),
        row("table 3 row 1", "行政处罚", ""),
    ]


def test_a_label_merged_down_over_a_row_split_in_two_is_the_label_of_the_printed_row() -> None:
    data = body_of(tbl([2000, 1000, 1000],
                       tr(tc("自然人", span=2), tc("总计")),
                       tr(tc("（一）予以公开", vmerge="restart"), tc(""), tc("")),
                       tr(tc(vmerge="continue"), tc(""), tc("1"))))

    assert read_docx(data, "a.docx") == [
        row("table 1 row 1", "自然人", "", "总计"),
        row("table 1 rows 2-3", "（一）予以公开", "", "1"),
    ]


def test_a_label_merged_down_over_several_printed_rows_stays_where_it_is_printed() -> None:
    data = body_of(tbl([1000, 1000, 1000],
                       tr(tc("（三）不予公开", vmerge="restart"), tc(""), tc("")),
                       tr(tc(vmerge="continue"), tc("1.属于国家秘密"), tc("0")),
                       tr(tc(vmerge="continue"), tc("2.其他法律行政法规禁止公开"), tc("0"))))

    assert read_docx(data, "a.docx") == [
        row("table 1 row 1", "（三）不予公开", "", ""),
        row("table 1 row 2", "", "1.属于国家秘密", "0"),
        row("table 1 row 3", "", "2.其他法律行政法规禁止公开", "0"),
    ]


# ---- nested tables, text boxes, content controls, revisions ----------------------------------


def test_layout_table_holding_tables_is_read_as_its_contents() -> None:
    document = docx.Document()
    document.add_paragraph("前言")
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.text = "二、主动公开政府信息情况"
    inner = cell.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "信息内容", (0, 1): "本年处理决定数量", (1, 0): "行政许可", (1, 1): "3"}.items():
        inner.cell(r, c).text = value
    cell.add_paragraph("三、收到和处理政府信息公开申请情况")
    document.add_paragraph("结尾")

    assert read_docx(saved(document), "a.docx") == [
        text("前言", "paragraph 1"),
        text("二、主动公开政府信息情况", "table 1 row 1 cell 1 paragraph 1"),
        row("table 2 row 1", "信息内容", "本年处理决定数量"),
        row("table 2 row 2", "行政许可", "3"),
        text("三、收到和处理政府信息公开申请情况", "table 1 row 1 cell 1 paragraph 3"),
        text("结尾", "paragraph 2"),
    ]


TEXT_BOX_RUN = f"""
<w:r {NS}><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>
    <wps:wsp><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>框中第一段</w:t></w:r></w:p><w:p><w:r><w:t>框中第二段</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></wps:wsp>
  </a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
    <w:p><w:r><w:t>框中第一段</w:t></w:r></w:p><w:p><w:r><w:t>框中第二段</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def test_text_box_is_read_once_after_its_anchor_paragraph() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("锚定段落")
    paragraph._p.append(parse_xml(TEXT_BOX_RUN))
    document.add_paragraph("下一段")

    assert read_docx(saved(document), "a.docx") == [
        text("锚定段落", "paragraph 1"),
        text("框中第一段", "paragraph 1 text box paragraph 1"),
        text("框中第二段", "paragraph 1 text box paragraph 2"),
        text("下一段", "paragraph 2"),
    ]


def test_content_controls_are_looked_through_and_hidden_or_deleted_text_is_not_read() -> None:
    document = docx.Document()
    document.element.body.insert(0, parse_xml(
        f'<w:sdt {NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    document.element.body.insert(1, parse_xml(
        f'<w:p {NS}><w:r><w:t>共收到申请</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>99</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>12</w:t></w:r></w:ins>'
        '<w:r><w:t>件。</w:t></w:r></w:p>'))

    assert read_docx(saved(document), "a.docx") == [
        text("一、总体情况", "paragraph 1"),
        text("共收到申请12件。", "paragraph 2"),
    ]


# ---- the sample report, rebuilt as a Word document -------------------------------------------

ZEROS7 = ("0",) * 7
ZEROS15 = ("0",) * 15
BLOCK4 = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
SAMPLE_OVERVIEW = "2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》的要求，继续强化政务公开工作。"
TABLE3_LABELS = [  # (group, label) of the rows under 三、本年度办理结果, as the sample prints them
    ("(三) 不予公开", ["1.属于国家秘密", "2.其他法律法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                     "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("(四) 无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("(五) 不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                     "5.要求行政机关确认或重新出具已获取信息"]),
    ("(六) 其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]


def add_sample_table2(document: Any) -> None:
    cells: list[tuple] = []
    r = 0
    for title, header, rows in [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", "0", "0", "0"), ("行政规范性文件", "2", "0", "4")]),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "3")]),
        ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "0"), ("行政强制", "0")]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元，保留4位小数）"], [("行政事业性收费", "0")]),
    ]:
        cells.append((r, 0, title, 1, 4))
        width = 3 // len(header)  # one value column spreads over the three
        cells += [(r + 1, 0, "信息内容")] + [(r + 1, 1 + i, h, 1, width) for i, h in enumerate(header)]
        for k, (label, *values) in enumerate(rows, start=r + 2):
            cells += [(k, 0, label)] + [(k, 1 + i, v, 1, width) for i, v in enumerate(values)]
        r += 2 + len(rows)
    grid(document, r, 4, cells)


def add_sample_table3(document: Any) -> None:
    cells: list[tuple] = [
        (0, 0, "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", 3, 3), (0, 3, "申请人情况", 1, 7),
        (1, 3, "自然人", 2, 1), (1, 4, "法人或其他组织", 1, 5), (1, 9, "总计", 2, 1),
        *[(2, 4 + i, h) for i, h in enumerate(["商业企业", "科研机构", "社会组织", "法律服务机构", "其他"])],
        (3, 0, "一、本年新收政府信息公开申请数量", 1, 3), *[(3, 3 + i, v) for i, v in enumerate("1000001")],
        (4, 0, "二、上年结转政府信息公开申请数量", 1, 3), *[(4, 3 + i, "0") for i in range(7)],
        (5, 0, ["三、本年度办理", "结果"], 22, 1), (5, 1, "(一) 予以公开", 1, 2), (5, 9, "1"),
        (6, 1, "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", 1, 2), *[(6, 3 + i, "0") for i in range(7)],
    ]
    r = 7
    for group, labels in TABLE3_LABELS:
        cells.append((r, 1, group, len(labels), 1))
        for k, label in enumerate(labels, start=r):
            cells += [(k, 2, label)] + [(k, 3 + i, "0") for i in range(7)]
        r += len(labels)
    cells += [(r, 1, "(七) 总计", 1, 2), *[(r, 3 + i, v) for i, v in enumerate("1000001")]]
    cells += [(r + 1, 0, "四、结转下年度继续办理", 1, 3), *[(r + 1, 3 + i, "0") for i in range(7)]]
    grid(document, r + 2, 10, cells)


def add_sample_table4(document: Any) -> None:
    grid(document, 4, 15, [
        (0, 0, "行政复议", 2, 5), (0, 5, "行政诉讼", 1, 10),
        (1, 5, "未经复议直接起诉", 1, 5), (1, 10, "复议后起诉", 1, 5),
        *[(2, i, BLOCK4[i % 5]) for i in range(15)],
        *[(3, i, "0") for i in range(15)],
    ])


@cache  # building the merged tables takes python-docx about a second
def sample_document() -> bytes:
    document = docx.Document()
    document.add_heading("司法局2021年政府信息公开工作年度报告", level=1)
    document.add_paragraph("一、总体情况")
    document.add_paragraph(SAMPLE_OVERVIEW)
    document.add_paragraph("二、主动公开政府信息情况")
    add_sample_table2(document)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    add_sample_table3(document)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    add_sample_table4(document)
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("无")
    return saved(document)


def expected_sample_table3() -> list[Block]:
    w = "table 2 row {}".format
    rows = [
        row(w(1), "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", "", "", "申请人情况", *[""] * 6),
        row(w(2), "", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"),
        row(w(3), "", "", "", "", "商业企业", "科研机构", "社会组织", "法律服务机构", "其他", ""),
        row(w(4), "一、本年新收政府信息公开申请数量", "", "", "1", "0", "0", "0", "0", "0", "1"),
        row(w(5), "二、上年结转政府信息公开申请数量", "", "", *ZEROS7),
        row(w(6), "三、本年度办理\n结果", "(一) 予以公开", "", "", "", "", "", "", "", "1"),
        row(w(7), "", "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "", *ZEROS7),
    ]
    r = 8
    for group, labels in TABLE3_LABELS:
        for k, label in enumerate(labels):
            rows.append(row(w(r), "", group if k == 0 else "", label, *ZEROS7))
            r += 1
    rows.append(row(w(r), "", "(七) 总计", "", "1", "0", "0", "0", "0", "0", "1"))
    rows.append(row(w(r + 1), "四、结转下年度继续办理", "", "", *ZEROS7))
    return rows


def test_sample_report_rebuilt_in_word_reads_as_printed() -> None:
    blocks = read_docx(sample_document(), "jiyuan-sfj-2021.docx")

    t1 = "table 1 row {}".format
    t3 = "table 3 row {}".format
    assert blocks == [
        text("司法局2021年政府信息公开工作年度报告", "paragraph 1"),
        text("一、总体情况", "paragraph 2"),
        text(SAMPLE_OVERVIEW, "paragraph 3"),
        text("二、主动公开政府信息情况", "paragraph 4"),
        row(t1(1), "第二十条第（一）项", "", "", ""),
        row(t1(2), "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        row(t1(3), "规章", "0", "0", "0"),
        row(t1(4), "行政规范性文件", "2", "0", "4"),
        row(t1(5), "第二十条第（五）项", "", "", ""),
        row(t1(6), "信息内容", "本年处理决定数量", "", ""),
        row(t1(7), "行政许可", "3", "", ""),
        row(t1(8), "第二十条第（六）项", "", "", ""),
        row(t1(9), "信息内容", "本年处理决定数量", "", ""),
        row(t1(10), "行政处罚", "0", "", ""),
        row(t1(11), "行政强制", "0", "", ""),
        row(t1(12), "第二十条第（八）项", "", "", ""),
        row(t1(13), "信息内容", "本年收费金额（单位：万元，保留4位小数）", "", ""),
        row(t1(14), "行政事业性收费", "0", "", ""),
        text("三、收到和处理政府信息公开申请情况", "paragraph 5"),
        *expected_sample_table3(),
        text("四、政府信息公开行政复议、行政诉讼情况", "paragraph 6"),
        row(t3(1), "行政复议", "", "", "", "", "行政诉讼", *[""] * 9),
        row(t3(2), "", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""),
        row(t3(3), *BLOCK4 * 3),
        row(t3(4), *ZEROS15),
        text("五、存在的主要问题及改进情况", "paragraph 7"),
        text("六、其他需要报告的事项", "paragraph 8"),
        text("无", "paragraph 9"),
    ]


# ---- the renderer's Word file ------------------------------------------------------------------


def printed_values(report: dict[str, Any]) -> list[str]:
    from zfxxgk import pointers
    from zfxxgk.layout import layout

    lay = layout(report["edition"])
    values = (pointers.resolve(report, cell.pointer) for cell in lay.cells)
    return ["" if value is None else str(value) for value in values]


def test_rendered_report_reads_back_with_every_value_in_place() -> None:
    render = pytest.importorskip("zfxxgk.render").render
    report = json.loads((ROOT / "examples/valid/large-city-government-2022.json").read_text(encoding="utf-8"))

    blocks = read_docx(render(report, "docx"), "report.docx")

    texts = [block.cells[0] for block in blocks if block.kind == "text"]
    headings = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    assert [texts.index(heading) for heading in headings] == sorted(texts.index(heading) for heading in headings)
    rows = [block for block in blocks if block.kind == "row"]
    assert [len([b for b in rows if b.where.startswith(f"table {n} ")]) for n in (1, 2, 3)] == [14, 28, 4]
    # With no blank cell in this report, the numbers read in order are the report's cells in layout order.
    numbers = [cell for block in rows for cell in block.cells if cell.replace(".", "", 1).isdigit()]
    assert numbers == printed_values(report)
    assert rows[0] == row("table 1 row 1", "第二十条第（一）项", "", "", "")
    assert row("table 2 row 2", "", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计") in rows


# ---- errors ------------------------------------------------------------------------------------


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def damaged_entry(data: bytes) -> bytes:
    """The same package with the bytes of word/document.xml's compressed data scrambled."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(data)
    for i in range(start + 10, start + min(info.compress_size, 200)):
        damaged[i] ^= 0x5A
    return bytes(damaged)


@cache
def malformed() -> dict[str, bytes]:
    good = sample_document()
    package = zipfile.ZipFile(io.BytesIO(good))
    entries = {name: package.read(name) for name in package.namelist()}
    broken_xml = dict(entries, **{"word/document.xml": entries["word/document.xml"][:500]})
    return {
        "empty": b"",
        "random bytes": bytes(range(256)) * 8,
        "text": "一、总体情况\n".encode(),
        "old .doc (OLE)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "truncated": good[: len(good) // 2],
        "truncated end": good[:-10],
        "zip without a document": zipped({"readme.txt": b"hello"}),
        "damaged entry": damaged_entry(good),
        "broken document XML": zipped(broken_xml),
    }


@pytest.mark.parametrize("name", list(malformed()))
def test_malformed_file_is_an_input_error_naming_the_file(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_docx(malformed()[name], "draft.docx")
    assert caught.value.source == "draft.docx"
    assert str(caught.value).startswith("draft.docx: ")
    assert caught.value.message_zh


def test_missing_python_docx_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    data = sample_document()
    monkeypatch.setitem(sys.modules, "docx", None)  # makes `import docx` raise ImportError

    with pytest.raises(InputError) as caught:
        read_docx(data, "a.docx")
    assert caught.value.source == "a.docx"
    assert "pip install 'zfxxgk[documents]'" in caught.value.message_en
    assert "zfxxgk[documents]" in caught.value.message_zh
