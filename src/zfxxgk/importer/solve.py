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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from zfxxgk.importer.identities import Identity
from zfxxgk.importer.readings import Reading

MAX_NODES = 200_000
MAX_SUSPECTS = 40
MAX_ROUNDS = 8
MAX_SUMS = 20_000

HOLDS, UNKNOWN, BROKEN = 0, 1, 2


@dataclass(frozen=True)
class Candidate:
    values: tuple[Any, ...]
    level: int
    reading: Reading
    same: int = 1  # how many readings of the row give these values


@dataclass
class Row:
    """One printed row to decide: its cells' pointers and its candidate readings (any level)."""

    pointers: tuple[str, ...]
    candidates: list[Candidate]


@dataclass(frozen=True)
class Note:
    """Something about the table as a whole, for the log: ``cells`` are the pointers it concerns."""

    en: str
    zh: str
    cells: tuple[str, ...] = ()


@dataclass
class Decision:
    values: tuple[Any, ...]
    status: str  # "literal", "repair", "ambiguous", "broken"
    chosen: Candidate | None = None  # the reading taken, when one was
    undecided: dict[int, list[Any]] = field(default_factory=dict)  # column -> candidate values
    considered: int = 0  # how many distinct readings there were


def dedupe(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per distinct set of values, the most literal one (lowest level) kept."""
    seen: dict[tuple[Any, ...], Candidate] = {}
    count: dict[tuple[Any, ...], int] = {}
    for c in sorted(candidates, key=lambda c: c.level):
        seen.setdefault(c.values, c)
        count[c.values] = count.get(c.values, 0) + 1
    return [c if count[v] == c.same else Candidate(c.values, c.level, c.reading, count[v]) for v, c in seen.items()]


def _status(total: int | None) -> int:
    if total is None:
        return UNKNOWN
    return HOLDS if total == 0 else BROKEN


def _sum(terms: Sequence[tuple[int, int]], values: tuple[Any, ...]) -> int | None:
    total = 0
    for column, weight in terms:
        v = values[column]
        if v is None or not isinstance(v, int):
            return None
        total += weight * v
    return total


@dataclass(frozen=True)
class _Compiled:
    local: dict[int, list[list[tuple[int, int]]]]
    cross: list[list[tuple[int, int, int]]]
    of_cell: dict[tuple[int, int], list[list[tuple[int, int, int]]]]  # (row, column) -> identities


@lru_cache(maxsize=64)
def _compile(shape: tuple[tuple[str, ...], ...], identities: tuple[Identity, ...]) -> _Compiled:
    """The identities as terms over (row, column), split into each row's own and those across rows.

    Every parse of an edition has the same rows, so this is computed once per edition.
    """
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
    return _Compiled(local, cross, of_cell)


def solve(rows: list[Row], identities: Sequence[Identity]) -> tuple[list[Decision], list[Note]]:
    """A decision for every row, and notes about what could not be decided."""
    compiled = _compile(tuple(row.pointers for row in rows), tuple(identities))
    local, cross = compiled.local, compiled.cross
    notes: list[Note] = []
    domains: list[list[Candidate]] = []
    broken_rows: set[int] = set()
    for i, row in enumerate(rows):
        cands = dedupe(row.candidates) if len(row.candidates) > 1 else row.candidates
        kept = [c for c in cands if all(_status(_sum(t, c.values)) != BROKEN for t in local.get(i, []))]
        if not kept:
            broken_rows.add(i)
            low = min((c.level for c in cands), default=0)
            kept = [c for c in cands if c.level == low]
        domains.append(kept)
    if any(len(d) > 1 for d in domains):
        domains = _propagate(domains, cross, broken_rows) or domains
    chosen, unresolved = _search(domains, cross, broken_rows, notes)
    decisions = []
    for i, row in enumerate(rows):
        total = len(dedupe(row.candidates)) if len(row.candidates) > 1 else 1
        status = "broken" if i in broken_rows or i in unresolved else None
        decisions.append(_agree(chosen[i], status, total))
    if any(d.status not in ("literal", "broken") for d in decisions):
        _confirm(rows, decisions, compiled.of_cell)
    return decisions, notes


def _propagate(domains: list[list[Candidate]], cross: list[list[tuple[int, int, int]]],
               broken_rows: set[int]) -> list[list[Candidate]] | None:
    """Drop the readings that no assignment of the other rows can complete into a holding identity.

    Each identity across rows is a sum that must be zero: a row's reading is kept only if the
    values the other rows can take add up to what it needs. Repeated until nothing changes, this
    is sound (every consistent assignment survives) and leaves the search of ``_assign`` small:
    the whole table is solved at once, column by column. Identities with a blank (unknown) value in
    any reading, or with a row that breaks its own identities, are not used, as in ``_assign``.
    None when some row has no reading left: the search then reports what cannot hold.
    """
    doms = [list(d) for d in domains]
    usable = [terms for terms in cross if not {t for t, _, _ in terms} & broken_rows]
    changed = True
    rounds = 0
    while changed and rounds < MAX_ROUNDS:
        changed = False
        rounds += 1
        for terms in usable:
            shares = _shares(doms, terms)
            if shares is None:
                continue
            constant = sum(next(iter(v)) for r, v in shares.items() if len(doms[r]) == 1)
            open_rows = [r for r in shares if len(doms[r]) > 1]
            for r in open_rows:
                others = _sumset([shares[o] for o in open_rows if o != r], constant)
                if others is None:
                    continue
                keep = [c for c in doms[r] if -_share(c, terms, r) in others]
                if not keep:
                    return None
                if len(keep) < len(doms[r]):
                    doms[r] = keep
                    shares[r] = {_share(c, terms, r) for c in keep}
                    changed = True
    return doms


def _share(candidate: Candidate, terms: list[tuple[int, int, int]], row: int) -> int:
    return sum(w * candidate.values[j] for t, j, w in terms if t == row)


def _shares(doms: list[list[Candidate]], terms: list[tuple[int, int, int]]) -> dict[int, set[int]] | None:
    """What each row of the identity can add to its sum, or None when a value is unknown."""
    out: dict[int, set[int]] = {}
    for t, _, _ in terms:
        if t in out:
            continue
        weights = [(jj, w) for tt, jj, w in terms if tt == t]
        sums = set()
        for c in doms[t]:
            if not c.values:
                return None
            total = 0
            for jj, w in weights:
                v = c.values[jj]
                if type(v) is not int:
                    return None
                total += w * v
            sums.add(total)
        out[t] = sums
    return out


def _sumset(sets: list[set[int]], constant: int) -> set[int] | None:
    sums = {constant}
    for values in sets:
        sums = {a + b for a in sums for b in values}
        if len(sums) > MAX_SUMS:
            return None
    return sums


def _confirm(rows: list[Row], decisions: list[Decision],
             identities_of: dict[tuple[int, int], list[list[tuple[int, int, int]]]]) -> None:
    """Keep a repaired cell only where an identity vouches for it.

    A cell is doubtful when its row was repaired and the row's readings give it different values.
    It is confirmed when an identity that contains it holds with every cell in it known. A reading
    can be the only one left merely because the identities that would refute it could not be checked
    (a blank cell in each of them); its doubtful cells are then left undecided: null, and reported
    as ambiguous with their candidate values.
    """
    values = [d.values for d in decisions]
    doubtful: set[tuple[int, int]] = set()
    for i, (row, decision) in enumerate(zip(rows, decisions)):
        if decision.status in ("literal", "broken") or not decision.values or len(row.candidates) < 2:
            continue
        every = dedupe(row.candidates)
        for j, v in enumerate(decision.values):
            if v is not None and j not in decision.undecided and len({c.values[j] for c in every}) > 1:
                doubtful.add((i, j))

    def holds(terms: list[tuple[int, int, int]]) -> bool:
        total = 0
        for t, j, w in terms:
            v = values[t][j] if values[t] else None
            if v is None or not isinstance(v, int):
                return False
            total += w * v
        return total == 0

    doubtful = {cell for cell in doubtful if not any(holds(terms) for terms in identities_of.get(cell, []))}
    for i, j in sorted(doubtful):
        decision = decisions[i]
        every = dedupe(rows[i].candidates)
        v = decision.values[j]
        decision.undecided[j] = [v] + [x for x in dict.fromkeys(c.values[j] for c in every) if x != v]
        decision.values = decision.values[:j] + (None,) + decision.values[j + 1:]
        decision.status = "ambiguous"


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


def _search(domains: list[list[Candidate]], cross: list[list[tuple[int, int, int]]], broken_rows: set[int],
            notes: list[Note]) -> tuple[list[list[Candidate]], set[int]]:
    """For each row, the candidates used by the most literal consistent assignments; and the rows
    for which no consistent assignment was found."""
    result = [list(d) for d in domains]
    open_rows = [i for i, d in enumerate(domains) if len(d) > 1 and i not in broken_rows]
    # A row in no identity across rows (table 2's) is decided by nothing the search could try: it
    # keeps its most literal readings, and the search does not multiply the others by them.
    linked = {t for terms in cross for t, _, _ in terms}
    for i in open_rows:
        if i not in linked:
            low = min(c.level for c in domains[i])
            result[i] = [c for c in domains[i] if c.level == low]
    open_rows = [i for i in open_rows if i in linked]
    if not open_rows:
        return result, set()
    found = _assign(domains, cross, broken_rows, open_rows, set())
    if found is None:
        notes.append(Note(f"too many combinations of readings to check ({len(open_rows)} rows): left undecided",
                          f"可能的读法组合过多（{len(open_rows)} 行），未能判定"))
        return result, set()
    if not any(found):
        found = _localise(domains, cross, broken_rows, open_rows, notes)
    if found is None or not any(found):
        for i in open_rows:
            low = min(c.level for c in domains[i])
            result[i] = [c for c in domains[i] if c.level == low]
        return result, set(open_rows)
    for pos, i in enumerate(open_rows):
        result[i] = [c for c in domains[i] if id(c) in found[pos]]
    return result, set()


def _localise(domains: list[list[Candidate]], cross: list[list[tuple[int, int, int]]], broken_rows: set[int],
              open_rows: list[int], notes: list[Note]) -> list[set[int]] | None:
    """No reading of the doubtful rows fits: find the printed rows that could be the misprint.

    Each fixed row that shares an identity with a doubtful row is distrusted in turn (its cells
    treated as unknown). The rows whose distrust lets the identities hold are the suspects: they
    are reported (and kept as printed), and the doubtful rows take the readings that fit in any of
    those cases. No suspect: every cell of the identities concerned is reported.
    """
    opened = set(open_rows)
    involved = sorted({t for terms in cross if {r for r, _, _ in terms} & opened for t, _, _ in terms} - opened - broken_rows)
    suspects = []
    union: list[set[int]] = [set() for _ in open_rows]
    for row in involved[:MAX_SUSPECTS]:
        found = _assign(domains, cross, broken_rows, open_rows, {row})
        if found and any(found):
            suspects.append(row)
            for pos, ids in enumerate(found):
                union[pos] |= ids
    if suspects:
        cells = tuple(f"{row}:{j}" for row in suspects for j in range(len(domains[row][0].values)))
        notes.append(Note(
            f"the identities cannot hold with the doubtful rows read any way and the rows printed as they are; "
            f"one of {len(suspects)} printed row(s) is probably misprinted, kept as printed",
            f"无论如何读取存疑的行，勾稽关系都不成立；以下 {len(suspects)} 行中可能有印错的一行，按原文保留", cells))
        return union
    cells = tuple(dict.fromkeys(f"{t}:{j}" for terms in cross if {r for r, _, _ in terms} & opened for t, j, _ in terms))
    notes.append(Note(
        "no reading of the doubtful rows satisfies the identities: the most literal readings are kept",
        "存疑各行的任何读法都不满足勾稽关系：保留最接近原文的读法", cells))
    return None


def _assign(domains: list[list[Candidate]], cross: list[list[tuple[int, int, int]]], broken_rows: set[int],
            open_rows: list[int], distrusted: set[int]) -> list[set[int]] | None:
    """The candidates (by id) of each open row used by the lowest-cost assignments that break no
    identity; [] sets when there is none; None when there were too many combinations to check."""
    fixed = {i: d[0].values for i, d in enumerate(domains) if i not in open_rows}
    position = {row: k for k, row in enumerate(open_rows)}
    skip = broken_rows | distrusted
    # Each usable identity: its constant part (fixed rows) and its open terms, checked once the last
    # open row in it has been assigned.
    checks: dict[int, list[tuple[int, list[tuple[int, int, int]]]]] = {}
    for terms in cross:
        rows_in = {t for t, _, _ in terms}
        if rows_in & skip or not rows_in & set(open_rows):
            continue
        constant = 0
        unknown = False
        open_terms = []
        for t, j, w in terms:
            if t in position:
                open_terms.append((position[t], j, w))
                continue
            v = fixed[t][j]
            if v is None or not isinstance(v, int):
                unknown = True
                break
            constant += w * v
        if unknown:
            continue
        last = max(k for k, _, _ in open_terms)
        checks.setdefault(last, []).append((constant, open_terms))
    cands = [domains[i] for i in open_rows]
    max_cost = sum(max(c.level for c in d) - min(c.level for c in d) for d in cands)
    nodes = 0
    assignment: list[Candidate | None] = [None] * len(open_rows)
    used: list[set[int]] = [set() for _ in open_rows]

    def consistent(k: int) -> bool:
        for constant, open_terms in checks.get(k, []):
            total: int | None = constant
            for pos, j, w in open_terms:
                v = assignment[pos].values[j]  # type: ignore[union-attr]
                if v is None or not isinstance(v, int):
                    total = None
                    break
                total += w * v  # type: ignore[operator]
            if total is not None and total != 0:
                return False
        return True

    def walk(k: int, budget: int) -> bool:
        nonlocal nodes
        if k == len(open_rows):
            for pos, cand in enumerate(assignment):
                used[pos].add(id(cand))
            return True
        any_found = False
        low = min(c.level for c in cands[k])
        for cand in cands[k]:
            extra = cand.level - low
            if extra > budget:
                continue
            nodes += 1
            if nodes > MAX_NODES:
                return any_found
            assignment[k] = cand
            if consistent(k) and walk(k + 1, budget - extra):
                any_found = True
        assignment[k] = None
        return any_found

    for budget in range(max_cost + 1):
        if walk(0, budget) or nodes > MAX_NODES:
            break
    if nodes > MAX_NODES:
        return None
    return used
