"""What the solver chooses among and what it decides (``zfxxgk.importer.solve``): a row's candidate
readings as cell values, and the decision for each row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from zfxxgk.importer.readings import Reading


@dataclass(frozen=True)
class Candidate:
    values: tuple[Any, ...]
    level: int
    reading: Reading
    same: int = 1  # how many readings of the row give these values


@dataclass
class Row:
    """One printed row to decide: its cells' pointers and its candidate readings (any level)."""

    pointers: tuple[str, ...]
    candidates: list[Candidate]


@dataclass(frozen=True)
class Note:
    """Something about the table as a whole, for the log: ``cells`` are the pointers it concerns."""

    en: str
    zh: str
    cells: tuple[str, ...] = ()


@dataclass
class Decision:
    values: tuple[Any, ...]
    status: str  # "literal", "repair", "ambiguous", "broken"
    chosen: Candidate | None = None  # the reading taken, when one was
    undecided: dict[int, list[Any]] = field(default_factory=dict)  # column -> candidate values
    considered: int = 0  # how many distinct readings there were


def dedupe(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per distinct set of values, the most literal one (lowest level) kept."""
    seen: dict[tuple[Any, ...], Candidate] = {}
    count: dict[tuple[Any, ...], int] = {}
    for c in sorted(candidates, key=lambda c: c.level):
        seen.setdefault(c.values, c)
        count[c.values] = count.get(c.values, 0) + 1
    return [c if count[v] == c.same else Candidate(c.values, c.level, c.reading, count[v]) for v, c in seen.items()]
