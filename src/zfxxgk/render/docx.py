"""Word (.docx): headings, paragraphs and real Word tables with merged cells.

python-docx is an optional dependency (`pip install 'zfxxgk[documents]'`), so it is imported only when a
.docx is asked for: validating or rendering to HTML never needs it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from zfxxgk.render.document import Document
from zfxxgk.render.grid import Grid
from zfxxgk.render.values import RenderError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

# Fonts of official documents (GB/T 9704); Word or LibreOffice substitutes what is not installed.
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 2.5  # A4, not python-docx's US Letter
TABLE_FONT_PT = 9


def _import_docx() -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - depends on the environment
        raise RenderError("rendering to .docx needs python-docx: pip install 'zfxxgk[documents]'") from None
    return docx


def _set_font(style_or_run: Any, name: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style_or_run.font
    font.name = name
    font.color.rgb = RGBColor(0, 0, 0)  # the built-in heading styles are blue
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    # font.name sets only the Latin font; Chinese text uses the East Asian one.
    rpr = style_or_run.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _setup(doc: DocxDocument) -> None:
    from docx.shared import Cm

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    _set_font(doc.styles["Normal"], BODY_FONT, 12)
    _set_font(doc.styles["Title"], TITLE_FONT, 18, bold=False)
    _set_font(doc.styles["Heading 1"], HEADING_FONT, 14, bold=False)
    # The Title style has a coloured bottom border; an official report has none.
    ppr = doc.styles["Title"].element.get_or_add_pPr()
    for border in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
        ppr.remove(border)


def _column_weights(grid: Grid) -> list[float]:
    """Relative column widths from the text that must fit in each column (in characters).

    Only cells one column wide count (a merged cell can spread over its columns). A long row label
    is capped so that it wraps instead of squeezing the number columns, and a label spanning many
    rows (三、本年度办理结果) is capped lower, as it has the height to wrap into; a column of
    numbers keeps room for its longest number.
    """
    weights = [3.0] * grid.n_cols
    for cell in grid.cells:
        if cell.colspan == 1:
            if cell.role == "value":
                # Digits are about half as wide as a Chinese character, plus the cell's padding.
                need = max(6, len(cell.text) + 2)
            else:
                need = min(len(cell.text), 6 if cell.rowspan > 1 else 16)
            weights[cell.col] = max(weights[cell.col], need)
    return weights


def _mark_header_row(row: Any) -> None:
    """Repeat the row at the top of each page when the table breaks across pages."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def add_table(doc: DocxDocument, grid: Grid) -> Any:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    weights = _column_weights(grid)
    usable = PAGE_WIDTH_CM - 2 * MARGIN_CM
    widths = [Cm(usable * w / sum(weights)) for w in weights]
    # Widths go on the grid and on every cell before merging: Word reads the cells, LibreOffice the
    # grid, and merging adds up the widths of the cells it joins.
    for j, width in enumerate(widths):
        table.columns[j].width = width
        for cell in table.columns[j].cells:
            cell.width = width
    for cell in grid.cells:
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
        target.text = cell.text
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.role == "label" else WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            run.font.size = Pt(TABLE_FONT_PT)
            run.font.bold = cell.role == "header" and cell.colspan == grid.n_cols  # a sub-table title
    first = grid.blocks[0]
    if len(grid.blocks) == 1 and first.caption_rows == 0:
        for r in range(first.header_rows):
            _mark_header_row(table.rows[r])
    return table


def render_docx(document: Document) -> bytes:
    docx = _import_docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = docx.Document()
    _setup(doc)
    doc.core_properties.title = document.title
    doc.core_properties.author = "zfxxgk"
    doc.add_heading(document.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in document.sections:
        doc.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            doc.add_paragraph(text).paragraph_format.first_line_indent = Pt(24)  # two characters
        if section.table is not None:
            add_table(doc, section.table)
            doc.add_paragraph()  # Word needs a paragraph between two tables, or it joins them
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
