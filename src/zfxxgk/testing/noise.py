"""Realistic noise for rendered reports (plain text, Markdown, HTML), for tests and benchmarks.

Each kind imitates one thing published reports do (docs/format/2021.md, "Known variations"):

================  ==========================================================================
label_variant     labels as real reports print them: the layout's aliases (社会组织, 规范性文件),
                  half-width brackets, stray spaces
damaged_label     one character missing from a long row label ("其他法律行政止公开")
fullwidth_digits  numbers in full-width digits (１２３)
thousands         thousands separators (1,234)
blank_zero        a zero printed as blank, "—", "-", "/" or "无" (the value becomes unknown)
drop_cell         one value cell of a row missing
extra_cell        one extra number in a row (a flattened header cell)
merged_cells      two neighbouring value cells merged into one ("3 5")
concat_digits     a row's digits run together into one string ("640020470")
flatten           the whole page on one line, as a saved or copied web page gives it: labels and
                  numbers run together, a row's numbers with or without spaces between them
                  (plain text only; other formats are left as they are)
column_shift      a row's numbers moved one column right (an empty cell before them)
fee_in_yuan       the fee in 元 instead of 万元, with the header saying so
================  ==========================================================================

Every function is ``noise(text, fmt, rng, rows=1) -> text`` for ``fmt`` in "txt", "md", "html",
deterministic given ``rng`` (a ``random.Random``). Row kinds change ``rows`` data rows chosen by
``rng``. Labels and aliases come from the layouts of every edition, never from a list here, so the
same kinds apply to reports of the 2019 edition: a value cell may hold a signed change ("-3",
made "－3" by fullwidth_digits) or an amount with its unit ("73802895.90元"); fee_in_yuan only
changes the 2021 fee (in 万元), and leaves a report without it as it is.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from html import escape, unescape

from zfxxgk.layout import EDITIONS, Cell, Node, layout
from zfxxgk.testing.recovery import Recovery, recovery

# Recovery and recovery are imported from here by tests and benchmarks.
__all__ = ["KINDS", "NOISES", "Recovery", "inject", "recovery", "strip_hints"]

Noise = Callable[[str, str, random.Random, int], str]

# A printed value: a count, a signed change (2019 本年增/减) or an amount, with its unit if printed.
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:元|万元)?$")
_PARTS = re.compile(r"^(-?)(\d+)((?:\.\d+)?)(元|万元)?$")
_HTML_CELL = re.compile(r"<(td|th)([^>]*)>(.*?)</\1>", re.S)


# -- a table row in any of the three formats ------------------------------------------------------


@dataclass
class _Row:
    """The cells of one printed row: their texts, which are values, and how to write them back."""

    cells: list[str]
    values: list[int]  # indexes of the value cells
    fmt: str
    attrs: list[str]
    tags: list[str]

    def write(self) -> str:
        if self.fmt == "txt":
            return "\t".join(self.cells)
        if self.fmt == "md":
            return "| " + " | ".join(c.replace("|", "\\|") for c in self.cells) + " |"
        parts = [f"<{tag}{attrs}>{escape(text, quote=False)}</{tag}>"
                 for tag, attrs, text in zip(self.tags, self.attrs, self.cells)]
        return "<tr>" + "".join(parts) + "</tr>"


def _rows(text: str, fmt: str) -> list[tuple[int, _Row]]:
    """The data rows of the document (those with numbers), with their line numbers."""
    out = []
    for n, line in enumerate(text.split("\n")):
        row = _parse(line, fmt)
        if row is not None and row.values:
            out.append((n, row))
    return out


def _parse(line: str, fmt: str) -> _Row | None:
    if fmt == "txt":
        if "\t" not in line:
            return None
        cells = line.split("\t")
        return _Row(cells, [i for i, c in enumerate(cells) if _NUMBER.match(c)], fmt, [""] * len(cells), [""] * len(cells))
    if fmt == "md":
        if not line.startswith("|") or set(line) <= set("|-: "):
            return None
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        return _Row(cells, [i for i, c in enumerate(cells) if _NUMBER.match(c)], fmt, [""] * len(cells), [""] * len(cells))
    if not line.startswith("<tr>"):
        return None
    found = _HTML_CELL.findall(line)
    tags = [t for t, _, _ in found]
    # The renderer marks value cells with data-pointer; the noisy page must not keep that hint.
    attrs = [re.sub(r'\s*data-pointer="[^"]*"', "", a) for _, a, _ in found]
    cells = [unescape(x) for _, _, x in found]
    # Values are the <td> cells with a number (labels are <th>), whether or not the renderer's
    # data-pointer hints are still there (an earlier noise removes them).
    values = [i for i, (t, _, _) in enumerate(found) if t == "td" and _NUMBER.match(cells[i])]
    return _Row(cells, values, fmt, attrs, tags)


def _per_row(change: Callable[[_Row, random.Random], bool]) -> Noise:
    """A noise that applies ``change`` to ``rows`` data rows picked at random (those it fits)."""

    def noise(text: str, fmt: str, rng: random.Random, rows: int = 1) -> str:
        lines = text.split("\n")
        candidates = _rows(text, fmt)
        rng.shuffle(candidates)
        done = 0
        for n, row in candidates:
            if done >= rows:
                break
            if change(row, rng):
                lines[n] = row.write()
                done += 1
        return "\n".join(lines)

    return noise


def _clean_html(text: str, fmt: str) -> str:
    return re.sub(r'\s*data-pointer="[^"]*"', "", text) if fmt == "html" else text


# -- row noises ---------------------------------------------------------------------------------------


_FULLWIDTH = {ord(d): ord(d) + 0xFEE0 for d in "0123456789-"}


def _fullwidth(row: _Row, rng: random.Random) -> bool:
    for i in row.values:
        row.cells[i] = row.cells[i].translate(_FULLWIDTH)
    return True


def _thousands(row: _Row, rng: random.Random) -> bool:
    changed = False
    for i in row.values:
        m = _PARTS.match(row.cells[i])
        if m and int(m.group(2)) >= 1000:
            sign, digits, fraction, unit = m.groups()
            grouped = f"{int(digits):,}".replace(",", rng.choice([",", ",", "，"]))
            row.cells[i] = sign + grouped + fraction + (unit or "")
            changed = True
    return changed


def _blank_zero(row: _Row, rng: random.Random) -> bool:
    zeros = [i for i in row.values if row.cells[i] == "0"]
    for i in zeros:
        marks = ["", "—", "-", "/", "无"] + (["\xa0"] if row.fmt == "html" else [])
        row.cells[i] = rng.choice(marks)
    return bool(zeros)


def _drop_cell(row: _Row, rng: random.Random) -> bool:
    if len(row.values) < 2:
        return False
    i = rng.choice(row.values)
    for seq in (row.cells, row.attrs, row.tags):
        del seq[i]
    return True


def _extra_cell(row: _Row, rng: random.Random) -> bool:
    if len(row.values) < 2:
        return False
    source = rng.choice(row.values)
    at = rng.randint(row.values[0], row.values[-1] + 1)
    row.cells.insert(at, row.cells[source])
    row.attrs.insert(at, "")
    row.tags.insert(at, "td")
    return True


def _merged_cells(row: _Row, rng: random.Random) -> bool:
    pairs = [(a, b) for a, b in zip(row.values, row.values[1:]) if b == a + 1]
    if not pairs:
        return False
    a, b = rng.choice(pairs)
    row.cells[a] = row.cells[a] + " " + row.cells[b]
    for seq in (row.cells, row.attrs, row.tags):
        del seq[b]
    return True


def _concat_digits(row: _Row, rng: random.Random) -> bool:
    # Only bare counts run together (a sign or a unit keeps its cell apart).
    if len(row.values) < 2 or any(not row.cells[i].isdigit() or not row.cells[i].isascii() for i in row.values):
        return False
    if row.values != list(range(row.values[0], row.values[-1] + 1)):
        return False  # only a run of neighbouring number cells runs together
    first = row.values[0]
    joined = "".join(row.cells[i] for i in row.values)
    for i in reversed(row.values[1:]):
        for seq in (row.cells, row.attrs, row.tags):
            del seq[i]
    row.cells[first] = joined
    return True


def _column_shift(row: _Row, rng: random.Random) -> bool:
    if len(row.values) < 2:
        return False
    at = row.values[0]
    row.cells.insert(at, "")
    row.attrs.insert(at, "")
    row.tags.insert(at, "td")
    return True


# -- document noises ----------------------------------------------------------------------------------


def _layout_labels() -> list[tuple[str, tuple[str, ...]]]:
    """(official label, its variants) for every node and cell of the layout that has variants."""
    out = []

    def walk(node: Node | Cell) -> None:
        title = node.title_path[-1] if isinstance(node, Cell) else node.title
        if node.aliases:
            out.append((title, node.aliases))
        if isinstance(node, Node):
            for child in node.children:
                walk(child)

    for edition in EDITIONS:
        for table in layout(edition).tables:
            walk(table)
    # Longest first; labels of one length in a fixed order (a set's order changes with the hash seed).
    return sorted(set(out), key=lambda item: (-len(item[0]), item))


def _row_titles() -> list[str]:
    titles = [row.title for edition in EDITIONS for table in layout(edition).tables for row in table.rows()]
    return list(dict.fromkeys(titles))


def label_variant(text: str, fmt: str, rng: random.Random, rows: int = 1) -> str:
    """Aliases for official labels, half-width brackets and stray spaces, as real reports print."""
    for title, aliases in _layout_labels():
        if title in text and rng.random() < 0.7:
            text = text.replace(title, rng.choice(aliases))
    if rng.random() < 0.5:
        text = text.replace("（", "(").replace("）", ")")
    for title in _row_titles():
        if len(title) > 4 and title in text and rng.random() < 0.3:
            at = rng.randint(1, len(title) - 1)
            text = text.replace(title, title[:at] + " " + title[at:], 1)
    return _clean_html(text, fmt)


def damaged_label(text: str, fmt: str, rng: random.Random, rows: int = 1) -> str:
    """One character lost from ``rows`` long row labels."""
    titles = [t for t in _row_titles() if len(t) >= 8 and t in text]
    rng.shuffle(titles)
    for title in titles[:rows]:
        at = rng.randint(3, len(title) - 2)
        text = text.replace(title, title[:at] + title[at + 1:], 1)
    return _clean_html(text, fmt)


def fee_in_yuan(text: str, fmt: str, rng: random.Random, rows: int = 1) -> str:
    """The fee printed in 元 (×10000, exact) with a header that says 元."""
    fee = next(c for c in layout("2021").cells if c.is_amount)
    header, row_label = fee.title_path[-1], fee.title_path[-2]
    if header not in text:
        return _clean_html(text, fmt)
    lines = text.split("\n")
    converted = False
    for n, line in enumerate(lines):
        row = _parse(line, fmt)
        if row is None or not any(row_label in re.sub(r"\s", "", c) for c in row.cells):
            continue
        for i, cell in enumerate(row.cells):
            # The amount as another noise may have printed it: full-width digits, separators.
            plain = unicodedata.normalize("NFKC", cell).replace(",", "").strip()
            if not _NUMBER.match(plain):
                continue
            yuan = Decimal(plain).scaleb(4)
            row.cells[i] = format(yuan.normalize(), "f") if yuan else "0"
            converted = True
        lines[n] = row.write()
    if converted:
        lines = [line.replace(header, header.replace("万元", "元")) for line in lines]
    return _clean_html("\n".join(lines), fmt)


def flatten(text: str, fmt: str, rng: random.Random, rows: int = 1) -> str:
    """The whole document on one line, labels and numbers run together (``rows`` is not used)."""
    if fmt != "txt":
        return text
    pieces = []
    for line in text.split("\n"):
        if "\t" not in line:
            if line.strip():
                pieces.append(line.strip())
            continue
        cells = [c for c in line.split("\t") if c.strip()]
        labels = [c for c in cells if not _NUMBER.match(c)]
        values = [c for c in cells if _NUMBER.match(c)]
        spaced = rng.random() < 0.3
        joined = values[0] if values else ""
        for value in values[1:]:
            joined += (" " if spaced or rng.random() < 0.1 else "") + value
        pieces.append("".join(labels) + joined)
    out = pieces[0]
    for piece in pieces[1:]:
        out += rng.choice(["", "", " "]) + piece
    return out + "\n"


def _row_noise(change: Callable[[_Row, random.Random], bool]) -> Noise:
    inner = _per_row(change)

    def noise(text: str, fmt: str, rng: random.Random, rows: int = 1) -> str:
        return _clean_html(inner(text, fmt, rng, rows), fmt)

    noise.__doc__ = change.__doc__
    return noise


NOISES: dict[str, Noise] = {
    "label_variant": label_variant,
    "damaged_label": damaged_label,
    "fullwidth_digits": _row_noise(_fullwidth),
    "thousands": _row_noise(_thousands),
    "blank_zero": _row_noise(_blank_zero),
    "drop_cell": _row_noise(_drop_cell),
    "extra_cell": _row_noise(_extra_cell),
    "merged_cells": _row_noise(_merged_cells),
    "concat_digits": _row_noise(_concat_digits),
    "column_shift": _row_noise(_column_shift),
    "fee_in_yuan": fee_in_yuan,
    "flatten": flatten,
}
KINDS: tuple[str, ...] = tuple(NOISES)


def inject(text: str, fmt: str, kind: str, rng: random.Random, rows: int = 1) -> str:
    """``text`` (rendered as ``fmt``) with noise of ``kind``."""
    return NOISES[kind](text, fmt, rng, rows)


def strip_hints(text: str, fmt: str) -> str:
    """The rendered text without what only the renderer adds (HTML data-pointer attributes)."""
    return _clean_html(text, fmt)
