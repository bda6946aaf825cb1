"""Ruled tables of a PDF page: the words printed in each cell of a grid of lines, row by row.

One row per grid row, each physical cell once, a cell continued from the row above as ``""``
(the same reading as a Word table). A label printed one character per line in a narrow cell
("结/果/维/持") is joined back; digits never are.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from zfxxgk.importer.pdf_boxes import VALUE, Box, middle

@dataclass(frozen=True)
class Row:
    """A row of a ruled table: its number in the table, where it starts, its cells' texts."""

    number: int
    top: float
    texts: tuple[str, ...]


class Grid:
    """A ruled table: its cells, and the words printed in each.

    The cells' edges cut the table into a grid; every grid square knows the cell covering it, so a
    word finds its cell by two binary searches on the position of its middle.
    """

    def __init__(self, cells: list[Box]) -> None:
        self.cells = sorted(cells, key=lambda cell: (round(cell.top, 1), cell.x0))
        self.xs = sorted({round(edge, 1) for cell in cells for edge in (cell.x0, cell.x1)})
        self.ys = sorted({round(edge, 1) for cell in cells for edge in (cell.top, cell.bottom)})
        self.square: dict[tuple[int, int], int] = {}
        for index, cell in enumerate(self.cells):
            for i in range(self._x(cell.x0), self._x(cell.x1)):
                for j in range(self._y(cell.top), self._y(cell.bottom)):
                    self.square[i, j] = index
        self.words: list[list[Box]] = [[] for _ in self.cells]

    def _x(self, edge: float) -> int:
        return bisect_left(self.xs, round(edge, 1))

    def _y(self, edge: float) -> int:
        return bisect_left(self.ys, round(edge, 1))

    def take(self, word: Box) -> bool:
        """File ``word`` under the cell that holds its middle; False if no cell does."""
        x, y = middle(word), (word.top + word.bottom) / 2
        index = self.square.get((bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1))
        if index is None:
            return False
        self.words[index].append(word)
        return True

    def rows(self) -> list[Row]:
        """One row per grid row: the cells that start in it, and ``""`` for each cell that reaches
        down into it from a row above (so the cells to its right keep their places)."""
        texts = [cell_text(words) for words in self.words]
        rows = []
        for number, top in enumerate(sorted({round(cell.top, 1) for cell in self.cells}), start=1):
            touching = [i for i, cell in enumerate(self.cells)
                        if round(cell.top, 1) <= top < round(cell.bottom, 1)]
            row = tuple(texts[i] if round(self.cells[i].top, 1) == top else ""
                        for i in sorted(touching, key=lambda i: self.cells[i].x0))
            if any(row):
                rows.append(Row(number, top, row))
        return rows


def cell_text(words: list[Box]) -> str:
    """A cell's printed lines, kept apart by "\\n"; a label stacked one character a line is joined."""
    lines = [" ".join(word.text for word in line) for line in rows_of(words)]
    if is_stack(lines):
        return "".join(lines)
    return "\n".join(lines)


def is_stack(texts: list[str]) -> bool:
    """Several lines of one character each, none a value: a label printed down a narrow column."""
    return len(texts) > 1 and all(len(text) == 1 and not VALUE.match(text) for text in texts)


def rows_of(words: list[Box]) -> list[list[Box]]:
    """Words in printed lines, top to bottom, each left to right: a word whose middle lies within
    the height of a line's first word is on that line."""
    groups: list[list[Box]] = []
    for word in sorted(words, key=lambda word: (word.top, word.x0)):
        middle = (word.top + word.bottom) / 2
        if groups and groups[-1][0].top <= middle <= groups[-1][0].bottom:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [sorted(group, key=lambda word: word.x0) for group in groups]
