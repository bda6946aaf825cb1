"""The metadata sheet (基本信息) of the workbook: one row per top-level field of the report (the
layout's fields, in order), with its official title, an input cell and the field's description; the
edition and the version are written in and locked. Below, a line that says how many checks fail.
"""

from __future__ import annotations

from typing import Any

from zfxxgk.layout import Field, layout
from zfxxgk.render.document import section_number
from zfxxgk.render.values import RenderError
from zfxxgk.resources import json_schema
from zfxxgk.xlsx import formulas
from zfxxgk.xlsx.positions import METADATA_TOP, WorkbookLayout
from zfxxgk.xlsx.styles import LINE, page, protect, put_text, style, text_width

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


def metadata_sheet(ws: Any, book: WorkbookLayout, report: dict[str, Any] | None, styles: dict[str, Any]) -> None:
    """Write the metadata sheet into ``ws``, filled from ``report`` when given."""
    from openpyxl.styles import Alignment, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws.cell(1, 1, "政府信息公开工作年度报告 填报模板 / Annual report template")
    style(ws.cell(1, 1), styles["title"])
    for col, text in enumerate(("项目\nField", "填写\nValue", "说明\nDescription"), start=1):
        ws.cell(METADATA_TOP - 1, col, text)
        style(ws.cell(METADATA_TOP - 1, col), styles["header"])
    ws.row_dimensions[METADATA_TOP - 1].height = 2 * LINE
    ws.row_dimensions[1].height = 26
    definition = report_definition(book.edition)["properties"]
    fixed = {"edition": book.edition, "schema_version": layout(book.edition).schema_version}
    for field, place in book.fields:
        label = ws.cell(place.row, 1, field.title)
        style(label, styles["label"])
        note = ws.cell(place.row, 3, field.description + ("" if field.required else "（选填 optional）"))
        style(note, styles["hint"])
        cell = ws.cell(place.row, place.col)
        style(cell, styles["input"])
        free_text = section_number(field.title) is not None  # 一、总体情况 …: lines of text, from the top
        cell.alignment = Alignment(vertical="top" if free_text else "center", wrap_text=True)
        note.alignment = Alignment(vertical="top" if free_text else "center", wrap_text=True)
        prop = definition.get(field.name, {})
        if field.name in fixed:
            put_text(cell, str(fixed[field.name]), place.ref)
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
    style(ws.cell(row, 1), styles["label"])
    ws.cell(row, 2, formulas.summary_formula(book))
    style(ws.cell(row, 2), styles["message"])
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    ws.row_dimensions[row].height = 2 * LINE
    ws.cell(row + 1, 1, HINT_ZH + "\n" + HINT_EN)
    style(ws.cell(row + 1, 1), styles["hint"])
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=3)
    ws.row_dimensions[row + 1].height = 4 * LINE
    for column, width in (("A", 22), ("B", 56), ("C", 64)):
        ws.column_dimensions[column].width = width
    for lf, place in book.fields:
        # A free-text section (一、总体情况 …) gets room for a few lines; other rows fit their note.
        lines = 6 if section_number(lf.title) is not None else -(-text_width(lf.description) // 62)
        ws.row_dimensions[place.row].height = max(lines, 1) * LINE + 2
    page(ws, landscape=True)
    protect(ws)


def _fill_field(cell: Any, report: dict[str, Any], field: Field, where: str) -> None:
    value = report.get(field.name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise RenderError(f"{field.pointer}: cannot write a {type(value).__name__} ({value!r})")
    if isinstance(value, int):
        cell.value = value
    else:
        put_text(cell, value, field.pointer)
