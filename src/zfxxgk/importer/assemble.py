"""The last stage: the standard instance written from what the earlier stages decided — metadata,
the sections' text, and every table cell.

Every cell of the layout is written (null where nothing was decided). Nothing is logged here: each
stage logged what it found or inferred.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import orjson

from zfxxgk import pointers
from zfxxgk.importer.candidates import TableRow
from zfxxgk.importer.labels import LabelIndex, index
from zfxxgk.importer.metadata import Metadata
from zfxxgk.importer.solve import Decision
from zfxxgk.importer.values import Money
from zfxxgk.layout import layout


def assemble(labels: LabelIndex, meta: Metadata, texts: dict[str, str], rows: list[TableRow],
             decisions: list[Decision]) -> dict[str, Any]:
    """The report: ``meta``, the ``texts`` of the text sections, and the decided values of ``rows``."""
    edition = labels.layout.edition
    report = _blank(edition) | {
        "agency_name": meta.agency_name, "report_year": meta.report_year, "publication_date": meta.publication_date,
        "source_url": meta.source_url, "agency_uscc": None, "agency_division_code": None,
    }
    report |= texts
    for row, decision in zip(rows, decisions):
        _write(report, edition, row, decision)
    return _ordered(report, labels)


def _write(report: dict[str, Any], edition: str, row: TableRow, decision: Decision) -> None:
    """The decided values of a row into its cells (an amount with its own unit into two keys)."""
    values = decision.values or (None,) * len(row.target.cells)
    for path, cells in _slots(edition, row.target.pointer):
        # The blank report has every object of the layout (and every key of it): walked by its
        # keys, split once per edition (``_slots``), once for the cells it holds.
        parent = report
        for key in path:
            parent = parent[key]
        for j, name, unit in cells:
            value = values[j]
            if isinstance(value, Money):
                parent[name] = value.amount
                parent[unit] = value.unit  # type: ignore[index]
            else:
                parent[name] = value


@lru_cache(maxsize=8)
def _blank_json(edition: str) -> bytes:
    return orjson.dumps(layout(edition).blank_document())


def _blank(edition: str) -> dict[str, Any]:
    """A fresh report with every cell present and null (copied from a template: this is per parse)."""
    return orjson.loads(_blank_json(edition))  # type: ignore[no-any-return]


def _ordered(report: dict[str, Any], labels: LabelIndex) -> dict[str, Any]:
    """Keys in the order of a hand-written instance: metadata, then the sections in printed order."""
    numbered = {s.name for s in labels.sections}
    order = ["schema_version", "edition"] + [f.name for f in labels.layout.fields if f.name not in numbered]
    order += [s.name for s in labels.sections]
    return {key: report[key] for key in order if key in report} | {k: v for k, v in report.items() if k not in order}


@lru_cache(maxsize=1024)
def _slots(edition: str, target: str) -> tuple[tuple[tuple[str, ...], tuple[tuple[int, str, str | None], ...]], ...]:
    """The cells of the target at ``target`` by their parent object: its keys, and the cells in it
    as (column, key, key of its unit or None), in the order of the columns."""
    found = next(t for table in index(edition).tables.values() for t in table.targets if t.pointer == target)
    by_parent: dict[tuple[str, ...], list[tuple[int, str, str | None]]] = {}
    for j, cell in enumerate(found.cells):
        parent, name = cell.pointer.rsplit("/", 1)
        unit = cell.unit_pointer.rsplit("/", 1)[1] if cell.unit_pointer else None
        by_parent.setdefault(tuple(pointers.split(parent)), []).append((j, name, unit))
    return tuple((path, tuple(cells)) for path, cells in by_parent.items())
