"""A PDF page laid out in reading order, and rows broken over a page joined back.

The rest of a row that breaks over the page, printed at the top of the next, joins the row: in a
ruled table cell by cell, in a table drawn without lines piece by piece under the cells it
continues.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.pdf_boxes import ALIGN, LINE_GAP, VALUE, Box, Line, is_fragment, joined
from zfxxgk.importer.pdf_grid import Grid, Row
from zfxxgk.importer.pdf_lines import layout_lines
from zfxxgk.importer.pdf_text import Page

@dataclass
class Entry:
    """What one block of a page will be made from: a line outside ruled tables, or a table row."""

    page: int
    top: float
    line: Line | None = None
    row: Row | None = None
    table: int = 0  # the row's table, counted on its page

    def block(self) -> Block:
        if self.row is not None:
            return Block("row", self.row.texts, f"page {self.page} table {self.table} row {self.row.number}")
        assert self.line is not None
        kind = "row" if self.line.is_row else "text"
        texts = tuple(piece.text for piece in self.line.pieces)
        return Block(kind, texts, f"page {self.page} line {self.line.number}")


def lay_out(page: Page) -> list[Entry]:
    """The page's entries in reading order, top to bottom."""
    grids = [Grid(cells) for cells in page.tables]
    free: list[Box] = []  # words outside ruled tables
    for word in page.words:
        if not any(grid.take(word) for grid in grids):
            free.append(word)
    entries = [Entry(page.number, row.top, row=row, table=index)
               for index, grid in enumerate(grids, start=1) for row in grid.rows()]
    entries += [Entry(page.number, line.top, line=line) for line in layout_lines(free, page.height)]
    # A stable sort: rows and lines that start on the same height keep the order made above.
    entries.sort(key=lambda entry: entry.top)
    return entries


def join_over_page_break(previous: list[Entry], entries: list[Entry]) -> None:
    """A row that breaks over the page: the rest of it, at the top of this page, joins it."""
    last = previous[-1]
    if last.row is not None and entries[0].row is not None and _rest_of_row(last.row, entries[0].row):
        pairs = zip(last.row.texts, entries[0].row.texts)
        last.row = replace(last.row, texts=tuple("\n".join(text for text in pair if text) for pair in pairs))
        del entries[0]
        return
    bottom = None  # of the last line joined on this page: the rest of the row is one block of lines
    while (last.line is not None and entries and entries[0].line is not None
           and _continues_overleaf(last.line, entries[0].line)
           and (bottom is None or entries[0].line.top - bottom <= LINE_GAP * entries[0].line.size)):
        bottom = entries[0].line.bottom
        _append_to_cells(last.line, entries[0].line)
        del entries[0]


def _rest_of_row(row: Row, rest: Row) -> bool:
    """``rest`` has the cells of ``row`` and holds only the rest of some of its labels."""
    if len(rest.texts) != len(row.texts) or not any(rest.texts):
        return False
    return all(not text or (is_fragment(text) and not VALUE.match(above))
               for text, above in zip(rest.texts, row.texts))


def _continues_overleaf(row: Line, line: Line) -> bool:
    """``line``, first on its page, holds only the rest of labels of ``row``, last on the page
    before: fewer pieces, none of them a value or the start of a new label, each within the span
    of one cell of the row that is not a value itself (numbers do not wrap), or left of them all
    (the rest of a label printed down a column merged over several rows)."""
    if not row.is_row or len(line.pieces) >= len(row.pieces):
        return False
    for piece in line.pieces:
        if not is_fragment(piece.text):
            return False
        if piece.x1 < row.pieces[0].x0:
            continue
        index = _cell_under(row, piece)
        if index is None or VALUE.match(row.pieces[index].text):
            return False
    return True


def _cell_under(row: Line, piece: Box) -> int | None:
    """The cell of ``row`` whose span (from its left edge to the next cell) holds ``piece``."""
    tolerance = ALIGN * piece.size
    for index, cell in enumerate(row.pieces):
        right = row.pieces[index + 1].x0 if index + 1 < len(row.pieces) else float("inf")
        if cell.x0 - tolerance <= piece.x0 and piece.x1 <= right + tolerance:
            return index
    return None


def _append_to_cells(row: Line, line: Line) -> None:
    front = 0
    for piece in line.pieces:  # left to right
        if piece.x1 < row.pieces[front].x0:
            row.pieces.insert(front, piece)  # checked by _continues_overleaf: a cell of its own
            front += 1
            continue
        index = _cell_under(row, piece)
        assert index is not None  # checked by _continues_overleaf
        row.pieces[index] = joined([row.pieces[index], piece], "\n")
    row.bottom = max(row.bottom, line.bottom)
