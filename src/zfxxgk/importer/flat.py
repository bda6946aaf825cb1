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
from functools import lru_cache
from itertools import combinations

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
    # The same rows come back in every report ("0000000" most of all): each is cut once.
    return _flat_readings(raw, cells, tuple(tuple(terms) for terms in local))


@lru_cache(maxsize=8192)
def _flat_readings(raw: str, cells: tuple[Cell, ...], local: tuple[tuple[tuple[int, int], ...], ...]) -> list[list[Reading]]:
    printed = groups(raw, any(c.signed for c in cells))
    k = len(cells)
    if printed is None or not printed or len(printed) > k:
        return []
    fill = sum(g.width if not g.is_blank else 1 for g in printed)
    if fill >= k:
        try:
            first = list(_cuts(printed, cells, k, [], 2))
            if len(first) == 1:
                return [[_reading(first[0], "flat", raw)]]
            fitting = list(_cuts(printed, cells, k, local, MAX_READINGS + 1)) if local else []
            chosen = fitting or list(_cuts(printed, cells, k, [], MAX_READINGS + 1))
        except _TooMany:
            chosen = None
        if chosen is None or len(chosen) > MAX_READINGS:
            # Not every cut could be listed: none can be trusted to be the only one that fits.
            return [[Reading((None,) * k, 0, "too_many", f"more than {MAX_READINGS}")]]
        return [[_reading(tokens, "split", raw) for tokens in chosen]] if chosen else []
    # Fewer digits than cells: some cells printed nothing.
    out: list[Reading] = []
    try:
        for m in range(len(printed), fill + 1):
            for tokens in _cuts(printed, cells, m, [], MAX_READINGS):
                for columns in combinations(range(k), m):
                    placed = _place(tokens, columns, cells)
                    if placed is not None:
                        out.append(_reading(placed, "gap", raw, 1))
                    if len(out) > MAX_READINGS:
                        raise _TooMany
    except _TooMany:
        return [[Reading((None,) * k, 0, "too_many", f"more than {MAX_READINGS}")]]
    return [out] if out else []


def _reading(tokens: tuple[Token | None, ...], how: str, raw: str, level: int = 0) -> Reading:
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
    their total end the search there, and the last part of a sum must be exactly what is left."""
    checks = _Checks(local) if local and k == len(cells) else None
    widths = [g.width if not g.is_blank else 1 for g in printed]
    before = [sum(widths[:g]) for g in range(len(printed))]
    found = 0
    nodes = 0
    tokens: list[Token | None] = [None] * k

    def walk(g: int, end: int, column: int) -> Iterator[None]:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_NODES:
            raise _TooMany
        group = printed[g]
        cell = cells[column] if k == len(cells) else None
        if group.is_blank:
            tokens[column] = None
            if column == 0:
                if g == 0:
                    yield None
            elif g > 0:
                yield from walk(g - 1, len(printed[g - 1].digits), column - 1)
            return
        text = group.digits
        cap = checks.cap(tokens, column) if checks is not None else 0
        room = checks.room(tokens, column) if checks is not None else 0
        for start in range(end - 1, -1, -1):
            part = text[start:end]
            if cap and len(part) > cap + ("." in part):
                break
            left = _width(text[:start]) + before[g]
            if left < column:
                break  # the columns to the left need a digit each
            if room and left > room:
                continue  # the columns to the left cannot hold that many digits
            if start > 0 and column <= g:
                continue  # the rest of this group and every group before it need a column each
            if part[0] == "." or part[-1] == ".":
                continue
            if len(part) > 1 and part[0] == "0" and part[1] != ".":
                continue
            token = _token(part, group, start, end, cell)
            if token is None:
                continue
            tokens[column] = token
            if checks is not None and not checks.bounded(tokens, column, left):
                continue
            if start == 0:
                if column == 0:
                    if g == 0:
                        yield None
                elif g > 0:
                    yield from walk(g - 1, len(printed[g - 1].digits), column - 1)
            elif column > 0:
                yield from walk(g, start, column - 1)
        tokens[column] = None

    for _ in walk(len(printed) - 1, len(printed[-1].digits), k - 1):
        got = tuple(tokens)
        if checks is not None and not checks.holds(got):
            continue
        yield got
        found += 1
        if found >= limit:
            return


def _width(text: str) -> int:
    return len(text.replace(".", ""))


def _token(part: str, group: Group, start: int, end: int, cell: Cell | None) -> Token | None:
    """The token of one cut part, or None when it cannot stand in ``cell``."""
    sign = group.sign if start == 0 else ""
    unit = group.unit if end == len(group.digits) else None
    kind = "dec" if "." in part else "int"
    token = Token(kind, (sign + part) if sign and part.strip("0.") else part, sign + part, unit)
    if cell is not None and not _fits(token, cell):
        return None
    return token


class _Checks:
    """A row's own identities over the cut so far (columns assigned from the right)."""

    def __init__(self, local: list[list[tuple[int, int]]]) -> None:
        self.local = local
        self.of_column: dict[int, list[list[tuple[int, int]]]] = {}
        # For each column, the columns of the totals it is a part of (a total stands right of its parts).
        self.totals: dict[int, list[int]] = {}
        for terms in local:
            for column, _ in terms:
                self.of_column.setdefault(column, []).append(terms)
            tops = [j for j, w in terms if w > 0]
            if len(tops) == 1:
                for j, w in terms:
                    if w < 0 and j < tops[0]:
                        self.totals.setdefault(j, []).append(tops[0])

    def cap(self, tokens: list[Token | None], column: int) -> int:
        """The most digits a count in ``column`` can have: those of a total it is part of (0: any)."""
        best = 0
        for top in self.totals.get(column, ()):
            t = tokens[top]
            if t is not None and t.kind == "int":
                width = len(t.text)
                best = width if not best else min(best, width)
        return best

    def room(self, tokens: list[Token | None], column: int) -> int:
        """The most digits the columns left of ``column`` can hold together (0: any)."""
        total = 0
        for j in range(column):
            c = self.cap(tokens, j)
            if not c:
                return 0
            total += c
        return total

    def bounded(self, tokens: list[Token | None], column: int, left: int) -> bool:
        """Whether the cut so far can still satisfy the identities of ``column``; ``left`` digits
        remain for the columns left of it."""
        for terms in self.of_column.get(column, ()):
            total = 0
            parts = 0
            open_parts = []
            known = True
            for j, w in terms:
                t = tokens[j]
                if t is None or t.kind != "int":
                    if j < column and w < 0:
                        open_parts.append(j)
                        continue
                    known = False
                    break
                if w > 0:
                    total += int(t.text)
                else:
                    parts += int(t.text)
            if not known:
                continue
            rest = total - parts
            if rest < 0 or (not open_parts and rest):
                return False
            if open_parts and len(open_parts) == column and left:
                # The digits left are all this sum's: r numbers cut from them add up to at least
                # 10^(ceil(left/r)-1) (the longest part) and at most one long part and r-1 nines.
                r = len(open_parts)
                longest = -(-left // r)
                if longest > 1 and rest < 10 ** (longest - 1):
                    return False
                if left >= r and rest > 10 ** (left - r + 1) + 9 * (r - 1):
                    return False
        return True

    def holds(self, tokens: tuple[Token | None, ...]) -> bool:
        for terms in self.local:
            total = 0
            for j, w in terms:
                t = tokens[j]
                if t is None or t.kind != "int":
                    break
                total += w * int(t.text)
            else:
                if total != 0:
                    return False
        return True
