"""``zfxxgk export REPORTS... --to csv|parquet -o DIR``: a few reports as the dataset's tables."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


class TableFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"


def export(
    reports: Annotated[list[Path], typer.Argument(
        help="Reports: JSON / JSON Lines / YAML instances or published documents (PDF, Word, HTML, text …), "
             "or directories of them.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the tables and datapackage.json to.")],
    to: Annotated[TableFormat, typer.Option("--to", help="File format of the tables.")] = TableFormat.csv,
    force: Annotated[bool, typer.Option("--force", help="Write into a folder that holds files already.")] = False,
) -> None:
    """Write reports as data tables (reports, cells, findings, parse_log) with a Frictionless
    datapackage.json. 将报告导出为数据表（CSV 或 Parquet）及数据包描述。"""
    console, errors = Console(), Console(stderr=True)
    try:
        from zfxxgk.export.records import expand, records_of_path
        from zfxxgk.export.tables import build
        from zfxxgk.export.write import write_tables
    except ImportError:
        errors.print("export needs pyarrow: pip install 'zfxxgk[corpus]' (导出需要 pyarrow)", style="bold red")
        raise typer.Exit(2) from None
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not force)):
        errors.print(f"{output}: exists and is not an empty folder; use --force to write into it "
                     f"（{output} 已存在且不是空目录；可用 --force 写入）", style="bold red")
        raise typer.Exit(2)
    sources = expand(reports)
    records = list(sources.unusable)
    for path in sources.files:
        records += records_of_path(path)
    written = write_tables(build(records), output, to.value)
    counts = {status: sum(r.status == status for r in records) for status in ("valid", "invalid", "unusable")}
    console.print(f"{len(records)} report(s): {counts['valid']} valid, {counts['invalid']} invalid, "
                  f"{counts['unusable']} unusable → {output} ({', '.join(p.name for p in written)})")
    for path in sources.skipped:
        console.print(f"skipped (not a report file 非报告文件): {path}")
