"""Rows printed without their label, placed by the layout's fixed row order.

A table converted from a PDF often loses row labels: a wrapped label is left outside the table
rows, or cut off at a page break, and its numbers stand in a row of their own. The rows of a table
always come in the layout's order, so when the unlabelled rows printed between two recognised rows
are exactly as many as the rows the layout has between them (and none of those was found), each
is the row at its place: they are placed in order, and each placement is logged as inferred with
the printed row. Anything else (more or fewer unlabelled rows than the gap, a row with another
number of cells than the row it would fill) is not guessed: the printed row is reported unread.
"""

from __future__ import annotations

from itertools import pairwise

from zfxxgk.importer.labels import LabelIndex, Target
from zfxxgk.importer.locate import Located, PrintedRow, Unlabelled
from zfxxgk.importer.result import LogEntry


def place_unlabelled(located: Located, labels: LabelIndex) -> None:
    """Give the unlabelled rows that exactly fill a gap their rows; report the others."""
    if not located.unlabelled:
        return
    order = list(located.rows)
    placed: set[int] = set()
    for name, table in labels.tables.items():
        if table.shape == "side_by_side":
            continue
        # A stray number (fewer or more values than a row has cells) is no row: it cannot fill one.
        width = len(table.targets[0].cells) if table.targets else 0
        mine = [(i, u) for i, u in enumerate(located.unlabelled) if u.table == name and _is_row(u, width)]
        if not mine:
            continue
        targets = table.targets
        rank = {t.pointer: n for n, t in enumerate(targets)}
        found = [(p, order.index(p)) for p in order if p in rank]
        # Each gap: the recognised rows before and after it in the document (None at the edges).
        bounds = [None, *found, None]
        for before, after in pairwise(bounds):
            low = before[1] + 1 if before else 0
            high = after[1] + 1 if after else len(order) + 1
            inside = [(i, u) for i, u in mine if low <= u.position < high]
            first = rank[before[0]] + 1 if before else 0
            last = rank[after[0]] if after else len(targets)
            missing = [t for t in targets[first:last] if t.pointer not in located.rows]
            if not inside or len(inside) != len(missing) or last - first != len(missing):
                continue
            if not all(_fits(u, t) for (_, u), t in zip(inside, missing)):
                continue
            for (i, u), target in zip(inside, missing):
                _place(located, u, target, before[0] if before else None, after[0] if after else None, len(missing))
                placed.add(i)
    for i, u in enumerate(located.unlabelled):
        if i not in placed:
            located.log.append(LogEntry(
                "warning", None, u.raw, u.where,
                "a row of numbers whose label matches no row of the table was not read (it does not fill a gap "
                "of the table's rows exactly)",
                "一行数字的栏目名称与表格中任何一行都不对应，且不恰好填补表格中缺失的行，未读取"))


def _is_row(row: Unlabelled, width: int) -> bool:
    return row.flat is not None or sum(1 for t in row.cells if t.is_printed_value) == width


def _fits(row: Unlabelled, target: Target) -> bool:
    """A row of numbers fills a row of the layout only with a printed value for each of its cells."""
    if row.flat is not None:
        return True
    return sum(1 for t in row.cells if t.is_printed_value) == len(target.cells)


def _place(located: Located, row: Unlabelled, target: Target, before: str | None, after: str | None,
           count: int) -> None:
    located.rows[target.pointer] = PrintedRow(target, row.cells, None, row.where, row.raw, flat=row.flat)
    between_en = f"between {before or 'the start of the table'} and {after or 'the end of the table'}"
    located.log.append(LogEntry(
        "inferred", target.pointer, row.raw, row.where,
        f"a row printed without its label is read as {target.title}: the {count} unlabelled row(s) {between_en} "
        f"exactly fill the {count} row(s) the layout has there, in its order",
        f"一行未印栏目名称的数字读作“{target.title}”：{before or '表格开头'}与{after or '表格末尾'}之间的 {count} 行"
        f"无名称数字恰好对应官方格式在此处的 {count} 行（按格式顺序）",
        value=target.pointer, code="P304"))
