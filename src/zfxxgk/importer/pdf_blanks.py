"""Blank cells of a table drawn without lines, put back as ``""`` under their columns."""

from __future__ import annotations

from zfxxgk.importer.pdf_boxes import VALUE, Box, Line

def align_values(lines: list[Line]) -> list[Line]:
    """Blank cells of a table drawn without lines, put back as ``""``.

    A blank cell prints nothing, so a row with blanks has fewer pieces than its neighbours and its
    numbers would slide left. Where the full rows of a table (at least two) agree on where each
    column of values lies, a shorter row's values are put under the columns they stand in.
    """
    region: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.is_row:
            region.append(line)
            continue
        columns = _value_columns(region)
        for row in region if columns else []:
            _fill_blanks(row, columns)
        region = []
    return lines


def values_start(line: Line) -> int:
    """Where the values at the end of the line begin (after its labels)."""
    start = len(line.pieces)
    while start > 0 and VALUE.match(line.pieces[start - 1].text):
        start -= 1
    return start


def _value_columns(region: list[Line]) -> list[tuple[float, float]]:
    """The left and right edges of each column of values, from the rows that fill them all."""
    counts = [len(line.pieces) - values_start(line) for line in region]
    most = max(counts, default=0)
    full = [line for line, count in zip(region, counts) if count == most]
    if most < 2 or len(full) < 2:
        return []
    columns = []
    for k in range(-most, 0):
        pieces = [line.pieces[k] for line in full]
        columns.append((min(piece.x0 for piece in pieces), max(piece.x1 for piece in pieces)))
    if any(left[1] >= right[0] for left, right in zip(columns, columns[1:])):
        return []  # the full rows disagree: no columns to trust
    return columns


def _fill_blanks(line: Line, columns: list[tuple[float, float]]) -> None:
    start = values_start(line)
    values = line.pieces[start:]
    if not values or len(values) >= len(columns):
        return
    places = []
    for piece in values:
        under = [k for k, (x0, x1) in enumerate(columns) if piece.x0 <= x1 and piece.x1 >= x0]
        if len(under) != 1 or (places and under[0] <= places[-1]):
            return  # not clearly under one column: leave the row as printed
        places.append(under[0])
    cells = [Box("", x0, x1, line.top, line.bottom) for x0, x1 in columns]
    for place, piece in zip(places, values):
        cells[place] = piece
    line.pieces = [*line.pieces[:start], *cells]
