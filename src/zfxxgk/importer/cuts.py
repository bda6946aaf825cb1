"""Every cut of a flattened row's printed groups into ``k`` numbers, in a fixed order.

Cut from the right, the shortest part first: the order in which readings are listed (and logged).
A cut never makes a number up: each part is printed digits, with no leading zero ("05" is no
count), a decimal point only inside an amount, a sign only where the column may be negative, a
unit only on an amount (the checks apply when ``cells`` are given, one per part). A blank mark is
a part of its own. The search remembers the places from which no cut can be completed, so that it
costs at most a step per place and column besides the cuts it lists.

A row whose identities must hold is cut here (``checked_cuts``) when its parts are not all whole
numbers (an amount, a blank mark, a sign): the identities prune the search part by part, within a
number of steps. Rows of whole numbers are cut by ``zfxxgk.importer.sums``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from zfxxgk.importer.sums import TooMany
from zfxxgk.layout import Cell

if TYPE_CHECKING:
    from zfxxgk.importer.flat import Group

Place = tuple[int, int, int] | None  # (group, start, end) of a part, None for a blank mark


class Unknown:
    """A cut value that no identity can use: a blank cell or an amount."""


UNKNOWN = Unknown()


def cuts(printed: list[Group], cells: tuple[Cell, ...] | None, k: int) -> Iterator[tuple[Place, ...]]:
    """Every cut of ``printed`` into ``k`` parts (checked against ``cells`` when given)."""
    widths = [g.width if not g.is_blank else 1 for g in printed]
    before = [sum(widths[:g]) for g in range(len(printed))]
    places: list[Place] = [None] * k
    dead: set[tuple[int, int, int]] = set()

    def down(g: int, column: int) -> Iterator[None]:
        """The cuts of the groups before ``g`` into the columns before ``column``."""
        if column == 0:
            if g == 0:
                yield None
        elif g > 0:
            yield from walk(g - 1, len(printed[g - 1].digits), column - 1)

    def walk(g: int, end: int, column: int) -> Iterator[None]:
        key = (g, end, column)
        if key in dead:
            return
        found = False
        group = printed[g]
        if group.is_blank:
            places[column] = None
            for _ in down(g, column):
                found = True
                yield None
        else:
            for start in _starts(group, end, column, g, before[g]):
                if not _allowed(group, start, end, cells[column] if cells is not None else None):
                    continue
                places[column] = (g, start, end)
                inner = down(g, column) if start == 0 else walk(g, start, column - 1) if column > 0 else iter(())
                for _ in inner:
                    found = True
                    yield None
        if not found:
            dead.add(key)

    for _ in walk(len(printed) - 1, len(printed[-1].digits), k - 1):
        yield tuple(places)


def evident_cut(printed: list[Group], cells: tuple[Cell, ...], k: int) -> tuple[Place, ...] | None:
    """The only cut of ``printed`` into ``k`` parts when the print leaves one way: a number per group
    (as many groups as parts), or a digit per number (as many digits as parts, no decimal point).
    None when it leaves more, or when that cut breaks a rule of ``_allowed`` (then ``cuts`` says)."""
    if len(printed) == k:
        places: tuple[Place, ...] = tuple(None if g.is_blank else (i, 0, len(g.digits)) for i, g in enumerate(printed))
    elif sum(len(g.digits) or 1 for g in printed) == k and not any("." in g.digits for g in printed):
        places = tuple(p for i, g in enumerate(printed)
                       for p in ([None] if g.is_blank else [(i, j, j + 1) for j in range(len(g.digits))]))
    else:
        return None
    for place, cell in zip(places, cells):
        if place is None:
            continue
        group = printed[place[0]]
        if group.sign or group.unit or "." in group.digits:
            if not _allowed(group, place[1], place[2], cell):
                return None
        elif place[2] - place[1] > 1 and group.digits[place[1]] == "0":
            return None  # a count without sign, unit or point fits any cell, but "05" is no number
    return places


def checked_cuts(printed: list[Group], cells: tuple[Cell, ...], checks: Checks,
                 max_nodes: int) -> Iterator[tuple[Place, ...]]:
    """Every cut of ``printed`` into one part per cell that satisfies ``checks``, pruned part by part
    as it is cut; raises ``TooMany`` after ``max_nodes`` steps."""
    search = _Checked(printed, cells, checks, max_nodes)
    for _ in search.walk(len(printed) - 1, len(printed[-1].digits), len(cells) - 1):
        if checks.holds(search.values):
            yield tuple(search.places)


class _Checked:
    """The search of ``checked_cuts``: the values cut so far (an int, ``UNKNOWN``, or None: not cut
    yet) and the place of each part."""

    def __init__(self, printed: list[Group], cells: tuple[Cell, ...], checks: Checks, max_nodes: int) -> None:
        self.printed = printed
        self.cells = cells
        self.checks = checks
        self.max_nodes = max_nodes
        self.nodes = 0
        widths = [g.width if not g.is_blank else 1 for g in printed]
        self.before = [sum(widths[:g]) for g in range(len(printed))]
        self.values: list[Any] = [None] * len(cells)
        self.places: list[Place] = [None] * len(cells)

    def down(self, g: int, column: int) -> Iterator[None]:
        if column == 0:
            if g == 0:
                yield None
        elif g > 0:
            yield from self.walk(g - 1, len(self.printed[g - 1].digits), column - 1)

    def walk(self, g: int, end: int, column: int) -> Iterator[None]:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise TooMany
        group = self.printed[g]
        if group.is_blank:
            self.values[column], self.places[column] = UNKNOWN, None
            yield from self.down(g, column)
            self.values[column] = None
            return
        cap = self.checks.cap(self.values, column)
        room = self.checks.room(self.values, column)
        dotted = "." in group.digits
        for start in _starts(group, end, column, g, self.before[g]):
            if cap and end - start > cap + dotted:
                break  # a longer part is longer still
            left = (_width(group.digits[:start]) if dotted else start) + self.before[g]
            if room and left > room:
                continue  # the columns to the left cannot hold that many digits
            if not _allowed(group, start, end, self.cells[column]):
                continue
            self.values[column] = value(group, (g, start, end), self.cells[column])
            self.places[column] = (g, start, end)
            if not self.checks.bounded(self.values, column, left):
                continue
            if start == 0:
                yield from self.down(g, column)
            elif column > 0:
                yield from self.walk(g, start, column - 1)
        self.values[column] = None
        self.places[column] = None


def _starts(group: Group, end: int, column: int, g: int, before: int) -> Iterator[int]:
    """The starts of a part of ``group`` that ends at ``end``, shortest first."""
    text = group.digits
    dotted = "." in text
    for start in range(end - 1, -1, -1):
        left = (_width(text[:start]) if dotted else start) + before
        if left < column:
            return  # the columns to the left need a digit each
        if start > 0 and column <= g:
            continue  # the rest of this group and every group before it need a column each
        yield start


def _allowed(group: Group, start: int, end: int, cell: Cell | None) -> bool:
    part = group.digits[start:end]
    if part[0] == "." or part[-1] == ".":
        return False
    if len(part) > 1 and part[0] == "0" and part[1] != ".":
        return False
    if cell is None:
        return True
    decimal = "." in part
    unit = group.unit if end == len(group.digits) else None
    negative = start == 0 and group.sign == "-"
    return not ((decimal or unit) and not cell.is_amount or negative and not cell.signed)


def _width(text: str) -> int:
    return len(text.replace(".", ""))


def value(group: Group, place: Place, cell: Cell) -> Any:
    """What an identity can do with a part: its count, or ``UNKNOWN`` (a blank, an amount)."""
    if place is None:
        return UNKNOWN
    part = group.digits[place[1]:place[2]]
    if "." in part or cell.is_amount:
        return UNKNOWN
    return -int(part) if place[1] == 0 and group.sign == "-" else int(part)


class Checks:
    """A row's own identities (a row total, table 4's blocks) over a cut made from the right.

    A cut satisfies them when every identity whose cells are all counts holds, and when, part by
    part from the right, no part is longer than a total it belongs to, the parts cut so far never
    exceed their total and the digits left can still add up to what remains of it (a count is never
    negative)."""

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
            total = _known_sum(values, tops)
            if total is None:
                continue
            cut, still = 0, 0
            for j in parts:
                v = values[j]
                if v is None:
                    still += 1
                elif type(v) is int:
                    cut += v
                else:
                    break
            else:
                if not _can_remain(total - cut, still, column, left):
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


def _known_sum(values: list[Any], columns: list[int]) -> int | None:
    total = 0
    for j in columns:
        v = values[j]
        if type(v) is not int:
            return None
        total += v
    return total


def _can_remain(rest: int, still: int, column: int, left: int) -> bool:
    """Whether ``still`` parts yet to cut can add up to ``rest``."""
    if rest < 0 or (not still and rest):
        return False
    if still and still == column and left:
        # The digits left are all this sum's: r numbers cut from them add up to at least
        # 10^(ceil(left/r)-1) (the longest part) and at most one long part and r-1 nines.
        longest = -(-left // still)
        if longest > 1 and rest < 10 ** (longest - 1):
            return False
        if left >= still and rest > 10 ** (left - still + 1) + 9 * (still - 1):
            return False
    return True
