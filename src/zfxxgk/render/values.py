"""Cell values as printed: a count as digits, the fee exactly as stored, a blank cell as nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zfxxgk import pointers
from zfxxgk.layout import Cell


class RenderError(ValueError):
    """The report cannot be rendered (unknown edition, a missing cell, a value of the wrong type)."""


def cell_text(report: dict[str, Any], cell: Cell) -> str:
    """The text printed in ``cell`` of ``report``.

    A missing cell is an error rather than a blank: the standard tells "blank in the report" (null)
    apart from "absent" (a structure error), and rendering must not blur the two.
    """
    try:
        value = pointers.resolve(report, cell.pointer)
    except KeyError:
        raise RenderError(f"the report has no cell {cell.pointer} ({' / '.join(cell.title_path)})") from None
    text = format_value(value, cell.pointer)
    if text and cell.unit_pointer:
        # An amount whose unit varies from report to report (2019 采购总金额: 元 or 万元) is printed
        # with its unit, as published reports do ("73802895.90元"): the header names no unit.
        unit = pointers.resolve(report, cell.unit_pointer, None)
        if unit is not None:
            text += format_value(unit, cell.unit_pointer)
    return text


def format_value(value: Any, where: str = "") -> str:
    """One cell value as text.

    Counts are ints (signed ones too: the 2019 edition has 本年增/减). The fee is a decimal string and
    is printed verbatim, so "24252.3110" keeps its trailing zero and nothing passes through a float.
    A float is refused outright: it would already have lost the exact amount.
    """
    if value is None:
        return ""
    if isinstance(value, bool):  # bool is an int subclass; true is not a count
        raise RenderError(f"{where}: {value!r} is not a count")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    raise RenderError(f"{where}: cannot print a {type(value).__name__} ({value!r}); "
                      "counts are integers and amounts decimal strings")
