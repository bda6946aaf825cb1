"""The JSON Schema of the parse log that ``zfxxgk parse`` writes beside each report, from the rule
catalog's parse codes (kind ``parse``): a reader of the log in any language can check it."""

from __future__ import annotations

from typing import Any

from zfxxgk.codegen.schema_io import artifact_id


def parse_log_schema(rules: dict[str, Any]) -> dict[str, Any]:
    parse = [r for r in rules["rules"] if r["kind"] == "parse"]
    kinds = list(dict.fromkeys(r["log_kind"] for r in parse))
    entry = {
        "type": "object",
        "description": "One place where the reading was not literal: what was done, from which printed text, where.",
        "required": ["code", "kind", "pointer", "raw", "where", "message_en", "message_zh", "value", "candidates"],
        "additionalProperties": False,
        "properties": {
            "code": {"enum": [r["code"] for r in parse],
                     "description": "The parse code of the rule catalog (zfxxgk rules CODE explains it)."},
            "kind": {"enum": kinds},
            "pointer": {"type": ["string", "null"], "description": "JSON Pointer of the cell or field concerned."},
            "raw": {"type": "string", "description": "The printed text the entry is about, as printed."},
            "where": {"type": ["string", "null"], "description": "Its place in the source: line, column, table row, page."},
            "message_en": {"type": "string"},
            "message_zh": {"type": "string"},
            "value": {"description": "What was recorded (a value, the values of a row, a label)."},
            "candidates": {"type": "array", "description": "For an undecided cell: every value it could have."},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": artifact_id(rules["schema_version"], "parse-log.schema.json"),
        "title": "zfxxgk parse log 解析日志",
        "description": "What zfxxgk parse did while reading a published report into the standard.",
        "type": "object",
        "required": ["source", "format", "encoding", "edition", "ambiguous", "counts", "entries"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "source": {"type": "string"},
            "format": {"type": "string"},
            "encoding": {"type": ["string", "null"]},
            "edition": {"type": ["string", "null"]},
            "ambiguous": {"type": "boolean", "description": "Some cell could not be decided (null, candidates logged)."},
            "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
        },
        "$defs": {"entry": entry},
    }
