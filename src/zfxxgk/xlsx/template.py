"""Write the workbook of an edition: the three tables in the official layout, a metadata sheet and
the live checks; empty (a template to fill) or filled from a report (``zfxxgk render --to xlsx``).

- Labels, titles and formulas are locked (sheet protection without a password: it guards against
  slips, not people); input cells are unlocked and carry data validation: counts are whole numbers
  (≥ 0, except the 2019 本年增/减, which may be negative), amounts decimals ≥ 0 kept as typed
  (text cells: "24252.3110" keeps its last zero), the unit of 2019 采购总金额 one of its units.
- A blank cell stays blank: it means "not reported", which is not 0.
- Every identity of the catalog is a row of the checks sheet; a failing one turns the cells it
  involves red and prints its message beside the table.
"""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal
from typing import Any

from zfxxgk import pointers
from zfxxgk.layout import Field, layout
from zfxxgk.render.document import section_number
from zfxxgk.render.values import RenderError
from zfxxgk.resources import json_schema, layout_data, rules_catalog
from zfxxgk.xlsx import formulas
from zfxxgk.xlsx.positions import (CHECKS_SHEET, CHECKS_TOP, GRID_TOP, METADATA_SHEET, METADATA_TOP, Check,
                                   Input, TableSheet, WorkbookLayout, column_letter, workbook_layout)

# The font the official forms are printed in; WPS and Excel in Chinese have it, LibreOffice substitutes.
FONT = "宋体"
CELL_LIMIT = 32767  # characters in one cell, in Excel and WPS
LINE = 14  # points per line of 10-point text, for row heights (a workbook does not size rows itself)

INSTALL_HINT_EN = "Excel workbooks need openpyxl: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "Excel 工作簿需要 openpyxl：pip install 'zfxxgk[documents]'"

HINT_ZH = ("白色单元格为填写区：没有发生的填 0，不填表示空白（数值未知，涉及它的勾稽关系不核对）。"
           "勾稽关系不相符时，涉及的单元格变红，说明显示在表格右侧和“勾稽关系”表中。")
HINT_EN = ("Fill the white cells: 0 for none; a blank cell means not reported (its identities are not "
           "checked). A failing identity turns its cells red, with the message beside the table and in "
           "the checks sheet.")


def report_definition(edition: str) -> dict[str, Any]:
    """The JSON Schema definition of the report of ``edition`` (bounds and patterns of the fields)."""
    schema = json_schema()
    branch = "then" if edition == schema["if"]["properties"]["edition"]["const"] else "else"
    return schema["$defs"][schema[branch]["$ref"].rsplit("/", 1)[-1]]


def unit_values(edition: str, unit_pointer: str) -> list[str]:
    """The units an amount may be stated in (the enum of its unit field, e.g. 元, 万元)."""
    def find(entries: list[dict[str, Any]]) -> str | None:
        for entry in entries:
            if entry.get("pointer") == unit_pointer:
                return entry["range"]
            found = find(entry.get("children", []))
            if found:
                return found
        return None

    rng = find(layout_data()["editions"][edition]["tables"])
    return list(json_schema()["$defs"][rng]["enum"]) if rng else []


def _styles() -> dict[str, Any]:
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


def _style(cell: Any, style: tuple[Any, ...]) -> None:
    font, fill, alignment, border = style
    cell.font = font
    if fill is not None:
        cell.fill = fill
    cell.alignment = alignment
    if border is not None:
        cell.border = border


def _put_text(cell: Any, text: str, where: str) -> None:
    """A text value, never read as a formula (a report's "=..." stays text)."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    if len(text) > CELL_LIMIT:
        raise RenderError(f"{where}: {len(text)} characters, more than a workbook cell holds ({CELL_LIMIT})")
    try:
        cell.value = text
    except IllegalCharacterError:
        raise RenderError(f"{where}: the text holds a control character a workbook cannot store") from None
    cell.data_type = "s"


def _protect(ws: Any) -> None:
    """Locked cells cannot be changed; rows and columns can still be resized. No password."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _page(ws: Any, landscape: bool) -> None:
    """Printed on A4, one page wide."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _merge(ws: Any, row: int, col: int, rowspan: int, colspan: int) -> None:
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1)


def write_workbook(edition: str, report: dict[str, Any] | None = None) -> bytes:
    """The workbook of ``edition`` as .xlsx bytes, filled with ``report`` when given.

    Raises ``RenderError`` when the report lacks a cell or holds a value of the wrong type, and
    ``ImportError`` (with the install hint) when openpyxl is missing.
    """
    try:
        from openpyxl import Workbook
    except ImportError:
        raise ImportError(INSTALL_HINT_EN) from None
    book = workbook_layout(edition)
    styles = _styles()
    wb = Workbook()
    wb.remove(wb.active)
    _metadata_sheet(wb.create_sheet(METADATA_SHEET), book, report, styles)
    involved: dict[str, list[Check]] = defaultdict(list)
    for check in book.checks:
        for pointer in formulas.operands(check):
            involved[pointer].append(check)
    for table in book.tables:
        _table_sheet(wb.create_sheet(table.name), table, book, report, involved, styles)
    _checks_sheet(wb.create_sheet(CHECKS_SHEET), book, styles)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _metadata_sheet(ws: Any, book: WorkbookLayout, report: dict[str, Any] | None, styles: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws.cell(1, 1, "政府信息公开工作年度报告 填报模板 / Annual report template")
    _style(ws.cell(1, 1), styles["title"])
    for col, text in enumerate(("项目\nField", "填写\nValue", "说明\nDescription"), start=1):
        ws.cell(METADATA_TOP - 1, col, text)
        _style(ws.cell(METADATA_TOP - 1, col), styles["header"])
    ws.row_dimensions[METADATA_TOP - 1].height = 2 * LINE
    ws.row_dimensions[1].height = 26
    definition = report_definition(book.edition)["properties"]
    fixed = {"edition": book.edition, "schema_version": layout(book.edition).schema_version}
    for field, place in book.fields:
        label = ws.cell(place.row, 1, field.title)
        _style(label, styles["label"])
        note = ws.cell(place.row, 3, field.description + ("" if field.required else "（选填 optional）"))
        _style(note, styles["hint"])
        cell = ws.cell(place.row, place.col)
        _style(cell, styles["input"])
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        prop = definition.get(field.name, {})
        if field.name in fixed:
            _put_text(cell, str(fixed[field.name]), place.ref)
            continue  # stays locked: the edition and version of the workbook, not the report's to choose
        cell.protection = Protection(locked=False)
        types = prop.get("type", "string")
        if "integer" in (types if isinstance(types, list) else [types]):
            dv = DataValidation(type="whole", operator="between", formula1=str(prop.get("minimum", 0)),
                                formula2=str(prop.get("maximum", 9999)), allow_blank=True, showErrorMessage=True,
                                errorTitle=field.title,
                                error=f"请填写 {prop.get('minimum')}–{prop.get('maximum')} 之间的整数 / "
                                      f"a whole number from {prop.get('minimum')} to {prop.get('maximum')}")
            ws.add_data_validation(dv)
            dv.add(place.coordinate)
        else:
            cell.number_format = "@"  # text: a date or a code stays as typed
        if report is not None and field.name not in fixed:
            _fill_field(cell, report, field, place.ref)
    row = book.fields[-1][1].row + 2 if book.fields else METADATA_TOP
    ws.cell(row, 1, "勾稽关系检查\nIdentity checks")
    _style(ws.cell(row, 1), styles["label"])
    ws.cell(row, 2, formulas.summary_formula(book))
    _style(ws.cell(row, 2), styles["message"])
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    ws.row_dimensions[row].height = 2 * LINE
    ws.cell(row + 1, 1, HINT_ZH + "\n" + HINT_EN)
    _style(ws.cell(row + 1, 1), styles["hint"])
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=3)
    ws.row_dimensions[row + 1].height = 4 * LINE
    for column, width in (("A", 22), ("B", 56), ("C", 64)):
        ws.column_dimensions[column].width = width
    for lf, place in book.fields:
        # A free-text section (一、总体情况 …) gets room for a few lines; other rows fit their note.
        lines = 6 if section_number(lf.title) is not None else -(-text_width(lf.description) // 62)
        ws.row_dimensions[place.row].height = max(lines, 1) * LINE + 2
    _page(ws, landscape=True)
    _protect(ws)


def _fill_field(cell: Any, report: dict[str, Any], field: Field, where: str) -> None:
    value = report.get(field.name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise RenderError(f"{field.pointer}: cannot write a {type(value).__name__} ({value!r})")
    if isinstance(value, int):
        cell.value = value
    else:
        _put_text(cell, value, field.pointer)


def _table_sheet(ws: Any, table: TableSheet, book: WorkbookLayout, report: dict[str, Any] | None,
                 involved: dict[str, list[Check]], styles: dict[str, Any]) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    for p in table.printed:
        cell = ws.cell(p.place.row, p.place.col)
        _put_text(cell, p.text, p.place.ref)
        _style(cell, styles["title" if p.role == "title" else p.role])
        for r in range(p.rowspan):
            for c in range(p.colspan):
                if p.role != "title":
                    ws.cell(p.place.row + r, p.place.col + c).border = styles["header"][3]
        _merge(ws, p.place.row, p.place.col, p.rowspan, p.colspan)
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="数量 / count",
                            error="请填写不小于 0 的整数；没有发生的填 0，不填表示空白 / a whole number ≥ 0, or blank")
    signed = DataValidation(type="whole", operator="between", formula1="-9007199254740991",
                            formula2="9007199254740991", allow_blank=True, showErrorMessage=True,
                            errorTitle="增减 / change", error="请填写整数（减少填负数）/ a whole number (negative for a decrease)")
    for dv in (counts, signed):
        ws.add_data_validation(dv)
    red_font, red_fill = styles["red"]
    messages: dict[int, list[Check]] = defaultdict(list)
    for check in book.checks:
        first = check.instance.lhs[0][0]
        for inp in table.inputs:
            if inp.pointer == first:
                messages[inp.place.row].append(check)
    for inp in table.inputs:
        cell = ws.cell(inp.place.row, inp.place.col)
        _style(cell, styles["input"])
        for c in range(1, inp.colspan):
            ws.cell(inp.place.row, inp.place.col + c).border = styles["input"][3]
        _merge(ws, inp.place.row, inp.place.col, 1, inp.colspan)
        cell.protection = Protection(locked=False)
        if inp.is_unit:
            units = unit_values(book.edition, inp.pointer)
            dv = DataValidation(type="list", formula1='"' + ",".join(units) + '"', allow_blank=True,
                                showErrorMessage=True, showInputMessage=True, promptTitle="单位 / unit",
                                prompt="、".join(units), errorTitle="单位 / unit", error="、".join(units))
            ws.add_data_validation(dv)
            dv.add(inp.place.coordinate)
            cell.alignment = styles["label"][2]
        elif inp.cell.is_amount:
            cell.number_format = "@"  # kept as typed: an exact decimal, trailing zeros and all
            ref = inp.place.coordinate
            unit = f"（单位：{inp.cell.unit}）" if inp.cell.unit else ""
            dv = DataValidation(type="custom", formula1=f"AND(ISNUMBER(--{ref}),--{ref}>=0)", allow_blank=True,
                                showErrorMessage=True, errorTitle="金额 / amount",
                                error=f"请填写不小于 0 的数{unit}，如 1.2345 / a decimal ≥ 0")
            ws.add_data_validation(dv)
            dv.add(ref)
        else:
            (signed if inp.cell.signed else counts).add(inp.place.coordinate)
        if involved.get(inp.pointer):
            ws.conditional_formatting.add(inp.place.coordinate, FormulaRule(
                formula=[formulas.failing_formula(involved[inp.pointer])], font=red_font, fill=red_fill))
        if report is not None:
            _fill_input(cell, report, inp)
    if messages:
        head = ws.cell(GRID_TOP, table.message_col, "勾稽关系检查 Identity checks")
        _style(head, styles["header"])
        for row, checks in messages.items():
            cell = ws.cell(row, table.message_col, formulas.beside_formula(checks))
            _style(cell, styles["message"])
        # Not wrapped: a message runs on into the empty columns to its right.
        ws.column_dimensions[column_letter(table.message_col)].width = 60
    _widths(ws, table)
    _page(ws, landscape=True)
    _protect(ws)


def text_width(text: str) -> int:
    """The width of ``text`` in column units: a Chinese character takes two, others one."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _widths(ws: Any, table: TableSheet) -> None:
    """Column widths and row heights for the official labels; a workbook sizes neither by itself.

    A label column is as wide as its longest one-column label (within bounds, longer ones wrap);
    a value column is as wide as a large count. A row is as tall as its most wrapped label, and a
    label spanning rows shares its lines among them.
    """
    widths = {col: 11.0 for col in range(1, table.grid.n_cols + 1)}
    for p in table.printed:
        if p.role == "label" and p.colspan == 1:
            widths[p.place.col] = max(widths[p.place.col], min(text_width(p.text) + 2, 34))
    for col, width in widths.items():
        ws.column_dimensions[column_letter(col)].width = width
    lines: dict[int, int] = defaultdict(lambda: 1)
    for p in table.printed:
        if p.role == "title":
            ws.row_dimensions[p.place.row].height = 26
            continue
        span = sum(widths.get(p.place.col + c, 11.0) for c in range(p.colspan))
        needed = sum(-(-text_width(part) // max(int(span) - 1, 1)) for part in p.text.split("\n"))
        per_row = -(-needed // p.rowspan)
        for r in range(p.rowspan):
            lines[p.place.row + r] = max(lines[p.place.row + r], per_row)
    for row, count in lines.items():
        if count > 1:
            ws.row_dimensions[row].height = count * LINE


def _fill_input(cell: Any, report: dict[str, Any], inp: Input) -> None:
    try:
        value = pointers.resolve(report, inp.pointer)
    except KeyError:
        raise RenderError(f"the report has no cell {inp.pointer} ({' / '.join(inp.cell.title_path)})") from None
    if value is None:
        return
    if inp.is_unit or inp.cell.is_amount:
        if isinstance(value, Decimal):
            value = format(value, "f")
        if not isinstance(value, str):
            raise RenderError(f"{inp.pointer}: cannot write a {type(value).__name__} ({value!r}); amounts are "
                              "decimal strings")
        _put_text(cell, value, inp.pointer)
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise RenderError(f"{inp.pointer}: {value!r} is not a count")
    cell.value = value


def _checks_sheet(ws: Any, book: WorkbookLayout, styles: dict[str, Any]) -> None:
    from openpyxl.formatting.rule import CellIsRule

    ws.cell(1, 1, f"勾稽关系（{len(book.checks)} 项，自动核对）/ Identity checks, computed live")
    _style(ws.cell(1, 1), styles["title"])
    ws.cell(1, 1).alignment = styles["message"][2]  # left, running on over the columns
    for col, (_, header) in enumerate(formulas.COLUMNS, start=1):
        _style(ws.cell(CHECKS_TOP - 1, col, header), styles["header"])
    ws.row_dimensions[CHECKS_TOP - 1].height = 2 * LINE
    ws.row_dimensions[1].height = 26
    titles = {r["code"]: r["title_zh"] for r in rules_catalog()["rules"]}
    col = formulas.COL
    for check in book.checks:
        inst, r = check.instance, check.row
        ws.cell(r, col["code"], inst.rule.code)
        ws.cell(r, col["title"], titles[inst.rule.code])
        ws.cell(r, col["instance"], inst.label_zh)
        ws.cell(r, col["reported"], formulas.reported_formula(check, book.places))
        ws.cell(r, col["computed"], formulas.computed_formula(check, book.places))
        ws.cell(r, col["status"], formulas.status_formula(check, book.places))
        ws.cell(r, col["message_zh"], formulas.message_formula(check, "zh"))
        ws.cell(r, col["message_en"], formulas.message_formula(check, "en"))
        ws.cell(r, col["cells"], ", ".join(book.places[p].ref for p in formulas.operands(check)))
        for key in col:
            _style(ws.cell(r, col[key]), styles["cell" if key in ("code", "title", "instance", "cells") else "input"])
        ws.cell(r, col["message_zh"]).font = styles["message"][0]
        ws.cell(r, col["message_en"]).font = styles["message"][0]
        ws.cell(r, col["status"]).alignment = styles["header"][2]
    if book.checks:
        status = column_letter(col["status"])
        span = f"{status}{book.checks[0].row}:{status}{book.checks[-1].row}"
        for value, name in ((formulas.FAILS, "red"), (formulas.HOLDS, "green"), (formulas.NOT_CHECKED, "grey")):
            font, fill = styles[name]
            ws.conditional_formatting.add(span, CellIsRule(operator="equal", formula=[f'"{value}"'], font=font, fill=fill))
    for key, width in (("code", 7), ("title", 28), ("instance", 22), ("reported", 9), ("computed", 9),
                       ("status", 8), ("message_zh", 50), ("message_en", 50), ("cells", 40)):
        ws.column_dimensions[column_letter(col[key])].width = width
    ws.freeze_panes = ws.cell(CHECKS_TOP, 1)
    _page(ws, landscape=True)
    _protect(ws)
