"""Plain text, as a web page's text export looks: lines of text, and one line per table row with
its cells separated by tabs.

Unlike real exports (see examples/jiyuan-sfj-2021.txt), every row has exactly one cell per grid
column: a merged cell prints its text in its top-left column and leaves the columns it covers empty,
so a reader can count columns instead of guessing where a row's cells drifted.
"""

from __future__ import annotations

from zfxxgk.render.document import Document
from zfxxgk.render.grid import Grid


def _clean(text: str) -> str:
    # A tab or newline inside a text would split a cell or a row when the file is read back.
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def render_table(grid: Grid) -> list[str]:
    lines = []
    for r in range(grid.n_rows):
        cells = [""] * grid.n_cols
        for cell in grid.row(r):
            cells[cell.col] = _clean(cell.text)
        lines.append("\t".join(cells))
    return lines


def render_text(document: Document) -> str:
    out = [document.title]
    for section in document.sections:
        out += ["", section.heading]
        out.extend(_clean(p) for p in section.paragraphs)
        if section.table is not None:
            out.extend(render_table(section.table))
    return "\n".join(out) + "\n"
