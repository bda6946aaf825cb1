"""The dataset's tables, as Arrow tables built from records.

- ``reports``: one row per document: who, which year and edition, its status and finding counts,
  the free-text sections, and every cell in its typed column (``columns``);
- ``cells``: one row per cell of each report (long form), with its status: read, repaired,
  inferred, ambiguous (the parse could not decide: null) or blank (null);
- ``findings``: one row per finding of each report;
- ``parse_log``: one row per entry of each parse log.

The schemas are fixed (``SCHEMAS``), so that an empty table and tables written by different runs
stay alike; ``datapackage`` describes the same columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import orjson
import pyarrow as pa

from zfxxgk import pointers
from zfxxgk.export.columns import AMOUNT_PRECISION, AMOUNT_SCALE, Column, cell_columns, placement
from zfxxgk.export.records import Record
from zfxxgk.layout import layout

TABLES = ("reports", "cells", "findings", "parse_log")
DECIMAL = pa.decimal128(AMOUNT_PRECISION, AMOUNT_SCALE)
CELL_VALUE = pa.decimal128(38, AMOUNT_SCALE)  # a count (64 bits) or an amount, exactly
# Top-level fields of the report copied as they are (metadata and free-text sections).
META = (("agency_name", pa.string()), ("agency_uscc", pa.string()), ("agency_division_code", pa.string()),
        ("report_year", pa.int64()), ("edition", pa.string()), ("schema_version", pa.string()),
        ("publication_date", pa.string()), ("source_url", pa.string()))
# Which log kinds say how a cell was read; the most telling wins.
CELL_STATUS = (("ambiguous", "ambiguous"), ("repair", "repaired"), ("inferred", "inferred"))
MISSING = object()
ARROW = {"integer": pa.int64(), "decimal": DECIMAL, "string": pa.string()}


def text_fields() -> list[str]:
    """The free-text sections of the newest edition and of older ones (overview, problems …)."""
    from zfxxgk.layout import EDITIONS

    names: list[str] = []
    for edition in EDITIONS:
        for f in layout(edition).fields:
            if f.name not in names and f.name not in dict(META):
                names.append(f.name)
    return names


def _schemas() -> dict[str, pa.Schema]:
    head = [("report_id", pa.string()), ("source", pa.string()), ("content_hash", pa.string()),
            ("status", pa.string()), ("format", pa.string()), ("unusable_reason_en", pa.string()),
            ("unusable_reason_zh", pa.string()), ("errors", pa.int64()), ("warnings", pa.int64()),
            ("notes", pa.int64()), ("seconds", pa.float64())]
    reports = [*head, *META, *((name, pa.string()) for name in text_fields()),
               *((c.name, ARROW[c.kind]) for c in cell_columns())]
    cells = [("report_id", pa.string()), ("column", pa.string()), ("pointer", pa.string()),
             ("edition", pa.string()), ("value", CELL_VALUE), ("status", pa.string()), ("raw", pa.string()),
             ("where", pa.string())]
    findings = [("report_id", pa.string()), ("code", pa.string()), ("name", pa.string()),
                ("severity", pa.string()), ("message_zh", pa.string()), ("message_en", pa.string()),
                ("pointers", pa.list_(pa.string())), ("reported", pa.string()), ("computed", pa.string()),
                ("source_text", pa.string()), ("where", pa.string()), ("related_report_id", pa.string())]
    log = [("report_id", pa.string()), ("code", pa.string()), ("kind", pa.string()), ("pointer", pa.string()),
           ("raw", pa.string()), ("where", pa.string()), ("message_zh", pa.string()), ("message_en", pa.string()),
           ("value", pa.string())]
    return {name: pa.schema(fields) for name, fields in zip(TABLES, (reports, cells, findings, log))}


SCHEMAS = _schemas()


def build(records: Iterable[Record]) -> dict[str, pa.Table]:
    """The four tables of ``records``."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for record in records:
        rows["reports"].append(report_row(record))
        rows["cells"] += cell_rows(record)
        rows["findings"] += [finding_row(record.report_id, f) for f in record.findings]
        rows["parse_log"] += [log_row(record.report_id, e) for e in record.log]
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def report_row(record: Record) -> dict[str, Any]:
    severities = [f["severity"] for f in record.findings]
    row: dict[str, Any] = {
        "report_id": record.report_id, "source": record.source, "content_hash": record.content_hash,
        "status": record.status, "format": record.format, "unusable_reason_en": record.reason_en,
        "unusable_reason_zh": record.reason_zh, "errors": severities.count("error"),
        "warnings": severities.count("warning"), "notes": severities.count("info"), "seconds": record.seconds,
    }
    report = record.report
    if not isinstance(report, dict):
        return row
    for name, kind in (*META, *((n, pa.string()) for n in text_fields())):
        value = report.get(name)
        row[name] = value if _fits(value, kind) else None
    edition = report.get("edition")
    if edition not in _editions():
        return row
    kinds = {c.name: c.kind for c in cell_columns()}
    for pointer, column in placement(edition).items():
        row[column] = _typed(pointers.resolve(report, pointer, None), kinds[column])  # missing (S002): null
    return row


def cell_rows(record: Record) -> list[dict[str, Any]]:
    report = record.report
    if not isinstance(report, dict) or report.get("edition") not in _editions():
        return []
    edition = report["edition"]
    entries: dict[str, list[dict[str, Any]]] = {}
    for entry in record.log:
        if entry.get("pointer"):
            entries.setdefault(entry["pointer"], []).append(entry)
    kinds = {c.name: c.kind for c in cell_columns()}
    out = []
    for cell in layout(edition).cells:
        column = placement(edition)[cell.pointer]
        printed = pointers.resolve(report, cell.pointer, MISSING)
        if printed is MISSING:  # a report that does not conform (S002): only the cells it has
            continue
        value = _typed(printed, kinds[column])
        logged = entries.get(cell.pointer, [])
        out.append({"report_id": record.report_id, "column": column, "pointer": cell.pointer, "edition": edition,
                    "value": None if value is None else Decimal(value), "status": _status(value, logged),
                    "raw": logged[0]["raw"] if logged else None, "where": logged[0]["where"] if logged else None})
    return out


def _status(value: Any, logged: list[dict[str, Any]]) -> str:
    kinds = {entry["kind"] for entry in logged}
    for kind, status in CELL_STATUS:
        if kind in kinds:
            return status
    return "blank" if value is None else "read"


def finding_row(report_id: str, finding: dict[str, Any]) -> dict[str, Any]:
    return {"report_id": report_id, "code": finding["code"], "name": finding.get("name"),
            "severity": finding["severity"], "message_zh": finding.get("message_zh"),
            "message_en": finding.get("message_en"), "pointers": list(finding.get("pointers") or []),
            "reported": _text(finding.get("reported")), "computed": _text(finding.get("computed")),
            "source_text": finding.get("source_text"), "where": finding.get("where"),
            "related_report_id": finding.get("related_report_id")}


def log_row(report_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {"report_id": report_id, **{key: entry.get(key) for key in (
        "code", "kind", "pointer", "raw", "where", "message_zh", "message_en")}, "value": _text(entry.get("value"))}


def _text(value: Any) -> str | None:
    """A value of any JSON type as text (JSON for lists and objects); None stays None."""
    if value is None or isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


def _typed(value: Any, kind: str) -> Any:
    """A cell's value in its column's type; anything else (a malformed cell the findings report)
    is null here: the dataset never holds a value of another type."""
    if value is None or isinstance(value, bool):
        return None
    if kind == "integer":
        return value if isinstance(value, int) and -2**63 <= value < 2**63 else None
    if kind == "decimal":
        try:
            number = Decimal(value) if isinstance(value, (str, int)) else None
        except ArithmeticError:
            return None
        if number is None or not number.is_finite() or number.as_tuple().exponent < -AMOUNT_SCALE:  # type: ignore[operator]
            return None
        return number if abs(number) < Decimal(10) ** (AMOUNT_PRECISION - AMOUNT_SCALE) else None
    return value if isinstance(value, str) else None


def _fits(value: Any, kind: pa.DataType) -> bool:
    if kind == pa.int64():
        return isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63
    return isinstance(value, str)


def _editions() -> tuple[str, ...]:
    from zfxxgk.layout import EDITIONS

    return EDITIONS


def column_of(name: str) -> Column | None:
    return next((c for c in cell_columns() if c.name == name), None)
