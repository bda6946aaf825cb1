"""The generated artifacts and the standard's sources that ship inside the package, loaded once.

Everything is read through importlib.resources, so it works from a wheel, a zip or a source checkout.
The generated artifacts are files of the package (``zfxxgk/generated``). The LinkML schema and its
meta-schemas live in the repository's ``schema/``; the build adds them to the wheel as
``zfxxgk/schema`` (pyproject.toml, force-include). In a source checkout (an editable install) the
package has no such folder, and the repository's own is read.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


def _load(name: str) -> Any:
    return json.loads(resources.files("zfxxgk.generated").joinpath(name).read_text(encoding="utf-8"))


def source_dir(name: str) -> Traversable:
    """A folder the build copies from the repository into the package: ``schema`` (the LinkML schema
    and the catalogs' meta-schemas) or ``conformance`` (the conformance suite)."""
    packaged = resources.files("zfxxgk").joinpath(name)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name  # a source checkout: src/zfxxgk -> the repository


def linkml_schema_text() -> str:
    """The LinkML schema (``schema/zfxxgk.yaml``), the standard's source, as text."""
    return source_dir("schema").joinpath("zfxxgk.yaml").read_text(encoding="utf-8")


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
