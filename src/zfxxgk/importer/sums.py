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
- a total that no part could lead is dropped too: fewer than ten parts two digits shorter than
  the total add up to less than it, so one part is as long as the total or a digit shorter, and the
  others add up to the rest, which is less than the most their digits can make;
- the last parts are listed from the right with their sums; with the one part before them they
  say where the first parts must end and what they must add up to, and the first parts are cut
  from the left towards those (end, sum) only: a meeting in the middle;
- a count is never negative, so no part exceeds what is left of its total, and ``n`` numbers cut
  from ``d`` digits add up to at least the sum of ``n`` numbers of lengths as equal as ``d``
  allows (each at least ``10^(length-1)``, a one-digit number 0) and to less than
  ``10^(d-n+1) + 9(n-1)``: each part cut, from either side, is kept only when what is left of
  the total is within what the parts still to cut can make of the digits still to cut.

The search keeps a step per part cut (where the next part starts, the sum so far, the step before)
and makes a cut's tuple only when the cut is complete. A part's value is read from the number all
the digits before its end make, as its remainder modulo ``10^length``: no text is sliced or parsed.

Only rows of whole numbers printed without signs, units or blank marks, whose identities are
block totals (the total right of its parts, the parts next to each other) are cut here; any other
row is cut by ``zfxxgk.importer.cuts``.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

Blocks = dict[int, int]  # column of a total -> column of its first part
# A step of a search that cuts a part at a time: (where the next part starts, the sum of the parts
# cut so far, the step before it or None).
Step = tuple[int, int, Any]


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


_DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))
MAX_DIGITS = 64  # beyond it a count of digits is checked one way only (the tables stop there)
_TENS = [10 ** n for n in range(MAX_DIGITS + 1)]
MAX_PARTS = 16


def _bounds(digits: int, count: int) -> tuple[int, int]:
    """The least sum of ``count`` numbers cut from ``digits`` digits (no leading zeros) and more than
    the largest; no number is longer than the total, so this also bounds the digits a total allows.

    A number of ``n`` digits is at least ``10^(n-1)`` (``0`` for one digit), which grows faster
    with each digit: the least sum is that of numbers of lengths as equal as the digits allow.
    """
    if count == 0:
        return (0, 1) if digits == 0 else (1, 0)
    if digits < count:
        return 1, 0
    short, longer = divmod(digits, count)  # ``longer`` numbers of short + 1 digits, the rest short
    least = longer * 10 ** short + (count - longer) * (10 ** (short - 1) if short > 1 else 0)
    return least, 10 ** (digits - count + 1) + 9 * (count - 1)


def _bound_high(digits: int, count: int) -> int:
    """More than the sum of any ``count`` numbers cut from ``digits`` digits."""
    return _bounds(digits, count)[1] if digits >= count else 0


# _LOW_BY_COUNT[c][d] <= total < _HIGH_BY_COUNT[c][d]: c numbers cut from d digits can add up to
# total (by count of parts first: the searches look up many counts of digits for one count of parts).
_LOW_BY_COUNT, _HIGH_BY_COUNT = ([[_bounds(d, c)[i] for d in range(MAX_DIGITS + 1)] for c in range(MAX_PARTS + 1)]
                                 for i in (0, 1))


def _by_count(digits: int, parts: int) -> tuple[list[list[int]], list[list[int]]]:
    """The bounds by count of parts for a row of ``digits`` digits cut into ``parts`` parts."""
    if digits <= MAX_DIGITS and parts <= MAX_PARTS:
        return _LOW_BY_COUNT, _HIGH_BY_COUNT
    return ([[_bounds(d, c)[i] for d in range(digits + 1)] for c in range(parts + 1)] for i in (0, 1))  # type: ignore[return-value]


def _fits(digits: int, count: int, total: int) -> bool:
    """Whether ``count`` numbers cut from ``digits`` digits can add up to ``total``."""
    if digits > MAX_DIGITS or count > MAX_PARTS:
        low, high = _bounds(digits, count)
        return low <= total < high
    return _LOW_BY_COUNT[count][digits] <= total < _HIGH_BY_COUNT[count][digits]


class BlockCuts:
    """The cuts of the digits ``digits`` (group boundaries at ``bounds``) into ``k`` columns that
    satisfy ``blocks``; each cut is the tuple of the start of each column's part."""

    def __init__(self, digits: str, bounds: list[int], k: int, blocks: Blocks, limit: int) -> None:
        self.d = digits
        self.k = k
        self.blocks = blocks
        self.limit = limit
        # The start of the group that holds each position (a part never spans two groups).
        self.group_start: list[int] = []
        self.group_end: list[int] = []
        for start, end in pairwise(bounds):
            self.group_start += [start] * (end - start)
            self.group_end += [end] * (end - start)
        self.group_end.append(len(digits))
        digit = digits.encode().translate(_DIGIT_VALUES) if digits.isascii() else bytes(map(int, digits))
        self.digit = digit  # each digit's value (bytes: one a position)
        # The number the digits before each position make: the part from s to e is the last e - s
        # digits of the one at e, its remainder modulo 10^(e-s). A number equals the sum of its
        # digits modulo 9, so the difference of two is also the digit sum of a part, modulo 9.
        self.prefix = prefix = [0]
        number = 0
        for value in digit:
            number = number * 10 + value
            prefix.append(number)
        self.tens = _TENS if len(digits) <= MAX_DIGITS else [10 ** n for n in range(len(digits) + 1)]
        self.memo: dict[tuple[int, int], list[tuple[int, ...]]] = {}
        self.low, self.high = _by_count(len(digits), k)

    def run(self) -> list[tuple[int, ...]]:
        top = self.k - 1
        # A row total (every other column a part of the last): no memo of cuts by column to share.
        found = self._total(top) if self.blocks.get(top) == 0 and len(self.blocks) == 1 else self.cuts(len(self.d), top)
        if len(found) < 2:
            return found
        # The order of a search from the right that tries the shortest part first (no two cuts
        # are the same: the reversed starts, largest first).
        return sorted(found, key=lambda starts: starts[::-1], reverse=True)

    def _total(self, top: int) -> list[tuple[int, ...]]:
        """The cuts of the whole row when its last column is the total of all the others (what
        ``cuts`` finds through ``_block`` and ``_parts`` for that row, in one loop)."""
        end, limit = len(self.d), self.limit
        prefix, digit, number, tens = self.prefix, self.digit, self.prefix[end], self.tens
        out: list[tuple[int, ...]] = []
        for z in self.starts(end, top):
            if end - z > z - top + 2:
                break  # no split of the digits before the total adds up to a total that long, or longer
            if (end - z > 1 and not digit[z]) or (number - 2 * prefix[z]) % 9:
                continue  # no number starts with 0; the digit sums must agree modulo 9
            total = number % tens[end - z]
            if _fits(z, top, total) and self._may_lead(0, z, top, total, end - z):
                out.extend([parts + (z,) for parts in self._split(0, z, top, total, end - z)])
                if len(out) > limit:
                    raise TooMany
        return out

    def starts(self, end: int, low: int) -> range:
        """The starts of the parts that end at ``end``, shortest first, none before ``low``."""
        return range(end - 1, max(self.group_start[end - 1], low) - 1, -1)

    def valid(self, start: int, end: int) -> bool:
        return end - start == 1 or self.digit[start] != 0

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
        prefix, digit, number, tens = self.prefix, self.digit, self.prefix[end], self.tens
        out = []
        for z in self.starts(end, top):
            if end - z > z - first - count + 2:
                break  # no split of the digits before the total adds up to a total that long, or longer
            if (first == 0 and (number - 2 * prefix[z]) % 9) or (end - z > 1 and not digit[z]):
                continue  # from the row's start, the digit sums must agree modulo 9
            total = number % tens[end - z]
            for x, parts in self._parts(z, first, count, total, end - z):
                out.extend(left + parts + (z,) for left in self.cuts(x, first - 1))
                if len(out) > self.limit:
                    raise TooMany
        return out

    def _parts(self, end: int, first: int, count: int, total: int,
               length: int) -> list[tuple[int, tuple[int, ...]]]:
        """(start, starts of the parts) of each cut of ``count`` parts ending at ``end`` that add up to
        ``total`` (printed in ``length`` digits); the parts start at 0 when ``first`` is column 0,
        else anywhere from ``first`` on."""
        prefix = self.prefix
        out = []
        for x in (0,) if first == 0 else range(first, end - count + 1):
            if (prefix[end] - prefix[x] - total) % 9 == 0 and _fits(end - x, count, total) and \
                    self._may_lead(x, end, count, total, length):
                out.extend((x, starts) for starts in self._split(x, end, count, total, length))
        return out

    def _may_lead(self, origin: int, end: int, count: int, total: int, length: int) -> bool:
        """Whether some part of ``digits[origin:end]`` can be the largest of ``count`` parts adding up
        to ``total`` (False proves that none add up; True proves nothing).

        Fewer than ten parts shorter than ``total`` by two digits add up to less than it, so one
        part has as many digits as the total, or one fewer; the other parts add up to the rest,
        which is less than the most their digits allow. A total much longer than the digits can
        make of several parts (a wrong place for the total) is dismissed here, before a search.
        ``length``: the digits of the total (printed without a leading zero).
        """
        digits = end - origin
        if count > 9 or count < 2 or _bound_high(digits - length + 1, count - 1) > total:
            return True  # the rest may be as large as the total: nothing to learn
        digit, prefix, tens = self.digit, self.prefix, self.tens
        for size in (length, length - 1):
            high, ten = _bound_high(digits - size, count - 1), tens[size]
            for s in range(origin, end - size + 1):
                if (size == 1 or digit[s]) and 0 <= total - prefix[s + size] % ten < high:
                    return True
        return False

    def _split(self, origin: int, end: int, count: int, total: int, longest: int) -> list[tuple[int, ...]]:
        """The cuts of ``digits[origin:end]`` into ``count`` parts that add up to ``total``.

        The last parts are listed from ``end`` leftwards with their sums; with the part before
        them, what they leave for the first parts: (where those must end, what they must add up
        to). The first parts are then cut from ``origin``, the last of them only looked up there.
        No part is larger than the total: none is longer than its ``longest`` digits.
        """
        if count == 1:
            return [(origin,)] if self.valid(origin, end) and self.prefix[end] % self.tens[end - origin] == total else []
        first = count // 2
        wanted = self._wanted(origin, end, count, first, total, longest)
        if wanted is None:
            return []
        return self._heads(origin, end, first, count, total, longest, wanted)

    def _wanted(self, origin: int, end: int, count: int, first: int, total: int,
                longest: int) -> list[dict[int, list[Step]] | None] | None:
        """By the place where the first ``first`` parts must end, the sums they must reach there,
        each with the steps of the cuts of the other parts that want it (None: no cut).

        The other parts are cut from ``end`` leftwards, a step a part: (its start, the sum so far,
        the step to its right). A step is kept only when what is left of the total is what the
        parts still to cut can add up to from the digits still to cut (``_bounds``). The last
        part's step is not made: the one to its right is kept under its start and what is left."""
        prefix, digit, group_start, low, high, tens = self.prefix, self.digit, self.group_start, self.low, self.high, self.tens
        frontier: list[Step] = [(end, 0, None)]
        wanted: list[dict[int, list[Step]] | None] = [None] * (end + 1)
        found = False
        for after in range(count - 1, first - 1, -1):  # the parts still to cut left of this one
            low_row, high_row = low[after], high[after]
            reach = origin + after  # they need a digit each
            last = after == first
            grown: list[Step] = []
            for step in frontier:
                at, got, _ = step
                rest = total - got
                number = prefix[at]
                # The parts that end at ``at``, shortest first, within its group, no longer than
                # the total, and leaving a digit for each part still to cut.
                least = at - longest
                if least < reach:
                    least = reach
                if least < group_start[at - 1]:
                    least = group_start[at - 1]
                for s in range(at - 1, least - 1, -1):
                    if not digit[s] and s < at - 1:
                        continue  # no number starts with 0, but a longer part may
                    value = number % tens[at - s]
                    if value > rest:
                        break  # a longer part is larger still
                    left = rest - value
                    if low_row[s - origin] <= left < high_row[s - origin]:
                        if not last:
                            grown.append((s, got + value, step))
                            continue
                        found = True
                        sums = wanted[s]
                        if sums is None:
                            wanted[s] = {left: [step]}
                        elif left in sums:
                            sums[left].append(step)
                        else:
                            sums[left] = [step]
            frontier = grown
        return wanted if found else None

    def _heads(self, origin: int, end: int, count: int, parts: int, total: int, longest: int,
               wanted: list[dict[int, list[Step]] | None]) -> list[tuple[int, ...]]:
        """The cuts of the first ``count`` of ``parts`` parts from ``origin`` whose (end, sum) is
        ``wanted``, each joined to the rest of the cut that wants it."""
        prefix, digit, group_end, low, high, tens = self.prefix, self.digit, self.group_end, self.low, self.high, self.tens
        frontier: list[Step] = [(origin, 0, None)]
        for after in range(parts - 1, parts - count, -1):  # the parts still to cut right of this one
            low_row, high_row = low[after], high[after]
            grown: list[Step] = []
            for step in frontier:
                at, got, _ = step
                rest = total - got
                # The parts that start at ``at``, shortest first, within its group, no longer than
                # the total ("0" only when it starts with 0), leaving a digit for each part after.
                last = at + 1 if not digit[at] else at + longest
                if last > group_end[at]:
                    last = group_end[at]
                if last > end - after:
                    last = end - after
                for e in range(at + 1, last + 1):
                    value = prefix[e] % tens[e - at]
                    if value > rest:
                        break  # a longer part is larger still
                    if low_row[end - e] <= rest - value < high_row[end - e]:
                        grown.append((e, got + value, step))
            frontier = grown
        out: list[tuple[int, ...]] = []
        for step in frontier:
            at, got, _ = step
            rest = total - got
            last = at + 1 if not digit[at] else at + longest
            if last > group_end[at]:
                last = group_end[at]
            if last >= end:
                last = end - 1
            for e in range(at + 1, last + 1):
                sums = wanted[e]
                if sums is None:
                    continue  # no cut of the other parts leaves this place to the first ones
                value = prefix[e] % tens[e - at]
                if value > rest:
                    break  # no cut wants more than the total
                if got + value in sums:
                    out.extend(_joined(step, e, tail) for tail in sums[got + value])
        return out


def _joined(head: Step, middle: int, tail: Step) -> tuple[int, ...]:
    """The starts of a cut: those of the steps from the first part's to ``head``, ``middle``, and
    those of the steps from ``tail`` (the one right of ``middle``) to the last part's."""
    starts: list[int] = []
    step: Step | None = head
    while step is not None:
        starts.append(step[0])
        step = step[2]
    starts.reverse()
    starts.append(middle)
    step = tail
    while step[2] is not None:
        starts.append(step[0])
        step = step[2]
    return tuple(starts)


def movable(digits: str, bounds: list[int], starts: tuple[int, ...]) -> bool:
    """Whether a boundary of the cut ``starts`` can move by a digit and still cut ``digits`` (group
    boundaries at ``bounds``) into as many numbers without leading zeros: then the digits have
    another cut. (Not every other cut shows this way: False proves nothing.)"""
    edges = set(bounds)
    ends = (*starts[1:], len(digits))
    for i in range(1, len(starts)):
        a, b, c = starts[i - 1], starts[i], ends[i]
        if b in edges:
            continue
        if c - b >= 2 and digits[a] != "0" and (c - b == 2 or digits[b + 1] != "0"):
            return True  # the left part takes a digit from the right one
        if b - a >= 2 and digits[b - 1] != "0":
            return True  # the right part takes a digit from the left one
    return False


def block_cuts(digits: str, bounds: list[int], k: int, blocks: Blocks, limit: int) -> list[tuple[int, ...]]:
    """Every cut of ``digits`` into ``k`` parts that satisfies ``blocks`` (raises ``TooMany`` past ``limit``)."""
    return BlockCuts(digits, bounds, k, blocks, limit).run()
