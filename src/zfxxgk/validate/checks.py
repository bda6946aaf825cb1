"""The check functions of the rules that are not identities, registered by the ``check:`` name the
schema declares: warnings about values that are allowed but unlikely, and numbers in the text that
contradict the tables.

A registered function is a factory: given its rule and the layout of one edition it compiles what
it needs once (patterns, cell positions) and returns the check, which the validator calls with the
``Facts`` of every report of that edition. Adding a check is: declare the rule in the schema with
``check: <name>``, regenerate, and register a factory here under that name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zfxxgk.catalog import Rule, rule
from zfxxgk.cell_names import cell_name
from zfxxgk.layout import Layout
from zfxxgk.limits import number_digits
from zfxxgk.validate.broken import MALFORMED
from zfxxgk.validate.codes import division_code_problem, uscc_check_char
from zfxxgk.validate.findings import Contribution, Finding

FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(slots=True)
class Facts:
    """What the checks read from one report: its count cells (a vector in the layout's order, with
    their sum, None when a cell is blank or malformed), its amounts, and its top-level fields."""

    vector: tuple[Any, ...]
    total: int | None
    amounts: tuple[Any, ...]
    fields: dict[str, Any]
    count_index: dict[str, int]
    amount_index: dict[str, int]

    def count(self, pointer: str) -> Any:
        return self.vector[self.count_index[pointer]]

    def amount(self, pointer: str) -> Any:
        return self.amounts[self.amount_index[pointer]]


Check = Callable[[Facts], Iterator[Finding]]
Factory = Callable[[Rule, Layout], Check]

CHECKS: dict[str, Factory] = {}
# Checks made at other stages than the validation of one report: before a report exists, by the stages
# that read and type it: decoding the bytes (``zfxxgk.loading``, S001) and the JSON Schema
# (``zfxxgk.validate.structure``, S002); and across a corpus (``zfxxgk.corpus.checks``, X401, X402).
STAGES = {"decode": "zfxxgk.loading", "json_schema": "zfxxgk.validate.structure",
          "copied_table": "zfxxgk.corpus.checks", "pairing_ambiguous": "zfxxgk.corpus.checks"}


def register(name: str) -> Callable[[Factory], Factory]:
    def add(factory: Factory) -> Factory:
        CHECKS[name] = factory
        return factory

    return add


def compile_checks(lay: Layout, rules: list[Rule]) -> list[Check]:
    """The checks of ``rules`` compiled for one edition, in catalog order (stages left out)."""
    return [CHECKS[r.check](r, lay) for r in rules if r.check is not None and r.check not in STAGES]


def field_pointers(lay: Layout, rules: list[Rule]) -> list[str]:
    """The top-level fields (not table cells) that ``rules`` read, in catalog order."""
    table_cells = set(lay.by_pointer)
    out: list[str] = []
    for r in rules:
        for pointer in (*r.cells, *([r.data["text"]] if "text" in r.data else [])):
            if pointer not in table_cells and pointer not in out:
                out.append(pointer)
    return out


@register("uscc_check_digit")
def _uscc(r: Rule, lay: Layout) -> Check:
    (pointer,) = r.cells

    def check(facts: Facts) -> Iterator[Finding]:
        code = facts.fields[pointer]
        if isinstance(code, str) and len(code) == 18:
            expected = uscc_check_char(code[:17])
            if code[17] != expected:
                yield r.finding((pointer,), reported=code, computed=expected)

    return check


@register("division_code_shape")
def _division_code(r: Rule, lay: Layout) -> Check:
    (pointer,) = r.cells

    def check(facts: Facts) -> Iterator[Finding]:
        code = facts.fields[pointer]
        if isinstance(code, str) and (problem := division_code_problem(code)):
            yield r.finding((pointer,), reported=code, detail_zh=problem[0], detail_en=problem[1])

    return check


@register("year_vs_publication_date")
def _publication_date(r: Rule, lay: Layout) -> Check:
    year_pointer, date_pointer = r.cells

    def check(facts: Facts) -> Iterator[Finding]:
        year, published = facts.fields[year_pointer], facts.fields[date_pointer]
        if not isinstance(year, int) or not isinstance(published, str):
            return
        try:
            date = dt.date.fromisoformat(published)
        except ValueError:  # the pattern lets 2022-02-30 through; it is a structure error all the same
            yield rule("S002").finding((date_pointer,), detail=f"{published} is not a calendar date / 不是有效日期")
            return
        if date.year != year + 1:
            yield r.finding((year_pointer, date_pointer), reported=published, report_year=year)

    return check


@register("fee_precision")
def _fee_precision(r: Rule, lay: Layout) -> Check:
    def check(facts: Facts) -> Iterator[Finding]:
        for pointer in r.cells:
            amount = facts.amount(pointer)
            if isinstance(amount, str) and "." in amount and len(amount.split(".")[1]) > 4:
                yield r.finding((pointer,), reported=amount)

    return check


@register("all_zero")
def _all_zero(r: Rule, lay: Layout) -> Check:
    def check(facts: Facts) -> Iterator[Finding]:
        if facts.total or MALFORMED in facts.amounts:  # a malformed cell is not a zero
            return
        if not any(facts.vector) and not any(a and Decimal(a) for a in facts.amounts):
            yield r.finding()

    return check


@register("blank_cells")
def _blank_cells(r: Rule, lay: Layout) -> Check:
    def check(facts: Facts) -> Iterator[Finding]:
        if facts.total is not None and None not in facts.amounts:
            return  # the common case: every cell holds a value
        blanks = [p for p, i in facts.count_index.items() if facts.vector[i] is None]
        blanks += [p for p, i in facts.amount_index.items() if facts.amounts[i] is None]
        for pointer in blanks:
            cell = lay.by_pointer[pointer]
            yield r.finding((pointer,), instance=pointer, cell_zh=cell_name(cell, "zh"), cell_en=cell_name(cell, "en"))

    return check


# Every pattern declared for T101 captures a count followed by its unit (件 or 起): text without
# such a number cannot match any of them, and most text has none, so it is passed over at once.
# tests/validate/test_checks.py holds the declared patterns to this.
STATED_COUNT = re.compile(r"[0-9０-９]\s*[件起]")


@register("numbers_in_text")
def text_checks(r: Rule, lay: Layout) -> Check:
    """T101: numbers stated in the free text, found by the patterns declared in the schema."""
    text_pointer: str = r.data["text"]
    checks = [(c["name"], tuple(c["cells"]), [re.compile(p) for p in c["patterns"]]) for c in r.data["checks"]]

    def check(facts: Facts) -> Iterator[Finding]:
        text = facts.fields[text_pointer]
        if not isinstance(text, str) or not STATED_COUNT.search(text):
            return
        text = text.translate(FULL_WIDTH_DIGITS)
        for name, cells, patterns in checks:
            values = [facts.count(p) for p in cells]
            if all(type(v) is int for v in values):
                yield from _stated(r, text_pointer, text, name, cells, values, patterns)

    return check


def _stated(r: Rule, text_pointer: str, text: str, name: str, cells: tuple[str, ...], values: list[int],
            patterns: list[re.Pattern[str]]) -> Iterator[Finding]:
    computed = sum(values)
    for pattern in patterns:
        for match in pattern.finditer(text):
            if len(match.group(1)) > number_digits():
                continue  # no count is that long, and Python would refuse to convert it
            stated = int(match.group(1))
            if stated != computed:
                contributions = tuple(Contribution(p, v) for p, v in zip(cells, values))
                yield r.finding((text_pointer, *cells), reported=stated, computed=computed,
                                contributions=contributions, instance=name, quote=match.group(0))
