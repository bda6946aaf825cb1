"""The columns of the ``reports`` table, derived from the layout: one typed column per cell.

A column's name is its cell's JSON Pointer with "/" written "__" (``table3__total__granted``),
so it is stable and leads back to the standard. The newest edition's cells name the columns; a
cell of an older edition goes into the column of its comparable cell (the schema's edition
mapping, ``Cell.comparable``), and a cell with no comparable one gets a column of its own,
prefixed with its edition (``e2019__table2__…``). Counts are 64-bit integers, amounts exact
decimals; a blank cell is null, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from zfxxgk.editions import newest_edition
from zfxxgk.layout import EDITIONS, Cell, layout

AMOUNT_PRECISION, AMOUNT_SCALE = 22, 6  # DecimalAmount: at most 16 digits before the point and 6 after


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "integer", "decimal" or "string"
    title: str  # the official label (Chinese), the cell's path of titles joined with " / "
    description: str
    unit: str | None = None
    pointer: str | None = None  # the newest edition's pointer, or the older edition's own
    edition: str | None = None  # set when the column holds one edition's cell only


def column_name(pointer: str, edition: str | None = None) -> str:
    name = pointer.strip("/").replace("/", "__")
    return f"e{edition}__{name}" if edition else name


@cache
def cell_columns() -> tuple[Column, ...]:
    """Every cell column: the newest edition's cells, then each older edition's cells that have no
    comparable cell (with their unit fields)."""
    newest = newest_edition()
    columns = [_cell_column(cell, None) for cell in layout(newest).cells]
    for edition in EDITIONS:
        if edition == newest:
            continue
        for cell in layout(edition).cells:
            if cell.comparable is None:
                columns.append(_cell_column(cell, edition))
                if cell.unit_pointer:
                    columns.append(Column(column_name(cell.unit_pointer, edition), "string",
                                          " / ".join(cell.title_path) + " 单位",
                                          f"The unit of {column_name(cell.pointer, edition)} as printed.",
                                          pointer=cell.unit_pointer, edition=edition))
    return tuple(columns)


def _cell_column(cell: Cell, edition: str | None) -> Column:
    title = " / ".join(cell.title_path)
    kind = "decimal" if cell.is_amount else "integer"
    description = _description(cell)
    if edition:
        description += f" Only in the {edition} edition (no comparable cell in the newest)."
    return Column(column_name(cell.pointer, edition), kind, title, description, cell.unit, cell.pointer, edition)


def _description(cell: Cell) -> str:
    from zfxxgk.resources import layout_data

    for edition in layout_data()["editions"].values():
        for entry in edition["cells"]:
            if entry["pointer"] == cell.pointer:
                return str(entry.get("description", "")).strip()
    return ""


@cache
def placement(edition: str) -> dict[str, str]:
    """For a report of ``edition``: each cell's (and unit field's) pointer -> the column it goes in."""
    newest = newest_edition()
    out: dict[str, str] = {}
    for cell in layout(edition).cells:
        if edition == newest:
            out[cell.pointer] = column_name(cell.pointer)
        elif cell.comparable is not None:
            out[cell.pointer] = column_name(cell.comparable)
        else:
            out[cell.pointer] = column_name(cell.pointer, edition)
            if cell.unit_pointer:
                out[cell.unit_pointer] = column_name(cell.unit_pointer, edition)
    return out
