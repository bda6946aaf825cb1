"""Derive the layout (every table, row and cell with its pointer and official labels) from the schema."""

from __future__ import annotations

from typing import Any

from linkml_runtime import SchemaView

from zfxxgk.codegen.schema_io import annotation_value, base_range, minimum


# Texts a table prints that belong to no cell, row or column group, declared on the table's class.
FURNITURE = ("row_label_header", "corner_text", "columns_title")
# Each label's English counterpart is declared beside it in the schema (annotation ``title_en``,
# ``group_en``, ``<furniture>_en``); English messages and the English table view name cells by them.
FURNITURE_EN = tuple(f"{tag}_en" for tag in FURNITURE)


def _slot_entry(sv: SchemaView, cls: str, name: str, pointer: str) -> dict[str, Any]:
    slot = sv.induced_slot(name, cls)
    entry: dict[str, Any] = {
        "name": name,
        "pointer": pointer,
        "title": slot.title,
        "title_en": annotation_value(slot, "title_en"),
        "aliases": list(slot.aliases or []),
        "description": (slot.description or "").strip(),
        "range": base_range(sv, slot),
        "required": bool(slot.required),
        "nullable": bool(annotation_value(slot, "nullable", False)),
    }
    # A count that may be negative (2019's 本年增/减): no lower bound, or one below zero.
    low = minimum(sv, slot)
    entry["signed"] = entry["range"] == "integer" and (low is None or low < 0)
    group = annotation_value(slot, "group")
    if group:
        entry["group"] = group
        entry["group_en"] = annotation_value(slot, "group_en")
    for tag in ("unit", "unit_slot", "unit_of", "comparable_2021"):
        value = annotation_value(slot, tag)
        if value:
            entry[tag] = value
    return entry


def build_node(sv: SchemaView, cls: str, pointer: str) -> list[dict[str, Any]]:
    """The attributes of ``cls`` at ``pointer``, each a cell or a node with its own children."""
    children = []
    for name in sv.class_slots(cls):
        entry = _slot_entry(sv, cls, name, f"{pointer}/{name}")
        if entry["range"] in sv.all_classes():
            entry["class"] = entry.pop("range")
            furniture = {tag: annotation_value(sv.get_class(entry["class"]), tag) for tag in FURNITURE + FURNITURE_EN}
            if any(furniture.values()):
                entry["furniture"] = {k: v for k, v in furniture.items() if v}
            entry["children"] = build_node(sv, entry["class"], entry["pointer"])
        children.append(entry)
    return children


def _collect_cells(nodes: list[dict[str, Any]], titles: list[str], out: list[dict[str, Any]]) -> None:
    for node in nodes:
        path = [*titles, (node["title"], node["title_en"])]
        if "children" in node:
            _collect_cells(node["children"], path, out)
        elif "unit_of" not in node:  # a unit belongs to its amount cell, it is not a cell itself
            out.append({**node, "title_path": [zh for zh, _ in path], "title_path_en": [en for _, en in path]})


def edition_roots(sv: SchemaView) -> dict[str, str]:
    """Edition code -> the class of a whole report in that edition (annotated ``edition``)."""
    roots = {}
    for name, cls in sv.all_classes().items():
        edition = annotation_value(cls, "edition")
        if edition:
            roots[str(edition)] = name
    return dict(sorted(roots.items(), reverse=True))


def build_layout(sv: SchemaView) -> dict[str, Any]:
    editions = {edition: build_edition(sv, root) for edition, root in edition_roots(sv).items()}
    newest = next(iter(editions))
    for edition, data in editions.items():
        if edition != newest:
            _resolve_comparable(data, editions[newest])
    return {"schema_version": sv.schema.version, "newest_edition": newest, "editions": editions}


def _resolve_comparable(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Give each cell of an older edition the pointer of the newest edition's cell with the same
    meaning, or none: the one the schema names (``comparable_2021``), else the cell at the same
    pointer under the very same labels (table 3 and 4 rows that did not change)."""
    new_cells = {c["pointer"]: c for c in new["cells"]}
    for cell in old["cells"]:
        named = cell.pop("comparable_2021", None)
        if named:
            target = cell["pointer"].rpartition("/")[0] + "/" + named
            cell["comparable"] = target if target in new_cells else None
        elif cell["pointer"] in new_cells and new_cells[cell["pointer"]]["title_path"] == cell["title_path"]:
            cell["comparable"] = cell["pointer"]
        else:
            cell["comparable"] = None
    found = {c["pointer"]: c["comparable"] for c in old["cells"]}

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            if "children" in node:
                walk(node["children"])
            elif node["pointer"] in found:
                node.pop("comparable_2021", None)
                node["comparable"] = found[node["pointer"]]

    walk(old["tables"])


def build_edition(sv: SchemaView, root: str) -> dict[str, Any]:
    tree = build_node(sv, root, "")
    fields = [n for n in tree if "children" not in n]
    tables = [n for n in tree if "children" in n]
    cells: list[dict[str, Any]] = []
    for table in tables:
        _collect_cells(table["children"], [(table["title"], table["title_en"])], cells)
        for cell in cells:
            cell.setdefault("table", table["name"])
    return {
        "root": root,
        "fields": fields,
        "tables": tables,
        "cells": cells,
    }
