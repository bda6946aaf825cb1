"""Every label of an edition, compiled once from its layout, and the matching of printed labels to it.

Nothing here is written by hand: sections, tables, sub-tables, groups, rows and columns come from
``zfxxgk.layout``. A printed label matches

1. exactly (after ``label_key``), by title or by a known variant (an alias in the layout);
2. by its body when the ordinal is missing or differs ("予以公开" for "（一）予以公开"), when that
   body belongs to one label only;
3. as the start of a group label that wrapped onto the next line ("三、本年度办理" + "结果");
4. fuzzily, for damaged labels ("其他法律行政止公开"), only when one label of the table is clearly
   closest (similarity ≥ 0.75 and ahead of the next one by 0.1) and the ordinals, where printed,
   agree. A label that matches nothing is left unread rather than put in the wrong row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zfxxgk.importer import similar
from zfxxgk.importer.normalise import label_key, section_number, split_ordinal
from zfxxgk.layout import EDITIONS, Cell, Layout, Node, layout

FUZZY_MIN = 0.75
FUZZY_MARGIN = 0.1
# A label this far from an official one can neither match it nor come second close enough to the
# best match to make it ambiguous: it is not compared (the small margin absorbs rounding).
_NEVER_COUNTS = FUZZY_MIN - FUZZY_MARGIN - 1e-9
_PARENTHETICAL = re.compile(r"\([^)]*\)?$")
PATH = re.compile(r"\s+/\s+")  # a label printed with its parents: "行政复议 / 结果维持"


@dataclass(frozen=True)
class Section:
    """One of the report's numbered sections: free text (a top-level field) or a table."""

    number: int
    title: str
    name: str
    table: Node | None
    body: str  # the label key of the title without its numeral
    variants: tuple[str, ...] = ()  # the same for the headings some reports print instead

    @property
    def bodies(self) -> tuple[str, ...]:
        return (self.body, *self.variants)

    @property
    def is_table(self) -> bool:
        return self.table is not None


@dataclass(frozen=True)
class Target:
    """What one printed data row fills: a row of the layout, or all cells of a side-by-side table."""

    pointer: str
    title: str
    cells: tuple[Cell, ...]
    scope: str  # the pointer of the node whose column headers apply


@dataclass(frozen=True)
class LabelRef:
    node: Node
    kind: str  # "subtable", "group" or "row"
    target: Target | None = None  # for rows


@dataclass(frozen=True)
class Match:
    ref: LabelRef
    how: str  # "exact", "alias", "body", "prefix", "fuzzy"
    printed: str
    official: str


SEEN_MAX = 50_000  # texts remembered per index; past it the memo starts again


def remember(seen: dict[Any, Any], text: Any, value: Any, limit: int = SEEN_MAX) -> Any:
    """Keep what ``text`` was found to be (in one of an index's memos of printed texts, at most ``limit``)."""
    if len(seen) > limit:
        seen.clear()
    seen[text] = value
    return value


@dataclass
class Columns:
    """The value columns under one header: their cells and the keys printed over them."""

    cells: tuple[Cell, ...]
    keys: dict[str, list[int]] = field(default_factory=dict)  # label key -> column indexes, in order
    aliases: set[str] = field(default_factory=set)  # keys that are variants, not titles
    groups: set[str] = field(default_factory=set)  # keys of column groups (法人或其他组织)
    # Keys over a column of money (the unit a header prints there counts), found once.
    amounts: set[str] = field(default_factory=set)
    # The column key of each printed header cell (``header_key``): the same headers come back in
    # every report, and a cell is matched once.
    seen: dict[str, str | None] = field(default_factory=dict, repr=False)

    def header_key(self, cell: str) -> str | None:
        """The key of the column a header cell prints (the last part of a path "a / b"), or None."""
        try:
            return self.seen[cell]
        except KeyError:
            return remember(self.seen, cell, column_key(PATH.split(cell)[-1], self))


@dataclass
class TableIndex:
    node: Node
    shape: str  # "stacked", "side_by_side" or "nested"
    targets: list[Target]
    labels: dict[str, list[tuple[LabelRef, str]]]  # key -> (ref, "exact" | "alias")
    bodies: dict[str, list[LabelRef]]
    fuzzy: list[tuple[str, str, LabelRef]]  # (ordinal, body, ref)
    columns: dict[str, Columns]  # scope pointer -> columns
    # Labels another edition prints for a row this edition has too (2021's 行政规范性文件 for the
    # 2019 edition's 规范性文件): variants of this edition's label.
    renamed: dict[str, LabelRef] = field(default_factory=dict)
    seen: dict[str, Match | None] = field(default_factory=dict, repr=False)
    # What each distinct printed row says (``row_labels.reading``), by its cells.
    readings: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False)

    def match(self, text: str) -> Match | None:
        # The same labels come back in every report: each distinct text is matched once.
        try:
            return self.seen[text]
        except KeyError:
            return remember(self.seen, text, _match(self, text))


@dataclass(frozen=True)
class ForeignRow:
    """A row label of another edition's table that this edition does not have (2021's three rows
    of （六）其他处理 for the 2019 edition; 2019's 政府集中采购 for the 2021 edition)."""

    edition: str
    pointer: str
    title: str
    path: str  # the row's labels from the table down, for messages


@dataclass
class LabelIndex:
    layout: Layout
    sections: list[Section]
    tables: dict[str, TableIndex]
    keys: frozenset[str]  # every label key of the edition, for telling editions apart

    @property
    def foreign(self) -> dict[str, dict[str, ForeignRow]]:
        """For each table, the row labels (keys) of the other editions' same table that are no label here."""
        return foreign_rows(self.layout.edition)


@cache
def foreign_rows(edition: str) -> dict[str, dict[str, ForeignRow]]:
    own = index(edition)
    out: dict[str, dict[str, ForeignRow]] = {name: {} for name in own.tables}
    for other in EDITIONS:
        if other == edition:
            continue
        for name, table in index(other).tables.items():
            if name not in own.tables:
                continue
            mine = own.tables[name]
            rows = {target.pointer for target in mine.targets}
            for key, refs in table.labels.items():
                ref = refs[0][0]
                if ref.kind != "row" or key in mine.labels or key in mine.renamed or ref.node.pointer in rows \
                        or any(key in c.keys for c in mine.columns.values()):
                    continue
                path = " / ".join(_path(table.node, ref.node.pointer))
                out[name].setdefault(key, ForeignRow(other, ref.node.pointer, ref.node.title, path))
    return out


def _path(table: Node, pointer: str) -> list[str]:
    """The titles of the nodes from ``table`` (excluded) down to the node at ``pointer``."""
    out: list[str] = []
    node: Node = table
    while node.pointer != pointer:
        node = next(c for c in node.children if isinstance(c, Node)
                    and (pointer == c.pointer or pointer.startswith(c.pointer + "/")))
        out.append(node.title)
    return out


def table_shape(table: Node) -> str:
    """How a table prints, read from the structure of its layout node (as the renderer reads it)."""
    children = [c for c in table.children if isinstance(c, Node)]
    if children and all(c.is_row for c in children):
        return "side_by_side"
    if children and all(not c.is_row and all(isinstance(g, Node) and g.is_row for g in c.children) for c in children):
        return "stacked"
    return "nested"


@cache
def index(edition: str) -> LabelIndex:
    lay = layout(edition)
    sections = []
    for f in lay.fields:
        number = section_number(f.title)
        if number is not None:
            sections.append(Section(number, f.title, f.name, None, _body(f.title), _variants(f.aliases)))
    for t in lay.tables:
        number = section_number(t.title)
        if number is not None:
            sections.append(Section(number, t.title, t.name, t, _body(t.title), _variants(t.aliases)))
    sections.sort(key=lambda s: s.number)
    tables = {t.name: _table_index(t) for t in lay.tables}
    for other in EDITIONS:
        if other != edition:
            _add_renamed(tables, layout(other))
    keys: set[str] = set()
    for table in tables.values():
        keys |= set(table.labels)
        for columns in table.columns.values():
            keys |= set(columns.keys)
    return LabelIndex(lay, sections, tables, frozenset(keys))


def _add_renamed(tables: dict[str, TableIndex], other: Layout) -> None:
    """Record the labels ``other`` prints for rows (same pointer) that these tables have."""
    for node in other.tables:
        table = tables.get(node.name)
        if table is None:
            continue
        refs = {ref.node.pointer: ref for entries in table.labels.values() for ref, _ in entries
                if ref.kind == "row"}
        for row in node.rows():
            ref = refs.get(row.pointer)
            if ref is None:
                continue
            for text in (row.title, *row.aliases):
                key = label_key(text)
                if key not in table.labels:
                    table.renamed.setdefault(key, ref)


def _body(title: str) -> str:
    return split_ordinal(label_key(title))[1]


def _variants(aliases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_body(a) for a in aliases))


def _table_index(table: Node) -> TableIndex:
    shape = table_shape(table)
    targets: list[Target] = []
    labels: dict[str, list[tuple[LabelRef, str]]] = {}
    refs: list[LabelRef] = []

    def add(ref: LabelRef) -> None:
        refs.append(ref)
        for text, how in [(ref.node.title, "exact")] + [(a, "alias") for a in ref.node.aliases]:
            labels.setdefault(label_key(text), []).append((ref, how))

    def walk(node: Node, scope: str) -> None:
        for child in node.children:
            if not isinstance(child, Node):
                continue
            if child.is_row:
                target = Target(child.pointer, child.title, tuple(child.cells()), scope)
                if shape != "side_by_side":
                    targets.append(target)
                add(LabelRef(child, "row", target))
            else:
                kind = "subtable" if shape == "stacked" and node is table else "group"
                add(LabelRef(child, kind))
                walk(child, child.pointer if kind == "subtable" else scope)

    walk(table, table.pointer)
    if shape == "side_by_side":
        targets.append(Target(table.pointer, table.title, tuple(table.cells()), table.pointer))
        # The blocks' titles (行政复议, 未经复议直接起诉) and groups head columns; they are not rows.
        for key in list(labels):
            labels[key] = [(LabelRef(ref.node, "group"), how) for ref, how in labels[key]]
        refs[:] = [LabelRef(r.node, "group") for r in refs]
    bodies, fuzzy = _bodies(refs)
    return TableIndex(table, shape, targets, labels, bodies, fuzzy, _table_columns(table, shape))


def _table_columns(table: Node, shape: str) -> dict[str, Columns]:
    """The value columns of each scope of a table whose column headers apply (scope pointer -> columns)."""
    if shape == "side_by_side":
        return {table.pointer: _columns(tuple(table.cells()))}
    if shape == "stacked":
        return {sub.pointer: _columns(tuple(sub.rows()[0].cells())) for sub in table.children if isinstance(sub, Node)}
    return {table.pointer: _columns(tuple(table.rows()[0].cells()))}


def _bodies(refs: list[LabelRef]) -> tuple[dict[str, list[LabelRef]], list[tuple[str, str, LabelRef]]]:
    """The labels by their body without an ordinal, and (ordinal, body, ref) of each for fuzzy matching."""
    bodies: dict[str, list[LabelRef]] = {}
    fuzzy = []
    for ref in refs:
        for text in (ref.node.title, *ref.node.aliases):
            ordinal, body = split_ordinal(label_key(text))
            if body:
                if ref not in bodies.setdefault(body, []):
                    bodies[body].append(ref)
                fuzzy.append((ordinal, body, ref))
    return bodies, fuzzy


def _columns(cells: tuple[Cell, ...]) -> Columns:
    out = Columns(cells)
    for j, cell in enumerate(cells):
        out.keys.setdefault(label_key(cell.title_path[-1]), []).append(j)
        for alias in cell.aliases:
            key = label_key(alias)
            out.keys.setdefault(key, []).append(j)
            out.aliases.add(key)
        if cell.group:
            out.groups.add(label_key(cell.group))
    out.amounts = {key for key, js in out.keys.items() if any(cells[j].is_amount for j in js)}
    return out


def column_key(text: str, columns: Columns) -> str | None:
    """The key of the column label printed as ``text`` in a header row, or None.

    A header may add or change a parenthetical ("本年收费金额（单位：元）",
    "现行有效件数（历史累计）"): the label is also compared without it.
    """
    key = label_key(text)
    if key in columns.keys:
        return key
    bare = _PARENTHETICAL.sub("", key)
    if bare != key:
        for known in columns.keys:
            if _PARENTHETICAL.sub("", known) == bare:
                return known
    return None


def _match(table: TableIndex, text: str) -> Match | None:
    key = label_key(text)
    if not key:
        return None
    found = table.labels.get(key)
    if found:
        ref, how = found[0]
        return Match(ref, how, text, ref.node.title)
    renamed = table.renamed.get(key)
    if renamed is not None:
        return Match(renamed, "alias", text, renamed.node.title)
    ordinal, body = split_ordinal(key)
    same_body = table.bodies.get(body, [])
    if len(same_body) == 1 and len(body) >= 2:
        return Match(same_body[0], "body", text, same_body[0].node.title)
    if len(key) >= 4:
        # A group label that wrapped onto the next line: its first part starts the official title.
        starts = [ref for (o, b, ref) in table.fuzzy if ref.kind != "row" and label_key(ref.node.title).startswith(key)]
        if len(starts) == 1:
            return Match(starts[0], "prefix", text, starts[0].node.title)
    if len(body) < 3:
        return None
    return _fuzzy(table, ordinal, body, text)


def _fuzzy(table: TableIndex, ordinal: str, body: str, text: str) -> Match | None:
    scores: dict[str, tuple[float, LabelRef]] = {}
    printed = similar.chars(body)
    for official_ordinal, official_body, ref in table.fuzzy:
        if ordinal and official_ordinal and ordinal != official_ordinal:
            continue
        if printed.bound(similar.official_chars(official_body)) < _NEVER_COUNTS \
                or similar.ratio_bound(body, official_body) < _NEVER_COUNTS:
            continue  # the cheaper bound first
        ratio = similar.ratio(body, official_body)
        best = scores.get(ref.node.pointer)
        if best is None or ratio > best[0]:
            scores[ref.node.pointer] = (ratio, ref)
    ranked = sorted(scores.values(), key=lambda item: -item[0])
    if not ranked or ranked[0][0] < FUZZY_MIN:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < FUZZY_MARGIN:
        return None
    return Match(ranked[0][1], "fuzzy", text, ranked[0][1].node.title)
