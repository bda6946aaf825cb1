"""The render() entry point: every format for every valid example, values printed exactly, errors."""

from __future__ import annotations

import copy
import subprocess
import sys
from decimal import Decimal

import pytest

from tests.conftest import VALID, load
from tests.render.support import SECTION_HEADINGS, distinct_report
from zfxxgk.render import FORMATS, RenderError, render


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_every_example_renders_in_every_format(path, fmt: str) -> None:
    report = load(path)
    out = render(report, fmt)
    title = f"{report['agency_name']}{report['report_year']}年政府信息公开工作年度报告"
    if fmt in ("docx", "xlsx"):
        assert isinstance(out, bytes) and out.startswith(b"PK")  # a zip package
        return
    assert isinstance(out, str)
    assert title in out
    positions = [out.index(h) for h in SECTION_HEADINGS]
    assert positions == sorted(positions), "sections out of the official order"
    assert out.index(title) < positions[0]


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_fee_is_printed_exactly(fmt: str) -> None:
    report = distinct_report()
    report["table2"]["article20_item8"]["fees"]["amount"] = "24252.3110"  # trailing zero kept
    assert "24252.3110" in render(report, fmt)


def test_decimal_fee_is_printed_without_float() -> None:
    report = distinct_report()
    report["table2"]["article20_item8"]["fees"]["amount"] = Decimal("0.30")
    assert ">0.30<" in render(report, "html")


def test_float_fee_is_refused() -> None:
    report = distinct_report()
    report["table2"]["article20_item8"]["fees"]["amount"] = 0.1 + 0.2
    with pytest.raises(RenderError, match="article20_item8"):
        render(report, "txt")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(distinct_report(), "pdf")


def test_unknown_edition() -> None:
    report = distinct_report()
    report["edition"] = "1999"
    with pytest.raises(RenderError, match="1999"):
        render(report, "html")


def test_missing_cell_is_an_error_not_a_blank() -> None:
    report = copy.deepcopy(distinct_report())
    del report["table3"]["results"]["withheld"]["state_secret"]["total"]
    with pytest.raises(RenderError, match="/table3/results/withheld/state_secret/total"):
        render(report, "md")


def test_sample_renders_its_real_values() -> None:
    report = load(VALID[0])
    text = render(report, "txt")
    assert "行政规范性文件\t2\t0\t4" in text


def test_html_rendering_does_not_import_python_docx() -> None:
    code = ("import sys, json; from zfxxgk.render import render;"
            f"render(json.load(open({str(VALID[0])!r}, encoding='utf-8')), 'html');"
            "sys.exit(1 if 'docx' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
