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
from zfxxgk.render.values import RenderError
from zfxxgk.catalog import catalog
from zfxxgk.resources import json_schema, layout_data
from zfxxgk.xlsx import formulas
from zfxxgk.xlsx.metadata_sheet import metadata_sheet
from zfxxgk.xlsx.positions import (CHECKS_SHEET, CHECKS_TOP, GRID_TOP, METADATA_SHEET, Check, Input, TableSheet,
                                   WorkbookLayout, column_letter, workbook_layout)
from zfxxgk.xlsx.styles import LINE, merge, page, palette, protect, put_text, style, text_width

INSTALL_HINT_EN = "Excel workbooks need openpyxl: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "Excel 工作簿需要 openpyxl：pip install 'zfxxgk[documents]'"


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


def write_workbook(edition: str, report: dict[str, Any] | None = None) -> bytes:
    """The workbook of ``edition`` as .xlsx bytes, filled with ``report`` when given.

    Raises ``RenderError`` when the report lacks a cell or holds a value of the wrong type, and
    ``ImportError`` (with the install hint) when openpyxl is missing.
    """
    try:
        from openpyxl import Workbook
    except ImportError:
        raise ImportError(f"{INSTALL_HINT_EN} / {INSTALL_HINT_ZH}") from None
    book = workbook_layout(edition)
    styles = palette()
    wb = Workbook()
    wb.remove(wb.active)
    metadata_sheet(wb.create_sheet(METADATA_SHEET), book, report, styles)
    involved: dict[str, list[Check]] = defaultdict(list)
    for check in book.checks:
        for pointer in formulas.operands(check):
            involved[pointer].append(check)
    for table in book.tables:
        _table_sheet(wb.create_sheet(table.name), table, book, report, involved, styles)
    _checks_sheet(wb.create_sheet(CHECKS_SHEET), book, styles)
    # The file holds formulas without computed values: every spreadsheet computes them on opening.
    wb.calculation.fullCalcOnLoad = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _table_sheet(ws: Any, table: TableSheet, book: WorkbookLayout, report: dict[str, Any] | None,
                 involved: dict[str, list[Check]], styles: dict[str, Any]) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Protection

    _printed(ws, table, styles)
    validations = _Validations(ws)
    red_font, red_fill = styles["red"]
    for inp in table.inputs:
        cell = ws.cell(inp.place.row, inp.place.col)
        style(cell, styles["input"])
        for c in range(1, inp.colspan):
            ws.cell(inp.place.row, inp.place.col + c).border = styles["input"][3]
        merge(ws, inp.place.row, inp.place.col, 1, inp.colspan)
        cell.protection = Protection(locked=False)
        validations.add(cell, inp, book.edition, styles)
        if involved.get(inp.pointer):
            ws.conditional_formatting.add(inp.place.coordinate, FormulaRule(
                formula=[formulas.failing_formula(involved[inp.pointer])], font=red_font, fill=red_fill))
        if report is not None:
            _fill_input(cell, report, inp)
    _messages(ws, table, book, styles)
    _widths(ws, table)
    page(ws, landscape=True)
    protect(ws)


def _printed(ws: Any, table: TableSheet, styles: dict[str, Any]) -> None:
    """The title and the official labels, merged as the layout spans them."""
    for p in table.printed:
        cell = ws.cell(p.place.row, p.place.col)
        put_text(cell, p.text, p.place.ref)
        style(cell, styles["title" if p.role == "title" else p.role])
        for r in range(p.rowspan):
            for c in range(p.colspan):
                if p.role != "title":
                    ws.cell(p.place.row + r, p.place.col + c).border = styles["header"][3]
        merge(ws, p.place.row, p.place.col, p.rowspan, p.colspan)


class _Validations:
    """What a spreadsheet lets a user type in each input: whole counts, signed changes, decimal
    amounts, and units from their list."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        self.ws = ws
        self.counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                     showErrorMessage=True, errorTitle="数量 / count",
                                     error="请填写不小于 0 的整数；没有发生的填 0，不填表示空白 / a whole number ≥ 0, or blank")
        self.signed = DataValidation(type="whole", operator="between", formula1="-9007199254740991",
                                     formula2="9007199254740991", allow_blank=True, showErrorMessage=True,
                                     errorTitle="增减 / change", error="请填写整数（减少填负数）/ a whole number (negative for a decrease)")
        for dv in (self.counts, self.signed):
            ws.add_data_validation(dv)

    def add(self, cell: Any, inp: Input, edition: str, styles: dict[str, Any]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        if inp.is_unit:
            units = unit_values(edition, inp.pointer)
            dv = DataValidation(type="list", formula1='"' + ",".join(units) + '"', allow_blank=True,
                                showErrorMessage=True, showInputMessage=True, promptTitle="单位 / unit",
                                prompt="、".join(units), errorTitle="单位 / unit", error="、".join(units))
            self.ws.add_data_validation(dv)
            dv.add(inp.place.coordinate)
            cell.alignment = styles["label"][2]
        elif inp.cell.is_amount:
            cell.number_format = "@"  # kept as typed: an exact decimal, trailing zeros and all
            ref = inp.place.coordinate
            unit = f"（单位：{inp.cell.unit}）" if inp.cell.unit else ""
            dv = DataValidation(type="custom", formula1=f"AND(ISNUMBER(--{ref}),--{ref}>=0)", allow_blank=True,
                                showErrorMessage=True, errorTitle="金额 / amount",
                                error=f"请填写不小于 0 的数{unit}，如 1.2345 / a decimal ≥ 0")
            self.ws.add_data_validation(dv)
            dv.add(ref)
        else:
            (self.signed if inp.cell.signed else self.counts).add(inp.place.coordinate)


def _messages(ws: Any, table: TableSheet, book: WorkbookLayout, styles: dict[str, Any]) -> None:
    """Beside each row that is the total of an identity, the live message that says whether it holds."""
    messages: dict[int, list[Check]] = defaultdict(list)
    for check in book.checks:
        first = check.instance.lhs[0].pointer
        for inp in table.inputs:
            if inp.pointer == first:
                messages[inp.place.row].append(check)
    if not messages:
        return
    head = ws.cell(GRID_TOP, table.message_col, "勾稽关系检查 Identity checks")
    style(head, styles["header"])
    for row, checks in messages.items():
        cell = ws.cell(row, table.message_col, formulas.beside_formula(checks))
        style(cell, styles["message"])
    # Not wrapped: a message runs on into the empty columns to its right.
    ws.column_dimensions[column_letter(table.message_col)].width = 60


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
        put_text(cell, value, inp.pointer)
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise RenderError(f"{inp.pointer}: {value!r} is not a count")
    cell.value = value


def _checks_sheet(ws: Any, book: WorkbookLayout, styles: dict[str, Any]) -> None:
    from openpyxl.formatting.rule import CellIsRule

    ws.cell(1, 1, f"勾稽关系（{len(book.checks)} 项，自动核对）/ Identity checks, computed live")
    style(ws.cell(1, 1), styles["title"])
    ws.cell(1, 1).alignment = styles["message"][2]  # left, running on over the columns
    for col, (_, header) in enumerate(formulas.COLUMNS, start=1):
        style(ws.cell(CHECKS_TOP - 1, col, header), styles["header"])
    ws.row_dimensions[CHECKS_TOP - 1].height = 2 * LINE
    ws.row_dimensions[1].height = 26
    titles = {r.code: r.title_zh for r in catalog()}
    col = formulas.COL
    widths = {"code": 7, "title": 30, "instance": 30, "reported": 10, "computed": 10, "status": 8,
              "message_zh": 50, "message_en": 56, "cells": 40}
    wrapped = ("title", "instance", "message_zh", "message_en")  # the cells list, last, runs on unwrapped
    for check in book.checks:
        inst, r = check.instance, check.row
        texts = {"title": titles[inst.rule.code], "instance": inst.label_zh,
                 "message_zh": formulas.longest_message(check, "zh"), "message_en": formulas.longest_message(check, "en")}
        ws.cell(r, col["code"], inst.rule.code)
        ws.cell(r, col["title"], texts["title"])
        ws.cell(r, col["instance"], texts["instance"])
        ws.cell(r, col["reported"], formulas.reported_formula(check, book.places))
        ws.cell(r, col["computed"], formulas.computed_formula(check, book.places))
        ws.cell(r, col["status"], formulas.status_formula(check, book.places))
        ws.cell(r, col["message_zh"], formulas.message_formula(check, "zh"))
        ws.cell(r, col["message_en"], formulas.message_formula(check, "en"))
        ws.cell(r, col["cells"], ", ".join(book.places[p].ref for p in formulas.operands(check)))
        for key in col:
            style(ws.cell(r, col[key]), styles["cell" if key in ("code", "title", "instance", "cells") else "input"])
        for key in wrapped:
            ws.cell(r, col[key]).alignment = styles["label"][2]
        ws.cell(r, col["message_zh"]).font = styles["message"][0]
        ws.cell(r, col["message_en"]).font = styles["message"][0]
        ws.cell(r, col["status"]).alignment = styles["header"][2]
        # As tall as its longest text wraps to, the message counted with values of eight digits.
        lines = max(-(-text_width(texts[k]) // (widths[k] - 1)) for k in wrapped)
        ws.row_dimensions[r].height = max(lines, 1) * LINE + 2
    if book.checks:
        status = column_letter(col["status"])
        span = f"{status}{book.checks[0].row}:{status}{book.checks[-1].row}"
        for value, name in ((formulas.FAILS, "red"), (formulas.HOLDS, "green"), (formulas.NOT_CHECKED, "grey")):
            font, fill = styles[name]
            ws.conditional_formatting.add(span, CellIsRule(operator="equal", formula=[f'"{value}"'], font=font, fill=fill))
    for key, width in widths.items():
        ws.column_dimensions[column_letter(col[key])].width = width
    ws.freeze_panes = ws.cell(CHECKS_TOP, 1)
    page(ws, landscape=True)
    protect(ws)
