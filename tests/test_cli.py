"""The command line: exit codes, formats, batches, bad input, the rule catalog."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, INVALID, VALID, expected_codes
from zfxxgk.cli import app

RUNNER = CliRunner()
SAMPLE = EXAMPLES / "valid" / "jiyuan-sfj-2021.json"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_sample_report_passes() -> None:
    code, out = run("validate", str(SAMPLE), "--lang", "en")
    assert code == 0
    assert "0 errors, 6 warnings" in out


def test_strict_makes_warnings_fail() -> None:
    assert run("validate", str(SAMPLE), "--strict")[0] == 1


@pytest.mark.parametrize("path", [p for p in INVALID if not p.name.endswith(".previous.json")], ids=lambda p: p.name)
def test_invalid_examples_through_the_cli(path: Path) -> None:
    args = ["validate", str(path), "--format", "json", "--strict"]
    previous = path.with_name(path.name.replace(".json", ".previous.json"))
    if previous.exists():
        args += ["--previous", str(previous)]
    code, out = run(*args)
    assert code == 1
    data = json.loads(out)
    assert {f["code"] for f in data["results"][0]["findings"]} == expected_codes(path)


def test_valid_examples_through_the_cli() -> None:
    reports = [str(p) for p in VALID if not p.name.endswith(".previous.json") and not p.name.startswith("jiyuan")]
    code, out = run("validate", *reports, "--format", "jsonl", "--strict")
    assert code == 0
    assert [json.loads(line)["valid"] for line in out.splitlines()] == [True] * len(reports)


def test_text_output_marks_the_bad_cells_in_the_table() -> None:
    code, out = run("validate", str(EXAMPLES / "invalid" / "E401-table4-block-total-wrong.json"), "--lang", "zh")
    assert code == 1
    assert "E401" in out and "四、政府信息公开行政复议、行政诉讼情况" in out
    assert "3✗" in out  # litigation_direct/upheld raised to 3, marked


def test_jsonl_batch_with_a_bad_line_goes_on(tmp_path: Path) -> None:
    good = SAMPLE.read_text(encoding="utf-8")
    stream = tmp_path / "batch.jsonl"
    stream.write_text(json.dumps(json.loads(good), ensure_ascii=False) + "\n{broken\n\n" +
                      json.dumps(json.loads(good), ensure_ascii=False) + "\n", encoding="utf-8")
    code, out = run("validate", str(stream), "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in lines] == [f"{stream}:1", f"{stream}:2", f"{stream}:4"]
    assert lines[1]["findings"][0]["code"] == "S001"
    assert "line 2" in lines[1]["findings"][0]["message_en"]
    assert code == 2


@pytest.mark.parametrize("output", ["jsonl", "json", "text"])
def test_a_count_beyond_every_json_reader_is_reported_and_the_batch_goes_on(tmp_path: Path, output: str) -> None:
    report = json.loads(SAMPLE.read_text(encoding="utf-8"))
    huge = dict(report, table3=dict(report["table3"], new_requests=dict(report["table3"]["new_requests"], other=2**64)))
    stream = tmp_path / "batch.jsonl"
    stream.write_text(json.dumps(huge, ensure_ascii=False) + "\n" + json.dumps(report, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    code, out = run("validate", str(stream), "--format", output, "--lang", "en")
    assert code == 1
    assert "S002" in out and "18446744073709551616" in out
    assert f"{stream}:2" in out


def test_directory_with_a_broken_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "b.json").write_text('{"schema_version": "1.0.0", ', encoding="utf-8")
    (tmp_path / "notes.pptx").write_bytes(b"x")
    code, out = run("validate", str(tmp_path), "--lang", "en")
    assert code == 2
    assert "b.json" in out and "malformed JSON" in out and "line 1 column" in out
    assert "reports: 2" in out and "skipped (not a report format)" in out and "notes.pptx" in out


def test_gb18030_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    code, out = run("validate", str(path), "--lang", "en")
    assert code == 0, out


def test_utf8_bom_and_yaml(tmp_path: Path) -> None:
    import yaml

    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    as_yaml = tmp_path / "report.yaml"
    as_yaml.write_text(yaml.safe_dump(json.loads(SAMPLE.read_text(encoding="utf-8")), allow_unicode=True), encoding="utf-8")
    assert run("validate", str(bom), str(as_yaml))[0] == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty input"),
    (b'{"schema_version": "1.0.0", "edition": "2021"', "malformed JSON"),
    (bytes(range(256)), "not text"),
    (b"\x00\x01\x02", "malformed JSON"),
])
def test_unusable_files_get_a_clear_message_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out = run("validate", str(path), "--lang", "en")
    assert code == 2
    assert message in out and "bad.json" in out


def test_stdin() -> None:
    assert run("validate", "-", stdin=SAMPLE.read_bytes())[0] == 0
    code, out = run("validate", "-", "--lang", "en", stdin=b"")
    assert code == 2 and "<stdin>" in out


def test_previous_year_carry_over_through_the_cli() -> None:
    current = EXAMPLES / "valid" / "land-bureau-lawsuits-2022.json"
    previous = EXAMPLES / "valid" / "land-bureau-lawsuits-2022.previous.json"
    assert run("validate", str(current), "--previous", str(previous), "--strict")[0] == 0
    broken = EXAMPLES / "invalid" / "X301-carry-over-broken.json"
    code, out = run("validate", str(broken), "--previous", str(previous), "--lang", "en")
    assert code == 1 and "X301" in out


def test_missing_file_and_usage_errors() -> None:
    code, out = run("validate", "does/not/exist.json", "--lang", "en")
    assert code == 2 and "does/not/exist.json: no such file" in out
    assert run("validate", str(SAMPLE), "--format", "xml")[0] == 2
    assert run("validate")[0] == 2


def test_rules_catalog_and_explain() -> None:
    code, out = run("rules", "--lang", "en")
    assert code == 0 and "E301" in out and "W106" in out
    code, out = run("rules", "e301")
    assert code == 0 and "第一项加第二项之和" in out and "edition 2021: 7 instances" in out and "edition 2019: 7 instances" in out and "docs/rules/E301.md" in out
    assert run("rules", "Z999")[0] == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".json", ".jsonl", ".yaml"]))
def test_random_bytes_never_give_a_traceback(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    code, out = run("validate", str(path), "--lang", "en")
    assert code in (1, 2)
    assert "Traceback" not in out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(SAMPLE.read_bytes()) - 2))
def test_truncated_json_is_a_clear_error(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.json"
    path.write_bytes(SAMPLE.read_bytes()[:cut])
    code, out = run("validate", str(path), "--lang", "en")
    assert code == 2
    assert "cut.json" in out and ("malformed JSON" in out or "empty input" in out or "not text" in out)


def test_installed_command_runs_as_a_process() -> None:
    result = subprocess.run([sys.executable, "-m", "zfxxgk.cli", "validate", str(SAMPLE), "--lang", "en"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 errors, 6 warnings" in result.stdout
