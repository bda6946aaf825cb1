"""``zfxxgk corpus build | query | summary`` on a small local Dask cluster (one worker, threads of
this process, so the tests stay quick)."""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from typer.testing import CliRunner  # noqa: E402

from zfxxgk.cli import app  # noqa: E402
from zfxxgk.corpus import work  # noqa: E402
from zfxxgk.corpus.query import query  # noqa: E402
from zfxxgk.resources import rules_catalog  # noqa: E402
from zfxxgk.testing import random_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RUNNER = CliRunner()
SMALL = ["--in-process", "--workers", "1"]


def build(sources: Path, out: Path) -> str:
    result = RUNNER.invoke(app, ["corpus", "build", str(sources), "-o", str(out), *SMALL])
    assert result.exit_code == 0, result.output
    return result.output


def rows(dataset: Path, sql: str) -> list[tuple]:
    return query(dataset, sql)[1]


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sources")
    shutil.copy(EXAMPLES / "invalid" / "X301-carry-over-broken.json", folder / "city-2022.json")
    shutil.copy(EXAMPLES / "invalid" / "X301-carry-over-broken.previous.json", folder / "city-2021.json")
    shutil.copy(ROOT / "tests" / "data" / "jiyuan-sfj-2021.txt", folder / "jiyuan-2021.txt")
    copied = random_report(random.Random(1))  # a report with many different numbers
    (folder / "original.json").write_text(json.dumps(copied, ensure_ascii=False), encoding="utf-8")
    copied["agency_name"], copied["agency_uscc"] = "某县司法局", None  # another agency printing the same tables
    (folder / "nested").mkdir()
    (folder / "nested" / "copy.json").write_text(json.dumps(copied, ensure_ascii=False), encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "readme.csv").write_text("a,b\n", encoding="utf-8")  # another kind of file: listed as skipped
    return folder


@pytest.fixture(scope="module")
def dataset(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset") / "out"
    build(sources, out)
    return out


def test_every_document_is_accounted_for(dataset: Path) -> None:
    # Each document on its own (the cross-year findings are the corpus's: see the findings table).
    assert rows(dataset, "select status, count(*) from reports group by 1 order by 1") == [
        ("unusable", 1), ("valid", 5)]
    (reason,) = rows(dataset, "select unusable_reason_en from reports where status = 'unusable'")[0]
    assert "broken.json" in reason
    log = json.loads((dataset / "build.json").read_text(encoding="utf-8"))
    assert log["other_files_skipped"] and log["other_files_skipped"][0].endswith("readme.csv")


def test_query_from_the_issue(dataset: Path) -> None:
    result = RUNNER.invoke(app, ["corpus", "query", str(dataset), "select edition, count(*) from reports group by 1",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "edition,count_star()"
    assert "2021,5" in result.output.splitlines()


def test_reports_are_paired_across_years_and_checked(dataset: Path) -> None:
    found = rows(dataset, "select f.code, r.source, p.source from findings f join reports r using (report_id) "
                          "join reports p on p.report_id = f.related_report_id where f.code = 'X301'")
    assert found and all(now.endswith("city-2022.json") and before.endswith("city-2021.json")
                         for _, now, before in found)


def test_copied_tables_are_flagged_on_both_reports(dataset: Path) -> None:
    flagged = rows(dataset, "select distinct r.source from findings f join reports r using (report_id) "
                            "where f.code = 'X401' order by 1")
    assert [Path(source).name for (source,) in flagged] == ["copy.json", "original.json"]
    catalog = {r["code"]: r for r in rules_catalog()["rules"]}
    assert catalog["X401"]["source"] == "corpus" and catalog["X402"]["source"] == "corpus"


def test_rerun_reads_only_new_or_changed_documents(sources: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    shutil.copytree(sources, folder)
    out = tmp_path / "out"
    build(folder, out)
    assert "0 already in the dataset" in build(folder, tmp_path / "other")
    again = build(folder, out)
    assert "6 already in the dataset" in again and "documents read: 0 valid" in again
    report = json.loads((folder / "city-2022.json").read_text(encoding="utf-8"))
    report["agency_name"] = "某市自然资源局"
    (folder / "city-2022.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    changed = build(folder, out)
    assert "1 changed report(s) replaced" in changed
    assert rows(out, "select agency_name from reports where source like '%city-2022.json'") == [("某市自然资源局",)]
    assert rows(out, "select count(*) from reports") == [(6,)]


def test_a_document_over_the_time_limit_is_unusable_with_the_reason(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    slow = tmp_path / "slow.json"
    slow.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(work, "records_of_path", lambda path: time.sleep(1.5) or [])
    (record,) = work.process(str(slow), 0.2)
    assert record.status == "unusable" and record.timed_out
    assert "time limit of 0.2 s" in (record.reason_en or "") and record.reason_zh


def test_summary_in_the_terminal_and_as_a_page_that_fetches_nothing(dataset: Path, tmp_path: Path) -> None:
    page = tmp_path / "summary.html"
    result = RUNNER.invoke(app, ["corpus", "summary", str(dataset), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "X301" in result.output and "某市自然资源和规划局" in result.output
    text = page.read_text(encoding="utf-8")
    assert "<svg" in text and "X301" in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text


def test_a_folder_that_is_not_a_dataset_is_a_clear_error(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["corpus", "query", str(tmp_path), "select 1"])
    assert result.exit_code == 2
    assert "not a dataset" in result.output


def test_a_bad_query_is_a_clear_error(dataset: Path) -> None:
    result = RUNNER.invoke(app, ["corpus", "query", str(dataset), "select nope from reports"])
    assert result.exit_code == 2
    assert "query failed" in result.output


def test_the_worked_queries_of_the_docs_run(dataset: Path) -> None:
    import re

    text = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?)```", text, re.S)
    assert block is not None
    queries = [q.strip() for q in block.group(1).split(";\n") if q.strip()]
    assert len(queries) >= 6
    for sql in queries:
        query(dataset, sql.rstrip(";"))  # a query that no longer fits the tables raises
    assert query(dataset, queries[1].rstrip(";"))[1]  # applications per year: one row per year at least


def test_build_on_a_running_scheduler(sources: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        pair = [str(sources / "city-2021.json"), str(sources / "city-2022.json")]
        result = RUNNER.invoke(app, ["corpus", "build", *pair, "-o", str(tmp_path / "out"),
                                     "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert rows(tmp_path / "out", "select count(*) from findings where code = 'X301'")[0][0] > 0
