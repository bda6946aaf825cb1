"""Reading a report that does not conform to the JSON Schema: which edition it is, and which of its
cells are still well-formed.

A report with an empty agency name, an unknown field or a cell written as "5" still states most of
its numbers correctly, and the identities over those numbers are worth checking: a broken table is
not hidden behind a structure error elsewhere. The rule (docs/validate.md, "Reports with structure
errors"):

- the edition is the one the report states, when it states a valid one; otherwise the one the shape
  of its tables shows, when it shows exactly one (``edition_by_shape``); otherwise there is none and
  only the structure is reported;
- a value is well-formed when no structure error of the report, checked as that edition, is at its
  place or at a place that contains it (a missing table, a row that is not an object); anything else
  is ``MALFORMED``, and a check with a ``MALFORMED`` operand is not evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Path = tuple[str, ...]


class _Malformed:
    """The value of a cell that is missing or not what the schema allows: no check reads it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MALFORMED"


MALFORMED: Any = _Malformed()


class Damage:
    """The places of a report's structure errors; everything at or below one of them is malformed."""

    __slots__ = ("places",)

    def __init__(self, places: Iterable[Path]) -> None:
        self.places = frozenset(places)

    def covers(self, path: Path) -> bool:
        places = self.places
        return any(path[:k] in places for k in range(len(path) + 1))


def read_values(document: Any, paths: list[Path], damage: Damage) -> tuple[Any, ...]:
    """The value at each path, ``MALFORMED`` where it is missing or damaged."""
    out = []
    for path in paths:
        if damage.covers(path):
            out.append(MALFORMED)
            continue
        node = document
        for part in path:
            if type(node) is not dict or part not in node:
                node = MALFORMED
                break
            node = node[part]
        out.append(node)
    return tuple(out)


def read_fields(document: Any, paths: list[Path], damage: Damage) -> tuple[Any, ...]:
    """Optional top-level fields: None where absent or malformed (the checks skip None)."""
    return tuple(None if v is MALFORMED else v for v in read_values(document, paths, damage))


def present(document: Any, path: Path) -> bool:
    node = document
    for part in path:
        if type(node) is not dict or part not in node:
            return False
        node = node[part]
    return True


def edition_by_shape(document: dict[str, Any], places: Mapping[str, frozenset[Path]]) -> str | None:
    """The edition whose tables ``document`` has, by the places (tables, rows, cells, unit fields)
    that only one edition has; None when that is not unambiguous.

    An edition E is chosen when, against every other edition F, the document holds at least one
    place that E has and F lacks, and none that F has and E lacks. A report with no table, with
    only places both editions share, or with places of both is left undecided.
    """
    chosen = [
        edition for edition, own in places.items()
        if all(any(present(document, p) for p in own - other)
               and not any(present(document, p) for p in other - own)
               for name, other in places.items() if name != edition)
    ]
    return chosen[0] if len(chosen) == 1 else None
