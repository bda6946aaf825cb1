"""The PDF reader: the text layer as lines and table rows, with and without ruling lines.

Every PDF is drawn here with reportlab, in its built-in Chinese CID font STSong-Light (no font
file needed); no binary fixture is stored.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from zfxxgk.errors import InputError
from zfxxgk.importer.blocks import Block
from zfxxgk.importer.read_pdf import read_pdf

ROOT = Path(__file__).resolve().parents[2]
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14)
TEXT_FONT = ("FONT", (0, 0), (-1, -1), FONT, 10.5)
LEADING = ("LEADING", (0, 0), (-1, -1), 13)
GRID = ("GRID", (0, 0), (-1, -1), 0.5, "black")


def para(value: str) -> Paragraph:
    return Paragraph(value, BODY)


def table(rows: list[list[str]], *style: tuple, **options: Any) -> Table:
    """A table of plain strings (a "\\n" in a string prints a second line in the cell)."""
    drawn = Table(rows, **options)
    drawn.setStyle(TableStyle([TEXT_FONT, LEADING, *style]))
    return drawn


def page_number(drawing: canvas.Canvas, document: Any) -> None:
    drawing.setFont(FONT, 9)
    drawing.drawCentredString(A4[0] / 2, 30, f"- {document.page} -")


def pdf(*flowables: Any, page_numbers: bool = False) -> bytes:
    buffer = io.BytesIO()
    on_page = page_number if page_numbers else (lambda drawing, document: None)
    SimpleDocTemplate(buffer, pagesize=A4).build(list(flowables), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def text(value: str, where: str) -> Block:
    return Block("text", (value,), where)


def row(where: str, *cells: str) -> Block:
    return Block("row", cells, where)


def test_chinese_text_layer_is_read_back() -> None:
    assert read_pdf(pdf(para("司法局2021年政府信息公开工作年度报告"), para("一、总体情况")), "a.pdf") == [
        text("司法局2021年政府信息公开工作年度报告", "page 1 line 1"),
        text("一、总体情况", "page 1 line 2"),
    ]


# ---- tables drawn with ruling lines ----------------------------------------------------------


def test_ruled_table_reads_merged_cells_as_printed() -> None:
    rows = [
        ["（本列数据的勾稽关系为：第一项加第二项之和）", "", "", "申请人情况", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "总计"],
        ["一、本年新收政府信息公开申请数量", "", "", "12", "0", "12"],
        ["三、本年度办理结果", "（一）予以公开", "", "", "", "1"],
        ["", "（三）不予公开", "1.属于国家秘密", "0", "0", "0"],
        ["", "", "2.其他法律行政法规禁止公开", "0", "0", "0"],
    ]
    spans = [("SPAN", (0, 0), (2, 1)), ("SPAN", (3, 0), (5, 0)), ("SPAN", (0, 2), (2, 2)),
             ("SPAN", (0, 3), (0, 5)), ("SPAN", (1, 3), (2, 3)), ("SPAN", (1, 4), (1, 5))]
    data = pdf(para("三、收到和处理政府信息公开申请情况"), table(rows, GRID, *spans), para("四、政府信息公开行政复议、行政诉讼情况"))

    t = "page 1 table 1 row {}".format
    assert read_pdf(data, "a.pdf") == [
        text("三、收到和处理政府信息公开申请情况", "page 1 line 1"),
        row(t(1), "（本列数据的勾稽关系为：第一项加第二项之和）", "申请人情况"),
        row(t(2), "", "自然人", "法人或其他组织", "总计"),
        row(t(3), "一、本年新收政府信息公开申请数量", "12", "0", "12"),
        row(t(4), "三、本年度办理结果", "（一）予以公开", "", "", "1"),
        row(t(5), "", "（三）不予公开", "1.属于国家秘密", "0", "0", "0"),
        row(t(6), "", "", "2.其他法律行政法规禁止公开", "0", "0", "0"),
        text("四、政府信息公开行政复议、行政诉讼情况", "page 1 line 2"),
    ]


def test_ruled_cell_printed_one_character_per_line_is_joined_but_numbers_are_not() -> None:
    rows = [["结\n果\n维\n持", "1\n2", "商业企\n业", "本年收费金额（单位：万元，\n保留4位小数）"],
            ["0", "1", "1", "24252.311082"]]

    assert read_pdf(pdf(table(rows, GRID)), "a.pdf") == [
        row("page 1 table 1 row 1", "结果维持", "1\n2", "商业企\n业", "本年收费金额（单位：万元，\n保留4位小数）"),
        row("page 1 table 1 row 2", "0", "1", "1", "24252.311082"),
    ]


def test_table_over_a_page_break_reads_its_repeated_header_once_and_page_numbers_are_dropped() -> None:
    rows = [["信息内容", "本年处理决定数量"]] + [[f"行政处罚{i}", str(i)] for i in range(45)]
    data = pdf(para("二、主动公开政府信息情况"), table(rows, GRID, repeatRows=1), para("三、收到和处理政府信息公开申请情况"),
               page_numbers=True)

    blocks = read_pdf(data, "a.pdf")

    assert [block.cells for block in blocks] == [
        ("二、主动公开政府信息情况",), ("信息内容", "本年处理决定数量"),
        *[(f"行政处罚{i}", str(i)) for i in range(45)],
        ("三、收到和处理政府信息公开申请情况",),
    ]
    page2 = [block.where for block in blocks if block.where.startswith("page 2")]
    assert page2[0] == "page 2 table 1 row 2"  # row 1 of page 2 is the repeated header
    assert page2[-1] == "page 2 line 1"


# ---- tables drawn without lines: rows from word positions ------------------------------------

UNRULED = [
    ["（本列数据的勾稽关系）", "自然人", "商业企业", "总计"],
    ["一、本年新收政府信息公开申请数量", "12", "0", "12"],
    ["（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）", "3", "0", "3"],
    ["（三）不予公开", "", "", ""],
    ["1.属于国家秘密", "0", "0", "0"],
]
UNRULED_CELLS = [
    ("三、收到和处理政府信息公开申请情况",),
    ("（本列数据的勾稽关系）", "自然人", "商业企业", "总计"),
    ("一、本年新收政府信息公开申请数量", "12", "0", "12"),
    ("（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）", "3", "0", "3"),
    ("（三）不予公开",),
    ("1.属于国家秘密", "0", "0", "0"),
    ("四、政府信息公开行政复议、行政诉讼情况",),
]


def test_unruled_table_rows_come_from_gaps_and_a_wrapped_label_joins_its_row() -> None:
    data = pdf(para("三、收到和处理政府信息公开申请情况"), table(UNRULED, ("VALIGN", (0, 0), (-1, -1), "TOP")),
               para("四、政府信息公开行政复议、行政诉讼情况"))

    assert read_pdf(data, "a.pdf") == [
        text("三、收到和处理政府信息公开申请情况", "page 1 line 1"),
        row("page 1 line 2", "（本列数据的勾稽关系）", "自然人", "商业企业", "总计"),
        row("page 1 line 3", "一、本年新收政府信息公开申请数量", "12", "0", "12"),
        row("page 1 line 4", "（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）", "3", "0", "3"),
        text("（三）不予公开", "page 1 line 6"),
        row("page 1 line 7", "1.属于国家秘密", "0", "0", "0"),
        text("四、政府信息公开行政复议、行政诉讼情况", "page 1 line 8"),
    ]


@pytest.mark.parametrize("valign", ["MIDDLE", "BOTTOM"])
def test_wrapped_label_finds_its_numbers_printed_beside_any_of_its_lines(valign: str) -> None:
    data = pdf(para("三、收到和处理政府信息公开申请情况"), table(UNRULED, ("VALIGN", (0, 0), (-1, -1), valign)),
               para("四、政府信息公开行政复议、行政诉讼情况"))

    blocks = read_pdf(data, "a.pdf")

    assert [block.cells for block in blocks] == UNRULED_CELLS
    assert blocks[3].where == "page 1 line 4"  # where the label starts


def test_blank_cells_without_lines_keep_the_columns_of_the_full_rows() -> None:
    rows = [["一、本年新收政府信息公开申请数量", "12", "0", "12"], ["（一）予以公开", "", "", "1"],
            ["二、上年结转政府信息公开申请数量", "0", "", "0"], ["四、结转下年度继续办理", "3", "0", "3"],
            ["（七）总计", "—", "/", ""]]

    assert [block.cells for block in read_pdf(pdf(table(rows, ("ALIGN", (1, 0), (-1, -1), "RIGHT"))), "a.pdf")] == [
        ("一、本年新收政府信息公开申请数量", "12", "0", "12"), ("（一）予以公开", "", "", "1"),
        ("二、上年结转政府信息公开申请数量", "0", "", "0"), ("四、结转下年度继续办理", "3", "0", "3"),
        ("（七）总计", "—", "/", ""),
    ]


def test_blank_cells_stay_unplaced_when_no_two_rows_show_the_columns() -> None:
    rows = [["一、本年新收政府信息公开申请数量", "12", "0", "12"], ["（一）予以公开", "", "", "1"]]

    assert [block.cells for block in read_pdf(pdf(table(rows)), "a.pdf")] == [
        ("一、本年新收政府信息公开申请数量", "12", "0", "12"), ("（一）予以公开", "1"),
    ]


def test_label_merged_down_rows_and_a_wrapped_neighbour_interleave_without_mixing() -> None:
    # The group label is centred on its three rows; the middle row's own label wraps; their lines
    # alternate down the page, and each cell is read down its own column.
    rows = [["（四）\n无法\n提供", "1.本机关不掌握相关政府信息", "0", "0"],
            ["", "2.没有现成信息需要另\n行制作", "1", "1"],
            ["", "3.补正后申请内容仍不明确", "0", "0"]]
    style = [("SPAN", (0, 0), (0, 2)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]

    assert read_pdf(pdf(table(rows, *style)), "a.pdf") == [
        row("page 1 line 1", "1.本机关不掌握相关政府信息", "0", "0"),
        row("page 1 line 2", "（四）\n无法\n提供", "2.没有现成信息需要另\n行制作", "1", "1"),
        row("page 1 line 7", "3.补正后申请内容仍不明确", "0", "0"),
    ]


def test_unruled_table_over_a_page_break_reads_its_repeated_header_once() -> None:
    rows = [["信息内容", "本年处理决定数量"], ["", "（件）"]] + [[f"行政处罚{i}", str(i)] for i in range(50)]

    blocks = read_pdf(pdf(para("二、主动公开政府信息情况"), table(rows, repeatRows=2), page_numbers=True), "a.pdf")

    assert [block.cells for block in blocks] == [
        ("二、主动公开政府信息情况",), ("信息内容", "本年处理决定数量\n（件）"),
        *[(f"行政处罚{i}", str(i)) for i in range(50)],
    ]


def test_wrapped_centred_header_is_one_cell() -> None:
    rows = [["信息内容", "本年收费金额（单位：万元，\n保留4位小数）"], ["行政事业性收费", "24252.311082"]]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (-1, -1), "CENTER")]

    assert read_pdf(pdf(para("第二十条第（八）项"), table(rows, *style)), "a.pdf") == [
        text("第二十条第（八）项", "page 1 line 1"),
        row("page 1 line 2", "信息内容", "本年收费金额（单位：万元，\n保留4位小数）"),
        row("page 1 line 4", "行政事业性收费", "24252.311082"),
    ]


def test_sub_table_title_does_not_join_the_row_above() -> None:
    rows = [["行政规范性文件", "2", "0", "4"], ["第二十条第（五）项", "", "", ""], ["信息内容", "本年处理决定数量", "", ""]]

    assert [block.cells for block in read_pdf(pdf(table(rows, ("VALIGN", (0, 0), (-1, -1), "TOP"))), "a.pdf")] == [
        ("行政规范性文件", "2", "0", "4"), ("第二十条第（五）项",), ("信息内容", "本年处理决定数量"),
    ]


def test_header_printed_one_character_per_line_without_lines_reads_down_each_column() -> None:
    rows = [["结\n果\n维\n持", "结\n果\n纠\n正", "总\n计"], ["0", "1", "1"]]

    assert read_pdf(pdf(table(rows, ("VALIGN", (0, 0), (-1, -1), "TOP"), colWidths=[40] * 3)), "a.pdf") == [
        row("page 1 line 1", "结果维持", "结果纠正", "总计"),
        row("page 1 line 5", "0", "1", "1"),
    ]


def test_text_printed_one_character_per_line_is_joined() -> None:
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    drawing.setFont(FONT, 12)
    for i, character in enumerate("一、总体情况"):
        drawing.drawString(100, 700 - 15 * i, character)
    for i, character in enumerate("12"):  # stacked digits stay two numbers
        drawing.drawString(100, 500 - 15 * i, character)
    drawing.drawString(100, 400, "2021年，我局认真贯彻落实。")
    drawing.showPage()
    drawing.save()

    assert read_pdf(buffer.getvalue(), "a.pdf") == [
        text("一、总体情况", "page 1 line 1"),
        text("1", "page 1 line 7"),
        text("2", "page 1 line 8"),
        text("2021年，我局认真贯彻落实。", "page 1 line 9"),
    ]


def broken_row_pdf(ruled: bool, overleaf: list[list[str]], first: list[list[str]] | None = None) -> bytes:
    """Page 1 ends in the middle of a row's label; page 2 goes on with ``overleaf``."""
    first = first or [["5.属于三类内部事务信息", "0", "0"], ["6.属于四类过程性", "0", "0"]]
    style = [GRID] if ruled else [("VALIGN", (0, 0), (-1, -1), "TOP")]
    widths = [150, 60, 60] if len(first[0]) == 3 else [60, 150, 60, 60]
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    for rows, top in [(first, 120), (overleaf, 800)]:
        drawn = table(rows, *style, colWidths=widths)
        _, height = drawn.wrapOn(drawing, 400, 800)
        drawn.drawOn(drawing, 72, top - height)
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_row_broken_over_a_page_joins_its_rest_from_the_next_page(ruled: bool) -> None:
    data = broken_row_pdf(ruled, [["信息", "", ""], ["7.属于行政执法案卷", "0", "0"]])

    assert [block.cells for block in read_pdf(data, "a.pdf")] == [
        ("5.属于三类内部事务信息", "0", "0"), ("6.属于四类过程性\n信息", "0", "0"), ("7.属于行政执法案卷", "0", "0"),
    ]


def test_rest_of_a_label_merged_down_rows_joins_the_row_broken_over_the_page() -> None:
    first = [["（三）", "5.属于三类内部事务信息", "0", "0"], ["", "6.属于四类过程性", "0", "0"]]
    data = broken_row_pdf(False, [["不予公开", "信息", "", ""], ["", "7.属于行政执法案卷", "0", "0"]], first)

    assert [block.cells for block in read_pdf(data, "a.pdf")] == [
        ("（三）", "5.属于三类内部事务信息", "0", "0"), ("不予公开", "6.属于四类过程性\n信息", "0", "0"),
        ("7.属于行政执法案卷", "0", "0"),
    ]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_next_page_starting_with_a_new_label_does_not_join(ruled: bool) -> None:
    data = broken_row_pdf(ruled, [["7.属于行政执法案卷", "", ""], ["8.属于行政查询事项", "0", "0"]])

    assert [block.cells for block in read_pdf(data, "a.pdf")][1:] == [
        ("6.属于四类过程性", "0", "0"), ("7.属于行政执法案卷",) if not ruled else ("7.属于行政执法案卷", "", ""),
        ("8.属于行政查询事项", "0", "0"),
    ]


# ---- a rendered report, converted by LibreOffice as an agency would ---------------------------


def libreoffice_pdf(docx: bytes, folder: Path) -> bytes:
    (folder / "report.docx").write_bytes(docx)
    # A profile of its own: another LibreOffice running as the same user would otherwise take the job.
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / "report.docx")],
                   check=True, capture_output=True, timeout=180)
    return (folder / "report.pdf").read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_rendered_report_as_pdf_reads_the_same_rows_as_its_word_file(tmp_path: Path) -> None:
    render = pytest.importorskip("zfxxgk.render").render
    from zfxxgk.importer.read_docx import read_docx

    report = json.loads((ROOT / "examples/valid/jiyuan-sfj-2021.json").read_text(encoding="utf-8"))
    word = render(report, "docx")

    from_pdf = read_pdf(libreoffice_pdf(word, tmp_path), "report.pdf")

    # Narrow cells wrap in print: the PDF has line breaks inside cells where Word has none. The Word
    # reader lays rows on the table's grid (a merged cell's other columns empty), the PDF reader
    # gives the printed cells: the same rows print the same texts in the same order.
    pdf_rows = [tuple(c.replace("\n", "") for c in block.cells if c) for block in from_pdf if block.kind == "row"]
    word_rows = [tuple(c for c in block.cells if c) for block in read_docx(word, "report.docx") if block.kind == "row"]
    assert pdf_rows == word_rows
    assert all(block.where.startswith("page ") for block in from_pdf)


# ---- errors ------------------------------------------------------------------------------------


def encrypted() -> bytes:
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret"))
    drawing.drawString(100, 700, "hello")
    drawing.save()
    return buffer.getvalue()


def image_only() -> bytes:
    from PIL import Image  # installed with pdfplumber

    scan = Image.new("RGB", (200, 100), "white")
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    drawing.drawImage(ImageReader(scan), 100, 500, 200, 100)
    drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def no_pages() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@cache
def good() -> bytes:
    return pdf(para("一、总体情况"), table([["规章", "0"]], GRID))


def test_restricted_pdf_without_a_user_password_is_read() -> None:
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    drawing.drawString(100, 700, "Annual report 2021")
    drawing.save()

    assert read_pdf(buffer.getvalue(), "a.pdf") == [text("Annual report 2021", "page 1 line 1")]


def test_text_layer_that_cannot_be_decoded_is_refused() -> None:
    # pdfminer prints a character whose font has no Unicode map as "(cid:N)"; no producer at hand
    # writes such a font, so the check is given the page as step 1 would have seen it.
    from zfxxgk.importer.pdf_boxes import Box as _Box
    from zfxxgk.importer.pdf_text import Page as _Page
    from zfxxgk.importer.pdf_text import check_text_layer as _check_text_layer

    words = [_Box("(cid:4162)(cid:97)(cid:4665)", 100, 140, 80, 92)]
    with pytest.raises(InputError, match="cannot be decoded"):
        _check_text_layer([_Page(1, 842, words, [], characters=3, unmapped=3)], "a.pdf")


@pytest.mark.parametrize(("name", "make", "says"), [
    ("empty", lambda: b"", "empty"),
    ("random bytes", lambda: bytes(range(256)) * 8, "not a PDF"),
    ("a Word file", lambda: b"PK\x03\x04" + bytes(100), "not a PDF"),
    ("header only", lambda: b"%PDF-1.4\n", "not a readable PDF"),
    ("truncated", lambda: good()[: len(good()) // 2], "not a readable PDF"),
    ("truncated end", lambda: good()[:-40], "not a readable PDF"),
    ("encrypted", encrypted, "password"),
    ("image only", image_only, "no text layer; OCR is not supported"),
    ("no pages", lambda: no_pages(), "no pages"),
])
def test_malformed_file_is_an_input_error_naming_the_file(name: str, make: Any, says: str) -> None:
    with pytest.raises(InputError) as caught:
        read_pdf(make(), "report.pdf")
    assert caught.value.source == "report.pdf"
    assert says in caught.value.message_en
    assert str(caught.value).startswith("report.pdf: ")
    assert caught.value.message_zh


def test_missing_pdfplumber_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # makes `import pdfplumber` raise ImportError

    with pytest.raises(InputError) as caught:
        read_pdf(good(), "a.pdf")
    assert "pip install 'zfxxgk[documents]'" in caught.value.message_en
