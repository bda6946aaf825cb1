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

from zfxxgk.importer.normalise import BLANK_MARKS, Token
from zfxxgk.importer.readings import Reading
from zfxxgk.layout import Cell

MAX_READINGS = 5000
MAX_NODES = 60_000
_GROUP = re.compile(r"(?P<sign>[-+\u2212]?)(?P<digits>\d+(?:\.\d+)?)(?P<unit>万元|元)?")
_SEPARATORS = re.compile(r"[\s,，、;；]+")


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
    printed = groups(raw, any(c.signed for c in cells))
    k = len(cells)
    if printed is None or not printed or len(printed) > k:
        return []
    fill = sum(g.width if not g.is_blank else 1 for g in printed)
    if fill >= k:
        every = list(_cuts(printed, cells, k, [], MAX_READINGS))
        if len(every) == 1:
            return [[_reading(every[0], "flat", raw)]]
        fitting = list(_cuts(printed, cells, k, local, MAX_READINGS)) if local else every
        chosen = fitting or every
        return [[_reading(tokens, "split", raw) for tokens in chosen]] if chosen else []
    # Fewer digits than cells: some cells printed nothing.
    out: list[Reading] = []
    for m in range(len(printed), fill + 1):
        for tokens in _cuts(printed, cells, m, [], MAX_READINGS):
            for columns in combinations(range(k), m):
                placed = _place(tokens, columns, cells)
                if placed is not None:
                    out.append(_reading(placed, "gap", raw, 1))
                if len(out) >= MAX_READINGS:
                    return [out]
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
    counts are never negative, so parts that exceed their total end the search there, and the
    last part of a sum must be exactly what is left."""
    checks = _Checks(local, k) if local and k == len(cells) else None
    found = 0
    nodes = 0
    tokens: list[Token | None] = [None] * k

    def walk(g: int, end: int, column: int) -> Iterator[None]:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_NODES:
            return
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
        for start in range(end - 1, -1, -1):
            part = text[start:end]
            if part[0] == "." or part[-1] == ".":
                continue
            if len(part) > 1 and part[0] == "0" and part[1] != ".":
                continue
            left_in_group = _width(text[:start])
            left_before = sum(p.width if not p.is_blank else 1 for p in printed[:g])
            if left_in_group + left_before < column:
                break  # the columns to the left need a digit each
            if start > 0 and column == 0:
                continue  # the first column takes everything that is left
            token = _token(part, group, start, end, cell)
            if token is None:
                continue
            tokens[column] = token
            if checks is not None and not checks.bounded(tokens, column):
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
    if cell is None and sign and kind == "int":
        return token
    return token


class _Checks:
    """A row's own identities over the cut so far (columns assigned from the right)."""

    def __init__(self, local: list[list[tuple[int, int]]], k: int) -> None:
        self.local = local
        self.of_column: dict[int, list[list[tuple[int, int]]]] = {}
        for terms in local:
            for column, _ in terms:
                self.of_column.setdefault(column, []).append(terms)

    def bounded(self, tokens: list[Token | None], column: int) -> bool:
        for terms in self.of_column.get(column, ()):
            total = 0
            parts = 0
            known = True
            left = False
            for j, w in terms:
                t = tokens[j]
                if t is None or t.kind != "int":
                    if j < column:
                        left = True
                        continue
                    known = False
                    break
                value = int(t.text)
                if w > 0:
                    total += value
                else:
                    parts += value
            if not known or any(w > 0 and tokens[j] is None for j, w in terms):
                continue
            if parts > total:
                return False
            if not left and parts != total:
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
