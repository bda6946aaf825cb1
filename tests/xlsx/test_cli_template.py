"""``zfxxgk template`` and ``zfxxgk render --to xlsx`` from the command line."""

from __future__ import annotations

import json
import random
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from zfxxgk.cli import app
from zfxxgk.importer import parse_path
from zfxxgk.testing import random_report
from zfxxgk.xlsx.positions import CHECKS_SHEET, workbook_layout

runner = CliRunner()


def test_template_writes_the_workbook_of_each_edition(tmp_path: Path) -> None:
    for edition in ("2021", "2019"):
        target = tmp_path / f"t{edition}.xlsx"
        out = runner.invoke(app, ["template", "--edition", edition, "-o", str(target)])
        assert out.exit_code == 0, out.output
        wb = openpyxl.load_workbook(target)
        assert wb.sheetnames == ["基本信息", *(t.name for t in workbook_layout(edition).tables), CHECKS_SHEET]
    out = runner.invoke(app, ["template", "-o", str(tmp_path / "default.xlsx")])
    assert out.exit_code == 0 and "2021" in out.output


def test_template_refuses_an_unknown_edition_and_an_unwritable_place(tmp_path: Path) -> None:
    out = runner.invoke(app, ["template", "--edition", "2020", "-o", str(tmp_path / "x.xlsx")])
    assert out.exit_code == 2 and "2020" in out.output and not (tmp_path / "x.xlsx").exists()
    out = runner.invoke(app, ["template", "-o", str(tmp_path / "missing" / "x.xlsx")])
    assert out.exit_code == 2 and "Traceback" not in out.output


def test_render_to_xlsx_round_trips_through_parse(tmp_path: Path) -> None:
    report = random_report(random.Random(8), "2019")
    source = tmp_path / "r.json"
    source.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(app, ["render", str(source), "--to", "xlsx"]).exit_code == 2  # needs -o
    target = tmp_path / "r.xlsx"
    out = runner.invoke(app, ["render", str(source), "--to", "xlsx", "-o", str(target)])
    assert out.exit_code == 0, out.output
    assert parse_path(target).report == report
    out = runner.invoke(app, ["parse", str(target), "-o", str(tmp_path / "out")])
    assert out.exit_code == 0 and json.loads((tmp_path / "out" / "r.json").read_text(encoding="utf-8")) == report


def test_a_text_no_workbook_can_hold_is_a_clear_error(tmp_path: Path) -> None:
    report = random_report(random.Random(9))
    report["other_matters"] = "本年度\x0b未收取信息处理费。"  # a vertical tab: valid JSON, illegal in a workbook
    source = tmp_path / "r.json"
    source.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    out = runner.invoke(app, ["render", str(source), "--to", "xlsx", "-o", str(tmp_path / "r.xlsx")])
    assert out.exit_code == 2 and "/other_matters" in out.output and "Traceback" not in out.output
