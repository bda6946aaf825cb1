"""Choose among the readings of the printed rows with the identities (parsing as constraint solving).

Each row has candidate readings (``zfxxgk.importer.readings``), turned into cell values. An
identity holds, is unknown (a cell in it is blank) or is broken.

1. A row keeps the readings that break none of its own identities (a row total). A row with none
   left keeps its most literal readings: the report itself breaks the identity, and repair must
   not hide that; the validator reports it.
2. Rows with one reading left are fixed. Identities among fixed rows only are not used: if broken,
   that is the report's own error.
3. The rows still open are assigned together so that no identity across rows (column sums, the
   official balance) is broken, preferring the most literal readings (lowest total level).
4. A row whose consistent readings all give the same values takes them. Where they differ, the
   cells that differ stay null and are reported as ambiguous with their candidate values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zfxxgk.importer.assign import search
from zfxxgk.importer.choices import Candidate, Decision, Note, Row, dedupe
from zfxxgk.importer.identities import Identity
from zfxxgk.importer.memos import ByIdentity

__all__ = ["Candidate", "Decision", "Note", "Row", "dedupe", "solve"]

MAX_ROUNDS = 8
MAX_SUMS = 20_000


def _fits_own(own: list[list[tuple[int, int]]], values: tuple[Any, ...]) -> bool:
    """Whether ``values`` break none of their row's own identities ``own`` (unknown is no break)."""
    for terms in own:
        total = 0
        for column, weight in terms:  # every reading of a row with its own identities is checked
            v = values[column]
            if v is None or not isinstance(v, int):
                break  # unknown: no break of the identity
            total += weight * v
        else:
            if total != 0:
                return False
    return True


@dataclass(frozen=True)
class _Compiled:
    local: dict[int, list[list[tuple[int, int]]]]
    cross: list[list[tuple[int, int, int]]]
    of_cell: dict[tuple[int, int], list[list[tuple[int, int, int]]]]  # (row, column) -> identities
    by_row: list[dict[int, tuple[tuple[int, int], ...]]]  # each of ``cross``: row -> its (column, weight) terms


_COMPILED: ByIdentity[_Compiled] = ByIdentity(64)


def _compiled(shape: tuple[tuple[str, ...], ...], identities: Sequence[Identity]) -> _Compiled:
    """The identities compiled for ``shape``, computed once per edition: every parse of an edition
    has the same rows and the same (cached) tuple of identities, known by its identity (hashing its
    identities costs more than the rest of the solver)."""
    rules = identities if isinstance(identities, tuple) else tuple(identities)
    return _COMPILED.get(rules, shape, lambda: _compile(shape, rules))


def _compile(shape: tuple[tuple[str, ...], ...], identities: tuple[Identity, ...]) -> _Compiled:
    """The identities as terms over (row, column), split into each row's own and those across rows."""
    where = {p: (i, j) for i, pointers in enumerate(shape) for j, p in enumerate(pointers)}
    local: dict[int, list[list[tuple[int, int]]]] = {}
    cross: list[list[tuple[int, int, int]]] = []
    of_cell: dict[tuple[int, int], list[list[tuple[int, int, int]]]] = {}
    for identity in identities:
        if any(p not in where for p in identity.pointers):
            continue  # a cell of a table that was not found: the identity cannot be checked
        terms = [(*where[p], w) for p, w in identity.terms]
        for t, j, _ in terms:
            of_cell.setdefault((t, j), []).append(terms)
        targets = {t for t, _, _ in terms}
        if len(targets) == 1:
            local.setdefault(terms[0][0], []).append([(j, w) for _, j, w in terms])
        else:
            cross.append(terms)
    by_row = [{t: tuple((j, w) for tt, j, w in terms if tt == t) for t, _, _ in terms} for terms in cross]
    return _Compiled(local, cross, of_cell, by_row)


def solve(rows: list[Row], identities: Sequence[Identity]) -> tuple[list[Decision], list[Note]]:
    """A decision for every row, and notes about what could not be decided."""
    compiled = _compiled(tuple(row.pointers for row in rows), identities)
    local, cross = compiled.local, compiled.cross
    notes: list[Note] = []
    domains: list[list[Candidate]] = []
    broken_rows: set[int] = set()
    distinct = [dedupe(row.candidates) if len(row.candidates) > 1 else row.candidates for row in rows]
    for i, cands in enumerate(distinct):
        own = local.get(i)
        # Most rows have no identity of their own (and one reading): nothing to check them with.
        kept = [c for c in cands if _fits_own(own, c.values)] if own else list(cands)
        if not kept:
            broken_rows.add(i)
            low = min((c.level for c in cands), default=0)
            kept = [c for c in cands if c.level == low]
        domains.append(kept)
    if any(len(d) > 1 for d in domains):
        domains = _propagate(domains, compiled.by_row, broken_rows) or domains
    chosen, unresolved = search(domains, cross, broken_rows, notes)
    decisions = []
    for i, cands in enumerate(distinct):
        status = "broken" if i in broken_rows or i in unresolved else None
        decisions.append(_agree(chosen[i], status, len(cands)))
    if any(d.status not in ("literal", "broken") for d in decisions):
        _confirm(distinct, decisions, chosen, compiled.of_cell)
    return decisions, notes


def _propagate(domains: list[list[Candidate]], by_row: list[dict[int, tuple[tuple[int, int], ...]]],
               broken_rows: set[int]) -> list[list[Candidate]] | None:
    """Drop the readings that no assignment of the other rows can complete into a holding identity.

    Each identity across rows is a sum that must be zero: a row's reading is kept only if the
    values the other rows can take add up to what it needs. Repeated until nothing changes, this
    is sound (every consistent assignment survives) and leaves the search (``zfxxgk.importer.assign``)
    small: the whole table is solved at once, column by column. Identities with a blank (unknown)
    value in any reading, or with a row that breaks its own identities, are not used, as in that
    search; nor, as they cannot change anything, those whose rows all have one reading left. None
    when some row has no reading left: the search then reports what cannot hold.
    """
    doms = [list(d) for d in domains]
    usable = [rows for rows in by_row if not rows.keys() & broken_rows]
    changed = True
    rounds = 0
    while changed and rounds < MAX_ROUNDS:
        changed = False
        rounds += 1
        for rows in usable:
            open_rows = [r for r in rows if len(doms[r]) > 1]
            if not open_rows:
                continue
            found = _shares(doms, rows)
            if found is None:
                continue
            shares, constant = found
            for r in open_rows:
                others = _sumset([shares[o] for o in open_rows if o != r], constant)
                if others is None:
                    continue
                keep = [c for c in doms[r] if -_share(c, rows[r]) in others]
                if not keep:
                    return None
                if len(keep) < len(doms[r]):
                    doms[r] = keep
                    shares[r] = {_share(c, rows[r]) for c in keep}
                    changed = True
    return doms


def _share(candidate: Candidate, weights: tuple[tuple[int, int], ...]) -> int:
    values = candidate.values
    return sum(w * values[j] for j, w in weights)


def _shares(doms: list[list[Candidate]],
            rows: dict[int, tuple[tuple[int, int], ...]]) -> tuple[dict[int, set[int]], int] | None:
    """What each row of the identity with several readings can add to its sum, and what the rows
    with one add together; None when a value is unknown."""
    out: dict[int, set[int]] = {}
    constant = 0
    for t, weights in rows.items():
        dom = doms[t]
        if len(dom) == 1:  # most rows: a number to add, no set of them
            values = dom[0].values
            if not values:
                return None
            for jj, w in weights:
                v = values[jj]
                if type(v) is not int:
                    return None
                constant += w * v
            continue
        sums = set()
        for c in dom:
            values = c.values
            if not values:
                return None
            total = 0
            for jj, w in weights:
                v = values[jj]
                if type(v) is not int:
                    return None
                total += w * v
            sums.add(total)
        out[t] = sums
    return out, constant


def _sumset(sets: list[set[int]], constant: int) -> set[int] | None:
    sums = {constant}
    for values in sets:
        sums = {a + b for a in sums for b in values}
        if len(sums) > MAX_SUMS:
            return None
    return sums


def _confirm(distinct: list[list[Candidate]], decisions: list[Decision], chosen: list[list[Candidate]],
             identities_of: dict[tuple[int, int], list[list[tuple[int, int, int]]]]) -> None:
    """Keep a repaired cell only where an identity vouches for it (``distinct``: each row's distinct
    readings; ``chosen``: the readings each row kept).

    A cell is doubtful when its row was repaired and the row's readings give it different values.
    It is confirmed when an identity that contains it holds with every cell in it known; an
    identity within its row also vouches when it holds, every cell known, in each reading the row
    kept (the kept readings differ elsewhere in the row, and agree on this cell). A reading can be
    the only one left merely because the identities that would refute it could not be checked (a
    blank cell in each of them); its doubtful cells are then left undecided: null, and reported as
    ambiguous with their candidate values.
    """
    values = [d.values for d in decisions]
    doubtful: set[tuple[int, int]] = set()
    for i, (every, decision) in enumerate(zip(distinct, decisions)):
        if decision.status in ("literal", "broken") or not decision.values or len(every) < 2:
            continue
        for j, v in enumerate(decision.values):
            if v is not None and j not in decision.undecided and len({c.values[j] for c in every}) > 1:
                doubtful.add((i, j))

    def vouched(cell: tuple[int, int]) -> bool:
        i = cell[0]
        for terms in identities_of.get(cell, ()):
            if _holds(terms, values):
                return True
            if chosen[i] and all(t == i for t, _, _ in terms) and all(_holds(terms, {i: c.values}) for c in chosen[i]):
                return True  # within its row, in every reading the row kept
        return False

    doubtful = {cell for cell in doubtful if not vouched(cell)}
    for i, j in sorted(doubtful):
        decision = decisions[i]
        every = distinct[i]
        v = decision.values[j]
        decision.undecided[j] = [v] + [x for x in dict.fromkeys(c.values[j] for c in every) if x != v]
        decision.values = decision.values[:j] + (None,) + decision.values[j + 1:]
        decision.status = "ambiguous"


def _holds(terms: list[tuple[int, int, int]], values: Any) -> bool:
    """Whether the identity ``terms`` holds with every cell known (``values``: row -> its values)."""
    total = 0
    for t, j, w in terms:
        row = values[t]
        if not row:
            return False
        v = row[j]
        if v is None or not isinstance(v, int):
            return False
        total += w * v
    return total == 0


def _agree(options: list[Candidate], status: str | None, considered: int) -> Decision:
    if not options:
        return Decision((), "ambiguous", considered=considered)
    if len(options) == 1:
        only = options[0]
        if status is None:
            status = "literal" if only.reading.is_literal else "repair"
        return Decision(only.values, status, only, considered=considered)
    width = len(options[0].values)
    values: list[Any] = []
    undecided: dict[int, list[Any]] = {}
    for j in range(width):
        seen = []
        for c in options:
            if c.values[j] not in seen:
                seen.append(c.values[j])
        if len(seen) == 1:
            values.append(seen[0])
        else:
            values.append(None)
            undecided[j] = seen
    if not undecided:
        return Decision(tuple(values), status or "repair", options[0], considered=considered)
    return Decision(tuple(values), status or "ambiguous", None, undecided, considered=considered)
