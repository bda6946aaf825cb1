"""The readings stage: for every row of the layout, the candidate values its printed cells can be
read as (``readings`` for a row in cells, ``flat`` for numbers that ran together), ready for the
identities to choose among (``decide``).

A row not printed has one candidate, all null (logged); a group printed as one line (the 2019
edition's 其他处理) gives its rows zeros when it is all zeros, else leaves them null (logged).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from zfxxgk.importer.flat import ROWS_KEPT, flat_readings
from zfxxgk.importer.identities import Identity, identities
from zfxxgk.importer.labels import LabelIndex, Target, index
from zfxxgk.importer.located import Located, PrintedRow, printed_values, shown_values
from zfxxgk.importer.memos import ByIdentity
from zfxxgk.importer.normalise import Token
from zfxxgk.importer.readings import Reading, readings
from zfxxgk.importer.result import LogEntry
from zfxxgk.importer.solve import Candidate, Row
from zfxxgk.importer.values import cell_value


@dataclass(frozen=True)
class TableRow:
    """A row of the layout to decide: what it fills, what was printed for it (None: not printed),
    and its candidates (``row``, as the solver takes them)."""

    target: Target
    printed: PrintedRow | None
    row: Row


def read_rows(located: Located, labels: LabelIndex, log: list[LogEntry]) -> list[TableRow]:
    """Every row of every table, in layout order, with its candidate values."""
    edition = labels.layout.edition
    inferred, summed = _group_rows(located, labels, log)
    out = []
    for target, pointers, local in _plan(labels):
        printed = located.rows.get(target.pointer)
        if printed is not None:
            out.append(TableRow(target, printed, Row(pointers, _candidates(printed, local))))
        elif target.pointer in inferred:
            out.append(TableRow(target, None, Row(pointers, [inferred[target.pointer]])))
        else:
            out.append(TableRow(target, None, Row(pointers, [_nothing(target)])))
            if target.pointer not in summed:  # else the group's line says why the row is null
                log.append(_not_found(target, located, edition))
    return out


_Plan = list[tuple[Target, tuple[str, ...], list[list[tuple[int, int]]]]]
_PLANS: ByIdentity[_Plan] = ByIdentity(16)


def _plan(labels: LabelIndex) -> _Plan:
    """Every target of ``labels`` in layout order, with its cells' pointers and its own identities:
    the same for every parse of an edition, so made once per label index."""
    return _PLANS.get(labels, None, lambda: _make_plan(labels))


def _make_plan(labels: LabelIndex) -> _Plan:
    local = _local_rules_of(labels.layout.edition)
    return [(target, tuple(c.pointer for c in target.cells), local.get(target.pointer, []))
            for table in labels.tables.values() for target in table.targets]


def _candidates(row: PrintedRow, local: list[list[tuple[int, int]]]) -> list[Candidate]:
    cells = row.target.cells
    if row.flat is None:
        return _values(row, readings(row.cells, len(cells), row.positional, local))
    # The readings of a flattened row are kept per printed text and row (``flat_readings``): their
    # values are made once for them too (a page prints rows of zeros many times).
    levels = flat_readings(row.flat, cells, local)
    return list(_VALUES.get(levels, row.unit, lambda: _values(row, levels)))


_VALUES: ByIdentity[list[Candidate]] = ByIdentity(ROWS_KEPT)  # by the readings flat_readings keeps


def _values(row: PrintedRow, levels: list[list[Reading]]) -> list[Candidate]:
    """The candidates of ``row``: the values of each of its readings."""
    cells = row.target.cells
    counts = not any(cell.is_amount for cell in cells)
    out = []
    for level in levels:
        for reading in level:
            # A cut of run-together digits brings its numbers (``Reading.counts``): in columns of
            # counts, what ``cell_value`` would make of each part.
            if counts and reading.counts is not None and len(reading.counts) == len(cells):
                out.append(Candidate(reading.counts, reading.level, reading))
                continue
            tokens = reading.tokens
            # Most other readings are bare digits in columns of counts (a flattened row read as
            # printed): each value is its number, as ``cell_value`` would make it.
            if counts and len(tokens) == len(cells) and _all_digits(tokens):
                values = tuple([int(token.text) for token in tokens])
            else:
                values = tuple(int(token.text) if token is not None and token.is_digits and not cell.is_amount
                               else cell_value(cell, token, row.unit) for cell, token in zip(cells, tokens))
            out.append(Candidate(values, reading.level, reading))
    if not out:
        out.append(Candidate((None,) * len(cells), 0, Reading((None,) * len(cells), 0, "gap")))
    return out


def _all_digits(tokens: tuple[Token | None, ...]) -> bool:
    """Whether every token is a whole number printed as bare digits (``Token.is_digits``)."""
    for token in tokens:
        if token is None or token.kind != "int" or not token.text.isdigit():
            return False
    return True


def _nothing(target: Target) -> Candidate:
    none = (None,) * len(target.cells)
    return Candidate(none, 0, Reading(none, 0, "literal"))


@lru_cache(maxsize=8)
def _local_rules_of(edition: str) -> dict[str, list[list[tuple[int, int]]]]:
    return _local_rules(index(edition), identities(edition))


def _local_rules(labels: LabelIndex, rules: tuple[Identity, ...]) -> dict[str, list[list[tuple[int, int]]]]:
    """For each target, its own identities as (column, weight) terms (a row total, table 4's blocks)."""
    out: dict[str, list[list[tuple[int, int]]]] = {}
    place: dict[str, tuple[str, int]] = {}
    for table in labels.tables.values():
        for target in table.targets:
            for j, cell in enumerate(target.cells):
                place[cell.pointer] = (target.pointer, j)
    for rule in rules:
        owners = {place[p][0] for p in rule.pointers if p in place}
        if len(owners) == 1 and all(p in place for p in rule.pointers):
            out.setdefault(owners.pop(), []).append([(place[p][1], w) for p, w in rule.terms])
    return out


def _not_found(target: Target, located: Located, edition: str) -> LogEntry:
    """The entry for a row of the layout that was not printed (or printed as another edition's rows)."""
    parts = [r for r in located.other_edition if r.row.pointer.startswith(target.pointer + "/")]
    if not parts:
        return LogEntry("warning", target.pointer, "", None, f"row {target.title} not found: its cells are null",
                        f"未找到“{target.title}”一行：其单元格为空", code="P701")
    other = parts[0].row.edition
    titles = "、".join(r.row.title for r in parts)
    return LogEntry(
        "warning", target.pointer, "\n".join(r.raw for r in parts), parts[0].where,
        f"row {target.title} of the {edition} edition is printed as {len(parts)} row(s) of the {other} edition "
        f"({titles}) that divide it; they are not read into the {edition} edition, so its cells are null "
        "(their numbers are in the log)",
        f"{edition} 年版的“{target.title}”一行按 {other} 年版印为 {len(parts)} 行（{titles}）；这些行不读入 "
        f"{edition} 年版，故该行单元格为空（其数字见日志）",
        value=[printed_values(r.cells) for r in parts], code="P701")


def _group_rows(located: Located, labels: LabelIndex, log: list[LogEntry]) -> tuple[dict[str, Candidate], set[str]]:
    """Rows implied by numbers printed on a group's own line (the 2019 edition prints 其他处理 as one row).

    The parts of a count that is 0 are all 0, so a zero group line fills its rows with zeros
    (logged as inferred); other numbers are the sums of the rows, whose split is unknown: the rows
    stay null, and one warning keeps the printed line and its numbers. Returns the inferred rows and
    the pointers of the rows that warning covers.
    """
    out: dict[str, Candidate] = {}
    summed: set[str] = set()
    for group in located.group_rows:
        table = next(t for t in labels.tables.values() if group.pointer.startswith(t.node.pointer + "/"))
        members = [t for t in table.targets if t.pointer.startswith(group.pointer + "/")]
        if not members or any(m.pointer in located.rows for m in members):
            continue
        width = len(members[0].cells)
        numbers = [t for t in group.cells if not t.is_empty]
        zero = len(numbers) == width and all(t.kind == "int" and int(t.text) == 0 for t in numbers)
        if zero:
            for m in members:
                values = (0,) * width
                out[m.pointer] = Candidate(values, 0, Reading(tuple(numbers), 0, "inferred"))
                log.append(LogEntry(
                    "inferred", m.pointer, group.raw, group.where,
                    f"{group.title} is printed as one row (as in the 2019 edition) with all zeros, so each of its "
                    f"rows is 0",
                    f"“{group.title}”按 2019 年版格式印为一行且全部为 0，故其下各行均为 0", value=list(values), code="P305"))
        else:
            summed.update(m.pointer for m in members)
            titles = "、".join(m.title for m in members)
            shown = shown_values(group.cells)
            log.append(LogEntry(
                "warning", group.pointer, group.raw, group.where,
                f"{group.title} is printed as one row, as in an earlier edition, with the numbers {shown}: each is "
                f"the sum of its {len(members)} rows ({titles}), and how it splits among them is not printed, so "
                "those rows are left null; the printed row is kept here",
                f"“{group.title}”按旧版格式印为一行，数字为 {shown}：每个数字都是其下 {len(members)} 行（{titles}）之和，"
                "各行如何分配未印出，故各行留空；所印的一行保留于此",
                value=printed_values(group.cells), code="P305"))
    return out, summed
