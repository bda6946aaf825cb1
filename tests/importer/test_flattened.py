"""Flattened text: a report's page body on one line, labels and numbers run together.

The rules come from the layout and the identities, never from one file: these tests build
flattened pages from rendered reports (``zfxxgk.testing.noise.flatten``) and from hand-written
rows, and check what the issue asks of each case.
"""

from __future__ import annotations

import json
import os
import re
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.importer.test_roundtrip import assert_honest
from zfxxgk.importer import parse_bytes
from zfxxgk.render import render
from zfxxgk.testing import reports
from zfxxgk.testing.noise import inject, recovery
from zfxxgk.validate import Validator

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "valid"
SETTINGS = settings(max_examples=int(os.environ.get("ZFXXGK_EXAMPLES", "40")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def flat(report: dict, seed: int = 1) -> str:
    return inject(render(report, "txt"), "txt", "flatten", random.Random(seed))  # type: ignore[arg-type]


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_bytes(text.encode("utf-8"), "page.txt", "txt")


def example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


@SETTINGS
@given(report=reports(), seed=st.integers(0, 2**32 - 1))
def test_a_flattened_page_never_gives_a_silently_wrong_value(report: dict, seed: int) -> None:
    result = parse(flat(report, seed))
    assert "\n" not in flat(report, seed).strip()
    assert_honest(report, result)


@SETTINGS
@given(report=reports("2019"), seed=st.integers(0, 2**32 - 1))
def test_a_flattened_2019_page_never_gives_a_silently_wrong_value(report: dict, seed: int) -> None:
    assert_honest(report, parse(flat(report, seed)))


def test_the_examples_flattened_give_no_wrong_cell() -> None:
    # A flattened page loses the line breaks inside a section's text: only the tables are compared.
    for path in sorted(EXAMPLES.glob("*.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        result = parse(flat(report, 3))
        check = recovery(report, result.report, result.log)
        cells = [w for w in check.wrong if w[0].startswith("/table")]
        assert not cells and not check.unmarked, (path.name, cells[:3], check.unmarked[:3])


def test_a_row_total_decides_the_cut() -> None:
    report = example("large-city-government-2022.json")
    text = flat(report)
    result = parse(text)
    assert result.report["table3"] == report["table3"]
    assert result.report["table4"] == report["table4"]


def test_a_table2_row_with_no_identity_is_left_null_with_every_cut() -> None:
    # 693665 for 本年制发 · 本年废止 · 现行有效: no identity links them, so every cut is a candidate.
    report = example("large-city-government-2022.json")
    doc = report["table2"]["article20_item1"]["normative_documents"]
    text = flat(report).replace(
        "行政规范性文件" + "".join(str(doc[k]) for k in ("issued", "repealed", "in_force")), "行政规范性文件693665", 1)
    result = parse(text)
    cells = result.report["table2"]["article20_item1"]["normative_documents"]
    assert cells == {"issued": None, "repealed": None, "in_force": None}
    logged = {e.pointer: set(e.candidates) for e in result.log if e.kind == "ambiguous"}
    issued = logged["/table2/article20_item1/normative_documents/issued"]
    # Every split of 693665 into three numbers without a leading zero: 6|9|3665 … 6936|6|5.
    assert issued == {6, 69, 693, 6936}


def test_a_report_that_breaks_an_identity_is_read_as_printed_and_the_validator_says_so() -> None:
    # 15 cells printed as 15 digits: one reading only; 结果维持 1 + 结果纠正 1 with 总计 0 is the report's own error.
    report = example("township-no-requests-2023.json")
    text = flat(report)
    m = re.search(r"总计([0 ]{15,29})五、", text)
    assert m is not None and m.group(1).count("0") == 15
    printed = m.group(1).replace("0", "1", 2)
    result = parse(text[:m.start(1)] + printed + text[m.end(1):])
    assert result.report["table4"]["reconsideration"] == {
        "upheld": 1, "corrected": 1, "other_outcome": 0, "pending": 0, "total": 0}
    codes = [f.code for f in Validator().iter_findings(result.report)]
    assert "E401" in codes


def test_spaces_are_boundaries_and_a_lone_row_label_in_a_sentence_is_no_table() -> None:
    report = example("township-no-requests-2023.json")
    text = flat(report).replace("一、总体情况", "一、总体情况全年办理行政许可事项3件，行政复议1起。", 1)
    result = parse(text)
    assert result.report["overview"].startswith("全年办理行政许可事项3件，行政复议1起。")
    assert result.report["table2"] == report["table2"]


def test_a_table_printed_one_cell_per_line_reads_exactly() -> None:
    # Text extracted from a PDF or from a page without its layout: every cell on a line of its own.
    for path in sorted(EXAMPLES.glob("*.json")):
        if path.name.endswith(".previous.json"):
            continue
        report = json.loads(path.read_text(encoding="utf-8"))
        result = parse(render(report, "txt").replace("\t", "\n"))  # type: ignore[union-attr]
        check = recovery(report, result.report, result.log)
        cells = [w for w in check.wrong if w[0].startswith("/table")]
        assert not cells and not check.unmarked, (path.name, cells[:3], check.unmarked[:3])
        if "jiyuan" not in path.name:  # its blank cells print nothing: their places are unknown
            assert tables_of(result.report) == tables_of(report), path.name


def tables_of(report: dict) -> dict:
    return {k: report[k] for k in ("table2", "table3", "table4")}


def test_a_number_too_long_anywhere_in_a_page_run_together_is_refused() -> None:
    # The run is looked for at a few places of the line only (parse._may_hold_run): it must be
    # found wherever it starts, and a number one digit shorter must not be refused.
    from zfxxgk.errors import InputError
    from zfxxgk.limits import current

    limit = current().number_digits
    page = flat(example(sorted(p.name for p in EXAMPLES.glob("*.json"))[0]))
    body = max(page.splitlines(), key=len)
    for at in (0, 1, limit // 2 - 1, limit // 2, len(body) // 3, len(body) - 1):
        for digits, refused in ((limit + 1, True), (limit, False)):
            number = "1," + "0" * (digits - 1)
            text = page.replace(body, body[:at] + "，" + number + "件，" + body[at:])
            try:
                parse(text)
            except InputError as error:
                assert refused and f"{digits:,} digits" in str(error), (at, digits, error)
            else:
                assert not refused, (at, digits)
