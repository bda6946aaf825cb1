"""Build the standard instance from what was located: metadata, texts, and every table cell.

Every cell of the layout is written (null where nothing was read), and every place where the value
is not simply what was printed in its place is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import orjson

from zfxxgk import pointers
from zfxxgk.importer.flat import flat_readings
from zfxxgk.importer.identities import Identity, identities
from zfxxgk.importer.labels import LabelIndex, Target, index
from zfxxgk.importer.located import Located, PrintedRow, printed_values, shown_values
from zfxxgk.importer.metadata import Metadata
from zfxxgk.importer.normalise import Token
from zfxxgk.importer.readings import Reading, readings
from zfxxgk.importer.result import LogEntry
from zfxxgk.importer.solve import Candidate, Decision, Row, solve
from zfxxgk.layout import Cell, layout

MAX_DECIMALS = 6
UNITS = ("元", "万元")


@dataclass(frozen=True)
class Money:
    """An amount stored with the unit printed for it (2019 采购总金额), as one value of a reading.

    Readings that agree on the amount but not on its unit disagree: the unit is part of the value.
    """

    amount: str
    unit: str | None

    def __str__(self) -> str:
        return self.amount + (self.unit or "")


def _json(value: Any) -> Any:
    """A cell value as the log shows it (an amount with its unit as printed: "251000元")."""
    return str(value) if isinstance(value, Money) else value


def assemble(located: Located, labels: LabelIndex, log: list[LogEntry], meta: Metadata) -> dict[str, Any]:
    report = _blank(labels.layout.edition) | {
        "agency_name": meta.agency_name, "report_year": meta.report_year, "publication_date": meta.publication_date,
        "source_url": meta.source_url, "agency_uscc": None, "agency_division_code": None,
    }
    for section in labels.sections:
        if section.is_table:
            continue
        lines = located.texts.get(section.name)
        if lines is None:
            log.append(LogEntry("warning", f"/{section.name}", "", None,
                                f"section {section.title} not found: its text is empty",
                                f"未找到“{section.title}”部分：其内容为空", code="P701"))
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
    inferred, summed = _group_rows(located, labels, log)
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
            if target.pointer not in summed:  # else the group's line says why the row is null
                log.append(_not_found(target, located, edition))
            continue
        rows.append(Row(tuple(c.pointer for c in target.cells), _candidates(row, local.get(target.pointer, []), log)))
        printed.append(row)
    decisions, notes = solve(rows, rules)
    for note in notes:
        cells = [rows[int(i)].pointers[int(j)] for i, j in (c.split(":") for c in note.cells)]
        log.append(LogEntry("warning", None, "", None, note.en, note.zh, value=cells or None, code="P403"))
    for target, row, decision in zip(targets, printed, decisions):
        parents: dict[str, dict[str, Any]] = {}
        for (parent, name, unit), value in zip(_slots(edition, target.pointer),
                                               decision.values or (None,) * len(target.cells)):
            if parent not in parents:
                parents[parent] = pointers.resolve(report, parent)
            if isinstance(value, Money):
                parents[parent][name] = value.amount
                parents[parent][unit] = value.unit  # type: ignore[index]
            else:
                parents[parent][name] = value
        if row is not None:
            _log_row(target, row, decision, log)


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


@lru_cache(maxsize=1024)
def _slots(edition: str, target: str) -> tuple[tuple[str, str, str | None], ...]:
    """(parent pointer, key, key of its unit or None) of each cell of the target at ``target``."""
    found = next(t for table in index(edition).tables.values() for t in table.targets if t.pointer == target)
    return tuple((cell.pointer.rsplit("/", 1)[0], cell.pointer.rsplit("/", 1)[1],
                  cell.unit_pointer.rsplit("/", 1)[1] if cell.unit_pointer else None) for cell in found.cells)


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
    if row.flat is not None:
        levels = flat_readings(row.flat, cells, local)
    else:
        levels = readings(row.cells, len(cells), row.positional, local)
    out = []
    for level in levels:
        for reading in level:
            values = tuple(int(token.text) if token is not None and token.is_digits and not cell.is_amount
                           else _cell_value(cell, token, row.unit) for cell, token in zip(cells, reading.tokens))
            out.append(Candidate(values, reading.level, reading))
    if not out:
        out.append(Candidate((None,) * len(cells), 0, Reading((None,) * len(cells), 0, "gap")))
    return out


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


# -- values -------------------------------------------------------------------------------------------


def _cell_value(cell: Cell, token: Token | None, unit: str | None) -> Any:
    """The value recorded in ``cell``: an amount with a unit of its own is a ``Money``."""
    value = _value(cell, token, unit)[0]
    if value is None or cell.unit_pointer is None:
        return value
    return Money(value, _unit(token, unit))


def _unit(token: Token | None, unit: str | None) -> str | None:
    """The unit of money of a printed amount: printed in its cell, else stated for its row or column."""
    if token is not None and token.unit in UNITS:
        return token.unit
    return unit if unit in UNITS else None


def _value(cell: Cell, token: Token | None, unit: str | None) -> tuple[Any, str | None]:
    """The value of ``token`` in ``cell``, and a problem (English) when the printed text is unusable.

    An amount whose unit is stored beside it (``Cell.unit_pointer``) is kept as printed, never
    converted; the fee of the 2021 edition, in 万元, is converted exactly when printed in 元.
    """
    if token is None or token.kind == "blank":
        return None, None
    if token.kind in ("int", "dec") and token.is_negative and not cell.signed:
        return None, "a negative number in a column that cannot be negative"
    if cell.is_amount:
        if token.kind not in ("int", "dec"):
            return None, "not an amount"
        text = token.text
        if cell.unit_pointer is None and _unit(token, unit) == "元":
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
    if cell.signed:
        return None, "not a number with a sign (a decrease is read only when printed with a minus sign, as -3)"
    return None, "not a number"


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _log_row(target: Target, row: PrintedRow, decision: Decision, log: list[LogEntry]) -> None:
    if decision.status == "literal" and None not in decision.values and not _has_amount(target):
        return  # read as printed, every cell a number: nothing to report
    chosen = decision.chosen
    reading = chosen.reading if chosen is not None else None
    if reading is not None and reading.how == "unreadable":
        log.append(LogEntry(
            "warning", target.pointer, row.raw, row.where,
            f"the row {target.title} prints something other than {len(target.cells)} numbers or blank marks "
            f"({reading.detail}): its cells are left null",
            f"“{target.title}”一行印出的不是 {len(target.cells)} 个数字或空白标记（{reading.detail}）：该行单元格留空",
            code="P703"))
        return
    if reading is not None and reading.how == "too_many":
        log.append(LogEntry(
            "warning", target.pointer, row.raw, row.where,
            f"the printed numbers of the row {target.title} ran together and can be cut in {reading.detail} ways "
            "that fit the identities: its cells are left null",
            f"“{target.title}”一行的数字连在一起，满足勾稽关系的拆分方式超过 {reading.detail.split()[-1]} 种：该行单元格留空",
            code="P402"))
        return
    if decision.status == "broken":
        log.append(LogEntry(
            "warning", target.pointer, row.raw, row.where,
            f"no reading of the row {target.title} satisfies the identities: kept as printed (the validator "
            "reports the broken identity)",
            f"“{target.title}”一行的任何读法都不满足勾稽关系：按原文保留（由校验报告）",
            value=[_json(v) for v in decision.values], code="P403"))
    elif reading is not None and not reading.is_literal and decision.status in ("repair", "ambiguous"):
        log.append(LogEntry(
            "repair", target.pointer, row.raw, row.where, _repair_en(row, reading, decision),
            _repair_zh(row, reading, decision), value=[_json(v) for v in decision.values],
            code={"split": "P301", "drop": "P302"}.get(reading.how, "P303")))
    for j, cell in enumerate(target.cells):
        if j in decision.undecided:
            log.append(LogEntry(
                "ambiguous", cell.pointer, row.raw, row.where,
                f"{' / '.join(cell.title_path)}: the printed row can be read in {len(decision.undecided[j])} ways "
                "that satisfy the identities; left null",
                f"“{' / '.join(cell.title_path)}”：该行有多种读法都满足勾稽关系，无法判定，留空",
                value=None, candidates=[_json(v) for v in decision.undecided[j]]))
            continue
        token = reading.tokens[j] if reading is not None and j < len(reading.tokens) else None
        value = decision.values[j] if decision.values else None
        if value is None:
            raw = token.raw if token is not None else ""
            _, problem = _value(cell, token, row.unit) if token is not None else (None, None)
            if problem:
                log.append(LogEntry(
                    "warning", cell.pointer, raw, row.where,
                    f"{' / '.join(cell.title_path)}: printed as {raw}, {problem}: left null",
                    f"“{' / '.join(cell.title_path)}”：印为“{raw}”，无法读取为数值，留空", code="P703"))
            elif token is None:
                log.append(LogEntry("blank", cell.pointer, "", row.where,
                                    "no cell printed for this column: null (unknown, not zero)",
                                    "该栏未印出：记为空（未知，而非零）"))
            else:
                log.append(LogEntry("blank", cell.pointer, raw, row.where,
                                    f"blank cell ({raw or 'empty'}): null (unknown, not zero)",
                                    f"空白单元格（{raw or '空'}）：记为空（未知，而非零）"))
        elif isinstance(value, Money):
            _log_unit(cell, token, value, row, log)
        elif cell.is_amount and token is not None and _unit(token, row.unit) == "元":
            log.append(LogEntry(
                "unit", cell.pointer, token.raw, row.where,
                f"amount printed in 元 ({row.unit_raw or token.raw}); converted exactly to {value} 万元",
                f"金额以元为单位印出（{row.unit_raw or token.raw}）；已精确换算为 {value} 万元", value=value))


@lru_cache(maxsize=1024)
def _has_amount(target: Target) -> bool:
    return any(cell.is_amount for cell in target.cells)


def _log_unit(cell: Cell, token: Token | None, value: Money, row: PrintedRow, log: list[LogEntry]) -> None:
    """Where the unit of an amount stored with its unit came from, when not from its own cell."""
    if token is not None and token.unit in UNITS:
        return  # printed with the amount ("251000元"): nothing to report
    name = " / ".join(cell.title_path)
    raw = token.raw if token is not None else ""
    if value.unit is not None:
        log.append(LogEntry(
            "unit", cell.unit_pointer, row.unit_raw or raw, row.where,
            f"{name}: {raw} is printed without a unit; {row.unit_raw} states {value.unit}, which is recorded "
            "(the amount is not converted)",
            f"“{name}”：{raw} 未印单位；“{row.unit_raw}”注明单位为{value.unit}，按此记录（金额不换算）", value=value.unit))
    else:
        log.append(LogEntry(
            "warning", cell.unit_pointer, raw, row.where,
            f"{name}: {raw} is printed without a unit (元 or 万元) and neither its column nor its row states one: "
            "the amount is kept as printed, its unit is left null",
            f"“{name}”：{raw} 未印单位（元或万元），所在栏目和行也未注明：金额按原文保留，单位留空", code="P601"))


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
