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

from collections.abc import Callable, Iterable, Mapping
from typing import Any

Path = tuple[str, ...]


class _Malformed:
    """The value of a cell that is missing or not what the schema allows: no check reads it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MALFORMED"


MALFORMED: Any = _Malformed()


class Values:
    """Values a check reads (cells, or top-level fields), found by any place that holds them.

    Built once per edition: every place on the way to a value (the table, the row, the value
    itself) maps to the values below it, so the values a structure error damages are a few
    dictionary lookups away.
    """

    def __init__(self, pointers: list[str], read: Callable[[Any], tuple[Any, ...]]) -> None:
        self.paths: list[Path] = [tuple(p.strip("/").split("/")) for p in pointers]
        self._read = read  # the compiled reader of a well-formed report
        self._at = {path: i for i, path in enumerate(self.paths)}
        self._below: dict[Path, list[int]] = {}
        for i, path in enumerate(self.paths):
            for k in range(len(path) + 1):
                self._below.setdefault(path[:k], []).append(i)

    def damaged(self, places: Iterable[tuple[Any, ...]]) -> set[int]:
        """The positions of the values at, below or above (a value that holds an error) the places."""
        out: set[int] = set()
        for place in places:
            out.update(self._below.get(place, ()))
            for k in range(len(place)):
                if (i := self._at.get(place[:k])) is not None:
                    out.add(i)
        return out

    def read(self, document: Any, damaged: set[int]) -> tuple[Any, ...]:
        """Every value, ``MALFORMED`` where damaged or missing."""
        try:
            values = list(self._read(document))
        except (KeyError, TypeError, IndexError, AttributeError):  # a missing or malformed table or row
            values = [_walk(document, path) for path in self.paths]
        for i in damaged:
            values[i] = MALFORMED
        return tuple(values)


def _walk(document: Any, path: Path) -> Any:
    node = document
    for part in path:
        if type(node) is not dict or part not in node:
            return MALFORMED
        node = node[part]
    return node


def present(document: Any, path: Path) -> bool:
    return _walk(document, path) is not MALFORMED


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
