"""The cuts of a run of digits into a row whose identities are block totals, found by arithmetic.

A row of table 3 or table 4 prints blocks of counts, each followed by its total (``a + b + … = t``).
When its numbers ran together, listing every cut and testing the identities costs as many steps as
there are cuts (hundreds of thousands for a row of six-digit numbers); here the cuts that satisfy
the identities are found directly, and the result is the same set, in the same order
(``zfxxgk.importer.cuts`` lists every cut):

- cut from the right, a block's total first: its parts are then a split of the digits before it
  whose sum is known;
- a sum of numbers is congruent modulo 9 to the sum of their digits, whichever way they are cut,
  so a total whose digit sum does not match the digits of its parts is dropped at once;
- the parts are split in two halves: every way to cut the right half is listed with its sum, every
  way to cut the left half is kept by its sum, and the halves that add up to the total are joined;
- a count is never negative, so no part exceeds what is left of its total, and ``n`` numbers cut
  from ``d`` digits add up to at least ``10^(⌈d/n⌉-1)`` and at most ``10^(d-n+1) + 9(n-1)``.

Only rows of whole numbers printed without signs, units or blank marks, whose identities are
block totals (the total right of its parts, the parts next to each other) are cut here; any other
row is cut by ``zfxxgk.importer.cuts``.
"""

from __future__ import annotations

from itertools import pairwise

Blocks = dict[int, int]  # column of a total -> column of its first part


class TooMany(Exception):
    """More cuts satisfy the identities than may be listed."""


def block_structure(local: list[list[tuple[int, int]]], k: int) -> Blocks | None:
    """The row's identities as blocks (total column -> first part column), or None when they are not
    all of the form ``c[a] + … + c[t-1] = c[t]`` over distinct columns."""
    blocks: Blocks = {}
    taken: set[int] = set()
    for terms in local:
        tops = [j for j, w in terms if w == 1]
        parts = sorted(j for j, w in terms if w == -1)
        if len(tops) != 1 or len(parts) + 1 != len(terms) or not parts:
            return None
        top, first = tops[0], parts[0]
        if parts != list(range(first, top)) or top >= k or taken & {top, *parts}:
            return None
        taken |= {top, *parts}
        blocks[top] = first
    return blocks


MAX_DIGITS = 64  # beyond it a count of digits is checked one way only (the tables stop there)
MAX_PARTS = 16


def _bounds(digits: int, count: int) -> tuple[int, int]:
    """The least sum of ``count`` numbers cut from ``digits`` digits (no leading zeros) and more than
    the largest; no number is longer than the total, so this also bounds the digits a total allows."""
    if count == 0:
        return (0, 1) if digits == 0 else (1, 0)
    if digits < count:
        return 1, 0
    longest = -(-digits // count)
    return (10 ** (longest - 1) if longest > 1 else 0), 10 ** (digits - count + 1) + 9 * (count - 1)


# _LOW[d][c] <= total < _HIGH[d][c]: c numbers cut from d digits can add up to total.
_LOW, _HIGH = ([[_bounds(d, c)[i] for c in range(MAX_PARTS + 1)] for d in range(MAX_DIGITS + 1)] for i in (0, 1))


def _fits(digits: int, count: int, total: int) -> bool:
    """Whether ``count`` numbers cut from ``digits`` digits can add up to ``total``."""
    if digits > MAX_DIGITS or count > MAX_PARTS:
        low, high = _bounds(digits, count)
        return low <= total < high
    return _LOW[digits][count] <= total < _HIGH[digits][count]


class BlockCuts:
    """The cuts of the digits ``digits`` (group boundaries at ``bounds``) into ``k`` columns that
    satisfy ``blocks``; each cut is the tuple of the start of each column's part."""

    def __init__(self, digits: str, bounds: list[int], k: int, blocks: Blocks, limit: int) -> None:
        self.d = digits
        self.k = k
        self.blocks = blocks
        self.limit = limit
        # The start of the group that holds each position (a part never spans two groups).
        self.group_start = [0] * len(digits)
        self.group_end = [0] * (len(digits) + 1)
        for start, end in pairwise(bounds):
            for i in range(start, end):
                self.group_start[i] = start
                self.group_end[i] = end
        self.nines = [0]
        for ch in digits:
            self.nines.append((self.nines[-1] + int(ch)) % 9)
        self.memo: dict[tuple[int, int], list[tuple[int, ...]]] = {}

    def run(self) -> list[tuple[int, ...]]:
        found = self.cuts(len(self.d), self.k - 1)
        # The order of a search from the right that tries the shortest part first.
        return sorted(found, key=lambda starts: [-s for s in reversed(starts)])

    def starts(self, end: int, low: int) -> range:
        """The starts of the parts that end at ``end``, shortest first, none before ``low``."""
        return range(end - 1, max(self.group_start[end - 1], low) - 1, -1)

    def valid(self, start: int, end: int) -> bool:
        return end - start == 1 or self.d[start] != "0"

    def cuts(self, end: int, column: int) -> list[tuple[int, ...]]:
        """The cuts of ``digits[:end]`` into columns 0 … ``column``."""
        if column < 0:
            return [()] if end == 0 else []
        key = (end, column)
        found = self.memo.get(key)
        if found is None:
            if end <= column:
                found = []  # a digit at least for each column
            elif column in self.blocks:
                found = self._block(end, column)
            else:
                found = [left + (s,) for s in self.starts(end, column) if self.valid(s, end)
                         for left in self.cuts(s, column - 1)]
            if len(found) > self.limit:
                raise TooMany
            self.memo[key] = found
        return found

    def _block(self, end: int, top: int) -> list[tuple[int, ...]]:
        first = self.blocks[top]
        count = top - first
        nines = self.nines
        out = []
        for z in self.starts(end, top):
            # No split of the digits before the total adds up to a total that long; from the
            # row's start, the digit sums must agree modulo 9 (known before the total is read).
            if end - z > z - first - count + 2 or (first == 0 and (nines[end] - 2 * nines[z]) % 9):
                continue
            if not self.valid(z, end):
                continue
            total = int(self.d[z:end])
            for x, parts in self._parts(z, first, count, total):
                out.extend(left + parts + (z,) for left in self.cuts(x, first - 1))
                if len(out) > self.limit:
                    raise TooMany
        return out

    def _parts(self, end: int, first: int, count: int, total: int) -> list[tuple[int, tuple[int, ...]]]:
        """(start, starts of the parts) of each cut of ``count`` parts ending at ``end`` that add up to
        ``total``; the parts start at 0 when ``first`` is column 0, else anywhere from ``first`` on."""
        nines = self.nines
        out = []
        for x in (0,) if first == 0 else range(first, end - count + 1):
            if (nines[end] - nines[x] - total) % 9 == 0 and _fits(end - x, count, total):
                out.extend((x, starts) for starts in self._split(x, end, count, total))
        return out

    def _split(self, origin: int, end: int, count: int, total: int) -> list[tuple[int, ...]]:
        """The cuts of ``digits[origin:end]`` into ``count`` parts that add up to ``total``: the right
        half of the parts listed with their sums, joined to the left halves that complete them."""
        right = (count + 1) // 2
        left = count - right
        tails = self._tails(origin, end, right, total, left)
        if not left:
            return [starts for _, _, starts in tails]
        heads = self._heads(origin, end, left, count, total)
        out: list[tuple[int, ...]] = []
        for middle, got, tail in tails:
            out.extend(head + tail for head in heads.get((middle, total - got), ()))
        return out

    def _tails(self, origin: int, end: int, count: int, total: int, before: int) -> list[tuple[int, int, tuple[int, ...]]]:
        """(start, sum, starts) of each cut of the last ``count`` parts before ``end`` whose sum
        leaves what the ``before`` parts from ``origin`` can add up to."""
        d, group_start = self.d, self.group_start
        frontier: list[tuple[int, int, tuple[int, ...]]] = [(end, 0, ())]
        for level in range(count):
            after = before + count - level - 1  # parts still to cut left of this one
            grown = []
            for at, got, starts in frontier:
                rest = total - got
                low = max(group_start[at - 1], origin + after, at - len(str(rest)))
                for s in range(at - 1, low - 1, -1):
                    if at - s > 1 and d[s] == "0":
                        continue
                    value = int(d[s:at])
                    if value > rest:
                        break  # a longer part is larger still
                    if _fits(s - origin, after, rest - value):
                        grown.append((s, got + value, (s, *starts)))
            frontier = grown
        return frontier

    def _heads(self, origin: int, end: int, count: int, parts: int, total: int) -> dict[tuple[int, int], list[tuple[int, ...]]]:
        """The cuts of the first ``count`` of ``parts`` parts from ``origin``, by (end, sum); the
        parts after them end at ``end``."""
        d, group_end = self.d, self.group_end
        frontier: list[tuple[int, int, tuple[int, ...]]] = [(origin, 0, ())]
        for level in range(count):
            after = parts - level - 1
            grown = []
            for at, got, starts in frontier:
                rest = total - got
                high = min(group_end[at], end - after, at + (1 if d[at] == "0" else len(str(rest))))
                for e in range(at + 1, high + 1):
                    value = int(d[at:e])
                    if value > rest:
                        break
                    if _fits(end - e, after, rest - value):
                        grown.append((e, got + value, (*starts, at)))
            frontier = grown
        out: dict[tuple[int, int], list[tuple[int, ...]]] = {}
        for at, got, starts in frontier:
            out.setdefault((at, got), []).append(starts)
        return out


def block_cuts(digits: str, bounds: list[int], k: int, blocks: Blocks, limit: int) -> list[tuple[int, ...]]:
    """Every cut of ``digits`` into ``k`` parts that satisfies ``blocks`` (raises ``TooMany`` past ``limit``)."""
    return BlockCuts(digits, bounds, k, blocks, limit).run()
