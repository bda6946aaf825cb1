"""Where everything stands in the workbook of an edition: its sheets, the official grids, the input
cells, the metadata rows and the check rows.

The template writer (``zfxxgk.xlsx.template``) and the reader (``zfxxgk.importer.read_xlsx``) both
ask this module, so a cell is written and read back at the same place. Nothing here is listed by
hand: the grids come from ``zfxxgk.render.grid`` (the official layout of each table), the rows of
the metadata sheet from the layout's top-level fields, the checks from the rule catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from zfxxgk.layout import Cell, Field, Node, layout
from zfxxgk.render.grid import Grid, build_grid
from zfxxgk.catalog import Instance, catalog

# The sheets that are not tables. Table sheets are named after the table's number (表二, 表三, 表四).
METADATA_SHEET = "基本信息"
CHECKS_SHEET = "勾稽关系"
GRID_TOP = 2  # the table's title is on row 1, its grid starts on row 2
CHECKS_TOP = 3  # the checks sheet: a title row, a header row, then one row per identity instance
METADATA_TOP = 3  # the metadata sheet: a title row, a header row, then one row per field


def column_letter(col: int) -> str:
    """The letters of a 1-based column number (1 -> A, 27 -> AA)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Place:
    """One cell of the workbook (1-based row and column)."""

    sheet: str
    row: int
    col: int

    @property
    def ref(self) -> str:
        """As a user reads it in messages: 表三!D12."""
        return f"{self.sheet}!{column_letter(self.col)}{self.row}"

    @property
    def coordinate(self) -> str:
        return f"{column_letter(self.col)}{self.row}"

    def formula(self, absolute: bool = False) -> str:
        """As a formula refers to it from any sheet: '表三'!D12 (or '表三'!$D$12)."""
        dollar = "$" if absolute else ""
        return f"'{self.sheet}'!{dollar}{column_letter(self.col)}{dollar}{self.row}"


@dataclass(frozen=True)
class Printed:
    """A printed text of a table sheet (title, header or row label) with its span."""

    place: Place
    text: str
    role: str  # "title", "header" or "label"
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Input:
    """An input cell of a table sheet: a layout cell, or the unit beside an amount (2019 采购总金额)."""

    place: Place
    pointer: str
    cell: Cell
    is_unit: bool = False
    colspan: int = 1


@dataclass
class TableSheet:
    name: str
    table: Node
    grid: Grid
    printed: list[Printed] = field(default_factory=list)
    inputs: list[Input] = field(default_factory=list)
    message_col: int = 0  # the column beside the grid that shows the messages of failing checks
    width: int = 0


@dataclass(frozen=True)
class Check:
    """One identity instance as a row of the checks sheet."""

    instance: Instance
    row: int


@dataclass
class WorkbookLayout:
    edition: str
    tables: list[TableSheet]
    fields: list[tuple[Field, Place]]
    checks: list[Check]
    places: dict[str, Place]  # every pointer (cells, units, fields) -> its place

    def table_of(self, pointer: str) -> TableSheet:
        return next(t for t in self.tables if any(i.pointer == pointer for i in t.inputs))


def sheet_name(table: Node) -> str:
    """表二 for "二、主动公开政府信息情况": the number the official form gives the table."""
    return "表" + table.title.split("、", 1)[0]


def _table_sheet(table: Node, blank: dict) -> TableSheet:
    grid = build_grid(table, blank)
    name = sheet_name(table)
    sheet = TableSheet(name, table, grid)
    cells = {c.pointer: c for c in table.cells()}
    extra = 0  # a column after the grid for units that have no room of their own
    sheet.printed.append(Printed(Place(name, 1, 1), table.title, "title", colspan=grid.n_cols))
    for g in grid.cells:
        place = Place(name, GRID_TOP + g.row, 1 + g.col)
        if g.role != "value":
            sheet.printed.append(Printed(place, g.text, g.role, g.rowspan, g.colspan))
            continue
        cell = cells[g.pointer]  # type: ignore[index]
        if cell.unit_pointer is None:
            sheet.inputs.append(Input(place, cell.pointer, cell, colspan=g.colspan))
            continue
        # An amount whose unit is stated beside it: the unit takes the last column of the cell, or
        # a column after the grid when the cell is one column wide.
        if g.colspan >= 2:
            sheet.inputs.append(Input(place, cell.pointer, cell, colspan=g.colspan - 1))
            unit = Place(name, place.row, place.col + g.colspan - 1)
        else:
            sheet.inputs.append(Input(place, cell.pointer, cell))
            extra = 1
            unit = Place(name, place.row, 1 + grid.n_cols)
        sheet.inputs.append(Input(unit, cell.unit_pointer, cell, is_unit=True))
    sheet.message_col = 1 + grid.n_cols + extra
    sheet.width = sheet.message_col
    return sheet


@cache
def workbook_layout(edition: str) -> WorkbookLayout:
    """The places of everything in the workbook of ``edition``."""
    lay = layout(edition)
    blank = lay.blank_document()
    tables = [_table_sheet(t, blank) for t in lay.tables]
    fields = [(f, Place(METADATA_SHEET, METADATA_TOP + i, 2)) for i, f in enumerate(lay.fields)]
    instances = catalog().instances(edition, cross_year=False)
    checks = [Check(inst, CHECKS_TOP + i) for i, inst in enumerate(instances)]
    places = {i.pointer: i.place for t in tables for i in t.inputs}
    places.update({f.pointer: p for f, p in fields})
    return WorkbookLayout(edition, tables, fields, checks, places)
