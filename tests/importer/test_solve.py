"""The solver keeps a repaired cell only where an identity vouches for it (``zfxxgk.importer.solve``)."""

from __future__ import annotations

from zfxxgk.importer.identities import Identity
from zfxxgk.importer.readings import Reading
from zfxxgk.importer.solve import Candidate, Row, solve

# One row of two parts and their total (a + b = t), and a column identity across two rows
# (the row's total equals the other row's only cell).
ROW = ("/t/r/a", "/t/r/b", "/t/r/t")
BLOCK = Identity("T1", "block", (("/t/r/a", 1), ("/t/r/b", 1), ("/t/r/t", -1)))


def _split(*values: int) -> Candidate:
    return Candidate(values, 0, Reading((None,) * len(values), 0, "split", "·".join(map(str, values))))


def test_a_cell_on_which_every_fitting_split_agrees_is_kept() -> None:
    # "11011" cut three ways: 1·10·11 and 11·0·11 fit a + b = t, 1·1·011 is no cut and 110·1·1 does
    # not fit. The two that fit agree on t = 11, and the row's identity holds in both: t is read,
    # a and b are left null with their candidates.
    row = Row(ROW, [_split(1, 10, 11), _split(11, 0, 11), _split(110, 1, 1)])
    (decision,), _ = solve([row], (BLOCK,))
    assert decision.values == (None, None, 11)
    assert decision.undecided == {0: [1, 11], 1: [10, 0]}


def test_a_cell_no_identity_checks_stays_null_with_its_candidates() -> None:
    # The row's only identity has a blank in one reading, so it cannot be checked there: the value
    # the readings disagree on is not confirmed by anything.
    row = Row(ROW, [_split(1, 10, 11), Candidate((None, 10, 12), 1, Reading((None,) * 3, 1, "gap", "—·10·12"))])
    (decision,), _ = solve([row], (BLOCK,))
    assert decision.values[2] == 11  # the identity holds with every cell known: confirmed
    lone = Row(ROW[:2], [_split(1, 10), _split(11, 0)])
    (undecided,), _ = solve([lone], ())
    assert undecided.values == (None, None)
    assert undecided.undecided == {0: [1, 11], 1: [10, 0]}


def test_an_identity_across_rows_decides_between_splits() -> None:
    other = ("/t/s/x",)
    column = Identity("T2", "column", (("/t/r/t", 1), ("/t/s/x", -1)))
    rows = [Row(ROW, [_split(1, 10, 11), _split(2, 20, 22)]), Row(other, [Candidate((22,), 0, Reading((None,), 0, "literal"))])]
    decisions, _ = solve(rows, (BLOCK, column))
    assert decisions[0].values == (2, 20, 22)
    assert decisions[0].status == "repair"
