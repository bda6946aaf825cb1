"""What the PDF reader's steps share: a printed box, a printed line, and what a value and the
start of a label look like.

Distances are in units of the text's own size (its height), so that they hold for any font size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL_GAP = 1.0  # a gap wider than one character separates two cells of a line
LINE_GAP = 1.0  # lines closer than one character's height belong to the same cell or stack
ALIGN = 0.5  # positions closer than half a character are the same column
MARGIN = 0.1  # the top and bottom tenth of a page hold its running header and page number
KINSOKU = 2.0  # a wrapped line may be up to two characters longer than the line it continues
MAX_HEADER_ROWS = 8  # the most lines a table's header repeated on a new page is looked for in

# What starts a new label rather than continuing one: 一、 （三） (3) 1. 2、 第二十条 第（五）项.
LABEL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．]"
    r"|第\s*[一二三四五六七八九十百零〇\d]+\s*[条项章节])"
)
# A printed value: a number or a mark that stands for none. Values are never joined or treated as
# labels.
VALUE = re.compile(r"^[\d０-９][\d０-９,，.．]*$|^[—–\-－/／无]$")
PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*\d+[-—–－\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$"
)


@dataclass(frozen=True)
class Box:
    """A piece of printed text and where it is (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class Line:
    """A printed line outside ruled tables, as the cells its gaps separate."""

    number: int  # counted from the top of the page, among lines outside ruled tables
    pieces: list[Box]
    top: float
    bottom: float
    size: float

    @property
    def is_row(self) -> bool:
        return len(self.pieces) > 1


def middle(box: Box) -> float:
    return (box.x0 + box.x1) / 2


def joined(boxes: list[Box], separator: str) -> Box:
    return Box(separator.join(box.text for box in boxes), min(box.x0 for box in boxes),
                max(box.x1 for box in boxes), min(box.top for box in boxes),
                max(box.bottom for box in boxes))


def is_fragment(text: str) -> bool:
    return not VALUE.match(text) and not LABEL_START.match(text)


def has_values(line: Line) -> bool:
    return any(VALUE.match(piece.text) for piece in line.pieces)


def labels_of(line: Line) -> list[Box]:
    return [piece for piece in line.pieces if not VALUE.match(piece.text)]
