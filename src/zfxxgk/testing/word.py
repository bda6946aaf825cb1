"""Edits that agencies make to a report's Word tables, applied to a rendered ``.docx`` (needs
python-docx), and blank cells made in a report: for round trips through Word.

Each edit keeps what a reader of the printed table sees (every value in its column, blank cells
blank), while changing how the table is stored: what a Word reader must see through.

- ``merge_blanks``: adjacent blank value cells merged into one (``w:gridSpan`` across a row, or
  ``w:vMerge`` down a column), as a clerk tidies a table of empty cells;
- ``split``: a table cut in two ``w:tbl`` with an empty paragraph or a 续表 line between them
  (continued on the next page by hand), the second one on a grid of only the column edges it uses, or on a finer
  grid (a column's edge added, as when a cell of the continuation was once split and merged back);
- ``label_above``: a row split in two, its label merged down over both (``w:vMerge``) and centred
  in the first, its numbers in the second.
"""

from __future__ import annotations

import copy
import io
import random
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from zfxxgk import pointers
from zfxxgk.layout import layout

EDITS = ("merge_blanks", "split", "label_above")


def with_blanks(report: dict[str, Any], picks: list[int]) -> dict[str, Any]:
    """The report with the picked cells (indices into the layout's cells, modulo their number) blank
    (null), as a report that prints nothing there; an amount's unit goes blank with it."""
    cells = layout(report["edition"]).cells
    for pick in picks:
        cell = cells[pick % len(cells)]
        for pointer in (cell.pointer, cell.unit_pointer):
            if pointer:
                parent, key = pointer.rsplit("/", 1)
                pointers.resolve(report, parent)[key] = None
    return report


def edit(data: bytes, kinds: list[str], rng: random.Random) -> bytes:
    """The .docx ``data`` after each edit of ``kinds`` (names from ``EDITS``) on a table picked by ``rng``."""
    document = Document(io.BytesIO(data))
    body = document.element.body
    for kind in kinds:
        tables = [t for t in body.iter(qn("w:tbl"))]
        {"merge_blanks": _merge_blanks, "split": _split, "label_above": _label_above}[kind](rng.choice(tables), rng)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- reading the XML ---------------------------------------------------------------------------


def _rows(tbl: Any) -> list[Any]:
    return tbl.findall(qn("w:tr"))


def _cells(tr: Any) -> list[Any]:
    return tr.findall(qn("w:tc"))


def _text(tc: Any) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip()


def _pr(tc: Any) -> Any:
    pr = tc.find(qn("w:tcPr"))
    if pr is None:
        pr = OxmlElement("w:tcPr")
        tc.insert(0, pr)
    return pr


def _span(tc: Any) -> int:
    element = _pr(tc).find(qn("w:gridSpan"))
    return int(element.get(qn("w:val"))) if element is not None else 1


def _set_span(tc: Any, span: int) -> None:
    pr = _pr(tc)
    element = pr.find(qn("w:gridSpan"))
    if element is None:
        element = OxmlElement("w:gridSpan")
        pr.append(element)
    element.set(qn("w:val"), str(span))


def _vmerge(tc: Any) -> str | None:
    element = _pr(tc).find(qn("w:vMerge"))
    if element is None:
        return None
    return "restart" if element.get(qn("w:val")) == "restart" else "continue"


def _set_vmerge(tc: Any, value: str | None) -> None:
    pr = _pr(tc)
    for element in pr.findall(qn("w:vMerge")):
        pr.remove(element)
    if value is not None:
        element = OxmlElement("w:vMerge")
        if value == "restart":
            element.set(qn("w:val"), "restart")
        pr.append(element)


def _placed(tr: Any) -> list[tuple[int, int, Any]]:
    """The row's cells with their first grid column and span."""
    out, column = [], 0
    for tc in _cells(tr):
        out.append((column, _span(tc), tc))
        column += _span(tc)
    return out


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "", 1).isdigit()


def _is_value_row(tr: Any) -> bool:
    texts = [_text(tc) for tc in _cells(tr)]
    return any(_is_number(t) for t in texts)


def _clear(tc: Any) -> None:
    for paragraph in tc.findall(qn("w:p")):
        for run in paragraph.findall(qn("w:r")):
            paragraph.remove(run)


# -- the edits ---------------------------------------------------------------------------------


def _merge_blanks(tbl: Any, rng: random.Random) -> None:
    """Merge a blank value cell with the blank cell right of it, or with the one below it."""
    rows = _rows(tbl)
    pairs: list[tuple[str, Any, Any]] = []
    for r, tr in enumerate(rows):
        if not _is_value_row(tr):
            continue
        placed = _placed(tr)
        for (c1, s1, a), (_, s2, b) in zip(placed, placed[1:]):
            if not _text(a) and not _text(b) and _vmerge(a) is None and _vmerge(b) is None and c1 > 0:
                pairs.append(("across", a, b))
        if r + 1 < len(rows) and _is_value_row(rows[r + 1]):
            below = {(c, s): tc for c, s, tc in _placed(rows[r + 1])}
            for c, s, tc in placed:
                other = below.get((c, s))
                if c > 0 and other is not None and not _text(tc) and not _text(other) \
                        and _vmerge(tc) is None and _vmerge(other) is None:
                    pairs.append(("down", tc, other))
    if not pairs:
        return
    how, a, b = rng.choice(pairs)
    if how == "across":
        _set_span(a, _span(a) + _span(b))
        b.getparent().remove(b)
    else:
        _set_vmerge(a, "restart")
        _set_vmerge(b, "continue")


def _split(tbl: Any, rng: random.Random) -> None:
    """Cut the table before a row; the second part keeps only the grid edges its cells use."""
    rows = _rows(tbl)
    if len(rows) < 2:
        return
    at = rng.randint(1, len(rows) - 1)
    second = copy.deepcopy(tbl)
    for tr in _rows(second)[:at]:
        second.remove(tr)
    for tr in rows[at:]:
        tbl.remove(tr)
    first_row = _rows(second)[0]
    for tc in _cells(first_row):
        if _vmerge(tc) == "continue":  # as Word does: a merge cut by the split starts again, blank
            _set_vmerge(tc, "restart")
    _coarsen(second) if rng.random() < 0.5 else _refine(second, rng)
    paragraph = OxmlElement("w:p")
    if rng.random() < 0.5:  # captioned as continued, as many agencies do
        run, text = OxmlElement("w:r"), OxmlElement("w:t")
        text.text = "续表"
        run.append(text)
        paragraph.append(run)
    tbl.addnext(paragraph)
    paragraph.addnext(second)


def _coarsen(tbl: Any) -> None:
    """Drop the grid columns' edges that no cell of the table starts or ends at."""
    grid = tbl.find(qn("w:tblGrid"))
    widths = [int(col.get(qn("w:w"))) for col in grid.findall(qn("w:gridCol"))]
    used = {0, len(widths)}
    for tr in _rows(tbl):
        for column, span, _ in _placed(tr):
            used |= {column, column + span}
    edges = sorted(used)
    index = {edge: k for k, edge in enumerate(edges)}
    for tr in _rows(tbl):
        for column, span, tc in _placed(tr):
            _set_span(tc, index[column + span] - index[column])
    for col in grid.findall(qn("w:gridCol")):
        grid.remove(col)
    for left, right in zip(edges, edges[1:]):
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(sum(widths[left:right])))
        grid.append(col)


def _refine(tbl: Any, rng: random.Random) -> None:
    """Add an edge inside one grid column: every cell over that column spans one more."""
    grid = tbl.find(qn("w:tblGrid"))
    cols = grid.findall(qn("w:gridCol"))
    k = rng.randrange(len(cols))
    width = int(cols[k].get(qn("w:w")))
    cols[k].set(qn("w:w"), str(width - width // 2))
    extra = OxmlElement("w:gridCol")
    extra.set(qn("w:w"), str(width // 2))
    cols[k].addnext(extra)
    for tr in _rows(tbl):
        for column, span, tc in _placed(tr):
            if column <= k < column + span:
                _set_span(tc, span + 1)


def _label_above(tbl: Any, rng: random.Random) -> None:
    """Split a data row in two: its label merged down over both, its numbers in the lower one."""
    candidates = []
    for tr in _rows(tbl):
        placed = _placed(tr)
        texts = [_text(tc) for _, _, tc in placed]
        labels = [k for k, t in enumerate(texts) if t and not _is_number(t)]
        numbers = [k for k, t in enumerate(texts) if _is_number(t)]
        if len(labels) != 1 or not numbers or labels[0] > numbers[0]:
            continue
        label = placed[labels[0]][2]
        # Only a plain label cell, and nothing else merged down from this row.
        if _vmerge(label) is None and all(_vmerge(tc) != "restart" for _, _, tc in placed):
            candidates.append((tr, labels[0]))
    if not candidates:
        return
    tr, k = rng.choice(candidates)
    upper = copy.deepcopy(tr)
    for i, tc in enumerate(_cells(upper)):
        if i == k:
            _set_vmerge(tc, "restart")
        elif _vmerge(tc) is None:
            _clear(tc)
    label = _cells(tr)[k]
    _clear(label)
    _set_vmerge(label, "continue")
    tr.addprevious(upper)
