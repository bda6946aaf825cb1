"""The value a printed cell holds in its column: a count, an exact amount (converted from 元 to 万元
where the column is in 万元), an amount kept with its own unit (``Money``), or nothing, with the
reason when the printed text is unusable."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from zfxxgk.importer.normalise import Token
from zfxxgk.layout import Cell

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


def shown(value: Any) -> Any:
    """A cell value as the log shows it (an amount with its unit as printed: "251000元")."""
    return str(value) if isinstance(value, Money) else value


def cell_value(cell: Cell, token: Token | None, unit: str | None) -> Any:
    """The value recorded in ``cell``: an amount with a unit of its own is a ``Money``."""
    value = value_of(cell, token, unit)[0]
    if value is None or cell.unit_pointer is None:
        return value
    return Money(value, money_unit(token, unit))


def money_unit(token: Token | None, unit: str | None) -> str | None:
    """The unit of money of a printed amount: printed in its cell, else stated for its row or column."""
    if token is not None and token.unit in UNITS:
        return token.unit
    return unit if unit in UNITS else None


def value_of(cell: Cell, token: Token | None, unit: str | None) -> tuple[Any, str | None]:
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
        if cell.unit_pointer is None and money_unit(token, unit) == "元":
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
