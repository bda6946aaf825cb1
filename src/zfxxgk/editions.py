"""Moving reports between editions: what is comparable, and conversion of the comparable part.

Which cells are comparable is decided by the schema (see docs/editions.md): the generated layout
gives every cell of an older edition the pointer of the newest edition's cell with the same
meaning, or none. Conversion copies exactly those cells, leaves every other cell of the target
null, and lists what could not be carried over, so nothing is lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zfxxgk import pointers
from zfxxgk.layout import layout
from zfxxgk.resources import layout_data


@dataclass
class Conversion:
    report: dict[str, Any]
    carried: list[tuple[str, str]] = field(default_factory=list)  # (from pointer, to pointer)
    not_carried: list[dict[str, Any]] = field(default_factory=list)  # cells of the source left behind
    unfilled: list[str] = field(default_factory=list)  # cells of the target with no source: null

    def to_notes(self) -> dict[str, Any]:
        return {"carried": [{"from": a, "to": b} for a, b in self.carried], "not_carried": self.not_carried,
                "unfilled": self.unfilled}


def newest_edition() -> str:
    return layout_data()["newest_edition"]


def comparable_cells(edition: str) -> dict[str, str | None]:
    """Every cell of ``edition`` and the newest edition's cell with the same meaning (or None)."""
    if edition == newest_edition():
        return {c.pointer: c.pointer for c in layout(edition).cells}
    return {c.pointer: c.comparable for c in layout(edition).cells}


def convert(report: dict[str, Any], to_edition: str) -> Conversion:
    """The comparable part of ``report`` in ``to_edition`` (only the newest edition is a target)."""
    source_edition = report["edition"]
    if to_edition != newest_edition():
        raise ValueError(f"conversion only goes to the newest edition, {newest_edition()}")
    target = layout(to_edition)
    fields = {f.name: report.get(f.name) for f in target.fields}
    out = target.blank_document(**fields)
    out["schema_version"] = report["schema_version"]
    out["edition"] = to_edition
    result = Conversion(report=_ordered(out, to_edition))
    source = layout(source_edition)
    filled = set()
    for cell in source.cells:
        value = pointers.resolve(report, cell.pointer)
        destination = comparable_cells(source_edition)[cell.pointer]
        if destination is None:
            unit = pointers.resolve(report, cell.unit_pointer) if cell.unit_pointer else None
            result.not_carried.append({"pointer": cell.pointer, "label": " / ".join(cell.title_path),
                                       "value": value, **({"unit": unit} if unit else {})})
            continue
        pointers.assign(result.report, destination, value)
        result.carried.append((cell.pointer, destination))
        filled.add(destination)
    result.unfilled = [c.pointer for c in target.cells if c.pointer not in filled]
    return result


def _ordered(doc: dict[str, Any], edition: str) -> dict[str, Any]:
    lay = layout(edition)
    order = ["schema_version", "edition"] + [f.name for f in lay.fields] + [t.name for t in lay.tables]
    return {key: doc[key] for key in order if key in doc}
