"""Progress totals: one per file, one per non-blank line of JSON Lines, unknown for standard input."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from zfxxgk.cli import app
from zfxxgk.progress import expected_results, json_lines_count

SAMPLE = (EXAMPLES / "valid" / "large-city-government-2022.json").read_text(encoding="utf-8").replace("\n", " ")


def test_json_lines_are_counted_as_the_loader_reads_them(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text(f"{SAMPLE}\n\n   \n{SAMPLE}\n{SAMPLE}", encoding="utf-8")  # blank lines; no final newline
    assert json_lines_count(batch) == 3
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b"")
    assert json_lines_count(empty) == 1  # one result: the empty input's S001


def test_folders_count_the_files_a_batch_reads_and_not_those_it_skips(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.json").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text(f"{SAMPLE}\n{SAMPLE}\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert expected_results([str(tmp_path)]) == 3
    assert expected_results([str(tmp_path / "a.json"), str(tmp_path)]) == 4
    assert expected_results(["-"]) is None


def test_the_count_matches_the_results_of_a_batch(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(f"{SAMPLE}\n\n{SAMPLE}\nnot json\n", encoding="utf-8")
    (tmp_path / "c.json").write_text(SAMPLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--format", "jsonl"])
    assert len(result.stdout.splitlines()) == expected_results([str(tmp_path)]) == 4


def test_no_progress_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(f"{SAMPLE}\n{SAMPLE}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "b.jsonl"), "--format", "jsonl"])
    assert result.stderr == ""
