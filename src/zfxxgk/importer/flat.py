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
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from zfxxgk.importer.normalise import BLANK_MARKS, Token
from zfxxgk.importer.readings import Reading
from zfxxgk.layout import Cell

MAX_READINGS = 500  # more cuts than this that fit: the row is left null, the fact logged
MAX_NODES = 8_000
_GROUP = re.compile(r"(?P<sign>[-+\u2212]?)(?P<digits>\d+(?:\.\d+)?)(?P<unit>万元|元)?")
_SEPARATORS = re.compile(r"[\s,，、;；]+")


class _TooMany(Exception):
    """The cuts of a row are too many to list them all."""


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


def flat_readings(raw: str, cells: tuple[Cell, ...], local: list[list[tuple[int, int]]]) -> list[list[Reading]]:
    """The levels of readings of the flattened numbers ``raw`` into ``cells``."""
    # The same rows come back in every report ("0000000" most of all): each is cut once. The key
    # is the row's first cell (its pointer): hashing the layout's cells costs more than a cut.
    key = (raw, cells[0].pointer if cells else "", len(cells))
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 8192:
            _CACHE.clear()
        found = _CACHE[key] = _flat_readings(raw, cells, local)
    return found


_CACHE: dict[tuple[str, str, int], list[list[Reading]]] = {}


def _flat_readings(raw: str, cells: tuple[Cell, ...], local: list[list[tuple[int, int]]]) -> list[list[Reading]]:
    printed = groups(raw, any(c.signed for c in cells))
    k = len(cells)
    if printed is None or len(printed) > k:
        # Something other than numbers and blank marks, or more numbers than cells: nothing is
        # read from the row rather than a guess; the log keeps what was printed.
        return [[Reading((None,) * k, 0, "unreadable", raw)]]
    if not printed:
        return []
    fill = sum(g.width if not g.is_blank else 1 for g in printed)
    if fill >= k:
        try:
            first = list(_cuts(printed, cells, k, [], 2))
            if len(first) == 1:
                return [[_reading(first[0], "flat")]]
            fitting = list(_cuts(printed, cells, k, local, MAX_READINGS + 1)) if local else []
            chosen = fitting or list(_cuts(printed, cells, k, [], MAX_READINGS + 1))
        except _TooMany:
            chosen = None
        if chosen is None or len(chosen) > MAX_READINGS:
            # Not every cut could be listed: none can be trusted to be the only one that fits.
            return [[Reading((None,) * k, 0, "too_many", f"more than {MAX_READINGS}")]]
        return [[_reading(tokens, "split") for tokens in chosen]] if chosen else []
    # Fewer digits than cells: some cells printed nothing.
    out: list[Reading] = []
    try:
        for m in range(len(printed), fill + 1):
            for tokens in _cuts(printed, cells, m, [], MAX_READINGS):
                for columns in combinations(range(k), m):
                    placed = _place(tokens, columns, cells)
                    if placed is not None:
                        out.append(_reading(placed, "gap", 1))
                    if len(out) > MAX_READINGS:
                        raise _TooMany
    except _TooMany:
        return [[Reading((None,) * k, 0, "too_many", f"more than {MAX_READINGS}")]]
    return [out] if out else []


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


def _cuts(printed: list[Group], cells: tuple[Cell, ...], k: int, local: list[list[tuple[int, int]]],
          limit: int) -> Iterator[tuple[Token | None, ...]]:
    """Every cut of ``printed`` into ``k`` tokens that fits the cells and satisfies ``local``.

    Cut from the right, so that a row's total (its last column) is known before its parts:
    counts are never negative, so a part has no more digits than its total, parts that exceed
    their total end the search there, and the last part of a sum must be exactly what is left.
    The search keeps plain integers; tokens are made only for the cuts it yields."""
    checks = _Checks(local) if local and k == len(cells) else None
    widths = [g.width if not g.is_blank else 1 for g in printed]
    before = [sum(widths[:g]) for g in range(len(printed))]
    fitting = [cells[c] if k == len(cells) else None for c in range(k)]
    found = 0
    nodes = 0
    values: list[Any] = [None] * k  # an int, _UNKNOWN (a blank or an amount), or None: not cut yet
    places: list[tuple[int, int, int] | None] = [None] * k  # (group, start, end) of each part

    def walk(g: int, end: int, column: int) -> Iterator[None]:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_NODES:
            raise _TooMany
        group = printed[g]
        if group.is_blank:
            values[column], places[column] = _UNKNOWN, None
            if column == 0:
                if g == 0:
                    yield None
            elif g > 0:
                yield from walk(g - 1, len(printed[g - 1].digits), column - 1)
            values[column] = None
            return
        text = group.digits
        cell = fitting[column]
        cap = checks.cap(values, column) if checks is not None else 0
        room = checks.room(values, column) if checks is not None else 0
        dotted = "." in text
        for start in range(end - 1, -1, -1):
            length = end - start
            if cap and length > cap + dotted:
                break
            left = (_width(text[:start]) if dotted else start) + before[g]
            if left < column:
                break  # the columns to the left need a digit each
            if room and left > room:
                continue  # the columns to the left cannot hold that many digits
            if start > 0 and column <= g:
                continue  # the rest of this group and every group before it need a column each
            part = text[start:end]
            if part[0] == "." or part[-1] == ".":
                continue
            if length > 1 and part[0] == "0" and part[1] != ".":
                continue
            decimal = dotted and "." in part
            negative = start == 0 and group.sign == "-"
            unit = group.unit if end == len(text) else None
            if cell is not None and ((decimal or unit) and not cell.is_amount or negative and not cell.signed):
                continue
            values[column] = _UNKNOWN if decimal or (cell is not None and cell.is_amount) else (
                -int(part) if negative else int(part))
            places[column] = (g, start, end)
            if checks is not None and not checks.bounded(values, column, left):
                continue
            if start == 0:
                if column == 0:
                    if g == 0:
                        yield None
                elif g > 0:
                    yield from walk(g - 1, len(printed[g - 1].digits), column - 1)
            elif column > 0:
                yield from walk(g, start, column - 1)
        values[column] = None
        places[column] = None

    for _ in walk(len(printed) - 1, len(printed[-1].digits), k - 1):
        if checks is not None and not checks.holds(values):
            continue
        yield tuple(_token(printed[p[0]], p[1], p[2]) if p is not None else None for p in places)
        found += 1
        if found >= limit:
            return


def _width(text: str) -> int:
    return len(text.replace(".", ""))


def _token(group: Group, start: int, end: int) -> Token:
    """The token of the part ``start:end`` of a printed group."""
    part = group.digits[start:end]
    sign = group.sign if start == 0 else ""
    unit = group.unit if end == len(group.digits) else None
    kind = "dec" if "." in part else "int"
    return Token(kind, (sign + part) if sign and part.strip("0.") else part, sign + part, unit)


class _Unknown:
    """A cut value that no identity can use: a blank cell or an amount."""


_UNKNOWN = _Unknown()


class _Checks:
    """A row's own identities over the cut so far (columns cut from the right)."""

    def __init__(self, local: list[list[tuple[int, int]]]) -> None:
        self.local = local
        # For each column, its identities as (columns of the totals, columns of the parts).
        self.of_column: dict[int, list[tuple[list[int], list[int]]]] = {}
        # For each column, the columns of the totals it is a part of (a total stands right of its parts).
        self.totals: dict[int, list[int]] = {}
        for terms in local:
            tops = [j for j, w in terms if w > 0]
            parts = [j for j, w in terms if w < 0]
            for column, _ in terms:
                self.of_column.setdefault(column, []).append((tops, parts))
            if len(tops) == 1:
                for j in parts:
                    if j < tops[0]:
                        self.totals.setdefault(j, []).append(tops[0])

    def cap(self, values: list[Any], column: int) -> int:
        """The most digits a count in ``column`` can have: those of a total it is part of (0: any)."""
        best = 0
        for top in self.totals.get(column, ()):
            v = values[top]
            if type(v) is int:
                width = len(str(v))
                best = width if not best else min(best, width)
        return best

    def room(self, values: list[Any], column: int) -> int:
        """The most digits the columns left of ``column`` can hold together (0: any)."""
        total = 0
        for j in range(column):
            c = self.cap(values, j)
            if not c:
                return 0
            total += c
        return total

    def bounded(self, values: list[Any], column: int, left: int) -> bool:
        """Whether the cut so far can still satisfy the identities of ``column``; ``left`` digits
        remain for the columns left of it."""
        for tops, parts in self.of_column.get(column, ()):
            total = 0
            for j in tops:
                v = values[j]
                if type(v) is not int:
                    break
                total += v
            else:
                cut = 0
                still = 0
                for j in parts:
                    v = values[j]
                    if v is None:
                        still += 1
                    elif type(v) is int:
                        cut += v
                    else:
                        break
                else:
                    rest = total - cut
                    if rest < 0 or (not still and rest):
                        return False
                    if still and still == column and left:
                        # The digits left are all this sum's: r numbers cut from them add up to at
                        # least 10^(ceil(left/r)-1) (the longest part) and at most one long part
                        # and r-1 nines.
                        longest = -(-left // still)
                        if longest > 1 and rest < 10 ** (longest - 1):
                            return False
                        if left >= still and rest > 10 ** (left - still + 1) + 9 * (still - 1):
                            return False
        return True

    def holds(self, values: list[Any]) -> bool:
        for terms in self.local:
            total = 0
            for j, w in terms:
                v = values[j]
                if type(v) is not int:
                    break
                total += w * v
            else:
                if total != 0:
                    return False
        return True
