"""Unusable input of every kind gives an InputError naming the file, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.errors import InputError
from zfxxgk.importer import UnsupportedEdition, parse_bytes, parse_path
from zfxxgk.importer.edition import SUPPORTED
from zfxxgk.render import render

ROOT = Path(__file__).resolve().parents[2]
BASE = json.loads((ROOT / "examples" / "valid" / "large-city-government-2022.json").read_text("utf-8"))

# Table 2 of a 2019-edition report (国办公开办函〔2019〕60号), as such reports print it.
REPORT_2019 = """某县人民政府2020年政府信息公开工作年度报告
一、总体情况
2020年，县政府认真贯彻落实《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t3\t3\t41
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t120\t-3\t2417
其他对外管理服务事项\t12\t0\t55
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t14\t251000元\t
"""


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\ufeff".encode()])
def test_an_empty_file(data: bytes) -> None:
    with pytest.raises(InputError, match="empty file") as error:
        parse_bytes(data, "x.txt")
    assert error.value.source == "x.txt" and "为空" in error.value.message_zh


def test_a_file_with_no_tables() -> None:
    text = "某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度未发生相关事项。\n"
    with pytest.raises(InputError, match="no table") as error:
        parse_bytes(text.encode(), "notables.txt")
    assert error.value.source == "notables.txt"
    assert "表格" in error.value.message_zh


def test_a_truncated_html_page() -> None:
    html = render(BASE, "html")
    assert isinstance(html, str)
    cut = html[: html.index("（三）不予公开")]
    with pytest.raises(InputError, match="truncated") as error:
        parse_bytes(cut.encode(), "cut.html")
    assert "四、政府信息公开行政复议、行政诉讼情况" in error.value.message_en


def test_a_page_cut_after_the_tables_still_parses() -> None:
    html = render(BASE, "html")
    assert isinstance(html, str)
    result = parse_bytes(html[: html.index("<h2>六、")].encode(), "cut.html")
    assert result.report["table4"] == BASE["table4"]
    assert any("六、其他需要报告的事项" in e.message_en for e in result.entries("warning"))


def test_a_line_numbered_with_a_misprinted_numeral_is_text() -> None:
    """"十十、" opens no section (it once stopped the parse with a ValueError): the line is text."""
    text = render(BASE, "txt").replace("一、总体情况", "十十、总体情况", 1)
    result = parse_bytes(text.encode(), "misprint.txt", "txt")
    assert result.report["agency_name"] == BASE["agency_name"]
    assert result.report["table3"] == BASE["table3"]


def test_an_edition_the_importer_does_not_read_is_refused_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every edition with a layout is read now; one that is not (as the 2019 edition was before it
    # was tested) is refused, naming the labels that gave it away.
    assert "2019" in SUPPORTED
    monkeypatch.setattr("zfxxgk.importer.edition.SUPPORTED", ("2021",))
    with pytest.raises(UnsupportedEdition) as error:
        parse_bytes(REPORT_2019.encode(), "old.txt")
    assert error.value.edition == "2019"
    assert "2019" in error.value.message_en and "本年新制作数量" in error.value.message_en
    assert error.value.where == "line 6"
    assert "2019 年版" in error.value.message_zh
    assert isinstance(error.value, InputError)


def test_pdf_or_zip_bytes_declared_as_text() -> None:
    for data in (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"PK\x03\x04\x14\x00\x06\x00"):
        with pytest.raises(InputError):
            parse_bytes(data, "report.txt", "txt")


def test_an_unknown_format() -> None:
    with pytest.raises(InputError, match="unknown format"):
        parse_bytes(b"x", "report.xyz", "xyz")


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as error:
        parse_path(tmp_path / "nope.txt")
    assert error.value.source.endswith("nope.txt")


def test_undecodable_bytes_name_the_place() -> None:
    with pytest.raises(InputError) as error:
        parse_bytes(b"\xff\xfe\x00\xd8" * 3 + b"\x00\x81", "bad.txt", "txt")
    assert error.value.source == "bad.txt"


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(["txt", "md", "html", None]))
def test_random_bytes_give_an_input_error(data: bytes, fmt: str | None) -> None:
    with pytest.raises(InputError):
        parse_bytes(data, "random.bin", fmt)


@settings(max_examples=100, deadline=None)
@given(cut=st.integers(0, 100_000), fmt=st.sampled_from(["txt", "md", "html"]))
def test_any_truncation_parses_or_gives_an_input_error(cut: int, fmt: str) -> None:
    text = render(BASE, fmt)
    assert isinstance(text, str)
    data = text[: cut % (len(text) + 1)].encode()
    try:
        result = parse_bytes(data, f"cut.{fmt}", fmt)
    except InputError:
        return
    assert result.report["table4"] is not None


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=3000), fmt=st.sampled_from(["txt", "md", "html"]))
def test_random_text_gives_an_input_error(text: str, fmt: str) -> None:
    with pytest.raises(InputError):
        parse_bytes(text.encode("utf-8"), f"random.{fmt}", fmt)
