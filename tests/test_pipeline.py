"""The library pipeline: the same findings as the command line for every kind of input, and clear
errors when one report is expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, INVALID, VALID
from zfxxgk.cli import app
from zfxxgk.pipeline import Pipeline, ReportError, validate_paths

DATA = Path(__file__).parent / "data"
REAL = sorted((DATA / "real").glob("*.txt"))[:3]


def _cli_results(*args: str) -> list[dict]:
    result = CliRunner().invoke(app, ["validate", *args, "--format", "jsonl"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _inputs(tmp_path: Path) -> list[str]:
    """Every kind of input: valid and invalid instances, YAML, JSON Lines, published reports of several
    forms, an unreadable file and a folder."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"edition": "2021",')
    lines = tmp_path / "batch.jsonl"
    lines.write_bytes(b"\n".join(json.dumps(json.loads(p.read_text("utf-8"))).encode() for p in VALID[:2]) + b"\nnot json\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.json").write_bytes(VALID[0].read_bytes())
    (folder / "notes.xyz").write_bytes(b"x")
    invalid = [p for p in INVALID if not p.name.endswith(".previous.json")]
    return [str(p) for p in [*VALID, *invalid, *REAL, DATA / "jiyuan-sfj-2021.txt", bad, lines, folder]]


def test_library_and_command_line_give_the_same_findings_for_every_kind_of_input(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    library = [r.to_dict() for r in Pipeline().validate(inputs)]
    assert library == _cli_results(*inputs)
    assert len(library) >= len(inputs)  # nothing dropped: the JSON Lines file gives a result per line
    codes = {f["code"] for r in library for f in r["findings"]}
    assert {"S001", "S002", "E301", "W106", "P302"} <= codes  # unreadable, invalid, broken, blank, repaired


def test_library_and_command_line_agree_with_a_previous_year_report() -> None:
    current = EXAMPLES / "invalid" / "X301-carry-over-broken.json"
    previous = EXAMPLES / "invalid" / "X301-carry-over-broken.previous.json"
    pipeline = Pipeline()
    library = [r.to_dict() for r in pipeline.validate([str(current)], pipeline.load_previous(previous))]
    assert library == _cli_results(str(current), "--previous", str(previous))
    assert "X301" in {f["code"] for f in library[0]["findings"]}


def test_a_previous_report_of_another_agency_is_not_paired() -> None:
    pipeline = Pipeline()
    previous = pipeline.load_previous(EXAMPLES / "valid" / "land-bureau-lawsuits-2020.json")
    [result] = pipeline.validate([str(EXAMPLES / "valid" / "jiyuan-sfj-2021.json")], previous)
    assert result.valid
    [mismatch] = pipeline.mismatches
    assert "same agency" in mismatch.describe("en") and "同一" not in mismatch.describe("en")
    assert "机关名称不同" in mismatch.describe("zh")


def test_validate_paths_returns_every_result_at_once() -> None:
    results = validate_paths([str(p) for p in VALID[:2]])
    assert [r.source for r in results] == [str(p) for p in VALID[:2]] and all(r.valid for r in results)


def test_validate_bytes_sniffs_what_it_is_given() -> None:
    [result] = Pipeline().validate_bytes((DATA / "jiyuan-sfj-2021.txt").read_bytes(), "upload")
    assert result.valid and {"W106", "P201"} & {f.code for f in result.findings}


@pytest.mark.parametrize(("content", "expected"), [
    (b"{", "malformed JSON"),
    (b'{"edition": "2021"}', "does not conform"),
])
def test_load_report_refuses_what_cannot_be_rendered(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    with pytest.raises(ReportError) as caught:
        Pipeline().load_report(path)
    assert expected in caught.value.describe("en")
    assert caught.value.result is not None and not caught.value.result.valid


def test_load_previous_refuses_an_invalid_report() -> None:
    with pytest.raises(ReportError) as caught:
        Pipeline().load_previous(EXAMPLES / "invalid" / "E301-column-balance-broken.json")
    assert "上年度报告本身有错误" in caught.value.describe("zh")
    assert "E301" in {f.code for f in caught.value.result.findings}
