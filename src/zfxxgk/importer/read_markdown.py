"""Read Markdown into blocks: headings and paragraphs as text, pipe-table rows as rows.

The pipe tables are split here rather than by a Markdown library: a conforming parser pads a row
with too few cells and drops the cells of a row with too many, and both are exactly the evidence
that identity-guided repair needs.
"""

from __future__ import annotations

import re

from zfxxgk.importer.blocks import Block

_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def read_markdown(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    in_table = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            in_table = False
            continue
        where = f"line {index + 1}"
        if "-" in stripped and _SEPARATOR.match(stripped):
            in_table = True
            continue
        if stripped.startswith("|") or (_has_pipe(stripped) and (in_table or _separator_follows(lines, index))):
            in_table = True
            blocks.append(Block("row", split_row(stripped), where))
            continue
        in_table = False
        heading = _HEADING.match(stripped)
        if heading:
            stripped = heading.group(1)
        blocks.append(Block("text", (inline_text(stripped),), where))
    return blocks


def _separator_follows(lines: list[str], index: int) -> bool:
    return index + 1 < len(lines) and bool(_SEPARATOR.match(lines[index + 1].strip()))


def _has_pipe(line: str) -> bool:
    return bool(re.search(r"(?<!\\)\|", line))


def split_row(line: str) -> tuple[str, ...]:
    """The cells of a pipe-table row, with escaped pipes and backslashes restored."""
    if "\\" not in line:  # nothing escaped: the common case
        parts = line.split("|")
        if line.startswith("|"):
            parts = parts[1:]
        if line.endswith("|"):
            parts = parts[:-1]
        return tuple(inline_text(part.strip()) for part in parts)
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line):
            current.append(line[i + 1] if line[i + 1] in "|\\" else line[i : i + 2])
            i += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    cells.append("".join(current))
    if line.startswith("|"):
        cells = cells[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        cells = cells[:-1]
    return tuple(inline_text(cell.strip()) for cell in cells)


def inline_text(text: str) -> str:
    """Text without inline Markdown: emphasis marks, link targets and backslash escapes."""
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\2", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text.strip()
