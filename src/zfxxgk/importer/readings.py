"""The readings of one printed row: the ways its printed cells can fill the row's columns.

A reading only chooses among what is printed: which printed cell goes in which column, which cell
is an extra one (a merged header flattened into the row), which columns printed nothing, and where
a run of digits that lost its separators splits. It never makes a number up.

Readings come in levels, the more literal first:

- a row whose header gave the columns' places, with a cell at each place: that reading only;
- as many printed numbers as columns: the literal reading only (empty cells are padding);
- more numbers than columns: every way of dropping the extra ones (level 0);
- fewer: a split of run-together digits that satisfies the row's own identities (level 0, when
  there is one and at most half the columns printed a cell; with more printed, a split is no more
  likely than a lost cell, and stands on the next level beside them), then the printed cells with
  the empty ones as blank cells, padding dropped from the left first or missing columns anywhere
  (next level), then any placement of the printed numbers in the columns (last level). An empty cell left of the numbers is where padding usually
  stands: a reading that takes it for a blank first column is put on the level of the placements.

Which reading is right is decided by the identities (``zfxxgk.importer.solve``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, combinations
from math import comb

from zfxxgk.importer.normalise import Token
from zfxxgk.importer.sums import TooMany, block_cuts, block_structure

MAX_EXTRA = 3  # more extra numbers than this in one row: not a flattened header any more
MAX_READINGS = 5000  # per level; beyond it the level is not enumerated
MAX_SPLIT_NODES = 20000  # steps of the search for splits that the arithmetic cannot make
MAX_SPLITS = 500  # more splits than this that fit: the row is left null, the fact logged


@dataclass(frozen=True)
class Reading:
    """One way the printed cells fill the columns: a token (or None: nothing printed) per column."""

    tokens: tuple[Token | None, ...]
    level: int
    how: str  # "literal", "position", "flat", "aligned", "drop", "gap", "place", "split", "too_many", "unreadable"
    detail: str = ""  # for the log: the dropped numbers, the split digits
    positions: tuple[int, ...] = ()  # for "drop": which printed numbers (from 1) were dropped
    # The number of each column when every one is a bare count read with the reading (a cut of
    # run-together digits, ``CountReading``): the candidate's values without reading its tokens.
    counts: tuple[int, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def is_literal(self) -> bool:
        return self.how in ("literal", "position", "flat")


class CountReading(Reading):
    """Bare counts printed in a row's numbers, one part a column, level 0: a cut of run-together
    digits ("split") or a row printed a number a column ("flat").

    Most are never logged (every cut that fits a row is listed; a row read as printed is logged
    only when something is wrong): the numbers are read at once (``counts``), the tokens and the
    detail for the log (parts joined by "·") only when asked.
    """

    parts: tuple[str, ...]  # the digits of each column's part

    def __init__(self, parts: tuple[str, ...], how: str = "split") -> None:
        # A frozen dataclass's fields are set as its own __init__ sets them; tokens and detail
        # are the properties below.
        for name, value in (("parts", parts), ("level", 0), ("how", how), ("positions", ()),
                            ("counts", tuple(map(int, parts)))):
            object.__setattr__(self, name, value)

    @property  # type: ignore[override]
    def tokens(self) -> tuple[Token | None, ...]:
        made = self.__dict__.get("_tokens")
        if made is None:
            made = tuple(Token("int", part, part) for part in self.parts)
            object.__setattr__(self, "_tokens", made)
        return made

    @property  # type: ignore[override]
    def detail(self) -> str:
        return "·".join(self.parts)


def readings(cells: list[Token], k: int, positional: tuple[Token, ...] | None,
             local: list[list[tuple[int, int]]]) -> list[list[Reading]]:
    """The levels of readings of ``cells`` (the value cells after the row label) into ``k`` columns."""
    if positional is not None:
        return [[Reading(positional, 0, "position")]]
    printed = [t for t in cells if not t.is_empty]
    n = len(printed)
    if n == k:
        return [[Reading(tuple(printed), 0, "literal")]]
    if n > k:
        return [_drops(printed, k)]
    levels: list[list[Reading]] = []
    splits: list[Reading] = []
    if local and printed and all(t.is_digits for t in printed):
        try:
            splits = _splits(printed, k, local)
        except TooMany:
            # Not every split could be listed: none can be trusted to be the only one that fits.
            return [[Reading((None,) * k, 0, "too_many", f"more than {MAX_SPLITS}")]]
        if splits and 2 * n <= k:
            # Most of the row's cells are missing: its digits ran together.
            levels.append(splits)
            splits = []
    # With most cells printed, a number that splits into two that fit the row is no more likely
    # than a cell lost: the splits stand beside the readings with a column missing, and where they
    # differ the identities decide, or the cells stay undecided.
    aligned = _aligned(cells, k, len(levels))
    placed: list[Reading] = []
    if n and comb(k, n) <= MAX_READINGS:
        placed = [_placed(printed, k, columns, len(levels) + 1) for columns in combinations(range(k), n)]
    beside = [Reading(r.tokens, len(levels), r.how, r.detail) for r in splits]
    if aligned and aligned[0].how == "aligned":
        # The aligned reading rests on an empty cell left of the numbers, which is as likely
        # padding as a blank: it is no more literal than placing the numbers anywhere.
        levels.append(aligned + beside + [Reading(r.tokens, len(levels), r.how, r.detail) for r in placed])
    else:
        levels.append(aligned + beside)
        if placed:
            levels.append(placed)
    return [level for level in levels if level]


def _drops(printed: list[Token], k: int) -> list[Reading]:
    extra = len(printed) - k
    if extra > MAX_EXTRA or comb(len(printed), extra) > MAX_READINGS:
        return [Reading(tuple(printed[:k]), 0, "drop", f"kept the first {k} of {len(printed)} numbers")]
    out = []
    for dropped in combinations(range(len(printed)), extra):
        kept = tuple(t for i, t in enumerate(printed) if i not in dropped)
        shown = "、".join(printed[i].raw for i in dropped)
        out.append(Reading(kept, 0, "drop", shown, tuple(i + 1 for i in dropped)))
    return out


def _aligned(cells: list[Token], k: int, level: int) -> list[Reading]:
    """The printed cells, empty ones included, aligned to the columns with the fewest changes."""
    cells = list(cells)
    if len(cells) >= k:
        # Padding left by merged label cells sits between the label and the numbers; a text export
        # also leaves empty cells after them. Drop from the left first, then from the right, then
        # empty cells between numbers.
        while len(cells) > k and cells[0].is_empty:
            cells.pop(0)
        while len(cells) > k and cells[-1].is_empty:
            cells.pop()
        while len(cells) > k:
            cells.pop(next(i for i, t in enumerate(cells) if t.is_empty))
        how = "aligned" if cells and cells[0].is_empty and k > 1 else "literal"
        return [Reading(tuple(cells), level, how, f"{len(cells)} cells")]
    missing = k - len(cells)
    if comb(k, missing) > MAX_READINGS:
        return []
    out = []
    for gaps in combinations(range(k), missing):
        it = iter(cells)
        tokens = tuple(None if j in gaps else next(it) for j in range(k))
        out.append(Reading(tokens, level, "gap", f"{len(cells)} cells for {k} columns"))
    return out


def _placed(printed: list[Token], k: int, columns: tuple[int, ...], level: int) -> Reading:
    it = iter(printed)
    tokens = tuple(next(it) if j in columns else None for j in range(k))
    return Reading(tokens, level, "place", f"{len(printed)} numbers for {k} columns")


def _splits(printed: list[Token], k: int, local: list[list[tuple[int, int]]]) -> list[Reading]:
    """Every way to cut run-together digits into ``k`` numbers (no leading zeros) that satisfies
    ``local`` (the row's identities as (column, weight) terms, weight +1 for the total), in the
    order of a search from the right; raises ``TooMany`` when they cannot all be listed.

    Identities that are block totals (a row total, table 4's blocks) are solved by arithmetic
    (``zfxxgk.importer.sums``); others by a search from the right, in which a total is known
    before its parts and parts that already exceed it end the search there.
    """
    digits = [t.text for t in printed]
    if sum(len(d) for d in digits) < k or len(digits) > k:
        return []
    blocks = block_structure(local, k)
    if blocks is not None:
        joined = "".join(digits)
        found = block_cuts(joined, [0, *accumulate(len(d) for d in digits)], k, blocks, MAX_SPLITS)
        values = [tuple(int(joined[s:e]) for s, e in zip(starts, (*starts[1:], len(joined)))) for starts in found]
    else:
        splitter = _Splitter(digits, k, local)
        values = []
        for _ in splitter.walk(len(digits) - 1, len(digits[-1]), k - 1):
            got = tuple(splitter.values)
            if all(sum(w * got[j] for j, w in terms) == 0 for terms in local):  # type: ignore[operator]
                values.append(got)
                if len(values) > MAX_SPLITS:
                    raise TooMany
        if splitter.nodes > MAX_SPLIT_NODES:
            raise TooMany  # the search stopped before it had seen every cut
    return [Reading(tuple(Token("int", str(v), str(v)) for v in got), 0, "split", "·".join(str(v) for v in got))
            for got in values]


class _Splitter:
    """The search of ``_splits``: the values cut so far, column by column from the right."""

    def __init__(self, digits: list[str], k: int, local: list[list[tuple[int, int]]]) -> None:
        self.digits = digits
        self.nodes = 0
        self.values: list[int | None] = [None] * k
        self.totals = [[j for j, w in terms if w > 0] for terms in local]
        self.parts = [[j for j, w in terms if w < 0] for terms in local]
        self.touching: dict[int, list[int]] = {}
        for n, terms in enumerate(local):
            for j, _ in terms:
                self.touching.setdefault(j, []).append(n)
        self.before = [sum(len(d) for d in digits[:t]) for t in range(len(digits))]

    def bounded(self, column: int) -> bool:
        """Counts are never negative: parts already assigned may not exceed their total."""
        values = self.values
        for n in self.touching.get(column, ()):
            top = 0
            for j in self.totals[n]:
                v = values[j]
                if v is None:
                    break
                top += v
            else:
                if sum(values[j] or 0 for j in self.parts[n]) > top:
                    return False
        return True

    def walk(self, token: int, end: int, column: int) -> Iterator[None]:
        self.nodes += 1
        if self.nodes > MAX_SPLIT_NODES:
            return
        text = self.digits[token]
        for start in range(end - 1, -1, -1):
            part = text[start:end]
            if len(part) > 1 and part[0] == "0":
                continue
            chars_left = self.before[token] + start
            if chars_left < column:
                break  # the columns to the left need a digit each
            if column == 0 and chars_left:
                continue  # the first column takes everything that is left
            self.values[column] = int(part)
            if self.bounded(column):
                yield from self._next(token, start, column)
            self.values[column] = None

    def _next(self, token: int, start: int, column: int) -> Iterator[None]:
        if column == 0:
            yield None
        elif start == 0:
            if 0 < token <= column:
                yield from self.walk(token - 1, len(self.digits[token - 1]), column - 1)
        elif token < column:
            yield from self.walk(token, start, column - 1)
