"""A table of the report as a grid of cells with row and column spans, built from the layout.

The grid is independent of the output format: HTML, Word and plain text write it as it is, Markdown
flattens it. Every label, row and column comes from the layout tree (``zfxxgk.layout``); the only
texts that do not are the table's furniture, declared on its class in the schema (``Node.furniture``).

A table's shape is read from the structure of its layout node, so a new edition needs no code:

- **stacked sub-tables** (table 2): every child is a sub-table whose children are rows. Each
  sub-table prints a title row, a header row 信息内容 + its own columns, and one row per item. The
  grid is as wide as the widest sub-table; a narrower one spreads its columns over that width.
- **blocks side by side** (table 4): every child is a row; each row becomes a block of columns
  (titled by the row, grouped under ``Node.group``), and the values form one data row.
- **nested rows** (table 3): anything else. Rows share one set of columns; a row nested in groups
  prints each ancestor's label in its own label column, spanning the ancestor's rows, and a row with
  fewer ancestors spans the label columns left over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from zfxxgk.layout import Cell, Node
from zfxxgk.render.values import cell_text

Role = Literal["header", "label", "value"]
Shape = Literal["stacked", "side_by_side", "nested"]


@dataclass(frozen=True)
class GridCell:
    """One printed cell: its top-left position, its spans, its text and what it is.

    ``role`` is "header" for column headers, sub-table titles and the corner, "label" for row
    labels, "value" for numbers; ``pointer`` is set on values (the JSON Pointer of the report cell).
    """

    row: int
    col: int
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    pointer: str | None = None


@dataclass(frozen=True)
class Block:
    """Rows ``start``..``end`` (exclusive) that read as one table on their own.

    Table 2 has four blocks (one per sub-table, each with a one-row caption); tables 3 and 4 have one
    block with no caption. Markdown, which cannot merge cells, writes each block as its own table.
    """

    start: int
    end: int
    caption_rows: int
    header_rows: int

    @property
    def body_start(self) -> int:
        return self.start + self.caption_rows + self.header_rows


@dataclass(frozen=True)
class Grid:
    name: str
    title: str
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]  # the anchors, in reading order (row, then column)
    blocks: tuple[Block, ...]

    def row(self, r: int) -> list[GridCell]:
        """The cells whose top-left corner is in row ``r``."""
        return [c for c in self.cells if c.row == r]

    def expanded(self) -> list[list[GridCell]]:
        """Every position of the grid mapped to the cell that covers it."""
        out: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[r][k] = c
        return out  # type: ignore[return-value]  # _Builder.finish checked full coverage


def table_shape(table: Node) -> Shape:
    children = [c for c in table.children if isinstance(c, Node)]
    if len(children) != len(table.children):
        raise ValueError(f"{table.pointer}: a table with cells directly under it has no printed layout")
    if all(c.is_row for c in children):
        return "side_by_side"
    if all(not c.is_row and all(isinstance(g, Node) and g.is_row for g in c.children) for c in children):
        return "stacked"
    return "nested"


def build_grid(table: Node, report: dict[str, Any]) -> Grid:
    """The printed grid of one layout table, filled with the values of ``report``."""
    builder = {"stacked": _stacked, "side_by_side": _side_by_side, "nested": _nested}[table_shape(table)]
    return builder(table, report)


class _Builder:
    """Collects anchored cells and checks that they tile the grid exactly (no gap, no overlap)."""

    def __init__(self) -> None:
        self.cells: list[GridCell] = []
        self.taken: set[tuple[int, int]] = set()

    def add(self, row: int, col: int, text: str, role: Role, rowspan: int = 1, colspan: int = 1,
            pointer: str | None = None) -> None:
        spots = {(r, k) for r in range(row, row + rowspan) for k in range(col, col + colspan)}
        if spots & self.taken:
            raise AssertionError(f"cell {text!r} at ({row}, {col}) overlaps another")  # a bug here, not in the input
        self.taken |= spots
        self.cells.append(GridCell(row, col, text, role, rowspan, colspan, pointer))

    def finish(self, table: Node, n_rows: int, n_cols: int, blocks: list[Block]) -> Grid:
        gaps = {(r, k) for r in range(n_rows) for k in range(n_cols)} - self.taken
        if gaps or any(r >= n_rows or k >= n_cols for r, k in self.taken):
            raise AssertionError(f"{table.pointer}: grid does not tile {n_rows}x{n_cols} (gaps {sorted(gaps)[:5]})")
        cells = tuple(sorted(self.cells, key=lambda c: (c.row, c.col)))
        return Grid(table.name, table.title, n_rows, n_cols, cells, tuple(blocks))


def _label(cell: Cell) -> str:
    return cell.title_path[-1]


def _same_columns(rows: list[Node]) -> list[Cell]:
    """The columns shared by ``rows`` (those of the first); a row with other columns is a layout bug."""
    columns = rows[0].cells()
    names = [c.name for c in columns]
    for row in rows[1:]:
        if [c.name for c in row.cells()] != names:
            raise ValueError(f"{row.pointer}: its columns differ from those of {rows[0].pointer}")
    return columns


def _column_header(b: _Builder, paths: list[tuple[str | None, ...]], top: int, left: int) -> int:
    """Write a multi-level column header and return how many rows it takes.

    ``paths[j]`` lists the labels over column j from the top level down; ``None`` means the column
    has no label at that level, so the label below it grows upward to fill the gap (自然人 under
    申请人情况 spans the 法人或其他组织 level; 行政复议 spans the 行政诉讼 level). Adjacent columns
    with the same label at the same levels under the same ancestors share one cell.
    """
    levels = [i for i in range(len(paths[0])) if any(p[i] is not None for p in paths)]
    paths = [tuple(p[i] for i in levels) for p in paths]
    depth = len(levels)
    # Each column as segments (first level, last level + 1, text), top down.
    columns: list[list[tuple[int, int, str]]] = []
    for path in paths:
        segments, start = [], 0
        for level, text in enumerate(path):
            if text is not None:
                segments.append((start, level + 1, text))
                start = level + 1
        columns.append(segments)
    # A segment is identified with its ancestors, so two 结果维持 under different blocks never merge.
    open_cells: dict[tuple[tuple[int, int, str], ...], list[int]] = {}  # key -> [first column, span]
    previous: set[tuple[tuple[int, int, str], ...]] = set()
    spans: list[tuple[tuple[tuple[int, int, str], ...], list[int]]] = []
    for j, segments in enumerate(columns):
        keys = {tuple(segments[: k + 1]) for k in range(len(segments))}
        for k in range(len(segments)):
            key = tuple(segments[: k + 1])
            if key in previous:
                open_cells[key][1] += 1
            else:
                open_cells[key] = [j, 1]
                spans.append((key, open_cells[key]))
        previous = keys
    for key, (first, width) in spans:
        start, end, text = key[-1]
        b.add(top + start, left + first, text, "header", rowspan=end - start, colspan=width)
    return depth


def _spread(count: int, width: int) -> list[int]:
    """Column spans for ``count`` columns printed across ``width`` grid columns.

    Evenly when it divides (本年处理决定数量 spans all three columns of sub-table (一)); otherwise
    the last column takes the rest.
    """
    if width % count == 0:
        return [width // count] * count
    return [1] * (count - 1) + [width - count + 1]


def _stacked(table: Node, report: dict[str, Any]) -> Grid:
    b = _Builder()
    subtables = [c for c in table.children if isinstance(c, Node)]
    width = max(len(row.cells()) for sub in subtables for row in sub.rows())
    n_cols = 1 + width
    blocks: list[Block] = []
    r = 0
    for sub in subtables:
        start = r
        b.add(r, 0, sub.title, "header", colspan=n_cols)
        r += 1
        rows = sub.rows()
        columns = _same_columns(rows)
        spans = _spread(len(columns), width)
        b.add(r, 0, table.furniture.get("row_label_header", ""), "header")
        col = 1
        for column, span in zip(columns, spans, strict=True):
            b.add(r, col, _label(column), "header", colspan=span)
            col += span
        r += 1
        for row in rows:
            b.add(r, 0, row.title, "label")
            col = 1
            for cell, span in zip(row.cells(), spans, strict=True):
                b.add(r, col, cell_text(report, cell), "value", colspan=span, pointer=cell.pointer)
                col += span
            r += 1
        blocks.append(Block(start, r, caption_rows=1, header_rows=1))
    return b.finish(table, r, n_cols, blocks)


def _side_by_side(table: Node, report: dict[str, Any]) -> Grid:
    b = _Builder()
    columns = [(row, cell) for row in table.children if isinstance(row, Node) for cell in row.cells()]
    paths = [(row.group, row.title, cell.group, _label(cell)) for row, cell in columns]
    depth = _column_header(b, paths, top=0, left=0)
    for j, (_, cell) in enumerate(columns):
        b.add(depth, j, cell_text(report, cell), "value", pointer=cell.pointer)
    return b.finish(table, depth + 1, len(columns), [Block(0, depth + 1, caption_rows=0, header_rows=depth)])


def _label_depth(node: Node) -> int:
    """How many label columns the rows under ``node`` need (1 for a row)."""
    if node.is_row:
        return 1
    return 1 + max(_label_depth(c) for c in node.children if isinstance(c, Node))


def _nested(table: Node, report: dict[str, Any]) -> Grid:
    b = _Builder()
    children = [c for c in table.children if isinstance(c, Node)]
    n_labels = max(_label_depth(c) for c in children)
    columns = _same_columns(table.rows())
    title = table.furniture.get("columns_title")
    paths = [(title, cell.group, _label(cell)) for cell in columns]
    depth = _column_header(b, paths, top=0, left=n_labels)
    b.add(0, 0, table.furniture.get("corner_text", ""), "header", rowspan=depth, colspan=n_labels)

    def rows_of(nodes: list[Node], level: int, r: int) -> int:
        for node in nodes:
            if node.is_row:
                b.add(r, level, node.title, "label", colspan=n_labels - level)
                for j, cell in enumerate(node.cells()):
                    b.add(r, n_labels + j, cell_text(report, cell), "value", pointer=cell.pointer)
                r += 1
            else:
                if any(isinstance(c, Cell) for c in node.children):
                    raise ValueError(f"{node.pointer}: a group with cells of its own has no printed layout")
                height = len(node.rows())
                b.add(r, level, node.title, "label", rowspan=height)
                r = rows_of([c for c in node.children if isinstance(c, Node)], level + 1, r)
        return r

    end = rows_of(children, 0, depth)
    return b.finish(table, end, n_labels + len(columns), [Block(0, end, caption_rows=0, header_rows=depth)])
