"""The live checks of the workbook agree with the validator, rule by rule.

Templates are filled from generated reports (valid ones, and ones with one count changed or blanked),
recalculated headless by LibreOffice as a spreadsheet program would on opening, and read back: the
identities the checks sheet marks ✗ are exactly those the validator reports, with the same reported
and computed values; those it marks 未核对 are exactly those a blank operand hides from the
validator (W106); every cell red by conditional formatting's rule belongs to a failing identity.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest

from zfxxgk import pointers
from zfxxgk.render import render
from zfxxgk.testing import random_report
from zfxxgk.validate import Validator
from zfxxgk.xlsx import formulas
from zfxxgk.xlsx.positions import CHECKS_SHEET, workbook_layout

from tests.xlsx.libreoffice import needs_libreoffice, recalculate

pytestmark = needs_libreoffice


def _case(edition: str, seed: int, change: str) -> dict:
    """A generated report; "none" leaves it valid, "count" changes one count, "blank" blanks one."""
    rng = random.Random(seed)
    report = random_report(rng, edition)
    involved = sorted({p for c in workbook_layout(edition).checks for p in formulas.operands(c)})
    pointer = rng.choice(involved)
    if change == "count":
        pointers.assign(report, pointer, pointers.resolve(report, pointer) + rng.choice([1, 2, 7, 100]))
    elif change == "blank":
        pointers.assign(report, pointer, None)
    return report


CASES = [("2021", 1, "none"), ("2021", 2, "count"), ("2021", 3, "count"), ("2021", 4, "blank"),
         ("2019", 5, "none"), ("2019", 6, "count"), ("2019", 7, "blank")]


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, Path]]:
    root = tmp_path_factory.mktemp("live")
    reports, paths = [], []
    for i, (edition, seed, change) in enumerate(CASES):
        report = _case(edition, seed, change)
        path = root / f"case{i}-{edition}-{change}.xlsx"
        path.write_bytes(render(report, "xlsx"))  # type: ignore[arg-type]
        reports.append(report)
        paths.append(path)
    done = recalculate(paths, root / "out", root / "profile")
    return list(zip(reports, done, strict=True))


def _sheet_states(path: Path, edition: str) -> dict[tuple[str, str], tuple]:
    ws = openpyxl.load_workbook(path, data_only=True)[CHECKS_SHEET]
    col = formulas.COL
    out = {}
    for check in workbook_layout(edition).checks:
        row = check.row
        status = ws.cell(row, col["status"]).value
        out[(check.instance.rule.code, check.instance.key)] = (
            status, ws.cell(row, col["reported"]).value, ws.cell(row, col["computed"]).value,
            ws.cell(row, col["message_zh"]).value, ws.cell(row, col["message_en"]).value)
    return out


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{e}-{c}-{s}" for e, s, c in CASES])
def test_the_sheet_marks_what_the_validator_finds(recalculated: list[tuple[dict, Path]], index: int) -> None:
    report, path = recalculated[index]
    edition, _, change = CASES[index]
    states = _sheet_states(path, edition)
    book = workbook_layout(edition)
    all_findings = Validator().validate(report).findings
    identity_codes = {c.instance.rule.code for c in book.checks}
    found = {(f.code, f.instance): f for f in all_findings if f.code in identity_codes}
    failing = {key for key, state in states.items() if state[0] == formulas.FAILS}
    assert failing == set(found), (failing, set(found))
    for key in failing:
        status, reported, computed, message_zh, message_en = states[key]
        assert (reported, computed) == (found[key].reported, found[key].computed)
        assert (message_zh, message_en) == (found[key].message_zh, found[key].message_en)
    # 未核对 exactly where a blank operand hides the identity from the validator (its W106).
    blank = {p for f in all_findings if f.code == "W106" for p in f.pointers}
    hidden = {(c.instance.rule.code, c.instance.key) for c in book.checks if blank & set(formulas.operands(c))}
    assert {k for k, s in states.items() if s[0] == formulas.NOT_CHECKED} == hidden
    assert {k for k, s in states.items() if s[0] == formulas.HOLDS} == set(states) - failing - hidden
    if change == "count":
        assert failing, "changing a count that enters an identity breaks it"
    if change == "blank":
        assert hidden and not failing
    if change == "none":
        assert not failing and not hidden


def test_the_workbook_reads_back_after_a_spreadsheet_saved_it(recalculated: list[tuple[dict, Path]]) -> None:
    """A template saved by a spreadsheet program (LibreOffice here) parses to the same report."""
    from zfxxgk.importer import parse_path

    for report, path in recalculated:
        result = parse_path(path)
        assert result.report == report
        assert {e.kind for e in result.log} <= {"blank"}


def test_red_cells_are_the_cells_of_failing_identities(recalculated: list[tuple[dict, Path]]) -> None:
    """Each input cell turns red on exactly the checks that involve it (read from the saved file,
    so what a spreadsheet program keeps of the conditional formatting)."""
    from openpyxl.utils import get_column_letter

    report, path = next((r, p) for (r, p), case in zip(recalculated, CASES, strict=True) if case[2] == "count")
    wb = openpyxl.load_workbook(path)
    book = workbook_layout(report["edition"])
    status = get_column_letter(formulas.COL["status"])
    for table in book.tables:
        formula_of: dict[str, str] = {}
        for area in wb[table.name].conditional_formatting:
            text = "".join(f for rule in area.rules for f in rule.formula)
            for cells in area.sqref.ranges:
                for row, col in cells.cells:
                    formula_of[f"{get_column_letter(col)}{row}"] = text
        for inp in table.inputs:
            formula = formula_of.get(inp.place.coordinate, "")
            named = {c.row for c in book.checks if f"${status}${c.row}=" in formula}
            involved = {c.row for c in book.checks if inp.pointer in formulas.operands(c)}
            assert named == involved, inp.place.ref
