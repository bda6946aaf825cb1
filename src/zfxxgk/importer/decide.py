"""The solving stage: the identities choose among each row's candidate values (``solve``), and the
log says, row by row, whatever the chosen values are not simply what was printed in their places
(a repair, an undecided cell, a blank, an unusable cell, a unit)."""

from __future__ import annotations

from zfxxgk.importer.candidates import TableRow
from zfxxgk.importer.identities import identities
from zfxxgk.importer.labels import Target
from zfxxgk.importer.located import PrintedRow
from zfxxgk.importer.normalise import Token
from zfxxgk.importer.readings import Reading
from zfxxgk.importer.result import LogEntry
from zfxxgk.importer.solve import Decision, solve
from zfxxgk.importer.values import UNITS, Money, money_unit, shown, value_of
from zfxxgk.layout import Cell


def decide(rows: list[TableRow], edition: str, log: list[LogEntry]) -> list[Decision]:
    """The decision for each of ``rows`` (in the same order), with the identities of ``edition``."""
    decisions, notes = solve([r.row for r in rows], identities(edition))
    for note in notes:
        cells = [rows[int(i)].row.pointers[int(j)] for i, j in (c.split(":") for c in note.cells)]
        log.append(LogEntry("warning", None, "", None, note.en, note.zh, value=cells or None, code="P403"))
    for row, decision in zip(rows, decisions):
        if row.printed is not None:
            _log_row(row.target, row.printed, decision, log)
    return decisions


def _log_row(target: Target, row: PrintedRow, decision: Decision, log: list[LogEntry]) -> None:
    amounts = _has_amount(target)
    if decision.status == "literal" and None not in decision.values and not amounts:
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
            value=[shown(v) for v in decision.values], code="P403"))
    elif reading is not None and not reading.is_literal and decision.status in ("repair", "ambiguous"):
        log.append(LogEntry(
            "repair", target.pointer, row.raw, row.where, _repair_en(row, reading, decision),
            _repair_zh(row, reading, decision), value=[shown(v) for v in decision.values],
            code={"split": "P301", "drop": "P302"}.get(reading.how, "P303")))
    if decision.values and not decision.undecided and None not in decision.values and not amounts:
        return  # every cell a count, decided: nothing to say cell by cell
    for j, cell in enumerate(target.cells):
        _log_cell(j, cell, row, reading, decision, log)


def _log_cell(j: int, cell: Cell, row: PrintedRow, reading: Reading | None, decision: Decision,
              log: list[LogEntry]) -> None:
    """What the log says of the cell in column ``j`` of a printed row, if anything."""
    if j in decision.undecided:
        log.append(LogEntry(
            "ambiguous", cell.pointer, row.raw, row.where,
            f"{' / '.join(cell.title_path)}: the printed row can be read in {len(decision.undecided[j])} ways "
            "that satisfy the identities; left null",
            f"“{' / '.join(cell.title_path)}”：该行有多种读法都满足勾稽关系，无法判定，留空",
            value=None, candidates=[shown(v) for v in decision.undecided[j]]))
        return
    token = reading.tokens[j] if reading is not None and j < len(reading.tokens) else None
    value = decision.values[j] if decision.values else None
    if value is None:
        _log_null(cell, token, row, log)
    elif isinstance(value, Money):
        _log_unit(cell, token, value, row, log)
    elif cell.is_amount and token is not None and money_unit(token, row.unit) == "元":
        log.append(LogEntry(
            "unit", cell.pointer, token.raw, row.where,
            f"amount printed in 元 ({row.unit_raw or token.raw}); converted exactly to {value} 万元",
            f"金额以元为单位印出（{row.unit_raw or token.raw}）；已精确换算为 {value} 万元", value=value))


def _log_null(cell: Cell, token: Token | None, row: PrintedRow, log: list[LogEntry]) -> None:
    """Why a cell of a printed row is null: printed blank, not printed, or printed unusably."""
    raw = token.raw if token is not None else ""
    _, problem = value_of(cell, token, row.unit) if token is not None else (None, None)
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


def _printed(row: PrintedRow) -> int:
    """How many numbers the row printed."""
    return sum(1 for t in row.cells if not t.is_empty)


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
    if reading.how == "split":  # the commonest repair, of a flattened row
        return f"digits run together; the only split that satisfies the identities is {reading.detail}"
    n = _printed(row)
    if reading.how == "drop":
        if decision.chosen is not None and decision.chosen.same > 1:
            return (f"{n} numbers printed for {k} columns; the readings that satisfy the identities drop an extra "
                    f"{reading.detail} and all give the same values")
        where = "、".join(str(p) for p in reading.positions)
        return (f"{n} numbers printed for {k} columns; the only reading that satisfies the identities drops "
                f"the extra {reading.detail} (number {where} of the row)")
    if reading.how == "gap":
        return (f"{len(row.cells)} cells printed for {k} columns; the only reading that satisfies the "
                "identities is recorded, the column that printed nothing is null")
    return (f"{n} numbers printed for {k} columns in places that do not match the header; the only "
            "placement that satisfies the identities is recorded")


def _repair_zh(row: PrintedRow, reading: Reading, decision: Decision) -> str:
    k = len(row.target.cells)
    if reading.how == "split":
        return f"数字连在一起；唯一满足勾稽关系的拆分为 {reading.detail}"
    n = _printed(row)
    if reading.how == "drop":
        if decision.chosen is not None and decision.chosen.same > 1:
            return f"{k} 栏印出 {n} 个数字；满足勾稽关系的读法都是去掉一个多出的 {reading.detail}，结果相同"
        where = "、".join(str(p) for p in reading.positions)
        return f"{k} 栏印出 {n} 个数字；唯一满足勾稽关系的读法是去掉多出的 {reading.detail}（该行第 {where} 个数字）"
    if reading.how == "gap":
        return f"{k} 栏只印出 {len(row.cells)} 个单元格；按唯一满足勾稽关系的读法记录，未印出的一栏为空"
    return f"{k} 栏印出 {n} 个数字，位置与表头不符；按唯一满足勾稽关系的位置记录"
