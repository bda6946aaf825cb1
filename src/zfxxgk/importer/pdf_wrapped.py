"""Wrapped labels of tables drawn without lines (step 2 of laying out free lines).

A row is its values and the cells of its labels, each read down its own column, whether the
values stand beside the label's first, middle or last line, and even where two columns' lines
alternate (a label centred on several rows beside a wrapped one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zfxxgk.importer.pdf_boxes import (
    ALIGN, KINSOKU, LABEL_START, LINE_GAP, VALUE, Box, Line, has_values, joined, labels_of, middle,
)

@dataclass
class Stack:
    """The printed lines of one cell of a table drawn without lines, top to bottom.

    ``anchor`` is the line of values the cell shares a baseline with, if any: a row's numbers
    stand beside the first, a middle or the last line of its label, as the cell is aligned.
    """

    boxes: list[Box]
    lines: list[Line]  # the line each box was printed on
    anchor: Line | None

    @property
    def box(self) -> Box:
        return joined(self.boxes, "\n")


def assemble(lines: list[Line]) -> list[Line]:
    """Rows of tables drawn without lines: each row's values with the cells of its labels, whose
    lines may wrap above or below the values and interleave with a neighbouring column's."""
    anchors = {line.number: line for line in lines if has_values(line)}
    attached: dict[int, list[Stack]] = {number: [] for number in anchors}
    loose: list[Stack] = []
    for stack in _stack_cells(lines):
        anchor = stack.anchor or _anchor_within(stack, anchors.values())
        (attached[anchor.number] if anchor is not None else loose).append(stack)
    rows = [_anchored_row(anchor, attached[number]) for number, anchor in anchors.items()]
    placed = [(anchor.top, row) for anchor, row in zip(anchors.values(), rows)]
    placed += [(line.top, line) for line in _loose_lines(loose)]
    return [line for _, line in sorted(placed, key=lambda item: (item[0], item[1].number))]


def _stack_cells(lines: list[Line]) -> list[Stack]:
    """Every label piece, top to bottom: the next line of a cell above, or the first of a new one."""
    stacks: list[Stack] = []
    recent: list[Stack] = []  # cells whose last line is close enough above to go on
    for line in lines:
        recent = [stack for stack in recent if line.top - stack.boxes[-1].bottom <= LINE_GAP * line.size]
        labels = labels_of(line)
        started: list[Stack] = []
        for piece in labels:
            stack = _cell_going_on(recent, piece, line, len(labels))
            if stack is None:
                started.append(Stack([piece], [line], line if has_values(line) else None))
                continue
            stack.boxes.append(piece)
            stack.lines.append(line)
            stack.anchor = stack.anchor or (line if has_values(line) else None)
        stacks += started
        recent += started
    return stacks


def _cell_going_on(recent: list[Stack], piece: Box, line: Line, labels: int) -> Stack | None:
    """The cell above that ``piece`` continues: in its column and within its width, not two lines
    of values in one cell, and not a piece that starts a label of its own. The nearest such cell,
    if any."""
    if LABEL_START.match(piece.text):
        return None
    tolerance = ALIGN * line.size
    candidates = []
    for stack in recent:
        last = stack.boxes[-1]
        if stack.lines[-1] is line or (stack.anchor is not None and has_values(line)):
            continue
        same_column = (abs(last.x0 - piece.x0) <= tolerance
                       or abs(middle(last) - middle(piece)) <= tolerance)
        # Within the cell's width; a line may run a little longer than the one above it, which
        # broke early so as not to start the next line with a punctuation mark (，、）).
        within = (piece.x0 >= min(box.x0 for box in stack.boxes) - tolerance
                  and piece.x1 <= max(box.x1 for box in stack.boxes) + KINSOKU * line.size)
        if same_column and within and not _new_row_under_title(stack, piece, labels):
            candidates.append(stack)
    return max(candidates, key=lambda stack: stack.boxes[-1].bottom, default=None)


def _new_row_under_title(stack: Stack, piece: Box, labels: int) -> bool:
    """A short piece on a line of more cells, under a single wide one: the first cell of a header
    row under a title row ("信息内容 …" under "第二十条第（一）项"), not the rest of the title."""
    first = stack.boxes[0]
    return (len(stack.boxes) == 1 and labels > len(labels_of(stack.lines[0]))
            and first.x1 - first.x0 >= 2 * (piece.x1 - piece.x0))


def _anchor_within(stack: Stack, anchors: Iterable[Line]) -> Line | None:
    """The line of values printed between the first and last lines of a cell (a label centred on
    its row's numbers)."""
    if len(stack.boxes) < 2:
        return None
    top, bottom = stack.boxes[0].top, stack.boxes[-1].bottom
    return next((line for line in anchors if top < (line.top + line.bottom) / 2 < bottom), None)


def _anchored_row(anchor: Line, stacks: list[Stack]) -> Line:
    values = [piece for piece in anchor.pieces if VALUE.match(piece.text)]
    pieces = sorted([*(stack.box for stack in stacks), *values], key=lambda piece: piece.x0)
    number = min([anchor.number, *(stack.lines[0].number for stack in stacks)])
    top = min([anchor.top, *(stack.boxes[0].top for stack in stacks)])
    bottom = max([anchor.bottom, *(stack.boxes[-1].bottom for stack in stacks)])
    return Line(number, pieces, top, bottom, anchor.size)


def _loose_lines(stacks: list[Stack]) -> list[Line]:
    """Cells with no values beside them (headers, headings, paragraphs), back in lines.

    A cell of several lines stays whole where it is part of a row (a wrapped header), and the
    cells printed beside any of its lines join its row (a header centred on a two-line neighbour).
    Elsewhere the lines of a cell are lines of text, as printed.
    """
    placed: list[tuple[Line, Box]] = []
    for stack in stacks:
        if len(stack.boxes) > 1 and any(line.is_row for line in stack.lines):
            placed.append((stack.lines[0], stack.box))
        else:
            placed += zip(stack.lines, stack.boxes)
    out: list[Line] = []
    for line, box in sorted(placed, key=lambda item: (item[1].top, item[1].x0)):
        middle = (box.top + box.bottom) / 2
        if out and (out[-1].top <= middle <= out[-1].bottom or line.number == out[-1].number):
            out[-1].pieces.append(box)
            out[-1].bottom = max(out[-1].bottom, box.bottom)
        else:
            out.append(Line(line.number, [box], box.top, box.bottom, line.size))
    for line in out:
        line.pieces.sort(key=lambda box: box.x0)
    return out
