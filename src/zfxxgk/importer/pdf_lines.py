"""Lines of a PDF page outside ruled tables: words on one baseline form a line, split into cells
where the gap between words is wide (a table drawn without lines); page numbers in the margins
are dropped; labels printed one character per line are read down their columns."""

from __future__ import annotations

from dataclasses import replace

from zfxxgk.importer.pdf_blanks import align_values
from zfxxgk.importer.pdf_boxes import ALIGN, CELL_GAP, LINE_GAP, MARGIN, PAGE_NUMBER, VALUE, Box, Line, joined, middle
from zfxxgk.importer.pdf_grid import rows_of
from zfxxgk.importer.pdf_wrapped import assemble

def layout_lines(words: list[Box], height: float) -> list[Line]:
    lines = [_line(number, words) for number, words in enumerate(rows_of(words), start=1)]
    lines = [line for line in lines if not _is_furniture(line, height)]
    lines = _join_stacks(lines)
    return align_values(assemble(lines))


def _line(number: int, words: list[Box]) -> Line:
    size = sorted(word.size for word in words)[len(words) // 2]
    pieces = [words[0]]
    for word in words[1:]:
        last = pieces[-1]
        if word.x0 - last.x1 > CELL_GAP * size:
            pieces.append(word)
        else:  # an ordinary space between words of one cell
            pieces[-1] = replace(last, text=f"{last.text} {word.text}", x1=word.x1,
                                 top=min(last.top, word.top), bottom=max(last.bottom, word.bottom))
    return Line(number, pieces, min(word.top for word in words), max(word.bottom for word in words), size)


def _is_furniture(line: Line, height: float) -> bool:
    """A page number in the top or bottom margin of the page."""
    in_margin = line.bottom < height * MARGIN or line.top > height * (1 - MARGIN)
    return in_margin and not line.is_row and bool(PAGE_NUMBER.match(line.pieces[0].text))


def _join_stacks(lines: list[Line]) -> list[Line]:
    """Runs of lines made only of single characters, one under the other, read down each column."""
    out: list[Line] = []
    run: list[Line] = []
    for line in lines:
        if _is_stack_line(line) and (not run or _close(run[-1], line)):
            run.append(line)
            continue
        out.extend(_stacked(run))
        run = [line] if _is_stack_line(line) else []
        if not run:
            out.append(line)
    out.extend(_stacked(run))
    return out


def _is_stack_line(line: Line) -> bool:
    return all(len(piece.text) == 1 and not VALUE.match(piece.text) for piece in line.pieces)


def _close(upper: Line, lower: Line) -> bool:
    return lower.top - upper.bottom <= LINE_GAP * max(upper.size, lower.size)


def _stacked(run: list[Line]) -> list[Line]:
    if len(run) < 2:
        return run
    columns: list[list[Box]] = []
    for piece in sorted((piece for line in run for piece in line.pieces), key=middle):
        if columns and middle(piece) - middle(columns[-1][-1]) <= ALIGN * piece.size:
            columns[-1].append(piece)
        else:
            columns.append([piece])
    pieces = [joined(sorted(column, key=lambda piece: piece.top), "") for column in columns]
    first = run[0]
    return [Line(first.number, pieces, first.top, run[-1].bottom, first.size)]
