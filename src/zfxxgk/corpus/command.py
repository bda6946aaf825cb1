"""``zfxxgk corpus build | query | summary``: the corpus commands, a Typer sub-app of ``zfxxgk``."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="A corpus of reports as a dataset: build it on Dask, query it with DuckDB, summarise it. "
                  "报告语料数据集：构建、查询、概览。", no_args_is_help=True)
HINT = "the corpus commands need pyarrow, duckdb and dask: pip install 'zfxxgk[corpus]' (需要安装 zfxxgk[corpus])"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _needs(errors: Console) -> None:
    try:
        import distributed  # noqa: F401
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        errors.print(HINT, style="bold red")
        raise typer.Exit(2) from None


@app.command("build")
def build_command(
    sources: Annotated[list[Path], typer.Argument(help="Files and folders of reports (any form zfxxgk reads).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The dataset folder (created; a rerun adds to it).")],
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Local cluster: worker processes (default: one per core).")] = None,
    in_process: Annotated[bool, typer.Option(
        "--in-process", help="Local cluster: workers as threads of this process (small runs).")] = False,
    time_limit: Annotated[float, typer.Option(
        "--time-limit", min=0.1, help="Seconds one document may take before it is recorded as unusable.")] = 120.0,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per Parquet part file.")] = 500,
) -> None:
    """Read and check every document under SOURCES into a dataset, in parallel on Dask. 并行构建数据集。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console, errors = Console(), Console(stderr=True)
    _needs(errors)
    from zfxxgk.corpus.build import Options, build

    options = Options(scheduler=scheduler, workers=workers, in_process=in_process, seconds=time_limit, batch=batch)
    if output.exists() and not output.is_dir():
        errors.print(f"{output}: exists and is not a folder（不是目录）", style="bold red")
        raise typer.Exit(2)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=errors, transient=False) as bar:
        task = bar.add_task("reading 读取", total=None)
        outcome = build(sources, output, options, lambda done, total: bar.update(task, completed=done, total=total))
    d = outcome.to_dict()
    console.print(f"{d['sources']} source file(s): {d['skipped_known']} already in the dataset, "
                  f"{len(d['duplicates'])} duplicate(s), {d['dropped_changed']} changed report(s) replaced; "
                  f"documents read: {d['documents']['valid']} valid, {d['documents']['invalid']} invalid, "
                  f"{d['documents']['unusable']} unusable ({d['timed_out']} over the time limit); "
                  f"{d['corpus_findings']} finding(s) across the corpus; {d['seconds']} s on {d['workers']} worker(s) "
                  f"→ {output}", soft_wrap=True)


@app.command("query")
def query_command(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder made by zfxxgk corpus build.")],
    sql: Annotated[str, typer.Argument(help="SQL (DuckDB) over the tables reports, cells, findings, parse_log, "
                                            "documents.")],
    fmt: Annotated[QueryFormat, typer.Option("--format", help="table, csv or json (one object per row).")]
    = QueryFormat.table,
) -> None:
    """Run SQL on a dataset with DuckDB. 用 SQL 查询数据集。"""
    errors = Console(stderr=True)
    _needs(errors)
    from zfxxgk.corpus.query import DatasetError, query

    try:
        columns, rows = query(dataset, sql)
    except DatasetError as error:
        errors.print(str(error), style="bold red", markup=False)
        raise typer.Exit(2) from None
    _print(columns, rows, fmt)


def _print(columns: list[str], rows: list[tuple[Any, ...]], fmt: QueryFormat) -> None:
    if fmt is QueryFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt is QueryFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)


@app.command("summary")
def summary_command(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder made by zfxxgk corpus build.")],
    html: Annotated[Path | None, typer.Option("--html", help="Also write a static HTML page with charts.")] = None,
) -> None:
    """Reports by year, edition and status; top rules; agencies with the most findings. 数据集概览。"""
    errors = Console(stderr=True)
    _needs(errors)
    from zfxxgk.corpus.query import DatasetError
    from zfxxgk.corpus.summary import summarise, to_html

    try:
        summary = summarise(dataset)
    except DatasetError as error:
        errors.print(str(error), style="bold red", markup=False)
        raise typer.Exit(2) from None
    console = Console()
    for title, columns, rows in summary.sections:
        table = Table(*columns, title=title)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
    if html is not None:
        html.write_text(to_html(summary, f"zfxxgk 数据集概览 {dataset.name}"), encoding="utf-8")
        console.print(f"→ {html}")
