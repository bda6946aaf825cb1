"""Writing the dataset's tables as CSV or Parquet files, with their ``datapackage.json``."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pyarrow as pa

from zfxxgk.export.datapackage import descriptor

FORMATS = ("csv", "parquet")


def write_tables(tables: dict[str, pa.Table], folder: Path, fmt: str) -> list[Path]:
    """Each table as ``folder/NAME.fmt`` and the descriptor as ``folder/datapackage.json``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: csv or parquet")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = folder / f"{name}.{fmt}"
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, path, compression="zstd")
        else:
            import pyarrow.csv as pcsv

            pcsv.write_csv(_flat(table), path)
        written.append(path)
    package = folder / "datapackage.json"
    package.write_text(json.dumps(descriptor(fmt), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*written, package]


def _flat(table: pa.Table) -> pa.Table:
    """A list column written as a JSON array in one CSV cell (the Frictionless "array" type); an
    exact decimal as written in the report ("12.5", "3"), not padded to the column's scale."""
    for index, field in enumerate(table.schema):
        if pa.types.is_list(field.type):
            values = [None if v is None else orjson.dumps(v).decode() for v in table.column(index).to_pylist()]
        elif pa.types.is_decimal(field.type):
            values = [None if v is None else format(v.normalize(), "f") for v in table.column(index).to_pylist()]
        else:
            continue
        table = table.set_column(index, pa.field(field.name, pa.string()), pa.array(values, pa.string()))
    return table
