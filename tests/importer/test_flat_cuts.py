"""The cuts of run-together digits that satisfy block totals (``zfxxgk.importer.sums``) are exactly
those a plain enumeration of every cut finds, in the same order."""

from __future__ import annotations

import os
from itertools import combinations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from zfxxgk.importer.flat import flat_readings
from zfxxgk.importer.labels import index
from zfxxgk.importer.sums import TooMany, block_cuts, movable

EXAMPLES = int(os.environ.get("ZFXXGK_EXAMPLES", "40"))


def every_cut(digits: str, bounds: list[int], k: int, blocks: dict[int, int]) -> list[tuple[int, ...]]:
    """Every cut by brute force, in the order of a search from the right (shortest part first)."""
    inner = [i for i in range(1, len(digits)) if i not in bounds]
    fixed = [b for b in bounds if 0 < b < len(digits)]
    if len(fixed) > k - 1:
        return []  # more printed groups than parts
    out = []
    for chosen in combinations(inner, k - 1 - len(fixed)):
        starts = (0, *sorted((*fixed, *chosen)))
        ends = (*starts[1:], len(digits))
        parts = [digits[s:e] for s, e in zip(starts, ends)]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        if all(int(parts[top]) == sum(int(p) for p in parts[first:top]) for top, first in blocks.items()):
            out.append(starts)
    return sorted(out, key=lambda starts: [-s for s in reversed(starts)])


@settings(max_examples=EXAMPLES, deadline=None)
@given(values=st.lists(st.integers(0, 999), min_size=3, max_size=6), data=st.data())
def test_block_cuts_are_every_cut_that_adds_up(values: list[int], data: st.DataObject) -> None:
    row = [*values, sum(values)]
    if data.draw(st.booleans()):
        row[data.draw(st.integers(0, len(row) - 1))] += data.draw(st.integers(1, 9))  # a misprint
    digits = "".join(str(v) for v in row)
    cut_at = data.draw(st.sets(st.integers(1, len(digits) - 1), max_size=2))
    bounds = [0, *sorted(cut_at), len(digits)]  # printed spaces
    blocks = {len(row) - 1: 0}
    assert block_cuts(digits, bounds, len(row), blocks, 10_000) == every_cut(digits, bounds, len(row), blocks)


@settings(max_examples=EXAMPLES, deadline=None)
@given(values=st.lists(st.integers(0, 10**5), min_size=2, max_size=4), misprint=st.integers(0, 9))
def test_long_numbers_are_cut_as_every_cut_that_adds_up(values: list[int], misprint: int) -> None:
    # Long numbers make long wrong totals too (the last digits of a part read as the total): the
    # search dismisses them by the part that would have to lead; it must not dismiss a right one.
    row = [*values, sum(values) + misprint]
    digits = "".join(str(v) for v in row)
    blocks = {len(row) - 1: 0}
    bounds = [0, len(digits)]
    assert block_cuts(digits, bounds, len(row), blocks, 10_000) == every_cut(digits, bounds, len(row), blocks)


@settings(max_examples=EXAMPLES, deadline=None)
@given(values=st.lists(st.integers(0, 999), min_size=1, max_size=5), data=st.data())
def test_without_blocks_every_cut_is_listed(values: list[int], data: st.DataObject) -> None:
    # A row with no identity of its own (table 2's) takes every cut of its digits as a reading.
    digits = "".join(str(v) for v in values)
    cut_at = data.draw(st.sets(st.integers(1, len(digits) - 1), max_size=2)) if len(digits) > 1 else set()
    bounds = [0, *sorted(cut_at), len(digits)]
    k = data.draw(st.integers(1, min(len(digits), 6)))
    assert block_cuts(digits, bounds, k, {}, 10_000) == every_cut(digits, bounds, k, {})


@settings(max_examples=EXAMPLES, deadline=None)
@given(values=st.lists(st.integers(0, 120), min_size=2, max_size=6), data=st.data())
def test_a_movable_boundary_means_the_digits_have_another_cut(values: list[int], data: st.DataObject) -> None:
    # ``movable`` lets a row skip the search for a second cut: it may only say so when one exists.
    digits = "".join(str(v) for v in values)
    cut_at = data.draw(st.sets(st.integers(1, len(digits) - 1), max_size=2))
    bounds = [0, *sorted(cut_at), len(digits)]
    cuts = every_cut(digits, bounds, len(values), {})
    for cut in cuts:
        if movable(digits, bounds, cut):
            assert len(cuts) > 1, (digits, bounds, cut)


@settings(max_examples=min(EXAMPLES, 12), deadline=None)
@given(blocks=st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 11, 12]), min_size=4, max_size=4),
                       min_size=3, max_size=3))
def test_table_4s_three_blocks_are_cut_as_every_cut_that_adds_up(blocks: list[list[int]]) -> None:
    # Table 4: three blocks of four parts and their total side by side, run together; the second
    # and third blocks start wherever the one before ends.
    row = [v for parts in blocks for v in (*parts, sum(parts))]
    digits = "".join(str(v) for v in row)
    assume(len(digits) <= 21)  # the brute force tries every cut: C(20, 14) = 38,760 at most
    shape = {4: 0, 9: 5, 14: 10}
    bounds = [0, len(digits)]
    assert block_cuts(digits, bounds, 15, shape, 100_000) == every_cut(digits, bounds, 15, shape)


def test_blocks_side_by_side_multiply_their_cuts_and_more_than_the_limit_are_too_many() -> None:
    # "118625" is cut two ways into a + b + c = total (1·18·6·25 and 11·8·6·25): two such blocks, four cuts.
    digits, blocks, bounds = "118625" * 2, {3: 0, 7: 4}, [0, 12]
    found = block_cuts(digits, bounds, 8, blocks, 10)
    assert len(found) == 4
    assert found == every_cut(digits, bounds, 8, blocks)
    with pytest.raises(TooMany):
        block_cuts(digits, bounds, 8, blocks, 3)


def test_a_row_of_six_digit_numbers_is_cut_by_its_total() -> None:
    # The row total decides the cut of 36 run-together digits (a search of every cut gave up here).
    target = next(t for t in index("2021").tables["table3"].targets if t.pointer == "/table3/results/total")
    local = [[(6, 1), *[(j, -1) for j in range(6)]]]
    values = [48401, 31089, 19905, 46319, 52751, 56562]
    raw = "".join(str(v) for v in values) + str(sum(values))
    levels = flat_readings(raw, target.cells, local)
    assert [[int(t.text) for t in r.tokens] for r in levels[0]] == [[*values, sum(values)]]


# Parts at the edges of what their digits can add up to: the least (lengths as equal as they
# can be, each 10…0) and the most (one long part of nines, the others 9).
_EDGE_PART = st.one_of(st.sampled_from([0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999]),
                       st.integers(0, 10**5))


@settings(max_examples=EXAMPLES, deadline=None)
@given(values=st.lists(_EDGE_PART, min_size=4, max_size=6), misprint=st.integers(-1, 1), data=st.data())
def test_parts_at_the_edges_of_their_bounds_are_cut_as_every_cut_that_adds_up(
        values: list[int], misprint: int, data: st.DataObject) -> None:
    # Each part the search cuts from the right, the one before the first parts too, is kept only
    # when what is left of the total is what the parts still to cut can add up to from the digits
    # still to cut; parts at the least and the most of those bounds must never be dropped.
    row = [*values, max(0, sum(values) + misprint)]
    digits = "".join(str(v) for v in row)
    assume(len(digits) <= 22)  # the brute force tries every cut
    cut_at = data.draw(st.sets(st.integers(1, len(digits) - 1), max_size=1))
    bounds = [0, *sorted(cut_at), len(digits)]
    blocks = {len(row) - 1: 0}
    assert block_cuts(digits, bounds, len(row), blocks, 10_000) == every_cut(digits, bounds, len(row), blocks)
