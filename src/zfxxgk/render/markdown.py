"""Markdown: headings, paragraphs and pipe tables.

Pipe tables cannot merge cells, so each block of a grid (a sub-table of table 2, or all of table 3
or 4) becomes one pipe table: the row labels of a nested row are joined into one column
("三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"), each value column is headed by its header
labels joined top-down ("申请人情况 / 法人或其他组织 / 商业企业"), and a sub-table's title row is
printed as a bold line above its table.
"""

from __future__ import annotations

import re

from zfxxgk.render.document import Document
from zfxxgk.render.grid import Block, Grid, GridCell

JOIN = " / "

# Line starts that Markdown would read as a heading, quote, list item, table or code.
_BLOCK_START = re.compile(r"^(#|>|[-+*]\s|\d+[.)]\s|\||```|~~~|=+\s*$|-+\s*$)")


def _escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _escape_paragraph(text: str) -> str:
    return "\\" + text if _BLOCK_START.match(text) else text


def _distinct(cells: list[GridCell]) -> list[GridCell]:
    """The cells in order with repeats removed: a merged cell covers several positions."""
    out: list[GridCell] = []
    for cell in cells:
        if cell not in out:
            out.append(cell)
    return out


def _joined(cells: list[GridCell]) -> str:
    return JOIN.join(c.text for c in _distinct(cells) if c.text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_escape_cell(c) for c in cells) + " |"


def render_block(grid: Grid, block: Block, expanded: list[list[GridCell]]) -> list[str]:
    head_rows = range(block.start + block.caption_rows, block.body_start)
    body_rows = range(block.body_start, block.end)
    # Columns that some cell of the block starts or ends at; the grid columns between two such
    # boundaries are never separated in this block, so they print as one column.
    bounds = {0, grid.n_cols}
    for r in range(block.start + block.caption_rows, block.end):
        for cell in grid.row(r):
            bounds |= {cell.col, cell.col + cell.colspan}
    edges = sorted(bounds)
    columns = list(zip(edges, edges[1:]))
    label_cols = [a for a, _ in columns if all(expanded[r][a].role == "label" for r in body_rows)]
    value_cols = [a for a, _ in columns if a not in label_cols]
    lines = []
    if block.caption_rows:
        caption = _joined([expanded[r][0] for r in range(block.start, block.start + block.caption_rows)])
        lines += [f"**{_escape_cell(caption)}**", ""]
    header = []
    if label_cols:
        header.append(_joined([expanded[r][a] for r in head_rows for a in label_cols]))
    header += [_joined([expanded[r][a] for r in head_rows]) for a in value_cols]
    lines.append(_row(header))
    lines.append("|" + "|".join(["---"] * len(header)) + "|")
    for r in body_rows:
        cells = [_joined([expanded[r][a] for a in label_cols])] if label_cols else []
        cells += [expanded[r][a].text for a in value_cols]
        lines.append(_row(cells))
    return lines


def render_table(grid: Grid) -> list[str]:
    """The grid's blocks, each as a pipe table (a bold caption above it if it has one)."""
    expanded = grid.expanded()
    return ["\n".join(render_block(grid, block, expanded)) for block in grid.blocks]


def render_markdown(document: Document) -> str:
    parts = [f"# {document.title}"]
    for section in document.sections:
        parts.append(f"## {section.heading}")
        parts.extend(_escape_paragraph(p) for p in section.paragraphs)
        if section.table is not None:
            parts.extend(render_table(section.table))
    return "\n\n".join(parts) + "\n"
