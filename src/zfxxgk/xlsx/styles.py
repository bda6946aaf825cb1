"""How the workbook looks and how cells are written: fonts, fills, borders, protection, the page.

Kept apart from what the sheets hold (``zfxxgk.xlsx.template``). openpyxl is imported by the
functions that need it, so that importing this module costs nothing.
"""

from __future__ import annotations

from typing import Any

from zfxxgk.render.values import RenderError

# The font the official forms are printed in; WPS and Excel in Chinese have it, LibreOffice substitutes.
FONT = "宋体"
CELL_LIMIT = 32767  # characters in one cell, in Excel and WPS
LINE = 14  # points per line of 10-point text, for row heights (a workbook does not size rows itself)


def palette() -> dict[str, Any]:
    """The looks of the workbook by role: (font, fill, alignment, border), or (font, fill) for the
    conditional formats of the checks."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    font = {"name": FONT}
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return {
        "title": (Font(**font, bold=True, size=13), None, Alignment(horizontal="center", vertical="center", wrap_text=True), None),
        "header": (Font(**font, bold=True, size=10), PatternFill("solid", fgColor="D9E1F2"),
                   Alignment(horizontal="center", vertical="center", wrap_text=True), border),
        "label": (Font(**font, size=10), PatternFill("solid", fgColor="F2F2F2"),
                  Alignment(horizontal="left", vertical="center", wrap_text=True), border),
        "cell": (Font(**font, size=10), PatternFill("solid", fgColor="F2F2F2"), Alignment(vertical="center"), border),
        "input": (Font(**font, size=10), None, Alignment(horizontal="right", vertical="center"), border),
        "message": (Font(**font, size=10, color="C00000"), None, Alignment(vertical="center"), None),
        "hint": (Font(**font, size=9, color="595959"), None, Alignment(vertical="top", wrap_text=True), None),
        "red": (Font(color="9C0006", bold=True), PatternFill("solid", bgColor="FFC7CE", fgColor="FFC7CE")),
        "green": (Font(color="006100"), PatternFill("solid", bgColor="C6EFCE", fgColor="C6EFCE")),
        "grey": (Font(color="595959"), PatternFill("solid", bgColor="EDEDED", fgColor="EDEDED")),
    }


def style(cell: Any, look: tuple[Any, ...]) -> None:
    font, fill, alignment, border = look
    cell.font = font
    if fill is not None:
        cell.fill = fill
    cell.alignment = alignment
    if border is not None:
        cell.border = border


def put_text(cell: Any, text: str, where: str) -> None:
    """A text value, never read as a formula (a report's "=..." stays text)."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    if len(text) > CELL_LIMIT:
        raise RenderError(f"{where}: {len(text)} characters, more than a workbook cell holds ({CELL_LIMIT})")
    try:
        cell.value = text
    except IllegalCharacterError:
        raise RenderError(f"{where}: the text holds a control character a workbook cannot store") from None
    cell.data_type = "s"


def protect(ws: Any) -> None:
    """Locked cells cannot be changed; rows and columns can still be resized. No password."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def page(ws: Any, landscape: bool) -> None:
    """Printed on A4, one page wide."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def merge(ws: Any, row: int, col: int, rowspan: int, colspan: int) -> None:
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1)


def text_width(text: str) -> int:
    """The width of ``text`` in column units: a Chinese character takes two, others one."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
