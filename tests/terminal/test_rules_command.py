"""`zfxxgk rules`: full names at 80 columns, lookup by code or name, JSON Lines, clean help."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from zfxxgk.catalog import catalog
from zfxxgk.cli import app

RUNNER = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.output


def test_the_list_shows_every_name_whole_at_80_columns() -> None:
    code, out = run("rules", "--lang", "en")
    assert code == 0
    for r in catalog():
        assert f"{r.code}  {r.name}  " in out, r.name  # never cut with an ellipsis
    assert "…" not in out


def test_lookup_by_code_or_by_name() -> None:
    assert "E301 table3-column-balance" in run("rules", "e301")[1]
    code, out = run("rules", "table3-column-balance")
    assert code == 0 and "E301 table3-column-balance" in out and "docs/rules/E301.md" in out
    code, out = run("rules", "blank-cell")  # a name two rules share: both are explained
    assert code == 0 and "W106 blank-cell" in out and "P201 blank-cell" in out
    code, out = run("rules", "carry-over")  # part of a name
    assert code == 0 and "X301 carry-over-continuity" in out


def test_an_unknown_rule_says_so_and_exits_2() -> None:
    code, out = run("rules", "no-such-rule", "--lang", "en")
    assert code == 2 and "no rule has the code or name 'no-such-rule'" in out


def test_jsonl_is_one_rule_a_line_and_json_one_document() -> None:
    code, out = run("rules", "--format", "jsonl")
    lines = out.splitlines()
    assert code == 0 and [json.loads(line)["code"] for line in lines] == [r.code for r in catalog()]
    assert json.loads(run("rules", "--format", "json")[1])[0]["code"] == "S001"
    assert json.loads(run("rules", "E301", "--format", "json")[1])["code"] == "E301"
    assert [json.loads(line)["code"] for line in run("rules", "blank-cell", "--format", "jsonl")[1].splitlines()] == [
        "W106", "P201"]


def test_help_shows_no_type_for_flags() -> None:
    for args in (["--help"], ["validate", "--help"], ["rules", "--help"]):
        out = run(*args)[1]
        assert "<bool>" not in out and "--help" in out, args
