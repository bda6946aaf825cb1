"""Read any workbook whose sheets hold the report in the official layout (a report pasted into a
sheet, a template whose labels were changed): row by row into the importer's blocks, as a Word table
is, through the same locating and identity-guided repair. Each block's ``where`` names the sheet and
the cells of its row (``Sheet1!A12:J12``); a row read whole maps each value to its own cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from zfxxgk import pointers
from zfxxgk.importer.blocks import Block
from zfxxgk.importer.result import LogEntry, ParseResult
from zfxxgk.importer.xlsx_cells import as_integer, is_blank, is_number, norm, shown, text_of
from zfxxgk.layout import EDITIONS, Cell, Field, layout
from zfxxgk.xlsx.positions import column_letter

if TYPE_CHECKING:
    from zfxxgk.importer.metadata import Stated


def read_sheets(wb: Any, values: Any, source: str, stated: Stated | None = None) -> ParseResult:
    """The report in the sheets of ``wb`` (``values``: the same workbook read for its saved values);
    ``stated`` is the metadata the user gives, which wins over the workbook's."""
    from zfxxgk.importer.metadata import Sources, Stated
    from zfxxgk.importer.parse import parse_blocks

    stated = stated or Stated()

    blocks: list[Block] = []
    columns: list[list[tuple[int, str]]] = []
    labelled: dict[str, _Labelled] = {}
    for ws in wb.worksheets:
        if _is_checks_sheet(ws):
            continue
        sheet_blocks, sheet_columns = _sheet_blocks(ws, values, labelled)
        blocks.extend(sheet_blocks)
        columns.extend(sheet_columns)
    result = parse_blocks(blocks, source, "xlsx", None, Sources((), source, stated))
    result.cells = _cells_by_row(result.report, blocks, columns)
    result.log = _with_cells(result.log, result.cells)
    if stated.agency:
        labelled.pop("agency_name", None)  # the user's word wins (the importer logged it)
    if stated.year is not None:
        labelled.pop("report_year", None)
    _apply_labelled(result, labelled)
    return result


@dataclass
class _Labelled:
    """A field of the report stated in a row of its own: its title, then its value (a metadata sheet)."""

    value: Any
    where: str


def _field_titles() -> dict[str, Field]:
    """The titles (and aliases) of the fields a workbook may state in a labelled row; the edition and
    the version are the importer's to tell."""
    out: dict[str, Field] = {}
    for edition in EDITIONS:
        for lf in layout(edition).fields:
            if lf.name not in ("edition", "schema_version"):
                for title in (lf.title, *lf.aliases):
                    out.setdefault(norm(title), lf)
    return out


def _sheet_blocks(ws: Any, values: Any, labelled: dict[str, _Labelled]) -> tuple[list[Block], list[list[tuple[int, str]]]]:
    """The rows of one sheet as blocks, with the columns of the cells each block holds.

    A merged cell is read once, at its top-left cell; a cell continued from the row above is ``""``
    so that the cells to its right keep their positions (as the Word reader does). A formula is read
    through the value the spreadsheet computed and saved (``values``, the workbook read for its
    values), blank when it has none. A row that states a field (its title, then a value) goes to
    ``labelled`` instead.
    """
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in ws.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                anchors[(row, col)] = (merged.min_row, merged.min_col)
    titles = _field_titles()
    blocks: list[Block] = []
    columns: list[list[tuple[int, str]]] = []
    min_col = ws.min_column
    for row in ws.iter_rows():
        cells: list[tuple[int, str]] = []
        for cell in row:
            r, c = cell.row, cell.column
            anchor = anchors.get((r, c))
            if anchor is not None and anchor != (r, c):
                if anchor[0] == r or c != anchor[1]:
                    continue  # covered by a cell to its left (or a block's inner part): printed once
                cells.append((c, ""))
                continue
            value = cell.value
            if isinstance(value, str) and value.startswith("="):
                value = values[ws.title].cell(r, c).value
            cells.append((c, text_of(value)))
        while cells and not cells[-1][1]:
            cells.pop()
        while cells and not cells[0][1] and cells[0][0] < min_col:
            cells.pop(0)
        filled = [(c, t) for c, t in cells if t]
        if not filled:
            continue
        number = row[0].row
        field_here = titles.get(norm(filled[0][1]))
        if field_here is not None and len(filled) >= 2 and filled[1][0] == filled[0][0] + 1:
            value = values[ws.title].cell(number, filled[1][0]).value
            labelled.setdefault(field_here.name, _Labelled(value, f"{ws.title}!{column_letter(filled[1][0])}{number}"))
            continue
        first, last = cells[0][0], cells[-1][0]
        where = f"{ws.title}!{column_letter(first)}{number}" + (
            f":{column_letter(last)}{number}" if last != first else "")
        if len(filled) == 1 and not is_number(filled[0][1]):
            blocks.append(Block("text", (filled[0][1],), where))
            columns.append([filled[0]])
        else:
            blocks.append(Block("row", tuple(t for _, t in cells), where))
            columns.append(cells)
    return blocks, columns


def _is_checks_sheet(ws: Any) -> bool:
    """The checks sheet of a template: formulas about the tables, not part of the report."""
    from zfxxgk.xlsx.formulas import COLUMNS
    from zfxxgk.xlsx.positions import CHECKS_SHEET, CHECKS_TOP

    return ws.title == CHECKS_SHEET and all(
        norm(ws.cell(CHECKS_TOP - 1, col).value) == norm(header) for col, (_, header) in enumerate(COLUMNS, 1))


def _apply_labelled(result: ParseResult, labelled: dict[str, _Labelled]) -> None:
    """Fields the workbook states in labelled rows (机关名称 | 某某局) replace what the importer
    looked for in the title and the text; each is logged with its cell (P501)."""
    fields = {lf.name: lf for lf in layout(result.report["edition"]).fields}
    for name, found in labelled.items():
        lf = fields.get(name)
        if lf is None:
            continue
        value = found.value
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if name == "report_year":
            value = as_integer(value)
        elif value is not None:
            value = value.strip() if isinstance(value, str) else shown(value)
        if value is None or value == "":
            continue
        result.report[name] = value
        result.log = [e for e in result.log if e.pointer != lf.pointer]
        result.log.append(LogEntry(
            "inferred", lf.pointer, shown(found.value), found.where,
            f"{lf.title} read from its labelled cell {found.where}: {value}",
            f"“{lf.title}”取自带标签的单元格 {found.where}：{value}", value=value, code="P501"))
        result.cells[lf.pointer] = found.where


def _cells_by_row(report: dict[str, Any], blocks: list[Block], columns: list[list[tuple[int, str]]]) -> dict[str, str]:
    """Each cell of the report mapped to the workbook cell it was read from, where that is certain.

    A printed row whose numeric cells are, in order, the values the report holds for exactly one
    row of the layout (for a table printed side by side, the table's one data row), and whose label
    is that row's label: each value stands in the workbook cell at its position. Anything else keeps
    the place of its whole row.
    """
    edition = report.get("edition")
    if edition not in EDITIONS:
        return {}
    from zfxxgk.render.grid import table_shape

    lay = layout(edition)
    candidates: list[tuple[str | None, list[Cell]]] = []
    for table in lay.tables:
        if table_shape(table) == "side_by_side":
            candidates.append((None, table.cells()))
        else:
            candidates.extend((row.title, row.cells()) for row in table.rows())
    out: dict[str, str] = {}
    for block, cols in zip(blocks, columns, strict=True):
        if block.kind != "row":
            continue
        # The values are the cells right of the last label (blank ones too, but a blank in the
        # last column is not a cell of the sheet's row: such a row keeps the row's place).
        text_at = [i for i, (_, t) in enumerate(cols) if t and not is_number(t) and not is_blank(t)]
        start = text_at[-1] + 1 if text_at else 0
        numeric = cols[start:]
        labels = norm("".join(t for _, t in cols[:start]))
        sheet, _, span = block.where.partition("!")
        number = re.search(r"\d+", span)
        if not number or not numeric:
            continue
        matches = [cells for title, cells in candidates
                   if len(cells) == len(numeric) and (title is None or norm(title) in labels)
                   and _row_matches(report, cells, numeric)]
        if len(matches) != 1:
            continue
        for cell, (col, _) in zip(matches[0], numeric, strict=True):
            out.setdefault(cell.pointer, f"{sheet}!{column_letter(col)}{number.group()}")
    return out


def _with_cells(log: list[LogEntry], cells: dict[str, str]) -> list[LogEntry]:
    """Log entries about one cell cite that cell rather than its whole row."""
    return [replace(e, where=cells[e.pointer]) if e.pointer in cells and e.where and ":" in e.where else e
            for e in log]


def _row_matches(report: dict[str, Any], cells: list[Cell], printed: list[tuple[int, str]]) -> bool:
    for cell, (_, text) in zip(cells, printed, strict=True):
        value = pointers.resolve(report, cell.pointer, None)
        shown = text.replace(",", "")
        if value is None:
            if not is_blank(shown):
                return False
        elif str(value) != shown:
            return False
    return True
