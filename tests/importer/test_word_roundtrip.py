"""Render → Word → parse: every value comes back in its cell, blank cells blank, whatever merged
cells and split tables the Word file stores the tables with, in both editions.

Rendering and reading a .docx takes about a second, so the searches here are short by default
(``ZFXXGK_WORD_EXAMPLES`` for a longer one).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("docx")

from zfxxgk.importer import parse_bytes  # noqa: E402
from zfxxgk.render import render  # noqa: E402
from zfxxgk.testing import reports  # noqa: E402
from zfxxgk.testing.noise import recovery  # noqa: E402
from zfxxgk.testing.word import EDITS, edit, with_blanks  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples/valid").glob("*.json") if not p.name.endswith(".previous.json"))
WORD = settings(max_examples=int(os.environ.get("ZFXXGK_WORD_EXAMPLES", "6")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_exact(original: dict[str, Any], data: bytes) -> None:
    result = parse_bytes(data, "r.docx", "docx")
    check = recovery(original, result.report, result.log)
    assert check.exact, (check.wrong[:3], check.unmarked[:3], check.marked[:3])
    assert not result.ambiguous, [e.message_en for e in result.log if e.kind == "ambiguous"][:2]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_valid_example_survives_word_exactly(path: Path) -> None:
    report = json.loads(path.read_text(encoding="utf-8"))
    assert_exact(report, render(report, "docx"))  # type: ignore[arg-type]


def test_a_row_of_blank_cells_and_a_total_reads_back_by_position() -> None:
    """济源's （一）予以公开 prints six blank cells and a total of 1: a blank Word cell has a column."""
    report = json.loads((ROOT / "examples/valid/jiyuan-sfj-2021.json").read_text(encoding="utf-8"))
    result = parse_bytes(render(report, "docx"), "r.docx", "docx")  # type: ignore[arg-type]
    granted = result.report["table3"]["results"]["granted"]
    assert granted == report["table3"]["results"]["granted"]
    assert granted["total"] == 1 and granted["commercial_enterprise"] is None
    blanks = [e for e in result.log if e.kind == "blank" and e.pointer.startswith("/table3/results/granted/")]
    assert blanks and all(e.where == "table 2 row 6" for e in blanks)


@WORD
@given(report=st.sampled_from(["2019", "2021"]).flatmap(reports), picks=st.lists(st.integers(0, 10**6), max_size=10))
def test_blank_cells_come_back_blank_through_word(report: dict[str, Any], picks: list[int]) -> None:
    report = with_blanks(report, picks)
    assert_exact(report, render(report, "docx"))  # type: ignore[arg-type]


@WORD
@given(report=st.sampled_from(["2019", "2021"]).flatmap(reports), picks=st.lists(st.integers(0, 10**6), max_size=10),
       kinds=st.lists(st.sampled_from(EDITS), min_size=1, max_size=3), seed=st.integers(0, 2**32 - 1))
def test_merged_cells_and_split_tables_keep_every_value_in_place(
        report: dict[str, Any], picks: list[int], kinds: list[str], seed: int) -> None:
    report = with_blanks(report, picks)
    data = edit(render(report, "docx"), kinds, random.Random(seed))  # type: ignore[arg-type]
    assert_exact(report, data)


@pytest.mark.parametrize("kind", EDITS)
@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_each_edit_on_many_places_of_one_report(kind: str, edition: str) -> None:
    """Each edit at six random places of one report with blanks (a deterministic sweep)."""
    from zfxxgk.testing import random_report

    rng = random.Random(f"{kind}-{edition}")
    report = with_blanks(random_report(rng, edition), [rng.randrange(10**6) for _ in range(12)])
    rendered = render(report, "docx")
    for _ in range(6):
        assert_exact(report, edit(rendered, [kind], rng))  # type: ignore[arg-type]


def test_a_report_placed_in_a_frame_table_reads_back_exactly() -> None:
    """The whole report inside the one cell of a layout table, its tables nested in that cell."""
    import io

    import docx
    from docx.oxml.ns import qn

    report = json.loads((ROOT / "examples/valid/jiyuan-sfj-2021.json").read_text(encoding="utf-8"))
    document = docx.Document(io.BytesIO(render(report, "docx")))  # type: ignore[arg-type]
    body = document.element.body
    content = [child for child in body if child.tag != qn("w:sectPr")]
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)._tc
    for child in content:
        cell.append(child)  # moved: the body now holds only the frame
    cell.remove(cell.find(qn("w:p")))  # the frame cell's own empty paragraph
    cell.append(content[-1].makeelement(qn("w:p"), {}))  # a cell ends with a paragraph
    out = io.BytesIO()
    document.save(out)

    assert_exact(report, out.getvalue())
