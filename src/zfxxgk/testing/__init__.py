"""Test data for projects that depend on the standard: valid reports by construction.

    from zfxxgk.testing import reports, report_pairs, random_report

    @given(reports())
    def test_my_loader(report): ...

``reports()`` and ``report_pairs()`` are hypothesis strategies (hypothesis must be installed);
``random_report(rng)`` makes the same kind of report from a ``random.Random`` without hypothesis,
fast enough for benchmarks. Every report they make passes every identity of its edition; a pair
of consecutive years also passes the cross-year rules.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from zfxxgk import pointers
from zfxxgk.catalog import CURRENT, PREVIOUS, Instance, catalog
from zfxxgk.layout import layout
from zfxxgk.testing.construct import amount_from, fill_tables
from zfxxgk.validate.codes import USCC_CHARSET, uscc_check_char

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["random_report", "report_pairs", "reports"]

_PLACES = ["北京市", "上海市浦东新区", "河南省济源市", "浙江省杭州市", "四川省成都市武侯区", "广东省深圳市", "甘肃省兰州市"]
_AGENCIES = ["人民政府", "司法局", "自然资源和规划局", "生态环境局", "人力资源和社会保障局", "市场监督管理局", "街道办事处"]
_DIVISIONS = ["110000", "310115", "419001", "330100", "510107", "440300", "620100", "330106001"]


class _Source:
    """Where the choices come from: hypothesis's ``draw`` or a ``random.Random``."""

    def __init__(self, pick: Callable[[int, int], int]) -> None:
        self.int = pick

    def choice(self, items: list[Any]) -> Any:
        return items[self.int(0, len(items) - 1)]

    def count(self) -> int:
        # Mostly small numbers, as in real reports, sometimes large ones.
        scale = self.choice([3, 3, 3, 20, 200, 20000])
        return self.int(0, scale)

    def amount(self) -> str:
        return amount_from(self.int(0, 10**9), self.int(0, 4))


def _uscc(src: _Source) -> str:
    first = "11" + src.choice(_DIVISIONS)[:6] + "".join(src.choice(list(USCC_CHARSET)) for _ in range(9))
    return first + uscc_check_char(first)


def _build(src: _Source, edition: str, year: int | None = None, agency: str | None = None,
           fixed: dict[str, int] | None = None) -> dict[str, Any]:
    # Each edition is used for its own report years: 2019 for 2019 and 2020, 2021 from 2021 on.
    year = year if year is not None else (src.int(2019, 2020) if edition == "2019" else src.int(2021, 2030))
    agency = agency or src.choice(_PLACES) + src.choice(_AGENCIES)
    doc = layout(edition).blank_document(
        agency_name=agency,
        report_year=year,
        publication_date=f"{year + 1}-01-{src.int(1, 31):02d}" if src.int(0, 3) else None,
        source_url=f"https://www.example.gov.cn/zfxxgk/{year}/{src.int(1, 99999)}.html" if src.int(0, 1) else None,
        agency_uscc=_uscc(src) if src.int(0, 1) else None,
        agency_division_code=src.choice(_DIVISIONS) if src.int(0, 1) else None,
        overview=f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
        problems_and_improvements="一是公开内容的规范性有待加强；二是政策解读形式较为单一。下一步将加强培训。",
        other_matters="本年度未收取信息处理费。",
    )
    fill_tables(doc, src.int, src.count, src.amount, fixed)
    return _ordered(doc, edition)


def _ordered(doc: dict[str, Any], edition: str) -> dict[str, Any]:
    """Top-level keys in the layout's order, as an instance written by hand would have them."""
    order = ["schema_version", "edition"] + [f.name for f in layout(edition).fields] + [t.name for t in layout(edition).tables]
    return {key: doc[key] for key in order if key in doc}


def _carry_over(previous: dict[str, Any], edition: str) -> tuple[dict[str, int], list[Instance]]:
    """Cells fixed by last year's report, and the cross-year rules that also involve this year."""
    fixed: dict[str, int] = {}
    later = []
    for inst in catalog().instances(edition, cross_year=True):
        if len(inst.lhs) != 1:
            continue
        if any(pointers.resolve(previous, t.pointer, None) is None for t in inst.rhs if t.document == PREVIOUS):
            continue  # last year's edition has no such cell: the rule does not apply
        if all(t.document == PREVIOUS for t in inst.rhs):
            fixed[inst.lhs[0].pointer] = sum(pointers.resolve(previous, t.pointer) * t.weight for t in inst.rhs)
        else:
            later.append(inst)
    return fixed, later


def _apply_later(current: dict[str, Any], previous: dict[str, Any], instances: list[Instance]) -> None:
    docs = {CURRENT: current, PREVIOUS: previous}
    for inst in instances:
        terms = inst.rhs
        # A negative term larger than the rest (more repealed than existed) is lowered first.
        positive = sum(pointers.resolve(docs[t.document], t.pointer) for t in terms if t.weight > 0)
        for t in terms:
            if t.weight < 0 and t.document == CURRENT:
                value = min(pointers.resolve(current, t.pointer), positive)
                pointers.assign(current, t.pointer, value)
                positive -= value
        pointers.assign(current, inst.lhs[0].pointer, positive)


def _pair(src: _Source, previous_edition: str, edition: str) -> tuple[dict[str, Any], dict[str, Any]]:
    # Across the change of edition the pair is the last 2019-edition year and the first 2021 one.
    previous = _build(src, previous_edition, year=2020 if (previous_edition, edition) == ("2019", "2021") else None)
    fixed, later = _carry_over(previous, edition)
    current = _build(src, edition, year=previous["report_year"] + 1, agency=previous["agency_name"], fixed=fixed)
    _apply_later(current, previous, later)
    return previous, current


def random_report(rng: random.Random, edition: str = "2021") -> dict[str, Any]:
    """A valid report drawn from ``rng`` (no hypothesis needed)."""
    return _build(_Source(rng.randint), edition)


def reports(edition: str = "2021") -> SearchStrategy[dict[str, Any]]:
    """Hypothesis strategy: valid reports of ``edition``; every identity holds."""
    from hypothesis import strategies as st

    @st.composite
    def strategy(draw: Any) -> dict[str, Any]:
        return _build(_Source(lambda lo, hi: draw(st.integers(lo, hi))), edition)

    return strategy()


def report_pairs(previous_edition: str = "2021", edition: str = "2021") -> SearchStrategy[tuple[dict[str, Any], dict[str, Any]]]:
    """Hypothesis strategy: (last year's report, this year's report) of one agency, consistent across years."""
    from hypothesis import strategies as st

    @st.composite
    def strategy(draw: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        return _pair(_Source(lambda lo, hi: draw(st.integers(lo, hi))), previous_edition, edition)

    return strategy()
