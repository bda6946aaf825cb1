"""A report is checked whatever else is wrong with it (issue 9, item 4).

Every property takes a generated valid report, breaks one identity, and notes the findings on that
structurally valid report; then it breaks the structure somewhere else (metadata, an unknown field,
a cell of another table, a whole table, the edition) and asks for the same identity finding, with
the same pointers, reported and computed values and contributions, beside the structure error.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import pointers
from zfxxgk.layout import layout
from zfxxgk.resources import rules_catalog
from zfxxgk.testing import report_pairs, reports
from zfxxgk.validate import Finding, Validator

VALIDATOR = Validator()
EDITIONS = ["2021", "2019"]


def _instances(edition: str) -> list[tuple[str, str, set[str]]]:
    """(code, instance, pointers of this year's cells) of every identity of an edition, from the rules file."""
    return [(r["code"], i["key"], {t["pointer"] for t in i["lhs"] + i["rhs"] if t["document"] == "current"})
            for r in rules_catalog()["rules"] if r["kind"] == "identity"
            for i in r["instances"] if i["edition"] == edition]


def _single_year(edition: str) -> list[tuple[str, str, set[str]]]:
    return [(code, key, cells) for code, key, cells in _instances(edition) if not code.startswith("X")]


# Cells that take part in an identity of one report: adding to one of them breaks an identity.
OPERANDS = {e: sorted({p for _, _, cells in _single_year(e) for p in cells} - {c.pointer for c in layout(e).cells if c.signed})
            for e in EDITIONS}
COUNTS = {e: [c.pointer for c in layout(e).cells if not c.is_amount] for e in EDITIONS}
CELLS = {e: [c.pointer for c in layout(e).cells] for e in EDITIONS}


def _table(pointer: str) -> str:
    return pointers.split(pointer)[0]


def _under(pointer: str, place: str) -> bool:
    return pointer == place or pointer.startswith(place + "/")


def _checks(findings: list[Finding]) -> list[dict[str, Any]]:
    """Everything but the structure: identities, plausibility, text and cross-year findings, in full."""
    return [f.to_dict() for f in findings if f.code != "S002"]


def _break_identity(report: dict[str, Any], data: st.DataObject) -> str:
    pointer = data.draw(st.sampled_from(OPERANDS[report["edition"]]), label="identity cell")
    pointers.assign(report, pointer, pointers.resolve(report, pointer) + data.draw(st.integers(1, 50), label="delta"))
    return pointer


def _break_structure(report: dict[str, Any], spare: str, data: st.DataObject) -> str | None:
    """Break the structure away from the table of ``spare``; the place made malformed, if any."""
    edition = report["edition"]
    others = [p for p in CELLS[edition] if _table(p) != _table(spare)]
    kind = data.draw(st.sampled_from(["drop agency_name", "empty agency_name", "year as text", "unknown field",
                                      "unknown field in a row", "count as text", "cell removed", "row not an object",
                                      "table removed"]), label="structure break")
    if kind == "drop agency_name":
        del report["agency_name"]
        return "/agency_name"
    if kind == "empty agency_name":
        report["agency_name"] = ""
        return "/agency_name"
    if kind == "year as text":
        report["report_year"] = str(report["report_year"])
        return "/report_year"
    if kind == "unknown field":
        report["remarks"] = "附件见下"
        return None
    cell = data.draw(st.sampled_from([p for p in others if p in COUNTS[edition]] if kind == "count as text" else others),
                     label="other cell")
    *row, name = pointers.split(cell)
    parent = "/" + "/".join(row)
    if kind == "unknown field in a row":
        pointers.resolve(report, parent)["subtotal"] = 1
        return None
    if kind == "count as text":
        pointers.assign(report, cell, "5")
        return cell
    if kind == "cell removed":
        del pointers.resolve(report, parent)[name]
        return cell
    if kind == "row not an object":
        pointers.assign(report, parent, [])
        return parent
    del report[_table(cell)]
    return "/" + _table(cell)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(EDITIONS).flatmap(reports), st.data())
def test_a_broken_identity_is_reported_beside_a_structure_error_elsewhere(report: dict, data: st.DataObject) -> None:
    broken_cell = _break_identity(report, data)
    before = list(VALIDATOR.iter_findings(report))
    assert not any(f.code == "S002" for f in before)
    identities = [f for f in _checks(before) if f["code"][0] == "E"]
    assert identities and all(broken_cell in f["pointers"] for f in identities)

    damaged = _break_structure(report, broken_cell, data)
    after = list(VALIDATOR.iter_findings(report))
    assert any(f.code == "S002" for f in after)
    assert not VALIDATOR.validate(report).valid
    # The identity findings are exactly those of the structurally valid report; the other checks
    # too, but for those that read the damaged place.
    assert [f for f in _checks(after) if f["code"][0] == "E"] == identities
    expected = [f for f in _checks(before) if damaged is None or not any(_under(p, damaged) for p in f["pointers"])]
    assert _checks(after) == expected


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(EDITIONS).flatmap(reports), st.data())
def test_an_identity_with_a_malformed_operand_is_not_evaluated_and_the_s002_names_it(report: dict, data: st.DataObject) -> None:
    edition = report["edition"]
    broken_cell = _break_identity(report, data)
    bad = data.draw(st.sampled_from(["5", True, -1, 1.5, 5.0, None, "missing"]), label="bad value")
    if bad == "missing":
        *row, name = pointers.split(broken_cell)
        del pointers.resolve(report, "/" + "/".join(row))[name]
    else:
        pointers.assign(report, broken_cell, bad)
    containing = {(code, key) for code, key, cells in _single_year(edition) if broken_cell in cells}
    findings = list(VALIDATOR.iter_findings(report))
    assert not any(broken_cell in f.pointers for f in findings if f.code[0] == "E")
    if bad is None:  # a blank is allowed where the standard allows it: W106 says what it hides
        assert [f.pointers for f in findings if f.code == "W106"] == [(broken_cell,)]
        return
    [structure] = [f for f in findings if f.code == "S002"]
    assert structure.pointers == (broken_cell,)
    assert set(structure.unchecked) == containing
    assert len(structure.unchecked) == len(containing)
    assert f"{sorted(containing)[0][0]} " in structure.message_en and "not checked" in structure.message_en
    assert "未核对" in structure.message_zh


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(EDITIONS).flatmap(reports), st.data(), st.sampled_from([None, "2020", 2021, ""]))
def test_without_a_valid_edition_the_tables_are_checked_as_the_edition_of_their_shape(
        report: dict, data: st.DataObject, edition: Any) -> None:
    shape = report["edition"]
    _break_identity(report, data)
    before = _checks(list(VALIDATOR.iter_findings(report)))
    if edition is None:
        del report["edition"]
    else:
        report["edition"] = edition
    after = list(VALIDATOR.iter_findings(report))
    structure = [f for f in after if f.code == "S002"]  # 2021, a number: not a string, and not one of "2021"/"2019"
    assert structure and all(f.pointers == ("/edition",) for f in structure)
    assert all(f"checked as the {shape} edition" in f.message_en and f"作为{shape}年版核对" in f.message_zh
               for f in structure)
    assert _checks(after) == before


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(EDITIONS).flatmap(reports), st.data())
def test_when_neither_edition_nor_shape_tells_the_edition_only_the_structure_is_reported(report: dict,
                                                                                         data: st.DataObject) -> None:
    other = "2019" if report["edition"] == "2021" else "2021"
    _break_identity(report, data)
    report["edition"] = "2020"
    if data.draw(st.booleans(), label="no tables at all"):
        for table in ("table2", "table3", "table4"):
            del report[table]
    else:  # the other edition's table 2 beside this one's table 3
        report["table2"] = data.draw(reports(other))["table2"]
    findings = list(VALIDATOR.iter_findings(report))
    assert findings and {f.code for f in findings} == {"S002"}
    assert any("nor does the shape of the tables tell the edition" in f.message_en for f in findings)


@settings(max_examples=40, deadline=None)
@given(report_pairs(), st.sampled_from(["natural_person", "other", "total"]), st.integers(1, 9),
       st.sampled_from(["current", "previous"]))
def test_a_broken_carry_over_is_reported_beside_a_structure_error(pair: tuple[dict, dict], column: str, delta: int,
                                                                  where: str) -> None:
    previous, current = copy.deepcopy(pair)
    pointer = f"/table3/carried_forward/{column}"
    pointers.assign(previous, pointer, pointers.resolve(previous, pointer) + delta)
    before = [f.to_dict() for f in VALIDATOR.iter_findings(current, previous) if f.code == "X301"]
    assert [f["instance"] for f in before] == [column]
    # The report with the structure error, current or previous, loses its agency name and gains a field.
    damaged = current if where == "current" else previous
    del damaged["agency_name"]
    damaged["table4"]["reconsideration"]["remarks"] = "无"
    after = list(VALIDATOR.iter_findings(current, previous))
    assert [f.to_dict() for f in after if f.code == "X301"] == before
    assert any(f.code == "S002" for f in after) == (where == "current")


def test_the_issue_case_table4_wrong_with_an_empty_agency_name() -> None:
    """The real PDF of issue 9: 行政复议 结果维持 10 + 结果纠正 1, 总计 0, and no agency name."""
    report = next(iter(_examples("E401-S002-table4-wrong-with-empty-agency-name.json")))
    findings = list(VALIDATOR.iter_findings(report))
    assert [(f.code, f.pointers) for f in findings if f.code == "S002"] == [("S002", ("/agency_name",))]
    [e401] = [f for f in findings if f.code == "E401"]
    assert (e401.instance, e401.reported, e401.computed) == ("reconsideration", 0, 11)
    assert [(c.pointer, c.value) for c in e401.contributions] == [
        ("/table4/reconsideration/total", 0), ("/table4/reconsideration/upheld", 10),
        ("/table4/reconsideration/corrected", 1), ("/table4/reconsideration/other_outcome", 0),
        ("/table4/reconsideration/pending", 0)]


def _examples(name: str) -> list[dict]:
    from tests.conftest import EXAMPLES, load

    return [load(EXAMPLES / "invalid" / name)]


def test_validating_a_published_document_reports_the_broken_table_beside_the_missing_agency(tmp_path: Any) -> None:
    """Issue 9 as a user met it: ``zfxxgk validate`` on a published report whose title names no
    agency and whose table 4 does not add up prints the identity, not only the structure error."""
    import json

    from typer.testing import CliRunner

    from tests.conftest import EXAMPLES, load
    from zfxxgk.cli import app
    from zfxxgk.render import render

    report = load(EXAMPLES / "valid" / "land-bureau-lawsuits-2021.json")
    text = render(report, "md")
    assert isinstance(text, str)
    lines = text.splitlines()
    lines[0] = "# 2021年政府信息公开工作年度报告"  # the title names no agency
    row = next(i for i, line in enumerate(lines) if line.startswith("| 4 | 1 | 1 | 1 | 7 |"))
    lines[row] = lines[row].replace("| 4 | 1 | 1 | 1 | 7 |", "| 10 | 1 | 0 | 0 | 0 |", 1)  # 行政复议 as in the issue
    path = tmp_path / "report.md"
    path.write_text("\n".join(lines).replace("全年发生政府信息公开行政复议7起，", "全年发生"), encoding="utf-8")

    result = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["results"][0]["findings"]
    assert [f["pointers"] for f in findings if f["code"] == "S002"] == [["/agency_name"]]
    [e401] = [f for f in findings if f["code"] == "E401"]
    assert (e401["instance"], e401["reported"], e401["computed"]) == ("reconsideration", 0, 11)
