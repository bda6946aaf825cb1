"""What the header rows of one scope (a table, or a sub-table of table 2) say: where each value
column is printed, how wide the grid is, and the unit of money of its amounts.

A data row is read by these places only when they are certain: every column found once, in order
(``Header.places``), and the row as wide as the header (``Header.positional``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from zfxxgk.importer.labels import Columns
from zfxxgk.importer.normalise import Token
from zfxxgk.importer.row_labels import HeaderCells


@dataclass
class Header:
    width: int = 0
    printed: dict[str, list[int]] = field(default_factory=dict)  # column key -> printed places
    unit: str | None = None
    unit_raw: str | None = None
    resolved: tuple[int, ...] | None = None
    stale: bool = True
    padding: int | None = None  # empty cells after the last column label, in every header row

    def add_row(self, row: HeaderCells) -> None:
        """Take in a header row (its column labels and what they say, ``RowReading.columns``)."""
        self.width = max(self.width, row.width)
        self.stale = True
        self.padding = row.trailing if self.padding is None else min(self.padding, row.trailing)
        for i, key, _ in row.found:
            places = self.printed.setdefault(key, [])
            if i not in places:
                places.append(i)
        if row.units:
            self.unit, self.unit_raw = row.units[-1]  # the last label over an amount that states one

    def places(self, columns: Columns) -> tuple[int, ...] | None:
        """The printed place of each value column, in order; None unless every column was found once
        and the places are distinct and in the columns' order."""
        if not self.stale:
            return self.resolved
        self.stale = False
        self.resolved = None
        place: dict[int, int] = {}
        for key, printed in self.printed.items():
            js = columns.keys[key]
            if len(printed) != len(js):
                return None
            for j, p in zip(js, sorted(printed)):
                if j in place:
                    return None
                place[j] = p
        if len(place) != len(columns.cells):
            return None
        resolved = tuple(place[j] for j in range(len(columns.cells)))
        if len(set(resolved)) != len(resolved) or list(resolved) != sorted(resolved):
            return None
        self.resolved = resolved
        return resolved

    def positional(self, columns: Columns, tokens: Sequence[Token], at: int,
                   misprinted: Callable[[Token], bool]) -> tuple[Token, ...] | None:
        """The value in each column by its printed place, when the header gave the places and the
        row (its label at ``at``) has exactly the header's width; None otherwise.

        ``misprinted`` tells a short text in a value column (减少3) from a label."""
        if self.width != len(tokens):
            return None
        places = self.places(columns)
        if places is None or min(places) <= at:
            return None
        chosen = set(places)
        for i, t in enumerate(tokens):
            if i > at and i not in chosen and (t.is_printed_value or t.kind == "text"):
                return None
        out = tuple(tokens[p] for p in places)
        if any(t.kind == "text" and not misprinted(t) for t in out):
            return None
        return out
