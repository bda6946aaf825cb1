"""zfxxgk render from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES
from tests.test_cli import run

REPORT = EXAMPLES / "valid" / "land-bureau-lawsuits-2021.json"


def test_render_html_to_stdout() -> None:
    code, out = run("render", str(REPORT), "--to", "html")
    assert code == 0
    assert "<table" in out and "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in out


def test_render_docx_needs_an_output_file(tmp_path: Path) -> None:
    assert run("render", str(REPORT), "--to", "docx")[0] == 2
    target = tmp_path / "report.docx"
    assert run("render", str(REPORT), "--to", "docx", "-o", str(target))[0] == 0
    assert target.read_bytes()[:2] == b"PK"


def test_render_refuses_a_structurally_invalid_report() -> None:
    code, out = run("render", str(EXAMPLES / "invalid" / "S002-missing-table.json"), "--to", "txt", "--lang", "en")
    assert code == 2 and "table3" in out
