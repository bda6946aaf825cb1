"""How alike two printed labels are: difflib's ratio, and a bound of it that is cheap to compute.

Damaged labels and headings are matched fuzzily against every official one; most pairs are far
apart, and the bound (difflib's ``quick_ratio``: the characters two texts share, order ignored)
tells so without the full comparison, which costs about ten times more.
"""

from __future__ import annotations

from difflib import SequenceMatcher


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
