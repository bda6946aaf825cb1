"""The readings of a row whose printed numbers ran together (``Block.flat``): every way to cut them.

A flattened page prints a row's cells one after another, often without a separator:
``21710000218`` for 217 · 1 · 0 · 0 · 0 · 0 · 218. Printed spaces, signs, blank marks ("—", "/",
"无") and units separate numbers (a space is never inside a number); a run of digits between them
may hold several numbers. A cut never makes a number up: each part is printed digits, with no
leading zero ("05" is no count), a decimal point only in an amount, a sign only where the column
may be negative, a unit only on an amount.

- the digits can be cut one way only (as many digits as cells, "0000000"): that reading, literal;
- else the cuts that satisfy the row's own identities (a row total, table 4's blocks), level 0;
  the whole table's identities then choose among them (``zfxxgk.importer.solve``);
- none does: every cut (the report may itself be wrong: one cut is kept as printed and the
  validator reports it; several leave the cells null with the candidates logged);
- fewer digits than cells (blank cells print nothing): every cut into fewer numbers, placed in the
  columns in order, the others blank, a level up. The identities cannot decide where a blank was,
  so such cells mostly stay null with their candidates.

Rows of tables without identities (table 2) keep every cut: the identities cannot choose, so
only a row with one cut is decided.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, combinations, islice

from zfxxgk.importer.cuts import Checks, Place, checked_cuts, cuts, evident_cut
from zfxxgk.importer.memos import ByIdentity
from zfxxgk.importer.normalise import BLANK_MARKS, Token
from zfxxgk.importer.readings import CountReading, Reading
from zfxxgk.importer.sums import Blocks, TooMany, block_cuts, block_structure, movable
from zfxxgk.layout import Cell

MAX_READINGS = 500  # more cuts than this that fit: the row is left null, the fact logged
MAX_NODES = 8_000  # steps of the search for rows the arithmetic cannot cut (blank marks, amounts)
Tokens = tuple[Token | None, ...]
_GROUP = re.compile(r"(?P<sign>[-+\u2212]?)(?P<digits>\d+(?:\.\d+)?)(?P<unit>万元|元)?")
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_PLAIN = re.compile(r"[0-9 ]*")


@dataclass(frozen=True)
class Group:
    """A printed number that may hold several run-together ones, or a blank mark (``digits`` "")."""

    digits: str
    sign: str = ""
    unit: str | None = None

    @property
    def is_blank(self) -> bool:
        return not self.digits

    @property
    def width(self) -> int:
        return len(self.digits.replace(".", ""))


def groups(raw: str, signed: bool) -> list[Group] | None:
    """The printed groups of a flattened row's numbers, or None when something else is printed."""
    if _PLAIN.fullmatch(raw):
        return [Group(digits) for digits in raw.split()]  # most rows: digits and spaces only
    text = unicodedata.normalize("NFKC", raw).replace("\u2212", "-")
    out: list[Group] = []
    for chunk in _SEPARATORS.split(text.strip()):
        at = 0
        while at < len(chunk):
            m = _GROUP.match(chunk, at)
            if m and (m.group("sign") != "-" or signed):
                out.append(Group(m.group("digits"), "-" if m.group("sign") == "-" else "", m.group("unit")))
                at = m.end()
                continue
            mark = _blank_mark(chunk, at)
            if mark is None:
                return None
            out.append(Group(""))
            at += mark
    return out


def _blank_mark(chunk: str, at: int) -> int | None:
    """The length of the blank mark ("—", "——", "-", "/", "无") printed at ``at``, or None."""
    for length in (2, 1):
        if chunk[at:at + length] in BLANK_MARKS and chunk[at:at + length]:
            return length
    return None


# Rows whose readings are kept. The rows that come back (zeros, small counts) fit in a few hundred;
# thousands of rows of numbers that never come back, kept alive with their readings and
# candidates, made every full garbage collection of a long batch cost more than the memo saved.
ROWS_KEPT = 512


def flat_readings(raw: str, cells: tuple[Cell, ...], local: list[list[tuple[int, int]]]) -> list[list[Reading]]:
    """The levels of readings of the flattened numbers ``raw`` into ``cells``."""
    # The same rows come back in every report ("0000000" most of all): each is cut once. The key
    # is the row's first cell (its pointer): hashing the layout's cells costs more than a cut.
    key = (raw, cells[0].pointer if cells else "", len(cells))
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > ROWS_KEPT:
            _CACHE.clear()
        found = _CACHE[key] = _flat_readings(raw, cells, local)
    return found


_CACHE: dict[tuple[str, str, int], list[list[Reading]]] = {}


def forget_rows() -> None:
    """Forget the readings of the rows read so far (``zfxxgk.importer.memos.forget``)."""
    _CACHE.clear()


def _flat_readings(raw: str, cells: tuple[Cell, ...], local: list[list[tuple[int, int]]]) -> list[list[Reading]]:
    k = len(cells)
    plain = _PLAIN.fullmatch(raw) is not None
    try:
        found = None
        if plain:
            # Digits and spaces only (most rows): the groups are the printed numbers as they stand.
            parts = raw.split()
            evident = _evident_counts(parts, k)
            if evident is not None:
                return [[CountReading(tuple(evident), "flat")]]  # as ``_reading`` would read their tokens
            found = _plain_block_cuts(parts, cells, local)
            if found is not None:
                digits = "".join(parts)
                if len(found) > 1 or (found and movable(digits, _bounds(parts), found[0])):
                    return [[_count_reading(digits, starts) for starts in found]]  # as ``_whole`` reads them
            printed: list[Group] | None = [Group(digits) for digits in parts]
        else:
            printed = groups(raw, any(c.signed for c in cells))
        if printed is None or len(printed) > k:
            # Something other than numbers and blank marks, or more numbers than cells: nothing is
            # read from the row rather than a guess; the log keeps what was printed.
            return [[Reading((None,) * k, 0, "unreadable", raw)]]
        if not printed:
            return []
        fill = sum(g.width if not g.is_blank else 1 for g in printed)
        return _whole(printed, cells, local, plain, fill, found) if fill >= k else _gaps(printed, cells, fill)
    except TooMany:
        # Not every cut could be listed: none can be trusted to be the only one that fits.
        return [[Reading((None,) * k, 0, "too_many", f"more than {MAX_READINGS}")]]


def _plain_block_cuts(parts: list[str], cells: tuple[Cell, ...],
                      local: list[list[tuple[int, int]]]) -> list[tuple[int, ...]] | None:
    """``block_cuts`` of a row of digits and spaces whose cuts ``_whole`` would find by its block
    totals (fewer numbers than cells, more digits, all counts), taken from its printed numbers
    without making groups; None for any other row."""
    k = len(cells)
    if not parts or len(parts) >= k or not local or any(c.is_amount for c in cells):
        return None
    digits = "".join(parts)
    blocks = _blocks_of(local, k) if len(digits) > k else None
    return None if blocks is None else block_cuts(digits, _bounds(parts), k, blocks, MAX_READINGS)


def _bounds(parts: list[str]) -> list[int]:
    """Where each printed number starts in the digits run together, and where the last ends."""
    return [0, *accumulate(map(len, parts))]


def _evident_counts(parts: list[str], k: int) -> list[str] | None:
    """The parts of the commonest rows, digits and spaces (``parts``: the digits between spaces)
    that leave one cut into ``k`` numbers (a number between spaces each, or a digit each): read
    without making groups (as ``evident_cut`` would read them: a bare count fits any column)."""
    if len(parts) == k:
        return parts if all(len(p) == 1 or p[0] != "0" for p in parts) else None
    digits = "".join(parts)
    return list(digits) if len(digits) == k else None


def _whole(printed: list[Group], cells: tuple[Cell, ...], local: list[list[tuple[int, int]]], plain: bool,
           fill: int, found: list[tuple[int, ...]] | None = None) -> list[list[Reading]]:
    """The readings of a row with a digit at least for each cell (``fill``: its digits and blank
    marks; ``plain``: printed as digits and spaces only; ``found``: its ``block_cuts`` when made)."""
    k = len(cells)
    # A plain row that ``evident_cut`` would cut was read by ``_evident_counts`` already.
    only = None if plain else evident_cut(printed, cells, k)
    if only is not None:
        return [[_reading(_tokens(printed, only), "flat")]]
    if plain and not local:
        return _every_count_cut(printed, k)
    several = len(printed) < k and fill > k
    # A plain row's parts are bare counts: only an amount column keeps them from being whole numbers.
    counts = not any(c.is_amount for c in cells) if plain else _whole_numbers(printed, cells)
    blocks = _blocks_of(local, k) if several and local and counts else None
    if blocks is not None:
        # Rows of counts with block totals: the cuts that add up first. When two cut the digits
        # otherwise, or one does and a part boundary of it can move a digit, the digits have more
        # than one cut, and what the identities chose is a split; else the only cut is read.
        digits = "".join(g.digits for g in printed)
        bounds = _bounds([g.digits for g in printed])
        if found is None:
            found = block_cuts(digits, bounds, k, blocks, MAX_READINGS)
        if len(found) > 1 or (found and movable(digits, bounds, found[0])):
            return [[_count_reading(digits, starts) for starts in found]]
    first = list(islice(cuts(printed, cells, k), 2))
    if len(first) == 1:
        return [[_reading(_tokens(printed, first[0]), "flat")]]
    if blocks is not None and found:
        return [[_count_reading(digits, starts) for starts in found]]
    chosen = _fitting(printed, cells, local) if local and blocks is None else []
    if not chosen:
        chosen = [_tokens(printed, places) for places in islice(cuts(printed, cells, k), MAX_READINGS + 1)]
    if len(chosen) > MAX_READINGS:
        raise TooMany
    return [[_reading(tokens, "split") for tokens in chosen]] if chosen else []


def _every_count_cut(printed: list[Group], k: int) -> list[list[Reading]]:
    """Every cut of a row of digits and spaces with no identity of its own (table 2's), as
    ``_whole`` reads it by ``cuts``: the only one literal, else each a split. Its parts are bare
    counts, so its cuts are those of its digits that ``block_cuts`` lists with no block to add up,
    in the same order and within the same limit."""
    digits = "".join(g.digits for g in printed)
    every = block_cuts(digits, _bounds([g.digits for g in printed]), k, {}, MAX_READINGS)
    if len(every) == 1:
        return [[_count_reading(digits, every[0], "flat")]]
    return [[_count_reading(digits, starts) for starts in every]] if every else []


def _fitting(printed: list[Group], cells: tuple[Cell, ...], local: list[list[tuple[int, int]]]) -> list[Tokens]:
    """The cuts that satisfy the row's own identities when they are not block totals over counts
    (at most one more than ``MAX_READINGS``)."""
    found = checked_cuts(printed, cells, Checks(local), MAX_NODES)
    return [_tokens(printed, places) for places in islice(found, MAX_READINGS + 1)]


def _whole_numbers(printed: list[Group], cells: tuple[Cell, ...]) -> bool:
    """Whether every part of every cut is a count: digits only, in columns of counts."""
    return all(g.digits.isdigit() and g.digits.isascii() and not g.sign and not g.unit for g in printed) and not any(
        c.is_amount for c in cells)


def _gaps(printed: list[Group], cells: tuple[Cell, ...], fill: int) -> list[list[Reading]]:
    """Fewer digits than cells: some cells printed nothing. Every cut into fewer numbers, placed in
    the columns in order, the others blank, a level up."""
    k = len(cells)
    out: list[Reading] = []
    for m in range(len(printed), fill + 1):
        for places in islice(cuts(printed, None, m), MAX_READINGS):
            tokens = _tokens(printed, places)
            for columns in combinations(range(k), m):
                placed = _place(tokens, columns, cells)
                if placed is not None:
                    out.append(_reading(placed, "gap", 1))
                if len(out) > MAX_READINGS:
                    raise TooMany
    return [out] if out else []


def _tokens(printed: list[Group], places: tuple[Place, ...]) -> Tokens:
    return tuple(_token(printed[p[0]], p[1], p[2]) if p is not None else None for p in places)


def _count_reading(digits: str, starts: tuple[int, ...], how: str = "split") -> Reading:
    """The reading of ``digits`` cut at ``starts`` into counts (as ``_reading`` would make it)."""
    return CountReading(tuple([digits[s:e] for s, e in zip(starts, (*starts[1:], len(digits)))]), how)


def _blocks_of(local: list[list[tuple[int, int]]], k: int) -> Blocks | None:
    """``block_structure`` of a row's identities, found once per row of the layout: ``local`` is the
    layout's own list for the row (made once per edition)."""
    return _BLOCKS.get(local, k, lambda: block_structure(local, k))


_BLOCKS: ByIdentity[Blocks | None] = ByIdentity(1024)


def _reading(tokens: tuple[Token | None, ...], how: str, level: int = 0) -> Reading:
    detail = "·".join("—" if t is None else t.text + (t.unit or "") for t in tokens)
    return Reading(tokens, level, how, detail)


def _place(tokens: tuple[Token | None, ...], columns: tuple[int, ...], cells: tuple[Cell, ...]) -> tuple[Token | None, ...] | None:
    out: list[Token | None] = [None] * len(cells)
    for token, column in zip(tokens, columns):
        if token is not None and not _fits(token, cells[column]):
            return None
        out[column] = token
    return tuple(out)


def _fits(token: Token, cell: Cell) -> bool:
    if token.kind == "dec" or token.unit:
        return cell.is_amount
    return not token.is_negative or cell.signed


def _token(group: Group, start: int, end: int) -> Token:
    """The token of the part ``start:end`` of a printed group."""
    return _part_token(group.digits[start:end], group.sign if start == 0 else "",
                       group.unit if end == len(group.digits) else None)


@lru_cache(maxsize=8192)
def _part_token(part: str, sign: str, unit: str | None) -> Token:
    """The token of a part (the same part is one token, made once: "0" above all)."""
    kind = "dec" if "." in part else "int"
    return Token(kind, (sign + part) if sign and part.strip("0.") else part, sign + part, unit)

