"""The identities of an edition as linear equations over cells, the form the importer's solver uses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from zfxxgk.catalog import catalog


@dataclass(frozen=True)
class Identity:
    """sum(weight × cell) = 0 over ``terms`` (left-hand side positive, right-hand side negative)."""

    code: str
    key: str
    terms: tuple[tuple[str, int], ...]

    @property
    def pointers(self) -> tuple[str, ...]:
        return tuple(p for p, _ in self.terms)


@cache
def identities(edition: str) -> tuple[Identity, ...]:
    """The identities of ``edition`` that involve this year's report only."""
    return tuple(Identity(i.code, i.key, tuple((t.pointer, t.weight) for t in i.terms))
                 for i in catalog().instances(edition, cross_year=False))
