"""The real sample report parses to exactly the hand-checked instance, and its log lists each repair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zfxxgk.importer import ParseResult, parse_bytes, parse_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "jiyuan-sfj-2021.txt"
EXPECTED = ROOT / "examples" / "valid" / "jiyuan-sfj-2021.json"

# Rows of table 3 that print eight numbers for seven columns (the flattened 法人或其他组织 header).
EIGHT_NUMBER_ROWS = [
    "/table3/results/partially_granted",
    *[f"/table3/results/withheld/{r}" for r in ("prohibited_by_law", "security_stability", "third_party_rights",
                                                 "internal_affairs", "process_information", "enforcement_files",
                                                 "inquiry_matters")],
    *[f"/table3/results/unavailable/{r}" for r in ("not_held", "needs_creation", "unclear_after_correction")],
    *[f"/table3/results/not_processed/{r}" for r in ("petition_or_complaint", "repeated_request",
                                                      "publication_request", "mass_repeated_requests",
                                                      "confirmation_request")],
    *[f"/table3/results/other_handling/{r}" for r in ("correction_overdue", "fee_unpaid", "other")],
    "/table3/results/total",
    "/table3/carried_forward",
]


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return parse_path(SAMPLE)


def test_sample_parses_to_the_hand_checked_instance(result: ParseResult) -> None:
    assert result.report == json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert result.format == "txt"
    assert result.encoding == "utf-8"
    assert not result.ambiguous


def test_keys_follow_the_order_of_a_hand_written_instance(result: ParseResult) -> None:
    assert list(result.report) == list(json.loads(EXPECTED.read_text(encoding="utf-8")))


def test_every_eight_number_row_is_logged_as_a_repair_with_its_raw_text(result: ParseResult) -> None:
    repairs = {e.pointer: e for e in result.entries("repair")}
    assert set(EIGHT_NUMBER_ROWS) <= set(repairs)
    total = repairs["/table3/results/total"]
    assert total.raw.split("\t").count("1") == 2 and total.where == "line 71"
    assert total.value == [1, 0, 0, 0, 0, 0, 1]
    assert "8 numbers printed for 7 columns" in total.message_en


def test_the_granted_row_prints_only_its_total(result: ParseResult) -> None:
    blanks = {e.pointer for e in result.entries("blank")}
    parts = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_organization",
             "legal_service_agency", "other"]
    assert {f"/table3/results/granted/{p}" for p in parts} == blanks
    assert result.report["table3"]["results"]["granted"]["total"] == 1


def test_agency_name_is_inferred_from_the_text(result: ParseResult) -> None:
    (entry,) = [e for e in result.entries("inferred") if e.pointer == "/agency_name"]
    assert entry.value == "济源示范区司法局"
    assert "《济源示范区司法局" in entry.raw and entry.where == "line 11"


def test_label_variants_are_logged(result: ParseResult) -> None:
    variants = {e.raw: e.value for e in result.entries("label_variant")}
    assert variants["社会组织"] == "社会公益组织"
    assert variants["2.其他法律法规禁止公开"] == "2.其他法律行政法规禁止公开"


def test_an_inner_heading_resembling_section_two_stays_in_the_overview(result: ParseResult) -> None:
    """The sample's overview has a sub-heading 二、主动公开政务信息情况 (政务, not 政府): its text
    belongs to 一、总体情况, and nothing of it is dropped."""
    assert "二、主动公开政务信息情况" in result.report["overview"]
    assert result.report["overview"].endswith("2021年共收到网民留言2条，我局按照要求经领导审批后3日内予以回应。")
    assert not [e for e in result.entries("warning") if "not kept" in e.message_en]


def test_text_dropped_from_a_table_section_is_reported() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "## 二、主动公开政府信息情况\n", "## 二、主动公开政府信息情况\n\n本表数据截至12月31日。\n", 1)
    again = parse_bytes(text.encode("utf-8"), "sample.txt")
    warnings = [e for e in again.entries("warning") if "not kept" in e.message_en]
    assert len(warnings) == 1 and warnings[0].raw == "本表数据截至12月31日。"


def test_log_is_json_serialisable(result: ParseResult) -> None:
    log = json.loads(json.dumps(result.to_log_dict(), ensure_ascii=False))
    assert log["source"].endswith("jiyuan-sfj-2021.txt") and log["ambiguous"] is False
    assert log["counts"]["repair"] == len(result.entries("repair"))
    assert {"kind", "pointer", "raw", "where", "message_en", "message_zh", "value", "candidates"} <= set(log["entries"][0])


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_other_encodings_give_the_same_instance(encoding: str, result: ParseResult) -> None:
    data = SAMPLE.read_text(encoding="utf-8").encode(encoding)
    again = parse_bytes(data, "sample.txt")
    assert again.report == result.report
    assert again.encoding == encoding


def test_content_sniffing_without_an_extension() -> None:
    assert parse_bytes(SAMPLE.read_bytes(), "<stdin>").format == "txt"
