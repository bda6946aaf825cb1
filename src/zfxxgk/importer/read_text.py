"""Read plain text (a web page's text export) into blocks.

A line with tabs is a table row, one cell per tab-separated part. Empty parts are kept: where a
row's cells drifted, the number and place of the empty cells is evidence for which reading is
right. A line without tabs whose end is two or more numbers separated by spaces ("规章 0 0 0", as
text copied from a PDF gives) is a row too. Any other line is text; Markdown heading marks that
web exports keep ("## 一、总体情况") are not part of the text.
"""

from __future__ import annotations

import re

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.normalise import BLANK_MARKS, Token, read_token

_HEADING = re.compile(r"^#{1,6}\s+")


def read_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        if "\t" in line:
            blocks.append(Block("row", tuple(map(str.strip, line.split("\t"))), where))
            continue
        line = _HEADING.sub("", line.strip())
        spaced = spaced_row(line)
        blocks.append(Block("row", spaced, where) if spaced else Block("text", (line,), where))
    return blocks


def spaced_row(line: str) -> tuple[str, ...] | None:
    """The cells of a line that ends with two or more space-separated numbers, else None."""
    last_two = line.rsplit(None, 2)[-2:]  # read from the end only: a page may be one long line
    if len(last_two) < 2 or not all(_is_value_part(part) for part in last_two):
        return None
    parts = line.split()
    values = 0
    for part in reversed(parts):
        if _is_value_part(part):
            values += 1
        else:
            break
    if values < 2 or not any(read_token(p).kind in ("int", "dec") for p in parts[len(parts) - values:]):
        return None
    label = " ".join(parts[: len(parts) - values])
    return ((label,) if label else ()) + tuple(parts[len(parts) - values:])


def _is_value_part(part: str) -> bool:
    """``part`` (no whitespace) prints a value (``_is_value``). A part that starts with a Chinese
    character no value starts with (a sentence of a page run together on one line) is told at
    once: a value starts with a digit, a sign or a blank mark, and such a character stays as it
    is in NFKC. The long sentence is then neither read as a token nor kept in its memo."""
    if "\u4e00" <= part[0] <= "\u9fff" and part[0] not in _BLANK_STARTS:
        return False
    return _is_value(read_token(part))


_BLANK_STARTS = frozenset(mark[0] for mark in BLANK_MARKS if mark)


def _is_value(token: Token) -> bool:
    """A number, or a printed blank mark (not nothing)."""
    return token.kind in ("int", "dec") or (token.kind == "blank" and bool(token.text))
