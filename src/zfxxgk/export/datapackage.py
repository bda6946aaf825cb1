"""The dataset's Frictionless Data Package descriptor (``datapackage.json``), made from the layout.

Every column of every table is described: its name, its type, for a cell its official Chinese
label (the titles from the table down to the cell, as the official layout prints them), what it
counts and its unit. The descriptor follows the Tabular Data Package profile, so that Frictionless
tools (and the many readers of the standard) can check and load the tables.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from zfxxgk import __version__
from zfxxgk.export.columns import cell_columns
from zfxxgk.export.tables import SCHEMAS, TABLES, text_fields
from zfxxgk.layout import EDITIONS, layout

# The columns that are not cells: what each holds.
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "report_id": ("报告标识", "The document's id: its source's SHA-256 (16 hex digits), '#n' for the nth "
                  "report of a stream."),
    "source": ("来源文件", "The file the document was read from."),
    "content_hash": ("内容哈希", "SHA-256 of the source file's bytes."),
    "status": ("状态", "valid (no error), invalid (errors found) or unusable (could not be read: see the reason)."),
    "format": ("文件格式", "The published document's format (pdf, docx, html …); empty for JSON data."),
    "unusable_reason_en": ("不可用原因（英文）", "Why the document could not be read (English)."),
    "unusable_reason_zh": ("不可用原因", "Why the document could not be read (Chinese)."),
    "errors": ("错误数", "Findings of severity error."),
    "warnings": ("警告数", "Findings of severity warning."),
    "notes": ("提示数", "Findings of severity info (how a published document was read)."),
    "seconds": ("耗时（秒）", "Time spent reading and checking the document."),
    "column": ("列名", "The reports column that holds this cell."),
    "pointer": ("JSON 指针", "JSON Pointer of the cell (or of the finding's / entry's place) in the report."),
    "edition": ("格式版本", "Edition of the official layout the report follows."),
    "value": ("数值", "The cell's value; empty when blank or undecided."),
    "raw": ("原文", "The printed text the cell or entry was read from."),
    "where": ("位置", "Where in the source document (page, line, table row, sheet cell)."),
    "code": ("规则代码", "Rule or parse-log code of the catalog (zfxxgk rules CODE explains it)."),
    "name": ("规则名称", "The rule's name."),
    "severity": ("严重程度", "error, warning or info."),
    "message_zh": ("说明", "The message in Chinese."),
    "message_en": ("说明（英文）", "The message in English."),
    "pointers": ("涉及单元格", "JSON Pointers of every cell involved."),
    "reported": ("报告值", "The value the report states (sums: the total), as text."),
    "computed": ("计算值", "What its parts add up to, as text."),
    "source_text": ("原文", "The printed text the finding is about."),
    "related_report_id": ("相关报告", "For a finding across the corpus: the other report (last year's, or the one a "
                          "table was copied from or to)."),
    "document": ("报告 JSON", "The report as a standard instance (JSON)."),
    "kind": ("类别", "Kind of parse-log entry: inferred, label_variant, unit, blank, repair, ambiguous, warning."),
}
STATUS_VALUES = {"reports": ["valid", "invalid", "unusable"],
                 "cells": ["read", "repaired", "inferred", "ambiguous", "blank"]}
KEYS = {"reports": "report_id", "cells": ["report_id", "pointer"]}


def descriptor(fmt: str) -> dict[str, Any]:
    """The descriptor of a dataset whose tables are written as ``fmt`` ("csv" or "parquet")."""
    return {
        "profile": "tabular-data-package",
        "name": "zfxxgk-reports",
        "title": "政府信息公开工作年度报告数据集 / Government information disclosure annual reports",
        "description": "Annual reports read and checked with zfxxgk: one row per report with every cell in a typed "
                       "column, the cells in long form with how each was read, the findings and the parse logs.",
        "version": __version__,
        "resources": [_resource(name, fmt) for name in TABLES],
    }


def _resource(name: str, fmt: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": name.replace("_", "-"), "path": f"{name}.{fmt}", "format": fmt, "profile": "tabular-data-resource",
        "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
        "schema": {"fields": [_field(name, f) for f in SCHEMAS[name]]},
    }
    if fmt == "csv":
        resource["encoding"] = "utf-8"
    if name in KEYS:
        resource["schema"]["primaryKey"] = KEYS[name]
    if name != "reports":
        resource["schema"]["foreignKeys"] = [
            {"fields": "report_id", "reference": {"resource": "reports", "fields": "report_id"}}]
    return resource


def _field(table: str, arrow: pa.Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": arrow.name, "type": _type(arrow.type)}
    cell = _cells().get(arrow.name)
    if cell is not None and table == "reports":
        out["title"] = cell.title
        out["description"] = cell.description
        if cell.unit:
            out["unit"] = cell.unit
        if cell.kind != "string" and not _signed(cell.pointer):
            out["constraints"] = {"minimum": 0}
        return out
    title, description = DESCRIPTIONS.get(arrow.name) or _top_level(arrow.name)
    out["title"], out["description"] = title, description
    if arrow.name == "status" and table in STATUS_VALUES:
        out["constraints"] = {"enum": STATUS_VALUES[table]}
    return out


def _type(kind: pa.DataType) -> str:
    if pa.types.is_integer(kind):
        return "integer"
    if pa.types.is_decimal(kind) or pa.types.is_floating(kind):
        return "number"
    if pa.types.is_list(kind):
        return "array"
    return "string"


def _cells() -> dict[str, Any]:
    return {c.name: c for c in cell_columns()}


def _signed(pointer: str | None) -> bool:
    for edition in EDITIONS:
        cell = layout(edition).by_pointer.get(pointer or "")
        if cell is not None and cell.signed:
            return True
    return False


def _top_level(name: str) -> tuple[str, str]:
    """Title and description of a top-level field of the report (metadata, free-text sections)."""
    for edition in EDITIONS:
        for f in layout(edition).fields:
            if f.name == name:
                return f.title, f.description
    if name in text_fields():
        return name, ""
    raise KeyError(f"no description for the column {name!r}")
