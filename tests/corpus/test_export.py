"""``zfxxgk export``: reports as the dataset's tables, with a datapackage that Frictionless accepts."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
frictionless = pytest.importorskip("frictionless")

from typer.testing import CliRunner  # noqa: E402

from zfxxgk.cli import app  # noqa: E402
from zfxxgk.export.columns import cell_columns, column_name  # noqa: E402
from zfxxgk.layout import layout  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "examples" / "valid"
RUNNER = CliRunner()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name in ("land-bureau-lawsuits-2021.json", "land-bureau-lawsuits-2020.json"):
        shutil.copy(VALID / name, folder / name)
    shutil.copy(ROOT / "examples" / "invalid" / "W106-blank-cell.json", folder / "blank.json")
    shutil.copy(ROOT / "tests" / "data" / "jiyuan-sfj-2021.txt", folder / "jiyuan.txt")
    (folder / "notes.txt").write_text("这不是年度报告。\n", encoding="utf-8")  # unusable: accounted for
    return folder


def export(inputs: Path, out: Path, fmt: str, says: str = "5 report(s): 4 valid, 0 invalid, 1 unusable") -> None:
    result = RUNNER.invoke(app, ["export", str(inputs), "--to", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert says in result.output


@pytest.fixture(scope="module")
def parquet(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("parquet")
    export(inputs, out, "parquet")
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in ("reports", "cells", "findings",
                                                                                   "parse_log")}


def by_source(rows: list[dict], name: str) -> dict:
    return next(row for row in rows if row["source"].endswith(name))


def test_csv_tables_and_datapackage_validate_with_frictionless(inputs: Path, tmp_path: Path) -> None:
    export(inputs, tmp_path, "csv")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    fee = fields[column_name("/table2/article20_item8/fees/amount")]
    assert fee["type"] == "number" and fee["unit"] == "万元"
    cell = layout("2021").by_pointer["/table3/new_requests/natural_person"]
    assert fields[column_name(cell.pointer)]["title"] == " / ".join(cell.title_path)  # the official label


def test_every_document_is_a_row_and_an_unusable_one_says_why(parquet: dict) -> None:
    reports = parquet["reports"]
    assert len(reports) == 5
    notes = by_source(reports, "notes.txt")
    assert notes["status"] == "unusable" and "no table" in notes["unusable_reason_en"]
    assert {r["status"] for r in reports if r is not notes} == {"valid"}


def test_both_editions_share_the_comparable_columns(parquet: dict) -> None:
    reports = parquet["reports"]
    old = by_source(reports, "land-bureau-lawsuits-2020.json")
    document = json.loads((VALID / "land-bureau-lawsuits-2020.json").read_text(encoding="utf-8"))
    assert old["edition"] == "2019"
    assert old["table3__new_requests__natural_person"] == document["table3"]["new_requests"]["natural_person"]
    only_2019 = [c for c in cell_columns() if c.edition == "2019"]
    assert only_2019 and all(by_source(reports, "2021.json")[c.name] is None for c in only_2019)


def test_blank_is_null_and_the_fee_is_an_exact_decimal(parquet: dict) -> None:
    reports = parquet["reports"]
    blank = by_source(reports, "blank.json")
    assert blank["table3__results__withheld__third_party_rights__commercial_enterprise"] is None
    fee = by_source(reports, "land-bureau-lawsuits-2021.json")["table2__article20_item8__fees__amount"]
    assert fee == Decimal("1523.6082")
    cells = [c for c in parquet["cells"] if c["report_id"] == blank["report_id"]]
    status = {c["pointer"]: c["status"] for c in cells}
    assert status["/table3/results/withheld/third_party_rights/commercial_enterprise"] == "blank"
    assert status["/table3/new_requests/natural_person"] == "read"


def test_findings_and_parse_log_of_a_published_report(parquet: dict) -> None:
    parsed = by_source(parquet["reports"], "jiyuan.txt")
    assert parsed["format"] == "txt" and parsed["agency_name"]
    log = [row for row in parquet["parse_log"] if row["report_id"] == parsed["report_id"]]
    assert log and all(row["code"].startswith("P") for row in log)
    blank = by_source(parquet["reports"], "blank.json")
    codes = {row["code"] for row in parquet["findings"] if row["report_id"] == blank["report_id"]}
    assert "W106" in codes
    cells = {c["status"] for c in parquet["cells"] if c["report_id"] == parsed["report_id"]}
    assert "read" in cells


def test_output_folder_with_files_is_refused_without_force(inputs: Path, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    result = RUNNER.invoke(app, ["export", str(inputs / "blank.json"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "--force" in result.output


def test_a_report_that_does_not_conform_is_a_row_with_the_cells_it_has(tmp_path: Path) -> None:
    report = json.loads((VALID / "land-bureau-lawsuits-2020.json").read_text(encoding="utf-8"))
    del report["table2"]  # S002: a table missing
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "partial.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    export(tmp_path / "in", tmp_path / "out", "parquet", "1 report(s): 0 valid, 1 invalid, 0 unusable")
    (row,) = pq.read_table(tmp_path / "out" / "reports.parquet").to_pylist()
    assert row["table3__new_requests__natural_person"] == report["table3"]["new_requests"]["natural_person"]
    assert row["table2__article20_item1__rules__issued"] is None
    cells = pq.read_table(tmp_path / "out" / "cells.parquet").to_pylist()
    assert cells and not any(c["pointer"].startswith("/table2/") for c in cells)
