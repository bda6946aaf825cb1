"""The blocks of one line of run-together text, once ``unflatten`` has found its labels and cut it:
its text, its section headings, and its tables (``Builder.table``: one cluster of labels).

Each row label with numbers after it becomes a row block whose value cell keeps the printed text
exactly (``Block.flat``); labels without numbers become header blocks (columns and furniture) or
context blocks (sub-tables and groups); short unknown text between two labels (a damaged label)
becomes a row of its own, with the numbers after it. Nothing is assigned here.
"""

from __future__ import annotations

import re

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.flat_labels import CONTEXT, SECTION

_VALUE_RUN = re.compile(r"[0-9\s.,，\-−+—–―─/\\×·…无元万]+")
_ORDINAL_TAIL = re.compile(r"\d+[.、]\s*$")  # an item number ("2.") at the end of a value run
_block = tuple.__new__  # a Block made directly, without the call of its __new__: a line of a page makes ~60


# A label found in a line: (start, end, kind, plain), positions in the line. ``kind`` is
# flat_labels.SECTION, CONTEXT or HEADER; ``plain``: nothing but numbers (or nothing) stands between
# the label and the next label of its cluster (found when the line was cut into clusters, not tested
# again here). A plain tuple: a page makes about a hundred, and a named tuple costs twice as much.
Label = tuple[int, int, str, bool]


class Builder:
    """The blocks of one line (``line``; ``norm`` is its normalised form, position for position)."""

    def __init__(self, line: str, norm: str, where: str) -> None:
        self.line = line
        self.norm = norm
        self.where = where
        self.blocks: list[Block] = []
        self.header_at = 0  # where the first column label of the header row being read starts

    def _where(self, at: int) -> str:
        return f"{self.where} column {at + 1}"

    def text(self, start: int, end: int) -> None:
        text = self.line[start:end].strip()
        if text:
            self.blocks.append(Block("text", (text,), self._where(start)))

    def heading(self, start: int, end: int) -> None:
        self.blocks.append(Block("text", (self.line[start:end].strip(),), self._where(start)))

    def table(self, cluster: list[Label], end: int) -> None:
        """The blocks of a cluster of labels that ends at ``end``: each label with what follows it."""
        header: list[str] = []  # the column labels since the last row; the first starts at self.header_at
        line, norm, blocks, where = self.line, self.norm, self.blocks, self.where
        value_run = _VALUE_RUN.fullmatch
        followings = [label[0] for label in cluster[1:]]
        followings.append(end)
        for (start, stop, kind, plain), following in zip(cluster, followings):
            text = line[start:stop].strip()
            if plain or stop >= following or value_run(norm, stop, following):
                values, unknown = line[stop:following].strip(), None  # nothing, or a row's numbers: most gaps
            else:
                values, unknown = _split_gap(line[stop:following], norm[stop:following])
                values = values.strip()
            if kind == SECTION:
                if header:
                    self._flush(header)
                blocks.append(_block(Block, ("text", (text,), f"{where} column {start + 1}", False)))
                if values:  # what follows a heading is the section's text ("六、…无")
                    blocks.append(_block(Block, ("text", (values,), f"{where} column {stop + 1}", False)))
            elif values:
                if header:
                    self._flush(header)
                blocks.append(_block(Block, ("row", (text, values), f"{where} column {start + 1}", True)))
            elif kind == CONTEXT:
                if header:
                    self._flush(header)
                blocks.append(_block(Block, ("row", (text,), f"{where} column {start + 1}", False)))
            else:
                if not header:
                    self.header_at = start
                header.append(text)
            if unknown:
                self._unknown(header, unknown, stop)
        if header:
            self._flush(header)

    def _unknown(self, header: list[str], unknown: list[tuple[int, str, str]], stop: int) -> None:
        """Short unknown texts after a label's numbers (a damaged label), each a row with its numbers."""
        for offset, piece, piece_values in unknown:
            if header:
                self._flush(header)
            piece_values = piece_values.strip()
            cells = (piece, piece_values) if piece_values else (piece,)
            self.blocks.append(Block("row", cells, self._where(stop + offset), flat=bool(piece_values)))

    def _flush(self, header: list[str]) -> None:
        """The column labels met since the last row, as one header row."""
        self.blocks.append(_block(Block, ("row", tuple(header), self._where(self.header_at), False)))
        header.clear()


def _split_gap(gap: str, norm_gap: str) -> tuple[str, list[tuple[int, str, str]]]:
    """The numbers right after a label, and the unknown texts after them, each with its numbers.

    An item number at the end of a run of numbers ("0000000" + "2." of "2.其他法律行政止公开")
    belongs to the text after it."""
    if not norm_gap or _VALUE_RUN.fullmatch(norm_gap):
        return gap, []  # nothing between two labels, or only a row's numbers: most gaps
    parts: list[tuple[str, int, int]] = []
    at = 0
    for m in _VALUE_RUN.finditer(norm_gap):
        s, e = m.span()
        if s > at:
            parts.append(("text", at, s))
        ordinal = _ORDINAL_TAIL.search(norm_gap, s, e)
        if ordinal and e < len(norm_gap):
            if ordinal.start() > s:
                parts.append(("value", s, ordinal.start()))
            parts.append(("text", ordinal.start(), e))
        else:
            parts.append(("value", s, e))
        at = e
    if at < len(norm_gap):
        parts.append(("text", at, len(norm_gap)))
    merged: list[tuple[str, int, int]] = []
    for part in parts:
        if merged and merged[-1][0] == part[0] == "text":
            merged[-1] = ("text", merged[-1][1], part[2])
        else:
            merged.append(part)
    values = ""
    if merged and merged[0][0] == "value":
        values = gap[merged[0][1]:merged[0][2]]
        merged = merged[1:]
    unknown = []
    for i, (kind, s, e) in enumerate(merged):
        if kind != "text" or not gap[s:e].strip():
            continue
        after = merged[i + 1] if i + 1 < len(merged) and merged[i + 1][0] == "value" else None
        unknown.append((s, gap[s:e].strip(), gap[after[1]:after[2]] if after else ""))
    return values, unknown
