"""The layout of the report: every table, row and cell, derived from the schema at generation time.

Parser, renderer, validator and test strategies read it; none keeps its own list of cells or labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zfxxgk import pointers
from zfxxgk.resources import layout_data


@dataclass(frozen=True)
class Cell:
    """One numeric cell of a table."""

    pointer: str
    name: str
    title_path: tuple[str, ...]
    aliases: tuple[str, ...]
    table: str
    is_amount: bool
    nullable: bool
    unit: str | None = None
    group: str | None = None
    # An amount whose unit is stated beside it (2019 采购总金额): the pointer of that unit field.
    unit_pointer: str | None = None
    # For a cell of an older edition: the pointer of the newest edition's cell with the same
    # meaning, or None when there is none (derived from the schema at generation time).
    comparable: str | None = None
    signed: bool = False  # a change that may be negative (2019 本年增/减)
    # The English labels declared beside the official ones (schema annotation title_en).
    title_path_en: tuple[str, ...] = ()
    group_en: str | None = None


@dataclass(frozen=True)
class Node:
    """A table, sub-table, group or row: anything that holds cells."""

    pointer: str
    name: str
    title: str
    aliases: tuple[str, ...]
    cls: str
    children: tuple[Node | Cell, ...]
    group: str | None = None
    units: tuple[str, ...] = ()  # pointers of unit fields that belong to amount cells of this row
    # Texts the table prints that belong to no cell (row_label_header, corner_text, columns_title).
    furniture: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    title_en: str = ""
    group_en: str | None = None

    @property
    def is_row(self) -> bool:
        return all(isinstance(child, Cell) for child in self.children)

    def cells(self) -> list[Cell]:
        out: list[Cell] = []
        for child in self.children:
            out.extend([child] if isinstance(child, Cell) else child.cells())
        return out

    def unit_pointers(self) -> list[str]:
        out = list(self.units)
        for child in self.children:
            if isinstance(child, Node):
                out.extend(child.unit_pointers())
        return out

    def nodes(self) -> list[Node]:
        """This node and every node below it, in layout order."""
        out = [self]
        for child in self.children:
            if isinstance(child, Node):
                out.extend(child.nodes())
        return out

    def rows(self) -> list[Node]:
        if self.is_row:
            return [self]
        return [row for child in self.children if isinstance(child, Node) for row in child.rows()]


@dataclass(frozen=True)
class Field:
    """A top-level scalar field: metadata or a free-text section."""

    pointer: str
    name: str
    title: str
    required: bool
    description: str
    aliases: tuple[str, ...] = ()  # headings some reports print instead (a free-text section's)
    title_en: str = ""


@dataclass(frozen=True)
class Layout:
    edition: str
    schema_version: str
    fields: tuple[Field, ...]
    tables: tuple[Node, ...]
    cells: tuple[Cell, ...]
    by_pointer: dict[str, Cell] = field(repr=False)

    def table(self, name: str) -> Node:
        return next(t for t in self.tables if t.name == name)

    def blank_document(self, **metadata: Any) -> dict[str, Any]:
        """A report with every table cell present and null, and the given top-level fields."""
        doc: dict[str, Any] = {"schema_version": self.schema_version, "edition": self.edition, **metadata}
        for cell in self.cells:
            pointers.assign(doc, cell.pointer, None)
        for table in self.tables:
            for unit in table.unit_pointers():
                pointers.assign(doc, unit, None)
        return doc


def _build(entry: dict[str, Any], path: tuple[str, ...], table: str, path_en: tuple[str, ...] = ()) -> Node | Cell:
    if "children" not in entry:
        parent = entry["pointer"].rpartition("/")[0]
        return Cell(
            pointer=entry["pointer"], name=entry["name"], title_path=(*path, entry["title"]),
            aliases=tuple(entry["aliases"]), table=table, is_amount=entry["range"] != "integer",
            nullable=entry["nullable"], unit=entry.get("unit"), group=entry.get("group"),
            unit_pointer=f"{parent}/{entry['unit_slot']}" if "unit_slot" in entry else None,
            comparable=entry.get("comparable"), signed=entry.get("signed", False),
            title_path_en=(*path_en, entry["title_en"]), group_en=entry.get("group_en"),
        )
    here, here_en = (*path, entry["title"]), (*path_en, entry["title_en"])
    children = [c for c in entry["children"] if "unit_of" not in c]
    return Node(
        pointer=entry["pointer"], name=entry["name"], title=entry["title"], aliases=tuple(entry["aliases"]),
        cls=entry["class"], group=entry.get("group"),
        children=tuple(_build(child, here, table, here_en) for child in children),
        units=tuple(c["pointer"] for c in entry["children"] if "unit_of" in c),
        furniture=dict(entry.get("furniture", {})), title_en=entry["title_en"], group_en=entry.get("group_en"),
    )


EDITIONS: tuple[str, ...] = tuple(layout_data()["editions"])


@cache
def layout(edition: str = "2021") -> Layout:
    """The layout of one edition of the official format ("2021"; see ``EDITIONS``)."""
    if edition not in layout_data()["editions"]:
        raise KeyError(f"unknown edition {edition!r}; known: {', '.join(EDITIONS)}")
    data = layout_data()["editions"][edition]
    tables = tuple(_build(t, (), t["name"]) for t in data["tables"])
    cells = tuple(cell for table in tables for cell in table.cells())  # type: ignore[union-attr]
    fields = tuple(
        Field(pointer=f["pointer"], name=f["name"], title=f["title"], required=f["required"],
              description=f["description"], aliases=tuple(f.get("aliases", ())), title_en=f["title_en"])
        for f in data["fields"]
    )
    return Layout(edition=edition, schema_version=layout_data()["schema_version"], fields=fields,
                  tables=tables, cells=cells, by_pointer={c.pointer: c for c in cells})
