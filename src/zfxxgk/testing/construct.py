"""Build reports that satisfy every identity by construction, from the layout and the rule catalog.

The construction knows no table: it reads the identities of the edition and
1. draws every cell that is not the single left-hand side of an identity (a "total"),
2. except the unknown left-hand cells of balance equations (several cells on each side, as the
   official 一 + 二 = 三（七） + 四), which are drawn last as a split of what the other side needs,
3. computes every total from its parts, repeating until nothing changes.
So a new identity in the schema changes what is generated without a change here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from zfxxgk import pointers
from zfxxgk.layout import layout
from zfxxgk.catalog import catalog

DrawInt = Callable[[int, int], int]


@dataclass(frozen=True)
class Equation:
    code: str
    lhs: tuple[tuple[str, int], ...]
    rhs: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Plan:
    leaves: tuple[str, ...]
    totals: tuple[Equation, ...]
    balances: tuple[Equation, ...]
    amounts: tuple[str, ...]
    signed: frozenset[str]
    units: tuple[str, ...]


def current_equations(edition: str) -> list[Equation]:
    """The identities of an edition that involve one report only."""
    return [Equation(i.code, tuple((p, w) for p, w, _ in i.lhs), tuple((p, w) for p, w, _ in i.rhs))
            for i in catalog().instances(edition, cross_year=False)]


@cache
def plan(edition: str) -> Plan:
    equations = current_equations(edition)
    totals = [e for e in equations if len(e.lhs) == 1]
    total_cells = {e.lhs[0][0] for e in totals}
    balances = [e for e in equations if len(e.lhs) > 1 and not {p for p, _ in e.lhs} <= total_cells]
    split_cells = {p for e in balances for p, _ in e.lhs if p not in total_cells}
    cells = layout(edition).cells
    leaves = tuple(c.pointer for c in cells
                   if not c.is_amount and c.pointer not in total_cells and c.pointer not in split_cells)
    amounts = tuple(c.pointer for c in cells if c.is_amount)
    signed = frozenset(c.pointer for c in cells if c.signed)
    units = tuple(u for t in layout(edition).tables for u in t.unit_pointers())
    return Plan(leaves, tuple(totals), tuple(balances), amounts, signed, units)


def _value(doc: dict[str, Any], pointer: str) -> int | None:
    return pointers.resolve(doc, pointer, None)


def _propagate_totals(doc: dict[str, Any], totals: tuple[Equation, ...]) -> None:
    changed = True
    while changed:
        changed = False
        for eq in totals:
            target = eq.lhs[0][0]
            if _value(doc, target) is not None:
                continue
            parts = [(_value(doc, p), w) for p, w in eq.rhs]
            if all(v is not None for v, _ in parts):
                pointers.assign(doc, target, sum(v * w for v, w in parts))  # type: ignore[operator]
                changed = True


def _balance(doc: dict[str, Any], eq: Equation, draw: DrawInt, fixed: dict[str, int]) -> None:
    """Give the unknown left-hand cells values so that the equation holds."""
    needed = sum(_value(doc, p) * w for p, w in eq.rhs)  # type: ignore[operator]
    unknown = [p for p, _ in eq.lhs if _value(doc, p) is None]
    for p in unknown:
        if p in fixed:
            pointers.assign(doc, p, fixed[p])
    needed -= sum(_value(doc, p) for p, _ in eq.lhs if _value(doc, p) is not None)  # type: ignore[misc]
    free = [p for p in unknown if p not in fixed]
    if needed < 0:
        # Fixed values (a carry-over from last year) exceed what the other side needs: raise a
        # drawn right-hand cell so that nothing goes negative.
        bump = next(p for p, w in eq.rhs if w > 0 and p in plan_leaves(doc))
        pointers.assign(doc, bump, _value(doc, bump) - needed)  # type: ignore[operator]
        needed = 0
    for p in free[:-1]:
        share = draw(0, needed)
        pointers.assign(doc, p, share)
        needed -= share
    if free:
        pointers.assign(doc, free[-1], needed)


def plan_leaves(doc: dict[str, Any]) -> frozenset[str]:
    return frozenset(plan(doc["edition"]).leaves)


def fill_tables(doc: dict[str, Any], draw: DrawInt, draw_count: Callable[[], int],
                draw_amount: Callable[[], str], fixed: dict[str, int] | None = None) -> None:
    """Fill every cell of ``doc`` (a blank document of its edition) consistently."""
    p = plan(doc["edition"])
    fixed = fixed or {}
    for pointer in p.leaves:
        value = fixed.get(pointer, draw_count())
        if pointer in p.signed and draw(0, 1):
            value = -value
        pointers.assign(doc, pointer, value)
    for pointer in p.amounts:
        pointers.assign(doc, pointer, draw_amount())
    for pointer in p.units:
        pointers.assign(doc, pointer, ("元", "万元")[draw(0, 1)])
    _propagate_totals(doc, p.totals)
    for eq in p.balances:
        _balance(doc, eq, draw, fixed)
        _propagate_totals(doc, p.totals)
    # A balance may have raised a drawn cell after its totals were computed: compute them afresh.
    for eq in p.totals:
        pointers.assign(doc, eq.lhs[0][0], None)
    _propagate_totals(doc, p.totals)


def amount_from(units: int, decimals: int) -> str:
    """An exact decimal string in 万元 from a count of 1/10**decimals."""
    value = Decimal(units).scaleb(-decimals)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
