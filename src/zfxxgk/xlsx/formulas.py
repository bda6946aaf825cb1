"""The live checks as spreadsheet formulas: every identity instance of the catalog, written so that
Excel, WPS and LibreOffice compute them alike (plain arithmetic, COUNT and IF; no dynamic arrays).

An identity with a blank operand is "not checked", as the validator does (W106): ``COUNT`` counts
the numbers among the operands, and the check says 未核对 unless every one is a number.
"""

from __future__ import annotations

import re

from zfxxgk.xlsx.positions import CHECKS_SHEET, Check, Place, WorkbookLayout, column_letter

# What the status column of the checks sheet shows; the reader of a recalculated workbook and the
# tests compare against these.
HOLDS, FAILS, NOT_CHECKED = "✓", "✗", "未核对"

# The columns of the checks sheet, in order: (key, header).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "规则\nRule"),
    ("title", "名称\nTitle"),
    ("instance", "单元\nInstance"),
    ("reported", "填报值\nReported"),
    ("computed", "计算值\nComputed"),
    ("status", "结果\nResult"),
    ("message_zh", "说明"),
    ("message_en", "Message"),
    ("cells", "涉及单元格\nCells"),
)
COL = {key: i + 1 for i, (key, _) in enumerate(COLUMNS)}


def check_place(check: Check, key: str) -> Place:
    return Place(CHECKS_SHEET, check.row, COL[key])


def _side(terms: tuple[tuple[str, int, str], ...], places: dict[str, Place]) -> str:
    out = ""
    for pointer, weight, _ in terms:
        ref = places[pointer].formula()
        if weight == 1:
            out += f"+{ref}"
        elif weight == -1:
            out += f"-{ref}"
        else:
            out += f"{'+' if weight > 0 else '-'}{abs(weight)}*{ref}"
    return (out[1:] if out.startswith("+") else out) or "0"


def reported_formula(check: Check, places: dict[str, Place]) -> str:
    return "=" + _side(check.instance.lhs, places)


def computed_formula(check: Check, places: dict[str, Place]) -> str:
    return "=" + _side(check.instance.rhs, places)


def operands(check: Check) -> list[str]:
    """The pointers of every cell of the identity, each once, in order."""
    seen: dict[str, None] = {}
    for pointer, _, _ in check.instance.lhs + check.instance.rhs:
        seen.setdefault(pointer)
    return list(seen)


def status_formula(check: Check, places: dict[str, Place]) -> str:
    cells = operands(check)
    refs = ",".join(places[p].formula() for p in cells)
    reported, computed = (check_place(check, k).coordinate for k in ("reported", "computed"))
    return (f'=IF(COUNT({refs})<{len(cells)},"{NOT_CHECKED}",'
            f'IF({reported}={computed},"{HOLDS}","{FAILS}"))')


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def message_formula(check: Check, lang: str) -> str:
    """The rule's message for this instance, shown only while it fails.

    The catalog's message template is cut at its placeholders: the instance's label is written in,
    the reported and computed values are the cells of this row.
    """
    inst = check.instance
    template = inst.rule.message_zh if lang == "zh" else inst.rule.message_en
    values = {
        "instance_zh": _quote(inst.label_zh), "instance_en": _quote(inst.label_en),
        "reported": check_place(check, "reported").coordinate,
        "computed": check_place(check, "computed").coordinate,
    }
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append(_quote(template[position:match.start()]))
        if match.group(1) not in values:
            raise ValueError(f"{inst.rule.code}: the message placeholder {{{match.group(1)}}} has no cell")
        parts.append(values[match.group(1)])
        position = match.end()
    if position < len(template):
        parts.append(_quote(template[position:]))
    status = check_place(check, "status").coordinate
    return f'=IF({status}="{FAILS}",{"&".join(parts) or chr(34) * 2},"")'


def longest_message(check: Check, lang: str) -> str:
    """The message of ``check`` as it reads with values of eight digits (to size its row)."""
    inst = check.instance
    template = inst.rule.message_zh if lang == "zh" else inst.rule.message_en
    return template.format(instance_zh=inst.label_zh, instance_en=inst.label_en, reported="8" * 8, computed="8" * 8)


def failing_formula(checks: list[Check]) -> str:
    """True while any of ``checks`` fails (for conditional formatting of a cell they involve)."""
    tests = [f'{check_place(c, "status").formula(absolute=True)}="{FAILS}"' for c in checks]
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def beside_formula(checks: list[Check]) -> str:
    """The messages of the failing ``checks``, for the column beside a table row."""
    parts = [f'IF({check_place(c, "status").formula(absolute=True)}="{FAILS}",'
             f'{check_place(c, "message_zh").formula(absolute=True)}&"；","")' for c in checks]
    return "=" + "&".join(parts)


def summary_formula(book: WorkbookLayout) -> str:
    """How many checks fail, as a sentence (for the metadata sheet)."""
    if not book.checks:
        return '=""'
    col = column_letter(COL["status"])
    first, last = book.checks[0].row, book.checks[-1].row
    span = f"'{CHECKS_SHEET}'!${col}${first}:${col}${last}"
    return (f'=IF(COUNTIF({span},"{FAILS}")=0,"勾稽关系全部相符（未填的不核对）/ every identity holds",'
            f'"有 "&COUNTIF({span},"{FAILS}")&" 处勾稽关系不相符，见“{CHECKS_SHEET}”表 / '
            f'"&COUNTIF({span},"{FAILS}")&" identities fail: see sheet {CHECKS_SHEET}")')
