"""Warnings: values that are allowed but unlikely, and numbers in the text that contradict the tables."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from zfxxgk.layout import Layout
from zfxxgk.limits import number_digits
from zfxxgk.validate.catalog import rule
from zfxxgk.validate.codes import division_code_problem, uscc_check_char
from zfxxgk.validate.findings import Contribution, Finding

FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def uscc(code: Any) -> Iterator[Finding]:
    if isinstance(code, str) and len(code) == 18:
        expected = uscc_check_char(code[:17])
        if code[17] != expected:
            yield rule("W101").finding(("/agency_uscc",), reported=code, computed=expected)


def division_code(code: Any) -> Iterator[Finding]:
    if isinstance(code, str):
        problem = division_code_problem(code)
        if problem:
            yield rule("W102").finding(("/agency_division_code",), reported=code, detail_zh=problem[0],
                                       detail_en=problem[1])


def publication_date(year: Any, published: Any) -> Iterator[Finding]:
    if not isinstance(year, int) or not isinstance(published, str):
        return
    try:
        date = dt.date.fromisoformat(published)
    except ValueError:
        yield rule("S002").finding(("/publication_date",), detail=f"{published} is not a calendar date / 不是有效日期")
        return
    if date.year != year + 1:
        yield rule("W103").finding(("/report_year", "/publication_date"), reported=published, report_year=year)


def fee_precision(amount: Any, fee_pointer: str) -> Iterator[Finding]:
    if isinstance(amount, str) and "." in amount and len(amount.split(".")[1]) > 4:
        yield rule("W104").finding((fee_pointer,), reported=amount)


def all_zero(vector: tuple[Any, ...], amounts: list[Any]) -> Iterator[Finding]:
    if not any(vector) and not any(a and Decimal(a) for a in amounts):
        yield rule("W105").finding()


def blank_cells(vector: tuple[Any, ...], lay: Layout, count_cells: list[str], amounts: dict[str, Any]) -> Iterator[Finding]:
    blanks = [p for p, v in zip(count_cells, vector) if v is None]
    blanks += [p for p, v in amounts.items() if v is None]
    for pointer in blanks:
        cell = lay.by_pointer[pointer]
        yield rule("W106").finding((pointer,), instance=pointer, instance_zh=" / ".join(cell.title_path[1:]),
                                   instance_en=pointer)


# Every pattern declared for T101 captures a count followed by its unit (件 or 起): text without
# such a number cannot match any of them, and most text has none, so it is passed over at once.
# tests/validate/test_plausibility.py holds the declared patterns to this.
STATED_COUNT = re.compile(r"[0-9０-９]\s*[件起]")


class TextChecks:
    """T101: numbers stated in the free text, found by the patterns declared in the schema."""

    def __init__(self) -> None:
        data = rule("T101").data
        self.text_pointer: str = data["text"]
        self.checks = [(check["name"], tuple(check["cells"]), [re.compile(p) for p in check["patterns"]])
                       for check in data["checks"]]

    def findings(self, text: Any, cell_value: Callable[[str], Any]) -> Iterator[Finding]:
        """Findings for the overview ``text``; ``cell_value`` gives the value of a table cell by pointer."""
        if not isinstance(text, str) or not STATED_COUNT.search(text):
            return
        text = text.translate(FULL_WIDTH_DIGITS)
        for name, cells, patterns in self.checks:
            values = [cell_value(p) for p in cells]
            if not all(type(v) is int for v in values):
                continue
            computed = sum(values)
            for pattern in patterns:
                for match in pattern.finditer(text):
                    if len(match.group(1)) > number_digits():
                        continue  # no count is that long, and Python would refuse to convert it
                    stated = int(match.group(1))
                    if stated != computed:
                        contributions = tuple(Contribution(p, v) for p, v in zip(cells, values))
                        yield rule("T101").finding(
                            (self.text_pointer, *cells), reported=stated, computed=computed,
                            contributions=contributions, instance=name, quote=match.group(0),
                        )
