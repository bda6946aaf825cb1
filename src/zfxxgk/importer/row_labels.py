"""What the text cells of one printed table row say: row labels, sub-table and group labels, another
edition's row labels, column labels (a header row), and the unit of money they state.

Pure functions of a row's cells and the table's label index, each row's answers kept once per
table (``reading``: ``RowReading``); ``table_rows`` acts on them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from zfxxgk.importer.labels import PATH, Columns, ForeignRow, Match, TableIndex, remember
from zfxxgk.importer.normalise import Token, label_key, read_token, split_spaced_numbers

_UNIT_YUAN = re.compile(r"单位[:：]?\s*元|\(元\)|（元）")


class RowLabels:
    """The labels found in a row's text cells, in printed order, as (cell index, match): of rows,
    of groups, and those that set the context (sub-tables and groups)."""

    __slots__ = ("context", "foreign", "groups", "last_row", "rows")

    def __init__(self) -> None:
        self.rows: list[tuple[int, Match]] = []
        self.groups: list[tuple[int, Match]] = []
        self.context: list[tuple[int, Match]] = []
        self.last_row: tuple[int, int] | None = None  # (cell, part) of the last label of a row
        # The last label of another edition's row: ((cell, part), cell, the row).
        self.foreign: tuple[tuple[int, int], int, ForeignRow] | None = None

    def names_other_edition(self) -> bool:
        """Another edition's row label comes after this edition's last row label (or there is none):
        the row is that edition's row."""
        return self.foreign is not None and (self.last_row is None or self.foreign[0] > self.last_row)


def row_labels(table: TableIndex, others: dict[str, ForeignRow] | None, cells: Sequence[str],
               tokens: Sequence[Token]) -> RowLabels:
    """The labels printed in the text cells of a row (a cell may print a path: "a / b")."""
    out = RowLabels()
    for i, (cell, token) in enumerate(zip(cells, tokens)):
        if token.kind != "text":
            continue
        for k, part in enumerate(PATH.split(cell) if " / " in cell else (cell,)):
            match = table.match(part)
            if match is None:
                row = others.get(label_key(part)) if others else None
                if row is not None:
                    out.foreign = ((i, k), i, row)
            elif match.ref.kind == "row":
                out.rows.append((i, match))
                out.last_row = (i, k)
            else:
                out.context.append((i, match))
                if match.ref.kind == "group":
                    out.groups.append((i, match))
    return out


class RowReading:
    """What a printed row's cells say whatever the context: its cells (numbers printed with spaces
    split apart), their tokens, whether it prints a value, and, found when first asked, the labels
    it prints and the column labels each header scope finds in it.

    Made once per distinct row of a table (``reading``): reports print the same header and group
    rows ("信息内容 / 本年制发件数 / …", "（三）不予公开"), and reading them cell by cell again cost
    as much as the rest of locating them. Nothing here may be changed by its users."""

    __slots__ = ("_columns", "_labels", "cells", "empty", "has_values", "raw", "text", "tokens")

    def __init__(self, cells: tuple[str, ...]) -> None:
        printed = [c for c in cells if c.strip()]
        self.empty = not printed
        # The only printed cell, when it reads as text: it may be a section's heading.
        self.text = printed[0] if len(printed) == 1 and read_token(printed[0]).kind == "text" else None
        self.raw = "\t".join(cells)
        self.cells = tuple(expand(cells)) if any(" " in c for c in cells) else cells
        self.tokens = tuple(read_token(c) for c in self.cells)
        self.has_values = any(t.is_printed_value for t in self.tokens)
        self._labels: RowLabels | None = None
        self._columns: dict[str, HeaderCells | None] = {}

    def labels(self, table: TableIndex, others: dict[str, ForeignRow] | None) -> RowLabels:
        """``row_labels`` of the row (``table`` and ``others`` are those of the memo that made it)."""
        if self._labels is None:
            self._labels = row_labels(table, others, self.cells, self.tokens)
        return self._labels

    def columns(self, scope: str, columns: Columns) -> HeaderCells | None:
        """The row as a header row under the columns of ``scope``; None when it prints none of them."""
        try:
            return self._columns[scope]
        except KeyError:
            found = header_columns(self.cells, self.tokens, columns)
            made = self._columns[scope] = HeaderCells.of(found, len(self.cells), columns) if found else None
            return made


class HeaderCells(NamedTuple):
    """The column labels a header row prints (``header_columns``: cell index, column key, printed
    text), and what taking the row in needs besides, found once: the row's width, its empty cells
    after the last label, the units of money stated over amounts (in order), and the labels printed
    as variants, with the official label of their column."""

    found: list[tuple[int, str, str]]
    width: int
    trailing: int
    units: tuple[tuple[str, str], ...]  # (unit, printed label)
    variants: tuple[tuple[str, str], ...]  # (printed label, official label)

    @staticmethod
    def of(found: list[tuple[int, str, str]], width: int, columns: Columns) -> HeaderCells:
        units = tuple((unit, cell) for _, key, cell in found
                      if key in columns.amounts and (unit := unit_of(cell)) is not None)
        variants = tuple((cell, columns.cells[columns.keys[key][0]].title_path[-1]) for _, key, cell in found
                         if key in columns.aliases)
        return HeaderCells(found, width, width - 1 - max(i for i, _, _ in found), units, variants)


# Rows remembered per table index. A reading holds a row's tokens and labels: tens of thousands of
# them kept alive make every full garbage collection of a long batch slower than the memo saves
# (rows of numbers rarely come back; header and group rows, which do, fit in far fewer).
READINGS_MAX = 256


def reading(table: TableIndex, cells: tuple[str, ...]) -> RowReading:
    """The ``RowReading`` of a row of ``table`` printing ``cells``, made once per table index."""
    try:
        return table.readings[cells]
    except KeyError:
        return remember(table.readings, cells, RowReading(cells), READINGS_MAX)


def header_columns(cells: Sequence[str], tokens: Sequence[Token], columns: Columns) -> list[tuple[int, str, str]]:
    """The column labels a header row prints: (cell index, column key, printed text)."""
    found = []
    for i, (cell, token) in enumerate(zip(cells, tokens)):
        if token.kind != "text":
            continue
        key = columns.header_key(cell)
        if key is not None:
            found.append((i, key, cell))
    return found


def expand(cells: tuple[str, ...]) -> list[str]:
    """Cells with several numbers separated by spaces ("3 5", "规章 0 0 0") split into one per number."""
    out: list[str] = []
    for cell in cells:
        out.extend(_expand_cell(cell) if " " in cell else (cell,))
    return out


@lru_cache(maxsize=16384)
def _expand_cell(cell: str) -> tuple[str, ...]:
    parts = split_spaced_numbers(cell) if " " in cell.strip() else None
    if parts:
        return parts
    if " " in cell.strip() and read_token(cell).kind == "text":
        words = cell.split()
        tail = 0
        for w in reversed(words):
            if read_token(w).kind in ("int", "dec"):
                tail += 1
            else:
                break
        if 0 < tail < len(words):
            return (" ".join(words[: len(words) - tail]), *words[len(words) - tail:])
    return (cell,)


@lru_cache(maxsize=4096)
def unit_of(text: str) -> str | None:
    """The unit of money a label states ("本年收费金额（万元）", "（单位：元）"), or None."""
    key = label_key(text)
    if "万元" in key:
        return "万元"
    if _UNIT_YUAN.search(key) or key.endswith("元)") or key.endswith("(元"):
        return "元"
    return None


def is_unit_note(text: str) -> bool:
    """A short line that states the table's amounts are in 元 ("单位：元")."""
    return bool(_UNIT_YUAN.search(text)) and len(text) < 30
