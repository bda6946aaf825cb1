"""The dataset folder: Parquet part files per table, what is in it already, and its descriptor.

    DATASET/reports/part-*.parquet   cells/…  findings/…  parse_log/…  documents/…
    DATASET/findings/corpus.parquet  the findings across the corpus (rewritten by every build)
    DATASET/datapackage.json         DATASET/build.json (what the last build did)

A build writes a new part of every table for each batch of documents, so memory stays flat and an
interrupted build keeps what it finished. Documents are keyed by their content hash: a rerun skips
those it has, and a source whose content changed has its old rows removed first.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from zfxxgk.export.datapackage import descriptor
from zfxxgk.export.records import Record
from zfxxgk.export.tables import SCHEMAS, TABLES, build, finding_row

DOCUMENTS = pa.schema([("report_id", pa.string()), ("document", pa.string())])
CORPUS_PART = "corpus.parquet"  # the part of findings that the corpus checks write


@dataclass
class Known:
    """What the dataset holds: content hash -> report ids, and each source's content hash."""

    hashes: dict[str, list[str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def table_schema(name: str) -> pa.Schema:
    return DOCUMENTS if name == "documents" else SCHEMAS[name]


def parts(dataset: Path, name: str) -> list[Path]:
    return sorted((dataset / name).glob("*.parquet"))


def read(dataset: Path, name: str, columns: list[str] | None = None) -> pa.Table:
    """A whole table of the dataset (every part), or the given columns of it."""
    files = parts(dataset, name)
    schema = table_schema(name)
    if not files:
        return schema.empty_table().select(columns) if columns else schema.empty_table()
    return pa.concat_tables([pq.read_table(f, columns=columns, schema=schema) for f in files])


def documents(dataset: Path) -> Iterator[tuple[str, str]]:
    """(report id, the report as JSON text) of every report, part by part: memory stays flat."""
    for part in parts(dataset, "documents"):
        table = pq.read_table(part, schema=DOCUMENTS)
        yield from zip(table.column("report_id").to_pylist(), table.column("document").to_pylist())


def known(dataset: Path) -> Known:
    out = Known()
    table = read(dataset, "reports", ["report_id", "source", "content_hash"])
    for report_id, source, digest in zip(*(table.column(c).to_pylist() for c in table.column_names)):
        out.hashes.setdefault(digest, []).append(report_id)
        out.sources[source] = digest
    return out


def write_batch(dataset: Path, records: list[Record]) -> None:
    """One new part of every table, for ``records``; each written whole then renamed into place."""
    tables = build(records)
    tables["documents"] = pa.Table.from_pylist(
        [{"report_id": r.report_id, "document": orjson.dumps(r.report).decode()} for r in records if r.report],
        schema=DOCUMENTS)
    stem = f"part-{uuid.uuid4().hex[:12]}"
    # reports last: a part counts as done once its reports are there (``known`` reads reports).
    for name in (*[t for t in TABLES if t != "reports"], "documents", "reports"):
        _write(dataset / name / f"{stem}.parquet", tables[name])


def _write(path: Path, table: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    pq.write_table(table, partial, compression="zstd")
    os.replace(partial, path)


def drop_reports(dataset: Path, report_ids: Iterable[str]) -> int:
    """Remove every row of the given reports from every table (a source whose content changed)."""
    gone = pa.array(sorted(set(report_ids)), pa.string())
    if not len(gone):
        return 0
    for name in (*TABLES, "documents"):
        for part in parts(dataset, name):
            table = pq.read_table(part, schema=table_schema(name))
            keep = pc.invert(pc.is_in(table.column("report_id"), value_set=gone))
            if pc.all(keep).as_py():
                continue
            _write(part, table.filter(keep))
    return len(gone)


def write_corpus_findings(dataset: Path, rows: list[dict[str, Any]]) -> None:
    table = [finding_row(row["report_id"], row) for row in rows]
    _write(dataset / "findings" / CORPUS_PART, pa.Table.from_pylist(table, schema=SCHEMAS["findings"]))


def write_descriptor(dataset: Path) -> None:
    """``datapackage.json`` for the Parquet parts (each table's path lists its part files)."""
    package = descriptor("parquet")
    package["resources"].append({
        "name": "documents", "path": "documents/", "format": "parquet", "profile": "tabular-data-resource",
        "mediatype": "application/vnd.apache.parquet",
        "schema": {"fields": [
            {"name": "report_id", "type": "string", "title": "报告标识", "description": "The report's id in reports."},
            {"name": "document", "type": "object", "title": "报告 JSON",
             "description": "The report as a standard instance (JSON text): what the checks across years read."}],
            "primaryKey": "report_id",
            "foreignKeys": [{"fields": "report_id", "reference": {"resource": "reports", "fields": "report_id"}}]}})
    for resource in package["resources"]:
        name = resource["name"].replace("-", "_")
        files = [str(p.relative_to(dataset)) for p in parts(dataset, name)]
        resource["path"] = files or f"{name}/"  # Frictionless: several files are one resource
    (dataset / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8")


def write_log(dataset: Path, log: dict[str, Any]) -> None:
    (dataset / "build.json").write_text(json.dumps(log, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
