"""Build the standard instance from what was located: metadata, texts, and every table cell.

Every cell of the layout is written (null where nothing was read), and every place where the value
is not simply what was printed in its place is logged.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import orjson

from zfxxgk import pointers
from zfxxgk.importer.identities import Identity, identities
from zfxxgk.importer.labels import LabelIndex, Target, index
from zfxxgk.importer.locate import Located, PrintedRow
from zfxxgk.importer.metadata import read_metadata
from zfxxgk.importer.normalise import Token
from zfxxgk.importer.readings import Reading, readings
from zfxxgk.importer.result import LogEntry
from zfxxgk.importer.solve import Candidate, Decision, Row, solve
from zfxxgk.layout import Cell, layout

MAX_DECIMALS = 6


def assemble(located: Located, labels: LabelIndex, log: list[LogEntry]) -> dict[str, Any]:
    meta = read_metadata(located, log, labels.layout)
    report = _blank(labels.layout.edition) | {
        "agency_name": meta.agency_name, "report_year": meta.report_year, "publication_date": meta.publication_date,
        "source_url": None, "agency_uscc": None, "agency_division_code": None,
    }
    for section in labels.sections:
        if section.is_table:
            continue
        lines = located.texts.get(section.name)
        if lines is None:
            log.append(LogEntry("warning", f"/{section.name}", "", None,
                                f"section {section.title} not found: its text is empty",
                                f"未找到“{section.title}”部分：其内容为空"))
        report[section.name] = "\n".join(line.text for line in lines or [])
    _fill_tables(report, located, labels, log)
    return _ordered(report, labels)


@lru_cache(maxsize=8)
def _blank_json(edition: str) -> bytes:
    return orjson.dumps(layout(edition).blank_document())


def _blank(edition: str) -> dict[str, Any]:
    """A fresh report with every cell present and null (copied from a template: this is per parse)."""
    return orjson.loads(_blank_json(edition))  # type: ignore[no-any-return]


def _ordered(report: dict[str, Any], labels: LabelIndex) -> dict[str, Any]:
    """Keys in the order of a hand-written instance: metadata, then the sections in printed order."""
    numbered = {s.name for s in labels.sections}
    order = ["schema_version", "edition"] + [f.name for f in labels.layout.fields if f.name not in numbered]
    order += [s.name for s in labels.sections]
    return {key: report[key] for key in order if key in report} | {k: v for k, v in report.items() if k not in order}


# -- tables -----------------------------------------------------------------------------------------


def _fill_tables(report: dict[str, Any], located: Located, labels: LabelIndex, log: list[LogEntry]) -> None:
    edition = labels.layout.edition
    rules = identities(edition)
    local = _local_rules_of(edition)
    targets = [t for table in labels.tables.values() for t in table.targets]
    inferred = _group_rows(located, labels, log)
    rows: list[Row] = []
    printed: list[PrintedRow | None] = []
    for target in targets:
        row = located.rows.get(target.pointer)
        if row is None and target.pointer in inferred:
            rows.append(Row(tuple(c.pointer for c in target.cells), [inferred[target.pointer]]))
            printed.append(None)
            continue
        if row is None:
            rows.append(Row(tuple(c.pointer for c in target.cells), [_nothing(target)]))
            printed.append(None)
            log.append(LogEntry("warning", target.pointer, "", None,
                                f"row {target.title} not found: its cells are null",
                                f"未找到“{target.title}”一行：其单元格为空"))
            continue
        rows.append(Row(tuple(c.pointer for c in target.cells), _candidates(row, local.get(target.pointer, []), log)))
        printed.append(row)
    decisions, notes = solve(rows, rules)
    for note in notes:
        cells = [rows[int(i)].pointers[int(j)] for i, j in (c.split(":") for c in note.cells)]
        log.append(LogEntry("warning", None, "", None, note.en, note.zh, value=cells or None))
    for target, row, decision in zip(targets, printed, decisions):
        parents: dict[str, dict[str, Any]] = {}
        for (parent, name), value in zip(_slots(edition, target.pointer), decision.values or (None,) * len(target.cells)):
            if parent not in parents:
                parents[parent] = pointers.resolve(report, parent)
            parents[parent][name] = value
        if row is not None:
            _log_row(target, row, decision, log)


@lru_cache(maxsize=1024)
def _slots(edition: str, target: str) -> tuple[tuple[str, str], ...]:
    """(parent pointer, key) of each cell of the target whose pointer is ``target``."""
    found = next(t for table in index(edition).tables.values() for t in table.targets if t.pointer == target)
    return tuple((cell.pointer.rsplit("/", 1)[0], cell.pointer.rsplit("/", 1)[1]) for cell in found.cells)


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


def _nothing(target: Target) -> Candidate:
    none = (None,) * len(target.cells)
    return Candidate(none, 0, Reading(none, 0, "literal"))


def _candidates(row: PrintedRow, local: list[list[tuple[int, int]]], log: list[LogEntry]) -> list[Candidate]:
    cells = row.target.cells

    levels = readings(row.cells, len(cells), row.positional, local)
    out = []
    for level in levels:
        for reading in level:
            values = tuple(int(token.text) if token is not None and token.kind == "int" and not cell.is_amount
                           else _value(cell, token, row.unit)[0] for cell, token in zip(cells, reading.tokens))
            out.append(Candidate(values, reading.level, reading))
    if not out:
        out.append(Candidate((None,) * len(cells), 0, Reading((None,) * len(cells), 0, "gap")))
    return out


def _group_rows(located: Located, labels: LabelIndex, log: list[LogEntry]) -> dict[str, Candidate]:
    """Rows implied by numbers printed on a group's own line (the 2019 edition prints 其他处理 as one row).

    The parts of a count that is 0 are all 0, so a zero group line fills its rows with zeros
    (logged as inferred); other numbers cannot be split among the rows, which stay null.
    """
    out: dict[str, Candidate] = {}
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
                    f"“{group.title}”按 2019 年版格式印为一行且全部为 0，故其下各行均为 0", value=list(values)))
        else:
            log.append(LogEntry(
                "warning", group.pointer, group.raw, group.where,
                f"{group.title} is printed as one row (as in the 2019 edition); its numbers cannot be split "
                "among its rows, which are left null",
                f"“{group.title}”按 2019 年版格式印为一行，其数字无法分配到下属各行，各行留空"))
    return out


# -- values -------------------------------------------------------------------------------------------


def _value(cell: Cell, token: Token | None, unit: str | None) -> tuple[Any, str | None]:
    """The value of ``token`` in ``cell``, and a problem (English) when the printed text is unusable."""
    if token is None or token.kind == "blank":
        return None, None
    if cell.is_amount:
        if token.kind not in ("int", "dec"):
            return None, "not an amount"
        text = token.text
        if (token.unit or unit) == "元":
            text = _plain(Decimal(text).scaleb(-4))
        if "." in text and len(text.split(".")[1]) > MAX_DECIMALS:
            return None, "more than six decimals"
        return text, None
    if token.kind == "int":
        return int(token.text), None
    if token.kind == "dec":
        try:
            number = Decimal(token.text)
        except InvalidOperation:  # pragma: no cover - the token was checked as digits
            return None, "not a count"
        if number == number.to_integral_value():
            return int(number), None
        return None, "a count with a fraction"
    return None, "not a number"


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _log_row(target: Target, row: PrintedRow, decision: Decision, log: list[LogEntry]) -> None:
    if decision.status == "literal" and None not in decision.values and row.unit != "元":
        return  # read as printed, every cell a number: nothing to report
    chosen = decision.chosen
    reading = chosen.reading if chosen is not None else None
    if decision.status == "broken":
        log.append(LogEntry(
            "warning", target.pointer, row.raw, row.where,
            f"no reading of the row {target.title} satisfies the identities: kept as printed (the validator "
            "reports the broken identity)",
            f"“{target.title}”一行的任何读法都不满足勾稽关系：按原文保留（由校验报告）",
            value=list(decision.values)))
    elif reading is not None and not reading.is_literal and decision.status in ("repair", "ambiguous"):
        log.append(LogEntry(
            "repair", target.pointer, row.raw, row.where, _repair_en(row, reading, decision),
            _repair_zh(row, reading, decision), value=list(decision.values)))
    for j, cell in enumerate(target.cells):
        if j in decision.undecided:
            log.append(LogEntry(
                "ambiguous", cell.pointer, row.raw, row.where,
                f"{' / '.join(cell.title_path)}: the printed row can be read in {len(decision.undecided[j])} ways "
                "that satisfy the identities; left null",
                f"“{' / '.join(cell.title_path)}”：该行有多种读法都满足勾稽关系，无法判定，留空",
                value=None, candidates=list(decision.undecided[j])))
            continue
        token = reading.tokens[j] if reading is not None and j < len(reading.tokens) else None
        value = decision.values[j] if decision.values else None
        if value is None:
            raw = token.raw if token is not None else ""
            _, problem = _value(cell, token, row.unit) if token is not None else (None, None)
            if problem:
                log.append(LogEntry(
                    "warning", cell.pointer, raw, row.where, f"{' / '.join(cell.title_path)}: {problem}: left null",
                    f"“{' / '.join(cell.title_path)}”：无法读取的数值，留空"))
            elif token is None:
                log.append(LogEntry("blank", cell.pointer, "", row.where,
                                    "no cell printed for this column: null (unknown, not zero)",
                                    "该栏未印出：记为空（未知，而非零）"))
            else:
                log.append(LogEntry("blank", cell.pointer, raw, row.where,
                                    f"blank cell ({raw or 'empty'}): null (unknown, not zero)",
                                    f"空白单元格（{raw or '空'}）：记为空（未知，而非零）"))
        elif cell.is_amount and token is not None and (token.unit or row.unit) == "元":
            log.append(LogEntry(
                "unit", cell.pointer, token.raw, row.where,
                f"amount printed in 元 ({row.unit_raw or token.raw}); converted exactly to {value} 万元",
                f"金额以元为单位印出（{row.unit_raw or token.raw}）；已精确换算为 {value} 万元", value=value))


def _repair_en(row: PrintedRow, reading: Reading, decision: Decision) -> str:
    k = len(row.target.cells)
    n = sum(1 for t in row.cells if not t.is_empty)
    if reading.how == "drop":
        if decision.chosen is not None and decision.chosen.same > 1:
            return (f"{n} numbers printed for {k} columns; the readings that satisfy the identities drop an extra "
                    f"{reading.detail} and all give the same values")
        where = "、".join(str(p) for p in reading.positions)
        return (f"{n} numbers printed for {k} columns; the only reading that satisfies the identities drops "
                f"the extra {reading.detail} (number {where} of the row)")
    if reading.how == "split":
        return f"digits run together; the only split that satisfies the identities is {reading.detail}"
    if reading.how == "gap":
        return (f"{len(row.cells)} cells printed for {k} columns; the only reading that satisfies the "
                "identities is recorded, the column that printed nothing is null")
    return (f"{n} numbers printed for {k} columns in places that do not match the header; the only "
            "placement that satisfies the identities is recorded")


def _repair_zh(row: PrintedRow, reading: Reading, decision: Decision) -> str:
    k = len(row.target.cells)
    n = sum(1 for t in row.cells if not t.is_empty)
    if reading.how == "drop":
        if decision.chosen is not None and decision.chosen.same > 1:
            return f"{k} 栏印出 {n} 个数字；满足勾稽关系的读法都是去掉一个多出的 {reading.detail}，结果相同"
        where = "、".join(str(p) for p in reading.positions)
        return f"{k} 栏印出 {n} 个数字；唯一满足勾稽关系的读法是去掉多出的 {reading.detail}（该行第 {where} 个数字）"
    if reading.how == "split":
        return f"数字连在一起；唯一满足勾稽关系的拆分为 {reading.detail}"
    if reading.how == "gap":
        return f"{k} 栏只印出 {len(row.cells)} 个单元格；按唯一满足勾稽关系的读法记录，未印出的一栏为空"
    return f"{k} 栏印出 {n} 个数字，位置与表头不符；按唯一满足勾稽关系的位置记录"
