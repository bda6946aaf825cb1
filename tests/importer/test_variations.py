"""Every variation listed in docs/format/2021.md ("Known variations in published reports").

Each test starts from a real-looking report (examples/valid/large-city-government-2022.json rendered
to text, Markdown or HTML), changes what the variation changes, and checks the value read and the
log entry that says so.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from zfxxgk import pointers
from zfxxgk.importer import ParseResult, parse_bytes
from zfxxgk.render import render

ROOT = Path(__file__).resolve().parents[2]
BASE: dict[str, Any] = json.loads((ROOT / "examples" / "valid" / "large-city-government-2022.json").read_text("utf-8"))


def txt(report: dict[str, Any] | None = None) -> str:
    return render(report or BASE, "txt")  # type: ignore[return-value]


def parse(text: str, fmt: str = "txt") -> ParseResult:
    return parse_bytes(text.encode("utf-8"), f"report.{fmt}", fmt)


def replace_row(text: str, label: str, line: str) -> str:
    """``text`` with the table row whose cells include ``label`` replaced by ``line``."""
    lines = text.split("\n")
    (at,) = [i for i, row in enumerate(lines) if "\t" in row and label in row.split("\t")]
    lines[at] = line
    return "\n".join(lines)


def value(result: ParseResult, pointer: str) -> Any:
    return pointers.resolve(result.report, pointer)


def tables(report: dict[str, Any]) -> dict[str, Any]:
    return {k: report[k] for k in ("table2", "table3", "table4")}


def test_the_base_report_round_trips_in_every_format() -> None:
    for fmt in ("txt", "md", "html", "docx"):
        content = render(BASE, fmt)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        result = parse_bytes(data, f"report.{fmt}")
        assert tables(result.report) == tables(BASE)
        assert result.report["overview"] == BASE["overview"]
        assert result.report["agency_name"] == BASE["agency_name"] and result.report["report_year"] == 2022
        assert not [e for e in result.log if e.kind in ("repair", "ambiguous", "blank")]


# -- labels -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("official", "variant"), [
    ("社会公益组织", "社会组织"),
    ("行政规范性文件", "规范性文件"),
    ("现行有效件数", "现行有效件数（历史累计）"),
])
def test_label_variants_are_read_and_logged(official: str, variant: str) -> None:
    result = parse(txt().replace(official, variant))
    assert tables(result.report) == tables(BASE)
    assert any(e.raw == variant and e.value == official for e in result.entries("label_variant"))


def test_a_damaged_label_is_matched_to_the_one_closest_row_and_logged() -> None:
    result = parse(txt().replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"))
    assert tables(result.report) == tables(BASE)
    (repair,) = [e for e in result.entries("repair") if e.raw == "2.其他法律行政止公开"]
    assert repair.pointer == "/table3/results/withheld/prohibited_by_law"


def test_a_damaged_label_without_its_item_number_is_still_matched_safely() -> None:
    result = parse(txt().replace("2.其他法律行政法规禁止公开", "其他法律行政止公开"))
    assert tables(result.report) == tables(BASE)


def test_a_label_close_to_no_row_is_never_put_in_a_row() -> None:
    # "属于" is shared by several rows of （三）不予公开: nothing is clearly closest.
    text = replace_row(txt(), "1.属于国家秘密", "\t\t属于事项\t3\t0\t0\t0\t0\t0\t3")
    result = parse(text)
    row = BASE["table3"]["results"]["withheld"]["state_secret"]
    assert value(result, "/table3/results/withheld/state_secret") == dict.fromkeys(row)
    assert any("not found" in e.message_en for e in result.entries("warning"))
    others = copy.deepcopy(tables(BASE))
    others["table3"]["results"]["withheld"]["state_secret"] = dict.fromkeys(row)
    assert tables(result.report) == others  # no other row took its numbers


def test_brackets_of_either_width_and_stray_spaces() -> None:
    text = txt().replace("（", "(").replace("）", ")").replace("4.保护第三方合法权益", "4. 保护 第三方合法权益")
    result = parse(text)
    assert tables(result.report) == tables(BASE)
    assert not result.entries("repair")


# -- values -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["", "—", "-", "/", "无", "－", "——"])
def test_blank_cells_are_null_and_logged(mark: str) -> None:
    text = replace_row(txt(), "1.属于国家秘密", f"\t\t1.属于国家秘密\t3\t{mark}\t0\t0\t0\t0\t3")
    result = parse(text)
    assert value(result, "/table3/results/withheld/state_secret/commercial_enterprise") is None
    assert value(result, "/table3/results/withheld/state_secret/natural_person") == 3
    (blank,) = result.entries("blank")
    assert blank.pointer == "/table3/results/withheld/state_secret/commercial_enterprise" and blank.raw == mark


def test_nbsp_cells_in_html_are_blank() -> None:
    html = render(BASE, "html")
    html = html.replace('data-pointer="/table4/litigation_direct/pending">2<', 'data-pointer="x">&nbsp;<')
    result = parse(html, "html")  # type: ignore[arg-type]
    assert value(result, "/table4/litigation_direct/pending") is None
    assert [e.pointer for e in result.entries("blank")] == ["/table4/litigation_direct/pending"]


def test_a_blank_total_column() -> None:
    text = txt()
    for label in ("1.属于国家秘密", "2.重复申请"):
        line = next(row for row in text.split("\n") if label in row.split("\t"))
        text = text.replace(line, line.rsplit("\t", 1)[0] + "\t")
    result = parse(text)
    assert value(result, "/table3/results/withheld/state_secret/total") is None
    assert value(result, "/table3/results/not_processed/repeated_request/total") is None
    assert value(result, "/table3/results/not_processed/repeated_request/natural_person") == 89
    assert not result.ambiguous


def test_full_width_digits_and_thousands_separators() -> None:
    text = txt().replace("186342", "186,342").replace("52317", "５２３１７").replace("3695", "3，695")
    result = parse(text)
    assert tables(result.report) == tables(BASE)


def test_the_fee_keeps_its_exact_decimals() -> None:
    report = copy.deepcopy(BASE)
    report["table2"]["article20_item8"]["fees"]["amount"] = "24252.311082"
    for fmt in ("txt", "md", "html"):
        result = parse(render(report, fmt), fmt)  # type: ignore[arg-type]
        assert result.report["table2"]["article20_item8"]["fees"]["amount"] == "24252.311082"


def test_a_fee_in_yuan_is_converted_exactly_and_logged() -> None:
    text = txt().replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）").replace("24252.3110", "242523110.55")
    result = parse(text)
    assert result.report["table2"]["article20_item8"]["fees"]["amount"] == "24252.311055"
    (unit,) = result.entries("unit")
    assert unit.raw == "242523110.55" and unit.value == "24252.311055"


def test_a_fee_printed_with_its_unit_in_the_cell() -> None:
    result = parse(txt().replace("24252.3110", "12000元"))
    assert result.report["table2"]["article20_item8"]["fees"]["amount"] == "1.2"
    assert result.entries("unit")


# -- rows with cells missing, extra, shifted, run together -----------------------------------------


def test_a_row_with_an_extra_cell_is_repaired_when_one_reading_fits() -> None:
    text = replace_row(txt(), "4.保护第三方合法权益", "\t\t4.保护第三方合法权益\t31\t9\t9\t0\t0\t2\t1\t43")
    result = parse(text)
    assert tables(result.report) == tables(BASE)
    (repair,) = result.entries("repair")
    assert repair.pointer == "/table3/results/withheld/third_party_rights" and "8 numbers" in repair.message_en


def test_a_row_with_a_missing_cell_keeps_that_cell_null() -> None:
    # 31 9 0 0 2 1 43 with the 9 (商业企业) lost: only "the gap is at 商业企业" fits the column sums.
    text = replace_row(txt(), "4.保护第三方合法权益", "\t\t4.保护第三方合法权益\t31\t0\t0\t2\t1\t43")
    result = parse(text)
    row = value(result, "/table3/results/withheld/third_party_rights")
    assert row == BASE["table3"]["results"]["withheld"]["third_party_rights"] | {"commercial_enterprise": None}
    assert not result.ambiguous


def test_numbers_shifted_one_column_right() -> None:
    text = replace_row(txt(), "2.重复申请", "\t\t2.重复申请\t\t89\t8\t0\t0\t2\t1\t100")
    result = parse(text)
    assert tables(result.report) == tables(BASE)


def test_a_row_whose_digits_ran_together() -> None:
    # The sample's case: "640020470" for 64·0·0·2·0·4·70.
    text = replace_row(txt(), "2.重复申请", "\t\t2.重复申请\t8980021100")
    result = parse(text)
    assert tables(result.report) == tables(BASE)
    (repair,) = result.entries("repair")
    assert "89·8·0·0·2·1·100" in repair.message_en


def test_a_lost_cell_is_not_taken_for_digits_run_together() -> None:
    # 行政复议 0 1 11 0 12 with the 11 lost prints 0 1 0 12, which also reads as 0·1·0·1·2 if 12 were
    # two numbers run together (0+1+0+1 = 2). With most cells printed, that split is no more likely
    # than the lost cell: where the readings differ, the cells are left undecided, never guessed.
    report = copy.deepcopy(BASE)
    report["table4"]["reconsideration"] = {"upheld": 0, "corrected": 1, "other_outcome": 11, "pending": 0, "total": 12}
    lines = txt(report).split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith("0\t1\t11\t0\t12\t")]
    lines[at] = lines[at].replace("0\t1\t11\t0\t12\t", "0\t1\t0\t12\t", 1)
    result = parse("\n".join(lines))
    row = value(result, "/table4/reconsideration")
    candidates = {e.pointer: e.candidates for e in result.entries("ambiguous")}
    for name, printed in report["table4"]["reconsideration"].items():
        assert row[name] == printed or (row[name] is None and f"/table4/reconsideration/{name}" in candidates)
    assert 2 in candidates["/table4/reconsideration/total"] and 12 in candidates["/table4/reconsideration/total"]
    assert value(result, "/table4/litigation_direct") == BASE["table4"]["litigation_direct"]


def test_run_together_digits_in_a_table_without_identities_are_not_guessed() -> None:
    text = replace_row(txt(), "规章", "规章\t6287")
    result = parse(text)
    rules = value(result, "/table2/article20_item1/rules")
    assert rules == {"issued": None, "repealed": None, "in_force": None}
    assert {e.pointer for e in result.entries("ambiguous")} == {f"/table2/article20_item1/rules/{c}" for c in rules}


def test_several_readings_that_fit_leave_the_cells_undecided() -> None:
    # Table 2 has no identity within the year: which of the four numbers is extra cannot be told.
    # 6 6 2 87: every reading starts with 6; the other two columns differ between readings.
    text = replace_row(txt(), "规章", "规章\t6\t6\t2\t87")
    result = parse(text)
    assert result.ambiguous
    assert value(result, "/table2/article20_item1/rules/issued") == 6
    entries = {e.pointer: sorted(e.candidates) for e in result.entries("ambiguous")}
    assert entries == {"/table2/article20_item1/rules/repealed": [2, 6],
                       "/table2/article20_item1/rules/in_force": [2, 87]}
    assert value(result, "/table2/article20_item1/rules/repealed") is None


def test_a_2019_style_single_other_handling_row_of_zeros() -> None:
    report = copy.deepcopy(BASE)
    other = report["table3"]["results"]["other_handling"]
    zero = dict.fromkeys(other["other"], 0)
    for name in other:
        other[name] = dict(zero)
    text = txt(report)
    lines = [line for line in text.split("\n") if not any(
        line.split("\t")[2:3] == [label] for label in ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                                     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                                     "3.其他"))]
    at = next(i for i, line in enumerate(lines) if "（五）不予处理" in line) + 5
    lines.insert(at, "\t（六）其他处理\t\t0\t0\t0\t0\t0\t0\t0")
    result = parse("\n".join(lines))
    assert result.report["table3"]["results"]["other_handling"] == other
    assert {e.pointer for e in result.entries("inferred")} >= {f"/table3/results/other_handling/{n}" for n in other}


def test_a_2019_style_single_other_handling_row_with_numbers_stays_null() -> None:
    text = txt()
    lines = [line for line in text.split("\n") if "（六）其他处理" not in line and not line.startswith("\t\t2.申请人逾期")
             and not line.startswith("\t\t3.其他")]
    at = next(i for i, line in enumerate(lines) if "（七）总计" in line)
    lines.insert(at, "\t（六）其他处理\t\t101\t14\t1\t1\t3\t2\t122")
    result = parse("\n".join(lines))
    assert result.report["table3"]["results"]["other_handling"]["other"] == dict.fromkeys(
        BASE["table3"]["results"]["other_handling"]["other"])
    assert any(e.pointer == "/table3/results/other_handling" for e in result.entries("warning"))


# -- reports that break the identities ------------------------------------------------------------


def test_a_report_that_breaks_an_identity_is_not_fixed() -> None:
    # A 总计 that is not the sum of its parts, printed cleanly: kept as printed.
    text = replace_row(txt(), "2.重复申请", "\t\t2.重复申请\t89\t8\t0\t0\t2\t1\t101")
    result = parse(text)
    assert value(result, "/table3/results/not_processed/repeated_request/total") == 101
    assert not result.entries("repair") and not result.ambiguous


def test_an_extra_cell_in_a_broken_row_is_not_resolved_by_guessing() -> None:
    # Eight numbers, and no way of dropping one makes the row add up: nothing is chosen silently.
    text = replace_row(txt(), "2.重复申请", "\t\t2.重复申请\t89\t8\t7\t0\t0\t2\t1\t999")
    result = parse(text)
    row = value(result, "/table3/results/not_processed/repeated_request")
    assert any("no reading" in e.message_en for e in result.entries("warning"))
    undecided = {e.pointer.rsplit("/", 1)[1] for e in result.entries("ambiguous")}
    assert {name for name, v in row.items() if v is None} == undecided


# -- formats ----------------------------------------------------------------------------------------


def test_html_with_rowspan_colspan_nested_tags_and_a_layout_frame() -> None:
    html = render(BASE, "html")
    html = html.replace("<td", "<td><span style='x'><font>", 0)
    html = html.replace(">1801<", "><span><b>1,801</b></span><")
    html = html.replace("<body>", "<body><table><tr><td><div>导航</div></td><td>", 1).replace(
        "</body>", "</td></tr></table></body>", 1)
    result = parse(html, "html")
    assert tables(result.report) == tables(BASE)
    assert result.report["overview"] == BASE["overview"]


def test_html_with_an_encoding_declaration_in_gb18030() -> None:
    html = render(BASE, "html").replace('<meta charset="utf-8">', '<meta charset="gb18030">')  # type: ignore[union-attr]
    data = ('<?xml version="1.0" encoding="gb18030"?>\n' + html).encode("gb18030")
    result = parse_bytes(data, "report.htm")
    assert result.format == "html" and result.encoding == "gb18030"
    assert tables(result.report) == tables(BASE)


def test_markdown_tables_with_escaped_pipes_and_headings() -> None:
    md = render(BASE, "md")
    assert isinstance(md, str)
    result = parse(md.replace("行政许可", "行政许可\\|"), "md")
    assert result.report["table2"]["article20_item5"]["licensing"]["decisions"] in (186342, None)
    result = parse(md, "md")
    assert tables(result.report) == tables(BASE)
    assert result.report["problems_and_improvements"] == BASE["problems_and_improvements"]


def test_markdown_without_outer_pipes() -> None:
    md = render(BASE, "md")
    assert isinstance(md, str)
    stripped = "\n".join(line.strip("|").strip() if line.startswith("|") else line for line in md.split("\n"))
    result = parse(stripped, "md")
    assert tables(result.report) == tables(BASE)


def test_a_plain_text_copy_with_spaces_instead_of_tabs() -> None:
    text = txt().replace("\t", "  ")
    result = parse(text)
    # Rows with their label and numbers on one line are read; nothing is put in a wrong row.
    for row in ("/table2/article20_item1/rules", "/table3/new_requests", "/table3/carried_forward"):
        assert value(result, row) == pointers.resolve(BASE, row)


def test_headings_found_with_markdown_marks_in_plain_text() -> None:
    text = txt()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况"):
        text = text.replace(heading + "\n", "## " + heading + "\n")
    result = parse(text)
    assert result.report["overview"] == BASE["overview"]
    assert result.report["problems_and_improvements"] == BASE["problems_and_improvements"]
