"""The rows still open after each has kept the readings that fit its own identities, assigned
together (``zfxxgk.importer.solve``, step 3).

The search tries the most literal readings first (the lowest total level), and keeps, for each
open row, the readings used by every assignment of that cost that breaks no identity across rows.
When none exists, the printed rows that share an identity with the open ones are distrusted in turn
to find the one that is probably misprinted.
"""

from __future__ import annotations

from typing import Any

from zfxxgk.importer.choices import Candidate, Note

MAX_NODES = 200_000
MAX_SUSPECTS = 40

Terms = list[tuple[int, int, int]]  # (row, column, weight) of an identity across rows


def search(domains: list[list[Candidate]], cross: list[Terms], broken_rows: set[int],
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


def _localise(domains: list[list[Candidate]], cross: list[Terms], broken_rows: set[int],
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


def _assign(domains: list[list[Candidate]], cross: list[Terms], broken_rows: set[int],
            open_rows: list[int], distrusted: set[int]) -> list[set[int]] | None:
    """The candidates (by id) of each open row used by the lowest-cost assignments that break no
    identity; [] sets when there is none; None when there were too many combinations to check."""
    checks = _open_checks(domains, cross, broken_rows | distrusted, open_rows)
    return _Assignment([domains[i] for i in open_rows], checks).run()


def _open_checks(domains: list[list[Candidate]], cross: list[Terms], skip: set[int],
                 open_rows: list[int]) -> dict[int, list[tuple[int, Terms]]]:
    """Each usable identity: its constant part (fixed rows) and its open terms, keyed by the last
    open row in it (checked once that row has been assigned)."""
    position = {row: k for k, row in enumerate(open_rows)}
    opened = set(open_rows)
    checks: dict[int, list[tuple[int, Terms]]] = {}
    for terms in cross:
        rows_in = {t for t, _, _ in terms}
        if rows_in & skip or not rows_in & opened:
            continue
        constant: int | None = 0
        open_terms = []
        for t, j, w in terms:
            if t in position:
                open_terms.append((position[t], j, w))
                continue
            v = domains[t][0].values[j]
            if v is None or not isinstance(v, int):
                constant = None
                break
            constant += w * v  # type: ignore[operator]
        if constant is not None:
            checks.setdefault(max(k for k, _, _ in open_terms), []).append((constant, open_terms))
    return checks


class _Assignment:
    """A depth-first search over the open rows' readings, cheapest first, within a budget of extra
    levels that grows until an assignment is found."""

    def __init__(self, cands: list[list[Candidate]], checks: dict[int, list[tuple[int, Terms]]]) -> None:
        self.cands = cands
        self.checks = checks
        self.nodes = 0
        self.assignment: list[Any] = [None] * len(cands)
        self.used: list[set[int]] = [set() for _ in cands]

    def run(self) -> list[set[int]] | None:
        max_cost = sum(max(c.level for c in d) - min(c.level for c in d) for d in self.cands)
        for budget in range(max_cost + 1):
            if self.walk(0, budget) or self.nodes > MAX_NODES:
                break
        return None if self.nodes > MAX_NODES else self.used

    def consistent(self, k: int) -> bool:
        for constant, open_terms in self.checks.get(k, []):
            total: int | None = constant
            for pos, j, w in open_terms:
                v = self.assignment[pos].values[j]
                if v is None or not isinstance(v, int):
                    total = None
                    break
                total += w * v  # type: ignore[operator]
            if total is not None and total != 0:
                return False
        return True

    def walk(self, k: int, budget: int) -> bool:
        if k == len(self.cands):
            for pos, cand in enumerate(self.assignment):
                self.used[pos].add(id(cand))
            return True
        any_found = False
        low = min(c.level for c in self.cands[k])
        for cand in self.cands[k]:
            extra = cand.level - low
            if extra > budget:
                continue
            self.nodes += 1
            if self.nodes > MAX_NODES:
                return any_found
            self.assignment[k] = cand
            if self.consistent(k) and self.walk(k + 1, budget - extra):
                any_found = True
        self.assignment[k] = None
        return any_found
