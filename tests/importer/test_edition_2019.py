"""Reports of the 2019 edition (国办公开办函〔2019〕60号), and reports that mix the two editions.

- a hand-written 2019 text report parses exactly: signed changes (本年增/减), the procurement
  amount kept as printed with its unit (采购总金额 + total_amount_unit);
- the 2019 example (examples/valid/land-bureau-lawsuits-2020.json) rendered to every format parses
  back exactly;
- render → noise → parse round trips over generated 2019 reports: the original comes back, or the
  cells that could not be decided are null and logged, never a silently wrong value; the validator
  then finds nothing but what those null cells explain;
- a 2021 report printing the 2019 single （六）其他处理 row, and mixtures of the editions' tables.
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.importer.test_roundtrip import LOSSLESS, STRUCTURAL, mixed_noise
from tests.importer.test_roundtrip import assert_honest as assert_recovery_honest
from zfxxgk import pointers
from zfxxgk.importer import ParseResult, parse_bytes
from zfxxgk.importer.blocks import Block
from zfxxgk.importer.edition import detect
from zfxxgk.importer.identities import identities
from zfxxgk.layout import layout
from zfxxgk.render import render
from zfxxgk.resources import rules_catalog
from zfxxgk.testing import reports
from zfxxgk.testing.noise import KINDS, Recovery, inject, recovery, strip_hints
from zfxxgk.validate import Validator

ROOT = Path(__file__).resolve().parents[2]
LAND_2020: dict[str, Any] = json.loads((ROOT / "examples/valid/land-bureau-lawsuits-2020.json").read_text("utf-8"))
CITY_2022: dict[str, Any] = json.loads((ROOT / "examples/valid/large-city-government-2022.json").read_text("utf-8"))
VALIDATOR = Validator()
PROCUREMENT = "/table2/article20_item9/procurement"
OTHER_HANDLING = "/table3/results/other_handling"


def parse(text: str, fmt: str = "txt") -> ParseResult:
    return parse_bytes(text.encode("utf-8"), f"report.{fmt}", fmt)


def value(result: ParseResult, pointer: str) -> Any:
    return pointers.resolve(result.report, pointer)


def tables(report: dict[str, Any]) -> dict[str, Any]:
    return {k: report[k] for k in ("table2", "table3", "table4")}


def txt(report: dict[str, Any]) -> str:
    return render(report, "txt")  # type: ignore[return-value]


def replace_row(text: str, label: str, *cells: str) -> str:
    """``text`` with the cells after ``label`` in its table row replaced by ``cells``."""
    lines = text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if "\t" in line and label in line.split("\t")]
    head = lines[at].split("\t")
    lines[at] = "\t".join(head[: head.index(label) + 1] + list(cells))
    return "\n".join(lines)


# -- a hand-written report ---------------------------------------------------------------------------

T = "\t"
REPORT = "\n".join([
    "某县自然资源局2020年政府信息公开工作年度报告",
    "发布日期：2021-01-28",
    "一、总体情况",
    "2020年，我局共收到政府信息公开申请12件，结转下年度继续办理1件。",
    "二、主动公开政府信息情况",
    "第二十条第（一）项",
    T.join(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]),
    T.join(["规章", "0", "0", "0"]),
    T.join(["规范性文件", "3", "3", "41"]),
    "第二十条第（五）项",
    T.join(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]),
    T.join(["行政许可", "120", "-3", "2417"]),
    T.join(["其他对外管理服务事项", "12", "＋2", "55"]),
    "第二十条第（六）项",
    T.join(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]),
    T.join(["行政处罚", "38", "0", "204"]),
    T.join(["行政强制", "11", "－1", "15"]),
    "第二十条第（八）项",
    T.join(["信息内容", "上一年项目数量", "本年增/减"]),
    T.join(["行政事业性收费", "6", "−2"]),
    "第二十条第（九）项",
    T.join(["信息内容", "采购项目数量", "采购总金额"]),
    T.join(["政府集中采购", "14", "73,802,895.90元"]),
    "三、收到和处理政府信息公开申请情况",
    T.join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
    T.join(["", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
    T.join(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]),
    T.join(["一、本年新收政府信息公开申请数量", "10", "2", "0", "0", "0", "0", "12"]),
    T.join(["二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"]),
    T.join(["三、本年度办理结果", "（一）予以公开", "6", "1", "0", "0", "0", "0", "7"]),
    T.join(["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1", "0", "0", "0", "0", "0", "1"]),
    T.join(["（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"]),
    *(T.join([label] + ["0"] * 7) for label in (
        "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
        "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")),
    T.join(["（四）无法提供", "1.本机关不掌握相关政府信息", "2", "1", "0", "0", "0", "0", "3"]),
    T.join(["2.没有现成信息需要另行制作"] + ["0"] * 7),
    T.join(["3.补正后申请内容仍不明确"] + ["0"] * 7),
    T.join(["（五）不予处理", "1.信访举报投诉类申请"] + ["0"] * 7),
    *(T.join([label] + ["0"] * 7) for label in (
        "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")),
    T.join(["（六）其他处理", "1", "0", "0", "0", "0", "0", "1"]),
    T.join(["（七）总计", "10", "2", "0", "0", "0", "0", "12"]),
    T.join(["四、结转下年度继续办理", "1", "0", "0", "0", "0", "0", "1"]),
    "四、政府信息公开行政复议、行政诉讼情况",
    T.join(["行政复议", "", "", "", "", "行政诉讼"]),
    T.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"]),
    T.join(["1", "0", "0", "0", "1"] + ["0"] * 10),
    "五、存在的主要问题及改进情况",
    "一是公开内容的规范性有待加强。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
]) + "\n"

TABLE3 = {  # row -> its seven numbers, the rest of table 3 is 0
    "/table3/new_requests": [10, 2, 0, 0, 0, 0, 12],
    "/table3/carried_over": [1, 0, 0, 0, 0, 0, 1],
    "/table3/results/granted": [6, 1, 0, 0, 0, 0, 7],
    "/table3/results/partially_granted": [1, 0, 0, 0, 0, 0, 1],
    "/table3/results/unavailable/not_held": [2, 1, 0, 0, 0, 0, 3],
    "/table3/results/other_handling": [1, 0, 0, 0, 0, 0, 1],
    "/table3/results/total": [10, 2, 0, 0, 0, 0, 12],
    "/table3/carried_forward": [1, 0, 0, 0, 0, 0, 1],
}


def expected_report() -> dict[str, Any]:
    lay = layout("2019")
    doc = lay.blank_document(
        agency_name="某县自然资源局", report_year=2020, publication_date="2021-01-28", source_url=None,
        agency_uscc=None, agency_division_code=None,
        overview="2020年，我局共收到政府信息公开申请12件，结转下年度继续办理1件。",
        problems_and_improvements="一是公开内容的规范性有待加强。", other_matters="本年度未收取信息处理费。")
    doc["table2"] = {
        "article20_item1": {"rules": {"newly_made": 0, "newly_published": 0, "total_published": 0},
                            "normative_documents": {"newly_made": 3, "newly_published": 3, "total_published": 41}},
        "article20_item5": {"licensing": {"previous_items": 120, "change": -3, "decisions": 2417},
                            "other_services": {"previous_items": 12, "change": 2, "decisions": 55}},
        "article20_item6": {"penalty": {"previous_items": 38, "change": 0, "decisions": 204},
                            "coercion": {"previous_items": 11, "change": -1, "decisions": 15}},
        "article20_item8": {"fees": {"previous_items": 6, "change": -2}},
        "article20_item9": {"procurement": {"projects": 14, "total_amount": "73802895.90",
                                            "total_amount_unit": "元"}},
    }
    for cell in lay.cells:
        if cell.table == "table3":
            row, _, _ = cell.pointer.rpartition("/")
            column = [c.name for c in lay.cells if c.pointer.startswith(row + "/")].index(cell.name)
            pointers.assign(doc, cell.pointer, TABLE3.get(row, [0] * 7)[column])
    doc["table4"]["reconsideration"] = {"upheld": 1, "corrected": 0, "other_outcome": 0, "pending": 0, "total": 1}
    for block in ("litigation_direct", "litigation_after_reconsideration"):
        doc["table4"][block] = dict.fromkeys(doc["table4"][block], 0)
    return doc


def test_a_hand_written_2019_report_parses_exactly() -> None:
    result = parse(REPORT)
    expected = expected_report()
    assert result.report == expected
    assert result.report["edition"] == "2019"
    assert not result.ambiguous
    assert not [e for e in result.log if e.kind in ("repair", "blank", "warning", "ambiguous", "unit")]
    assert VALIDATOR.validate(result.report).findings == []
    json.dumps(result.to_log_dict(), ensure_ascii=False)


@pytest.mark.parametrize(("printed", "change"), [
    ("-3", -3), ("－3", -3), ("−3", -3), ("+3", 3), ("＋3", 3), ("3", 3), ("0", 0), ("-1,204", -1204),
])
def test_a_change_printed_with_a_sign_is_signed(printed: str, change: int) -> None:
    result = parse(replace_row(REPORT, "行政许可", "120", printed, "2417"))
    assert value(result, "/table2/article20_item5/licensing") == {
        "previous_items": 120, "change": change, "decisions": 2417}
    assert not result.log or all(e.kind not in ("warning", "ambiguous", "repair") for e in result.log)


@pytest.mark.parametrize("printed", ["减少3", "减3", "增加3", "约-3"])
def test_a_change_printed_in_words_is_not_read_as_a_number(printed: str) -> None:
    # Only a number with a sign is read: "减少3" is left null (never made -3) and logged as printed;
    # the row's other cells, in their columns, are read.
    result = parse(replace_row(REPORT, "行政许可", "120", printed, "2417"))
    assert value(result, "/table2/article20_item5/licensing") == {
        "previous_items": 120, "change": None, "decisions": 2417}
    (entry,) = [e for e in result.entries("warning") if e.pointer == "/table2/article20_item5/licensing/change"]
    assert entry.raw == printed and printed in entry.message_en and printed in entry.message_zh
    assert "sign" in entry.message_en


def test_a_negative_number_in_a_column_that_cannot_be_negative_is_not_read() -> None:
    result = parse(replace_row(REPORT, "行政许可", "-120", "-3", "2417"))
    assert value(result, "/table2/article20_item5/licensing") == {
        "previous_items": None, "change": -3, "decisions": 2417}
    assert any(e.pointer == "/table2/article20_item5/licensing/previous_items" and e.raw == "-120"
               for e in result.entries("warning"))


@pytest.mark.parametrize(("printed", "amount", "unit"), [
    ("251000元", "251000", "元"),
    ("73802895.90元", "73802895.90", "元"),
    ("7380.29万元", "7380.29", "万元"),
    ("７３８０.２９万元", "7380.29", "万元"),
    ("73,802,895.90 元", "73802895.90", "元"),
    ("0元", "0", "元"),
])
def test_the_procurement_amount_keeps_its_printed_amount_and_unit(printed: str, amount: str, unit: str) -> None:
    result = parse(replace_row(REPORT, "政府集中采购", "14", printed))
    assert value(result, PROCUREMENT) == {"projects": 14, "total_amount": amount, "total_amount_unit": unit}
    assert not result.entries("unit") and not result.entries("warning")


@pytest.mark.parametrize(("header", "unit"), [("采购总金额（元）", "元"), ("采购总金额（单位：万元）", "万元"),
                                             ("采购总金额(万元)", "万元")])
def test_a_bare_procurement_amount_takes_the_unit_of_its_column_header(header: str, unit: str) -> None:
    text = REPORT.replace("采购总金额", header)
    result = parse(replace_row(text, "政府集中采购", "14", "251000"))
    assert value(result, PROCUREMENT) == {"projects": 14, "total_amount": "251000", "total_amount_unit": unit}
    (entry,) = result.entries("unit")
    assert entry.pointer == PROCUREMENT + "/total_amount_unit" and entry.value == unit and header in entry.raw
    assert "not converted" in entry.message_en


def test_a_bare_procurement_amount_without_a_unit_keeps_the_amount_and_a_null_unit() -> None:
    result = parse(replace_row(REPORT, "政府集中采购", "14", "251000"))
    assert value(result, PROCUREMENT) == {"projects": 14, "total_amount": "251000", "total_amount_unit": None}
    (entry,) = [e for e in result.entries("warning") if e.pointer == PROCUREMENT + "/total_amount_unit"]
    assert entry.raw == "251000" and "unit" in entry.message_en and "单位" in entry.message_zh
    # The amount is never converted, whatever the unit: 万元 stays 万元, 元 stays 元.
    for printed, amount in (("7380.29万元", "7380.29"), ("251000元", "251000")):
        assert value(parse(replace_row(REPORT, "政府集中采购", "14", printed)), PROCUREMENT + "/total_amount") == amount


def test_a_blank_procurement_amount_has_no_unit() -> None:
    result = parse(replace_row(REPORT, "政府集中采购", "14", "—"))
    assert value(result, PROCUREMENT) == {"projects": 14, "total_amount": None, "total_amount_unit": None}
    assert any(e.pointer == PROCUREMENT + "/total_amount" for e in result.entries("blank"))


def test_readings_that_differ_in_the_amount_are_left_undecided_and_the_log_is_json() -> None:
    # An extra number in the row: 14 could be the amount. Table 2 has no identity to decide with.
    result = parse(replace_row(REPORT, "政府集中采购", "14", "14", "251000元"))
    assert value(result, PROCUREMENT) == {"projects": 14, "total_amount": None, "total_amount_unit": None}
    (entry,) = [e for e in result.entries("ambiguous") if e.pointer == PROCUREMENT + "/total_amount"]
    assert sorted(entry.candidates) == ["14元", "251000元"]
    json.dumps(result.to_log_dict(), ensure_ascii=False)


def test_a_2021_label_of_the_same_row_is_a_variant() -> None:
    result = parse(REPORT.replace("规范性文件\t", "行政规范性文件\t"))
    assert result.report == expected_report()
    assert any(e.raw == "行政规范性文件" and e.value == "规范性文件" for e in result.entries("label_variant"))


# -- the 2019 example in every format ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_the_2019_example_rendered_parses_back_exactly(fmt: str) -> None:
    content = render(LAND_2020, fmt)
    data = content if isinstance(content, bytes) else strip_hints(content, fmt).encode("utf-8")
    result = parse_bytes(data, f"land.{fmt}")
    assert result.report["edition"] == "2019"
    assert tables(result.report) == tables(LAND_2020)
    check = recovery(LAND_2020, result.report, result.log)
    assert check.exact, (check.wrong, check.unmarked, check.marked)
    printed = ("schema_version", "edition", "agency_name", "report_year", "overview", "problems_and_improvements",
               "other_matters")
    assert {k: result.report[k] for k in printed} == {k: LAND_2020[k] for k in printed}
    assert not result.log
    assert VALIDATOR.validate(result.report).findings == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_2019_example_as_pdf_reads_its_tables_exactly(tmp_path: Path) -> None:
    (tmp_path / "land.docx").write_bytes(render(LAND_2020, "docx"))  # type: ignore[arg-type]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(tmp_path / "land.docx")],
                   check=True, capture_output=True, timeout=180)
    result = parse_bytes((tmp_path / "land.pdf").read_bytes(), "land.pdf")
    assert result.report["edition"] == "2019"
    assert tables(result.report) == tables(LAND_2020)


# -- render → noise → parse ----------------------------------------------------------------------------

FORMATS = ("txt", "md", "html")
SETTINGS = settings(max_examples=int(os.environ.get("ZFXXGK_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def assert_honest(original: dict[str, Any], result: ParseResult) -> Recovery:
    """No silently wrong value, every null logged, and the validator finds nothing else.

    A structure error for the unit of an amount left null, or an identity error involving a cell
    left null or a row the log flags as misprinted, is what those cells explain; any other error
    would be a value read wrong.
    """
    assert result.report["edition"] == original["edition"]
    check = assert_recovery_honest(original, result)
    explained = set(check.marked) | {p for p, _, _ in check.flagged}
    for finding in VALIDATOR.validate(result.report).errors:
        assert set(finding.pointers) & explained, (finding.code, finding.message_en)
    return check


@SETTINGS
@given(report=reports("2019"), fmt=st.sampled_from(FORMATS))
def test_a_clean_2019_rendering_parses_back_exactly(report: dict, fmt: str) -> None:
    text = strip_hints(render(report, fmt), fmt)  # type: ignore[arg-type]
    result = parse(text, fmt)
    check = recovery(report, result.report, result.log)
    assert check.exact, (check.wrong[:3], check.unmarked[:3], check.marked[:3])
    assert not result.ambiguous
    assert not VALIDATOR.validate(result.report).errors


@SETTINGS
@given(report=reports("2019"), fmt=st.sampled_from(FORMATS), kind=st.sampled_from(KINDS),
       seed=st.integers(0, 2**32 - 1), rows=st.integers(1, 3))
def test_noise_on_a_2019_report_never_gives_a_silently_wrong_value(report: dict, fmt: str, kind: str, seed: int,
                                                                   rows: int) -> None:
    text = inject(render(report, fmt), fmt, kind, random.Random(seed), rows)  # type: ignore[arg-type]
    assert_honest(report, parse(text, fmt))


@SETTINGS
@given(report=reports("2019"), fmt=st.sampled_from(FORMATS), kind=st.sampled_from(LOSSLESS),
       seed=st.integers(0, 2**32 - 1))
def test_lossless_noise_on_one_row_of_a_2019_report_is_undone_exactly(report: dict, fmt: str, kind: str,
                                                                      seed: int) -> None:
    text = inject(render(report, fmt), fmt, kind, random.Random(seed), 1)  # type: ignore[arg-type]
    result = parse(text, fmt)
    check = recovery(report, result.report, result.log)
    assert check.exact, (kind, check.wrong[:3], check.unmarked[:3], check.marked[:3])
    assert not VALIDATOR.validate(result.report).errors


@SETTINGS
@given(report=reports("2019"), fmt=st.sampled_from(FORMATS), seed=st.integers(0, 2**32 - 1),
       others=st.lists(st.sampled_from(LOSSLESS), max_size=4, unique=True), structural=st.sampled_from(STRUCTURAL))
def test_several_kinds_of_noise_on_a_2019_report(report: dict, fmt: str, seed: int, others: list[str],
                                                 structural: str) -> None:
    text = mixed_noise(render(report, fmt), fmt, random.Random(seed), others, structural)
    assert_honest(report, parse(text, fmt))


def test_noise_reaches_the_2019_values() -> None:
    # The kinds that change values apply to signed changes and to amounts with their unit too.
    report = copy.deepcopy(LAND_2020)
    text = txt(report)
    wide = inject(text, "txt", "fullwidth_digits", random.Random(1), 100)
    assert "－３" in wide and "７３８０２８９５.９０元" in wide
    grouped = inject(text, "txt", "thousands", random.Random(1), 100)
    assert "73,802,895.90元" in grouped.replace("，", ",")
    for noisy in (wide, grouped):
        result = parse(noisy)
        assert tables(result.report) == tables(LAND_2020)


# -- the edition's identities -------------------------------------------------------------------------


def test_the_solver_uses_the_identities_of_the_reports_edition() -> None:
    catalog = {(rule["code"], inst["key"], inst["edition"]) for rule in rules_catalog()["rules"]
               if rule["kind"] == "identity" for inst in rule["instances"]}
    for edition in ("2019", "2021"):
        cells = {c.pointer for c in layout(edition).cells}
        found = identities(edition)
        assert found and all(set(i.pointers) <= cells for i in found)
        assert all((i.code, i.key, edition) in catalog for i in found)
    # The single （六）其他处理 row has a row total only in the 2019 edition.
    assert any(i.key == OTHER_HANDLING for i in identities("2019"))
    assert not any(i.key == OTHER_HANDLING for i in identities("2021"))


def test_a_2019_row_is_repaired_with_the_2019_identities() -> None:
    # （六）其他处理 6 2 0 0 0 0 8 printed with an extra 2: dropping either 2 satisfies the row total
    # (6+0+0+0+2+0 = 8 too); only the 2019 column sums (E303 with the single （六） row) tell them apart.
    text = replace_row(txt(LAND_2020), "（六）其他处理", "6", "2", "0", "0", "0", "2", "0", "8")
    result = parse(text)
    assert tables(result.report) == tables(LAND_2020)
    (repair,) = [e for e in result.entries("repair") if e.pointer == OTHER_HANDLING]
    assert repair.value == [6, 2, 0, 0, 0, 0, 8] and "number 6 of the row" in repair.message_en


# -- a 2021 report printing the 2019 single （六）其他处理 row --------------------------------------------


def single_other_handling_row(report: dict[str, Any], numbers: list[str]) -> str:
    """The 2021 report as text, with its three （六） rows printed as the 2019 edition's one row."""
    lines = txt(report).split("\n")
    titles = [row.title for row in layout("2021").table("table3").rows() if row.pointer.startswith(OTHER_HANDLING + "/")]
    keep = [line for line in lines if not any(title in line.split("\t") for title in titles)]
    at = next(i for i, line in enumerate(keep) if "（七）总计" in line.split("\t"))
    keep.insert(at, "\t".join(["", "（六）其他处理", "", *numbers]))
    return "\n".join(keep)


def test_a_2021_report_with_the_2019_single_other_handling_row() -> None:
    other = CITY_2022["table3"]["results"]["other_handling"]
    sums = [sum(other[r][c] for r in other) for c in other["other"]]
    result = parse(single_other_handling_row(CITY_2022, [str(n) for n in sums]))
    assert result.report["edition"] == "2021"
    # The three rows are null: the printed row is their sum, and how it splits is not printed.
    assert result.report["table3"]["results"]["other_handling"] == {
        name: dict.fromkeys(other[name]) for name in other}
    rest = copy.deepcopy(tables(result.report))
    expected = copy.deepcopy(tables(CITY_2022))
    rest["table3"]["results"].pop("other_handling")
    expected["table3"]["results"].pop("other_handling")
    assert rest == expected
    # One warning keeps the row, its numbers and the reason, in both languages.
    (entry,) = [e for e in result.entries("warning") if e.pointer == OTHER_HANDLING]
    assert "（六）其他处理" in entry.raw and entry.value == sums
    assert "sum" in entry.message_en and "之和" in entry.message_zh
    assert ", ".join(map(str, sums)) in entry.message_en and ", ".join(map(str, sums)) in entry.message_zh
    assert not [e for e in result.entries("warning") if "not found" in e.message_en]
    assert not result.ambiguous
    # The validator skips the identities that enter the null rows: nothing is reported as broken.
    assert not VALIDATOR.validate(result.report).errors
    check = recovery(CITY_2022, result.report, result.log)
    assert not check.wrong and not check.unmarked


# -- mixtures of the two editions ------------------------------------------------------------------------


def test_a_2019_table_2_with_a_2021_table_3_is_reported_clearly() -> None:
    # The 2019 report, but its （六）其他处理 printed as the 2021 edition's three rows.
    rows = {"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": ["4", "1", "0", "0", "0", "0", "5"],
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": ["0", "0", "0", "0", "0", "0", "0"],
            "3.其他": ["2", "1", "0", "0", "0", "0", "3"]}
    lines = txt(LAND_2020).split("\n")
    at = next(i for i, line in enumerate(lines) if "（六）其他处理" in line.split("\t"))
    printed = [T.join(["", "（六）其他处理" if n == 0 else "", label, *numbers]) for n, (label, numbers) in enumerate(rows.items())]
    lines[at:at + 1] = printed
    result = parse("\n".join(lines))

    assert result.report["edition"] == "2019"
    # The labels of both editions are named, with where the minority ones are.
    (mixed,) = [e for e in result.entries("warning") if e.pointer == "/edition"]
    assert "2019" in mixed.message_en and "2021" in mixed.message_en and "两个版本" in mixed.message_zh
    assert "本年新制作数量" in mixed.message_en and "3.其他" in mixed.message_en
    assert "三、收到和处理政府信息公开申请情况" in mixed.message_en and mixed.where is not None
    assert set(mixed.value["2021"]) == set(rows)
    # Each 2021 row is logged with its numbers and not read; the 2019 row they divide stays null.
    foreign = [e for e in result.entries("warning") if e.pointer is None and "2021 edition" in e.message_en]
    assert [e.value for e in foreign] == [[int(n) for n in numbers] for numbers in rows.values()]
    assert value(result, OTHER_HANDLING) == dict.fromkeys(LAND_2020["table3"]["results"]["other_handling"])
    (missing,) = [e for e in result.entries("warning") if e.pointer == OTHER_HANDLING]
    assert "3 row(s) of the 2021 edition" in missing.message_en and "3.其他" in missing.message_zh
    # Everything else is read exactly; nothing is silently wrong; the validator finds no error.
    check = recovery(LAND_2020, result.report, result.log)
    assert not check.wrong and not check.unmarked
    assert set(check.marked) == {f"{OTHER_HANDLING}/{c}" for c in LAND_2020["table3"]["results"]["other_handling"]}
    assert not VALIDATOR.validate(result.report).errors


def test_a_2021_report_with_the_2019_procurement_sub_table_is_reported_clearly() -> None:
    text = txt(CITY_2022)
    at = text.index("三、收到和处理政府信息公开申请情况")
    extra = "\n".join(["第二十条第（九）项", T.join(["信息内容", "采购项目数量", "采购总金额"]),
                       T.join(["政府集中采购", "14", "251000元"]), "", ""])
    result = parse(text[:at] + extra + text[at:])
    assert result.report["edition"] == "2021"
    assert tables(result.report) == tables(CITY_2022)
    (mixed,) = [e for e in result.entries("warning") if e.pointer == "/edition"]
    assert "政府集中采购" in mixed.message_en and "采购总金额" in mixed.message_en
    (row,) = [e for e in result.entries("warning") if e.pointer is None and "政府集中采购" in e.message_en]
    assert row.value == [14, "251000元"] and "2019" in row.message_en and "251000元" in row.message_zh


def test_a_report_year_the_edition_does_not_cover_is_logged() -> None:
    result = parse(REPORT.replace("某县自然资源局2020年", "某县自然资源局2022年"))
    assert result.report["edition"] == "2019" and result.report["report_year"] == 2022
    (entry,) = [e for e in result.entries("warning") if e.pointer == "/edition"]
    assert "2022" in entry.message_en and "2021 edition applies" in entry.message_en
    assert tables(result.report) == tables(expected_report())


def test_too_few_labels_to_tell_the_editions_apart_the_year_decides() -> None:
    rows = [Block("row", ("（一）予以公开", "1", "0", "0", "0", "0", "0", "1"), "line 3")]
    found = detect([Block("text", ("某局2020年政府信息公开工作年度报告",), "line 1"), *rows], "x.txt")
    assert found.edition == "2019"
    (entry,) = found.log
    assert entry.kind == "inferred" and entry.pointer == "/edition" and "2020" in entry.message_en
    assert detect([Block("text", ("某局2023年政府信息公开工作年度报告",), "line 1"), *rows], "x.txt").edition == "2021"
    assert detect(rows, "x.txt").edition == "2021"  # no year either: the newest edition
