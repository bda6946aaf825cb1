"""The generated artifacts that ship inside the package, loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _load(name: str) -> Any:
    return json.loads(resources.files("zfxxgk.generated").joinpath(name).read_text(encoding="utf-8"))


@cache
def json_schema() -> dict[str, Any]:
    """The generated JSON Schema (closed; draft 2019-09)."""
    return _load("zfxxgk.schema.json")


@cache
def rules_catalog() -> dict[str, Any]:
    """The rule catalog with every identity expanded into explicit cell equations."""
    return _load("rules.json")


@cache
def parse_log_schema() -> dict[str, Any]:
    """The JSON Schema of the parse log (its entries' codes are the catalog's parse codes)."""
    return _load("parse-log.schema.json")


@cache
def layout_data() -> dict[str, Any]:
    """Every table, row and cell of the edition with pointers and official labels."""
    return _load("layout.json")
