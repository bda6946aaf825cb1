"""Cells named as a reader of the printed report names them: the table, the row path and the column,
in the official Chinese labels or the English labels declared beside them in the schema.

Every message that speaks of a cell uses these names; the JSON Pointer stays in the finding's
``pointers`` for programs.
"""

from __future__ import annotations

from functools import cache

from zfxxgk.layout import EDITIONS, Cell, Field, Layout, Node, layout

_ZH_NUMERALS = "一二三四五六七八九十"


def table_name(node: Node, lang: str) -> str:
    """"表三" / "Table 3": the number the official title starts with ("三、…" / "3. …")."""
    if lang == "zh":
        head = node.title.partition("、")[0]
        return f"表{head}" if head and all(ch in _ZH_NUMERALS for ch in head) else node.title
    head = node.title_en.partition(".")[0]
    return f"Table {head}" if head.isdigit() else node.title_en


def _quoted(text: str, lang: str) -> str:
    return f"“{text}”" if lang == "zh" else f'"{text}"'


def _row_path(titles: tuple[str, ...], group: str | None) -> str:
    return " / ".join((group, *titles) if group else titles)


def cell_name(cell: Cell, lang: str) -> str:
    """表三“三、本年度办理结果 / （一）予以公开”行“自然人”列 /
    Table 3, row "3. Results of handling this year / (1) Disclosed", column "Natural persons"."""
    lay = layout(_edition_of(cell))
    table = lay.table(cell.table)
    row = _row_of(cell)
    zh = lang == "zh"
    titles = cell.title_path if zh else cell.title_path_en
    row_titles = titles[1:-1]
    group = (row.group if zh else row.group_en) if row is not None else None
    column = _quoted(titles[-1], lang)
    if not row_titles:
        return f"{table_name(table, lang)}{column}" if zh else f"{table_name(table, lang)}, {column}"
    path = _quoted(_row_path(row_titles, group), lang)
    if zh:
        return f"{table_name(table, lang)}{path}行{column}列"
    return f"{table_name(table, lang)}, row {path}, column {column}"


def node_name(node: Node, lang: str, edition: str | None = None) -> str:
    """A table, a group of rows or a row: 表三“三、本年度办理结果 / （三）不予公开” / Table 3, "…"."""
    lay = layout(edition if edition in EDITIONS else EDITIONS[0])
    table = next((t for t in lay.tables if node.pointer == t.pointer or node.pointer.startswith(t.pointer + "/")), None)
    if table is None:
        return _quoted(node.title if lang == "zh" else node.title_en, lang)
    if node.pointer == table.pointer:
        return table_name(table, lang)
    path: list[str] = []
    for above in table.nodes()[1:]:
        if node.pointer == above.pointer or node.pointer.startswith(above.pointer + "/"):
            group = above.group if lang == "zh" else above.group_en
            path.extend([group] if group else [])
            path.append(above.title if lang == "zh" else above.title_en)
    shown = _quoted(" / ".join(path), lang)
    return f"{table_name(table, lang)}{shown}" if lang == "zh" else f"{table_name(table, lang)}, {shown}"


def field_name(field: Field, lang: str) -> str:
    return _quoted(field.title if lang == "zh" else field.title_en, lang)


def place_name(pointer: str, lang: str, edition: str | None = None) -> str:
    """What a reader calls the place at ``pointer``: a cell, a row, a table or a field of the layout of
    ``edition`` (when unknown, the first edition that has the place, newest first); the pointer itself
    for a place no layout has (an unknown field, a unit field)."""
    for candidate in (edition,) if edition in EDITIONS else EDITIONS:
        name = _in_edition(pointer, lang, layout(candidate))
        if name is not None:
            return name
    return pointer or "/"


def _in_edition(pointer: str, lang: str, lay: Layout) -> str | None:
    cell = lay.by_pointer.get(pointer)
    if cell is not None:
        return cell_name(cell, lang)
    node = _node_index(lay.edition).get(pointer)
    if node is not None:
        return node_name(node, lang, lay.edition)
    field = next((f for f in lay.fields if f.pointer == pointer), None)
    if field is not None:
        return field_name(field, lang)
    amount = next((c for c in lay.cells if c.unit_pointer == pointer), None)  # 2019 采购总金额's unit
    if amount is not None:
        return f"{cell_name(amount, lang)}的单位" if lang == "zh" else f"the unit of {cell_name(amount, lang)}"
    return None


def _edition_of(cell: Cell) -> str:
    for edition in EDITIONS:
        if layout(edition).by_pointer.get(cell.pointer) is cell:
            return edition
    return EDITIONS[0]


def _row_of(cell: Cell) -> Node | None:
    parent = cell.pointer.rpartition("/")[0]
    return _node_index(_edition_of(cell)).get(parent)


@cache
def _node_index(edition: str) -> dict[str, Node]:
    return {n.pointer: n for table in layout(edition).tables for n in table.nodes()}
