"""How alike two printed labels are: difflib's ratio, and bounds of it that are cheap to compute.

Damaged labels and headings are matched fuzzily against every official one; most pairs are far
apart, and a bound tells so without the full comparison, which costs ten to a hundred times more:

- ``Chars.bound``: the distinct characters two texts share (a set operation in C), plus the
  characters either repeats (few in Chinese labels);
- ``ratio_bound``: difflib's ``quick_ratio``, the characters they share counted with multiplicity.

Both are computed as difflib computes its ratio (``2.0 * matches / total length``), so that
``ratio(a, b) <= bound`` holds exactly in floating point.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple


def ratio(a: str, b: str) -> float:
    """``SequenceMatcher(None, a, b, autojunk=False).ratio()``."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def ratio_bound(a: str, b: str) -> float:
    """An upper bound of ``ratio(a, b)``: twice the characters ``a`` and ``b`` have in common,
    counted with multiplicity in any order, over their total length (as difflib computes both,
    so that ``ratio(a, b) <= ratio_bound(a, b)`` holds exactly in floating point)."""
    total = len(a) + len(b)
    if not total:
        return 1.0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    common = sum(min(shorter.count(ch), longer.count(ch)) for ch in set(shorter))
    return 2.0 * common / total


class Chars(NamedTuple):
    """A text, its distinct characters and how many of its characters repeat one before them."""

    text: str
    distinct: frozenset[str]
    repeats: int

    def bound(self, other: Chars) -> float:
        """An upper bound of ``ratio(self.text, other.text)``: each shared character matches once,
        and repeated ones at most as often as the texts repeat characters."""
        total = len(self.text) + len(other.text)
        if not total:
            return 1.0
        common = len(self.distinct & other.distinct) + min(self.repeats, other.repeats)
        return 2.0 * min(common, len(self.text), len(other.text)) / total


def chars(text: str) -> Chars:
    distinct = frozenset(text)
    return Chars(text, distinct, len(text) - len(distinct))


@lru_cache(maxsize=4096)
def official_chars(text: str) -> Chars:
    """``chars`` of an official label or heading (a bounded set of short texts, each compared with
    every damaged one met)."""
    return chars(text)
