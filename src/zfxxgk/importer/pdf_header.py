"""Header rows that a table going on over a page break repeats at the top of the new page."""

from __future__ import annotations

from zfxxgk.importer.pdf_boxes import MAX_HEADER_ROWS, VALUE
from zfxxgk.importer.pdf_pages import Entry

def without_repeated_header(previous: list[Entry], entries: list[Entry]) -> list[Entry]:
    """The page without the header rows that a table going on from the page before repeats.

    The repeat is the longest run of the page's first blocks that the page before printed too, in
    the same order, with only table rows after it to the foot of that page (the table went on
    over the break), and with a header among them (a row without values).
    """
    before = [content(entry) for entry in previous]
    here = [content(entry) for entry in entries]
    for length in range(min(len(here) - 1, MAX_HEADER_ROWS), 0, -1):
        run = here[:length]
        if not any(kind == "row" and not any(VALUE.match(cell) for cell in cells) for kind, cells in run):
            continue
        for start in range(len(before) - length + 1):
            rest = before[start + length:]
            if before[start:start + length] == run and all(kind == "row" for kind, _ in rest):
                return entries[length:]
    return entries


def content(entry: Entry) -> tuple[str, tuple[str, ...]]:
    block = entry.block()
    return block.kind, block.cells
