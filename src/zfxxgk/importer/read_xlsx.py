"""Read an Excel/WPS ``.xlsx`` workbook: a filled template of ``zfxxgk template``, or any workbook
whose sheets hold the report in the official layout (a report pasted into a sheet).

- A **template** (every label of an edition's workbook at its place, ``zfxxgk.xlsx.positions``) is
  read cell by cell: each value comes from a known cell, so nothing is inferred, and every log entry
  names its cell (``表三!D12``).
- **Any other workbook** is read row by row into the importer's blocks, as a Word table is, and
  goes through the same locating and solving; each block's ``where`` names the sheet and the cells
  of its row (``Sheet1!A12:J12``).

Either way the result maps every cell of the report to the cell of the workbook it came from
(``ParseResult.cells``), so that the validator's findings can cite it too.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from zfxxgk import pointers
from zfxxgk.errors import InputError
from zfxxgk.importer.blocks import Block
from zfxxgk.importer.result import LogEntry, ParseResult
from zfxxgk.layout import EDITIONS, Cell, Field, layout
from zfxxgk.xlsx.positions import Input, Place, WorkbookLayout, column_letter, workbook_layout

INSTALL_HINT_EN = "reading Excel workbooks needs openpyxl: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "读取 Excel 工作簿需要 openpyxl：pip install 'zfxxgk[documents]'"

# What a report prints in a cell that holds no number (the importer reads the same as blank).
_BLANK_MARKS = {"", "-", "—", "－", "–", "/", "／", "无", "——"}
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


def open_workbook(data: bytes, source: str, data_only: bool = False) -> Any:
    """The workbook of ``data``; ``InputError`` naming ``source`` when it is not a readable .xlsx."""
    try:
        import openpyxl
    except ImportError:
        raise InputError(source, INSTALL_HINT_EN, INSTALL_HINT_ZH) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(source, "not an Excel .xlsx workbook (not a ZIP package; old .xls files are not supported: "
                         "save as .xlsx)", "不是 Excel .xlsx 工作簿（不是 ZIP 包；不支持旧的 .xls 格式，请另存为 .xlsx）")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    # A damaged package fails in the ZIP, XML or openpyxl layers with exceptions of their own; all
    # mean the same to the user.
    except Exception as error:
        reason = f"{type(error).__name__}: {str(error).strip().splitlines()[0]}" if str(error).strip() else type(error).__name__
        raise InputError(source, f"not a readable Excel .xlsx workbook ({reason})",
                         f"无法读取的 Excel .xlsx 工作簿（{reason}）") from None


def is_workbook(data: bytes) -> bool:
    """A ZIP package holding a spreadsheet (xl/workbook.xml): told apart from a Word file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "xl/workbook.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _norm(text: Any) -> str:
    return re.sub(r"\s+", "", str(text)) if text is not None else ""


def template_edition(wb: Any) -> str | None:
    """The edition whose template ``wb`` is: every sheet and label of that edition at its place."""
    for edition in EDITIONS:
        book = workbook_layout(edition)
        if all(t.name in wb.sheetnames for t in book.tables) and all(
                _norm(wb[p.place.sheet].cell(p.place.row, p.place.col).value) == _norm(p.text)
                for t in book.tables for p in t.printed):
            return edition
    return None


@dataclass
class _TemplateReader:
    wb: Any
    data: bytes
    source: str
    book: WorkbookLayout
    log: list[LogEntry] = field(default_factory=list)
    _computed: Any = None  # the workbook's computed values, loaded when a cell holds a formula

    def raw(self, place: Place) -> Any:
        value = self.wb[place.sheet].cell(place.row, place.col).value
        if isinstance(value, str) and value.startswith("="):
            if self._computed is None:
                self._computed = open_workbook(self.data, self.source, data_only=True)
            computed = self._computed[place.sheet].cell(place.row, place.col).value
            return _Formula(value, computed)
        return value

    def read(self) -> dict[str, Any]:
        lay = layout(self.book.edition)
        report = lay.blank_document()
        for lf, place in self.book.fields:
            self._field(report, lf, place)
        for table in self.book.tables:
            for inp in table.inputs:
                pointers.assign(report, inp.pointer, self._input(inp))
        return report

    def _warn(self, pointer: str, raw: Any, place: Place, en: str, zh: str, code: str, kind: str = "warning") -> None:
        self.log.append(LogEntry(kind, pointer, _shown(raw), place.ref, en, zh, code=code))

    def _field(self, report: dict[str, Any], lf: Field, place: Place) -> None:
        raw = self.raw(place)
        value = raw.computed if isinstance(raw, _Formula) else raw
        if lf.name in ("edition", "schema_version"):
            return  # the workbook's own: blank_document set them
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if value is None or (isinstance(value, str) and not value.strip()):
            if lf.required and lf.name not in ("agency_name", "report_year"):
                report[lf.name] = ""
                self._warn(lf.pointer, "", place, f"{lf.title} is blank: its text is empty",
                           f"“{lf.title}”未填写：其内容为空", "P701")
            else:
                report[lf.name] = None
                if lf.required:
                    self._warn(lf.pointer, "", place, f"{lf.title} is blank", f"“{lf.title}”未填写", "P502")
            return
        if lf.name == "report_year":
            number = _as_integer(value)
            if number is None:
                self._warn(lf.pointer, value, place, f"{lf.title}: {_shown(value)} is not a year: left null",
                           f"“{lf.title}”：“{_shown(value)}”不是年份，留空", "P703")
            report[lf.name] = number
            return
        report[lf.name] = value if isinstance(value, str) else _shown(value)

    def _input(self, inp: Input) -> Any:
        raw = self.raw(inp.place)
        label = " / ".join(inp.cell.title_path)
        value = raw.computed if isinstance(raw, _Formula) else raw
        if isinstance(raw, _Formula) and value is None:
            self._warn(inp.pointer, raw.text, inp.place, f"{label}: a formula without a computed value (open and save "
                       "the workbook in Excel, WPS or LibreOffice): left null",
                       f"“{label}”：公式没有计算结果（请在 Excel、WPS 或 LibreOffice 中打开并保存）：留空", "P703")
            return None
        text = value.strip() if isinstance(value, str) else value
        if text is None or (isinstance(text, str) and text in _BLANK_MARKS):
            self.log.append(LogEntry("blank", inp.pointer, text or "", inp.place.ref,
                                     f"blank cell ({text or 'empty'}): null (unknown, not zero)",
                                     f"空白单元格（{text or '空'}）：记为空（未知，而非零）"))
            return None
        if inp.is_unit:
            return text if isinstance(text, str) else _shown(text)
        if inp.cell.is_amount:
            amount = _as_amount(text)
            if amount is None:
                self._bad(inp, text, label, "not an amount")
            return amount
        number = _as_integer(text)
        problem = None
        if number is None:
            problem = "not a whole number"
        elif number < 0 and not inp.cell.signed:
            problem = "a negative count"
        if problem:
            self._bad(inp, text, label, problem)
            return None
        return number

    def _bad(self, inp: Input, raw: Any, label: str, problem: str) -> None:
        zh = {"not an amount": "不是金额", "not a whole number": "不是整数", "a negative count": "数量不能为负"}[problem]
        self._warn(inp.pointer, raw, inp.place, f"{label}: {_shown(raw)} is {problem}: left null",
                   f"“{label}”：“{_shown(raw)}”{zh}，留空", "P703")


@dataclass(frozen=True)
class _Formula:
    text: str
    computed: Any


def _shown(value: Any) -> str:
    if isinstance(value, _Formula):
        return value.text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _as_integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        return int(text) if _INTEGER.match(text) else None
    return None


def _as_amount(value: Any) -> str | None:
    """An amount as the exact decimal string of the standard: text as typed, a number as it reads."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, float):
        # The shortest text that reads back as this number: what the user typed, short of a
        # trailing zero a number cannot keep (the template's amount cells are text, so they keep it).
        try:
            text = format(Decimal(repr(value)), "f")
        except InvalidOperation:
            return None
        return text if _DECIMAL.match(text) else None
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        return text if _DECIMAL.match(text) else None
    return None


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
                    out.setdefault(_norm(title), lf)
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
            cells.append((c, _text(value)))
        while cells and not cells[-1][1]:
            cells.pop()
        while cells and not cells[0][1] and cells[0][0] < min_col:
            cells.pop(0)
        filled = [(c, t) for c, t in cells if t]
        if not filled:
            continue
        number = row[0].row
        field_here = titles.get(_norm(filled[0][1]))
        if field_here is not None and len(filled) >= 2 and filled[1][0] == filled[0][0] + 1:
            value = values[ws.title].cell(number, filled[1][0]).value
            labelled.setdefault(field_here.name, _Labelled(value, f"{ws.title}!{column_letter(filled[1][0])}{number}"))
            continue
        first, last = cells[0][0], cells[-1][0]
        where = f"{ws.title}!{column_letter(first)}{number}" + (
            f":{column_letter(last)}{number}" if last != first else "")
        if len(filled) == 1 and not _is_number(filled[0][1]):
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
        _norm(ws.cell(CHECKS_TOP - 1, col).value) == _norm(header) for col, (_, header) in enumerate(COLUMNS, 1))


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?[\d,]+(\.\d+)?", text))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return _shown(value) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_xlsx(data: bytes, source: str, stated: Any = None) -> ParseResult:
    """Read a workbook into a standard instance and a log (see the module's docstring)."""
    wb = open_workbook(data, source)
    edition = template_edition(wb)
    if edition is not None:
        reader = _TemplateReader(wb, data, source, workbook_layout(edition))
        report = reader.read()
        cells = {p: place.ref for p, place in reader.book.places.items()}
        return ParseResult(report, reader.log, source, "xlsx", None, cells=cells)
    from zfxxgk.importer.parse import parse_blocks

    values = open_workbook(data, source, data_only=True)
    blocks: list[Block] = []
    columns: list[list[tuple[int, str]]] = []
    labelled: dict[str, _Labelled] = {}
    for ws in wb.worksheets:
        if _is_checks_sheet(ws):
            continue
        sheet_blocks, sheet_columns = _sheet_blocks(ws, values, labelled)
        blocks.extend(sheet_blocks)
        columns.extend(sheet_columns)
    result = parse_blocks(blocks, source, "xlsx", None)
    result.cells = _cells_by_row(result.report, blocks, columns)
    result.log = _with_cells(result.log, result.cells)
    _apply_labelled(result, labelled)
    return result


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
            value = _as_integer(value)
        elif value is not None:
            value = value.strip() if isinstance(value, str) else _shown(value)
        if value is None or value == "":
            continue
        result.report[name] = value
        result.log = [e for e in result.log if e.pointer != lf.pointer]
        result.log.append(LogEntry(
            "inferred", lf.pointer, _shown(found.value), found.where,
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
        text_at = [i for i, (_, t) in enumerate(cols) if t and not _is_number(t) and t not in _BLANK_MARKS]
        start = text_at[-1] + 1 if text_at else 0
        numeric = cols[start:]
        labels = _norm("".join(t for _, t in cols[:start]))
        sheet, _, span = block.where.partition("!")
        number = re.search(r"\d+", span)
        if not number or not numeric:
            continue
        matches = [cells for title, cells in candidates
                   if len(cells) == len(numeric) and (title is None or _norm(title) in labels)
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
            if shown not in _BLANK_MARKS:
                return False
        elif str(value) != shown:
            return False
    return True
