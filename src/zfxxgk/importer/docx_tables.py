"""Word tables laid on their grid, as the HTML reader lays its tables: one cell per grid column.

A Word table has a grid (``w:tblGrid``, one ``w:gridCol`` per column) and rows of cells placed on
it: a cell covers ``w:gridSpan`` columns, a row may skip columns before and after its cells
(``w:gridBefore``, ``w:gridAfter``), and a cell continued from the row above (``w:vMerge``) holds
nothing of its own. Printed, each cell sits at its columns, and a cell left blank is blank *there*:
nothing about it is ambiguous. So every row is given one string per grid column:

- a cell's text in its first column and ``""`` in the others it covers;
- ``""`` for a cell continued from above, for a blank cell and for the columns a row skips;
- a row shorter than the grid padded with ``""`` (Word prints nothing there).

Two cases of real files are joined here, so that the locator sees rows as they are printed:

- **A table split in several ``w:tbl``** (continued on the next page by hand, or cut by an empty
  paragraph): consecutive tables with nothing printed between them but a 续表 line, whose column
  edges line up (the same number of columns, or one's edges a subset of the other's, over the same
  width) are laid on one common grid, so every row of the run has the same width and its blanks
  keep their columns.
- **A row whose label sits in a merged cell above**: a label merged down over several rows of which
  only one prints anything (the label centred over a row split in two) is that row's label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zfxxgk.importer.blocks import Block

MAX_SPAN = 63  # Word's own limit of columns in a table; a larger w:gridSpan is a broken attribute
MAX_COLUMNS = 1000  # a cell placed beyond this is garbage, not a printed table
EDGE_TOLERANCE = 30  # twips (0.5 mm): the same column edge saved twice may differ by rounding


@dataclass(frozen=True)
class RawCell:
    """One ``w:tc`` as read from the XML: how many grid columns it covers, how it is merged, its text.

    ``merge`` is "" for a cell of its own, "restart" for the first cell of a vertical merge,
    "continue" for a cell continued from the row above, "hcontinue" for a legacy horizontal merge
    (``w:hMerge``) continuing the cell on its left.
    """

    span: int
    merge: str
    text: str


@dataclass(frozen=True)
class RawRow:
    index: int  # the row's number in its table, from 1
    before: int  # w:gridBefore
    cells: tuple[RawCell, ...]


@dataclass
class _Span:
    start: int
    end: int
    text: str
    continued: bool = False  # a vertical continuation: printed as part of the cell above


@dataclass
class _Row:
    index: int
    spans: list[_Span]
    label_from: int | None = None  # the row a merged label above was taken from

    @property
    def printed(self) -> list[_Span]:
        return [s for s in self.spans if s.text and not s.continued]


@dataclass
class GridTable:
    """One ``w:tbl`` on its grid. ``edges`` are the columns' edges in twips from the table's left
    (from ``w:tblGrid``), or None when the grid does not describe the rows."""

    number: int
    width: int
    edges: tuple[int, ...] | None
    rows: list[_Row] = field(default_factory=list)
    before: list[Block] = field(default_factory=list)  # a 续表 line printed just before it


def lay_table(number: int, grid_columns: list[int], rows: list[RawRow]) -> GridTable:
    """Place the cells of one ``w:tbl`` on its grid; ``grid_columns`` are the ``w:gridCol`` widths."""
    laid: list[_Row] = []
    above: dict[int, _Span] = {}  # first column -> the cell a vertical merge there started with
    for raw in rows:
        column = min(max(raw.before, 0), MAX_SPAN)
        spans: list[_Span] = []
        merging: dict[int, _Span] = {}
        for cell in raw.cells:
            span = min(max(cell.span, 1), MAX_SPAN)
            if column >= MAX_COLUMNS:
                break
            if cell.merge == "hcontinue" and spans:
                spans[-1].end = column + span  # part of the cell on its left
            elif cell.merge == "continue":
                spans.append(_Span(column, column + span, "", continued=column in above))
                if column in above:
                    merging[column] = above[column]
            else:
                spans.append(_Span(column, column + span, cell.text))
                if cell.merge == "restart":
                    merging[column] = spans[-1]
            column += span
        above = merging
        laid.append(_Row(raw.index, spans))
    width = max((s.end for row in laid for s in row.spans), default=0)
    edges = None
    if grid_columns and len(grid_columns) >= width and all(w > 0 for w in grid_columns):
        width = len(grid_columns)
        edges = tuple(sum(grid_columns[:k]) for k in range(width + 1))
    table = GridTable(number, width, edges, laid)
    _labels_from_above(table)
    return table


def _labels_from_above(table: GridTable) -> None:
    """A row printing only labels merged down over rows of which exactly one prints anything: the
    labels are that row's (a label centred over a row that was split in two)."""
    rows = table.rows
    for i, row in enumerate(rows):
        printed = row.printed
        if not printed:
            continue
        reach: list[int] = []  # for each printed cell, the last row its vertical merge covers
        for span in printed:
            last = i
            while last + 1 < len(rows) and _continues(rows[last + 1], span.start):
                last += 1
            reach.append(last)
        if min(reach) == i:
            continue  # a cell of this row is not merged down: the row prints its own content
        filled = [k for k in range(i + 1, min(reach) + 1) if rows[k].printed]
        if len(filled) != 1:
            continue
        target = rows[filled[0]]
        right = max(s.end for s in printed)
        if any(s.start < right for s in target.printed):
            continue  # the row below prints under the labels: they are not its labels
        for span in printed:
            below = next(s for s in target.spans if s.start == span.start and s.continued)
            below.text, below.continued = span.text, False
            span.text = ""
        target.label_from = row.index


def _continues(row: _Row, start: int) -> bool:
    return any(s.start == start and s.continued for s in row.spans)


def blocks_of_run(tables: list[GridTable]) -> list[Block]:
    """The rows of consecutive tables with nothing printed between them, each table laid on the
    grid it shares with its neighbours when their columns line up."""
    blocks: list[Block] = []
    for group, common in _groups(tables):
        width = len(common) - 1 if common is not None else group[0].width
        for table in group:
            blocks.extend(table.before)
            place = _mapping(table, common)
            for row in table.rows:
                out = [""] * width
                for span in row.spans:
                    if span.text and not span.continued and span.start < len(place) - 1:
                        out[place[span.start]] = span.text
                if any(out):
                    where = (f"table {table.number} rows {row.label_from}-{row.index}" if row.label_from
                             else f"table {table.number} row {row.index}")
                    blocks.append(Block("row", tuple(out), where))
    return blocks


def _groups(tables: list[GridTable]) -> list[tuple[list[GridTable], tuple[int, ...] | None]]:
    """Consecutive tables whose columns line up, with the edges of their common grid (None when
    they have the same number of columns and no usable edges)."""
    groups: list[tuple[list[GridTable], tuple[int, ...] | None]] = []
    for table in tables:
        if groups:
            members, common = groups[-1]
            fits, joined = _join(members[0].width if common is None else len(common) - 1, common, table)
            if fits:
                members.append(table)
                groups[-1] = (members, joined)
                continue
        groups.append(([table], table.edges))
    return groups


def _join(width: int, common: tuple[int, ...] | None, table: GridTable) -> tuple[bool, tuple[int, ...] | None]:
    """Whether ``table``'s columns line up with the group's, and the common grid with it."""
    if table.width == width and (common is None or table.edges is None or len(table.edges) == len(common)):
        return True, common
    if common is None or table.edges is None:
        return False, common
    if abs(common[-1] - table.edges[-1]) > _tolerance(common):
        return False, common  # not the same overall width: another table
    ours, theirs = set(common), set(table.edges)
    if all(_near(e, ours, common) for e in theirs) or all(_near(e, theirs, common) for e in ours):
        merged: list[int] = []
        for edge in sorted(ours | theirs):
            if not merged or edge - merged[-1] > _tolerance(common):
                merged.append(edge)
        return True, tuple(merged)
    return False, common


def _mapping(table: GridTable, common: tuple[int, ...] | None) -> list[int]:
    """For each edge of the table's grid, the index of the same edge in the common grid."""
    if common is None or table.edges is None or len(table.edges) == len(common):
        return list(range(table.width + 1))
    tolerance = _tolerance(common)
    return [min(range(len(common)), key=lambda k: abs(common[k] - edge))
            if any(abs(c - edge) <= tolerance for c in common) else 0 for edge in table.edges]


def _tolerance(edges: tuple[int, ...]) -> int:
    return max(EDGE_TOLERANCE, (edges[-1] - edges[0]) // 100)


def _near(edge: int, edges: set[int], scale: tuple[int, ...]) -> bool:
    tolerance = _tolerance(scale)
    return any(abs(edge - other) <= tolerance for other in edges)
