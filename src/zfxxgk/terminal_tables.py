"""The tables of a report as the official layout prints them, in a terminal: every heading row, labels
wrapped (never cut), and the cells the findings name marked, with a legend.

Table 2 is printed as its sub-tables (each has its own columns), table 3 as one grid under its
group headings, table 4 with its three blocks as rows (fifteen columns do not fit 80 columns).
Labels are the official Chinese ones, or the English ones declared beside them in the schema.
"""

from __future__ import annotations

import re
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zfxxgk import pointers
from zfxxgk.layout import EDITIONS, Cell, Node, layout
from zfxxgk.validate.findings import Finding, Result

# What a mark says, strongest first: a cell gets the mark of the strongest finding that names it.
MARKS: dict[str, tuple[str, str, str, str]] = {
    # kind: (symbol, style, Chinese, English)
    "error": ("✗", "bold red", "错误", "error"),
    "ambiguous": ("?", "magenta", "无法判定（留空）", "ambiguous (left blank)"),
    "warning": ("!", "yellow", "警告", "warning"),
    "repaired": ("~", "cyan", "读取时修复或推断", "repaired or inferred while reading"),
}
_RANK = {kind: rank for rank, kind in enumerate(reversed(MARKS))}
AMBIGUOUS_CODES = frozenset({"P401"})  # a cell the printed row leaves undecided


def mark_kind(finding: Finding) -> str:
    if finding.is_error:
        return "error"
    if finding.code in AMBIGUOUS_CODES:
        return "ambiguous"
    return "warning" if finding.is_warning else "repaired"


def cell_marks(findings: list[Finding]) -> dict[str, str]:
    """Pointer -> the kind of mark of the strongest finding that names it."""
    marks: dict[str, str] = {}
    for finding in findings:
        kind = mark_kind(finding)
        for pointer in finding.pointers:
            if _RANK[kind] > _RANK.get(marks.get(pointer, ""), -1):
                marks[pointer] = kind
    return marks


def legend(lang: str) -> Text:
    parts: list[Any] = ["图例：" if lang == "zh" else "marks: "]
    for symbol, style, zh, en in MARKS.values():
        parts += [(symbol, style), f" {zh if lang == 'zh' else en}   "]
    return Text.assemble(*parts)


def report_tables(result: Result, lang: str, every: bool = False, width: int = 80) -> list[RenderableType]:
    """The tables of ``result``'s report with marked cells: every table when ``every``, else those
    holding a marked cell; then the legend. Nothing for a report of no known edition."""
    report = result.document
    if not report or report.get("edition") not in EDITIONS:
        return []
    marks = cell_marks(result.findings)
    out: list[RenderableType] = []
    for table in layout(report["edition"]).tables:
        if every or any(c.pointer in marks for c in table.cells()) or any(u in marks for u in table.unit_pointers()):
            out.append(_render(table, report, marks, lang, width))
    if out:
        out.append(legend(lang))
    return out


def _title(node: Node, lang: str) -> str:
    return node.title if lang == "zh" else node.title_en


def _furniture(node: Node, tag: str, lang: str) -> str:
    return node.furniture.get(tag if lang == "zh" else f"{tag}_en", "")


def _render(table: Node, report: dict[str, Any], marks: dict[str, str], lang: str, width: int) -> RenderableType:
    heading = Text(_title(table, lang), style="bold")
    if all(isinstance(child, Node) and not child.is_row for child in table.children):  # table 2: sub-tables
        sub = [_grid(child, report, marks, lang, _furniture(table, "row_label_header", lang), _title(child, lang), width)
               for child in table.children if isinstance(child, Node)]
        return Group(heading, *sub)
    notes = (_group_note(table, lang), _furniture(table, "corner_text", lang))
    return Group(heading, _grid(table, report, marks, lang, _furniture(table, "row_label_header", lang), None, width,
                                notes))


def _group_note(table: Node, lang: str) -> str:
    """Column groups (法人或其他组织 over five columns) cannot span columns here: named above the grid."""
    title = _furniture(table, "columns_title", lang)
    groups: dict[str, list[str]] = {}
    for cell in _first_row(table).cells():
        group = cell.group if lang == "zh" else cell.group_en
        if group:
            groups.setdefault(group, []).append(cell.title_path[-1] if lang == "zh" else cell.title_path_en[-1])
    said = "；".join(f"“{g}”：{'、'.join(c)}" for g, c in groups.items()) if lang == "zh" else \
        "; ".join(f'"{g}": {", ".join(c)}' for g, c in groups.items())
    return "：".join(p for p in (title, said) if p) if lang == "zh" else ": ".join(p for p in (title, said) if p)


def _first_row(node: Node) -> Node:
    return node.rows()[0]


def _columns(node: Node, lang: str) -> list[str]:
    columns: list[str] = []
    for row in node.rows():
        for cell in row.cells():
            label = cell.title_path[-1] if lang == "zh" else cell.title_path_en[-1]
            if label not in columns:
                columns.append(label)
    return columns


def _grid(node: Node, report: dict[str, Any], marks: dict[str, str], lang: str, corner: str,
          title: str | None, width: int, notes: tuple[str, str] = ("", "")) -> Table:
    """One grid; ``notes`` are said above and below it (a column group, the table's corner text)."""
    columns = _columns(node, lang)
    rows = _walk(node, 0)
    cells = [[_value(c, report, marks) for c in _cells_by_column(item, columns, lang)] if item.is_row and item.children
             else [] for _, item in rows]
    labels = [(d, _title(item, lang)) for d, item in rows]
    widths = _widths(columns, cells, labels, corner, width)
    key = None
    if widths is None:  # headers too wide to wrap by words (English at 80 columns): numbered, with a key
        key = "  ".join(f"({i}) {c}" for i, c in enumerate(columns, 1))
        columns = [f"({i})" for i in range(1, len(columns) + 1)]
        widths = _widths(columns, cells, labels, corner, width) or [_MIN_LABEL] + [_MIN_NUMBER] * len(columns)
    # Wrapped here: the console prints findings unwrapped (soft wrap), which would leave these long.
    above = [Text(title, style="bold")] if title else []
    above += [Text("\n".join(_wrap(text, width)), style="dim") for text in (notes[0], key) if text]
    grid = Table(title=Text("\n").join(above) if above else None, title_justify="left", box=box.SQUARE,
                 padding=(0, 1), caption=Text("\n".join(_wrap(notes[1], width)), style="dim") if notes[1] else None, caption_justify="left")
    grid.add_column(corner, width=widths[0], overflow="fold")
    for column, column_width in zip(columns, widths[1:]):
        grid.add_column(Text("\n".join(_wrap(column, column_width)), justify="right"), justify="right",
                        overflow="fold", width=column_width)
    for (depth, item), values in zip(rows, cells):
        label = _hanging(_title(item, lang), depth, widths[0])
        if not values:  # a heading row: a group, or the group a row carries
            label.stylize("bold")
            grid.add_row(label, *[""] * len(columns))
        else:
            grid.add_row(label, *values)
    return grid


def _cells_by_column(row: Node, columns: list[str], lang: str) -> list[Cell | None]:
    values = {(c.title_path[-1] if lang == "zh" else c.title_path_en[-1]): c for c in row.cells()}
    return [values.get(column) for column in columns]


_MIN_NUMBER = 4  # two Chinese characters of a header per line
_MIN_LABEL = 16


def _unit(header: str) -> int:
    """The widest piece a header can be wrapped into: a word (split after a hyphen), or one Chinese character."""
    pieces = [p for word in header.split() for p in re.split(r"(?<=-)", word)]
    return max([cell_len(ch) for ch in header] + [cell_len(p) for p in pieces if p.isascii()])


def _widths(columns: list[str], cells: list[list[Text]], labels: list[tuple[int, str]], corner: str,
            width: int) -> list[int] | None:
    """Column widths that fit ``width``, or None when the headers cannot be wrapped into it: each
    number column as wide as its values and the widest word of its header, the label column the rest
    up to its longest label, but no more than 40% when a header would then wrap."""
    values = [max([_MIN_NUMBER] + [row[i].cell_len for row in cells if row]) for i in range(len(columns))]
    need = [max(v, _unit(c)) for v, c in zip(values, columns)]
    want = [max(n, cell_len(c)) for n, c in zip(need, columns)]
    budget = width - (len(columns) + 1) * 3 - 1  # a border and two padding spaces per column
    if budget - sum(need) < _MIN_LABEL:
        return None
    label_want = max([cell_len(corner)] + [2 * d + cell_len(t) for d, t in labels])
    label = min(label_want, budget - sum(need))
    if label > budget * 2 // 5:
        label = max(budget * 2 // 5, min(label, budget - sum(want)))
    spare = budget - label - sum(need)
    numbers = []
    for n, w in zip(need, want):
        grow = w - n if w - n <= spare else 0  # a header on one line, or left at its narrowest
        spare -= grow
        numbers.append(n + grow)
    return [label + max(0, min(spare, label_want - label)), *numbers]  # what headers did not take


def _hanging(label: str, depth: int, width: int) -> Text:
    """``label`` indented by its depth and wrapped at ``width`` with the indent kept on every line
    (a wrapped label that fell back to the margin would look like a row of its own)."""
    indent = "  " * depth
    room = max(4, width - len(indent))
    lines = _wrap(label, room)
    return Text("\n".join(indent + line for line in lines))


def _wrap(text: str, room: int) -> list[str]:
    """Lines of at most ``room`` terminal cells: at spaces for English, anywhere for Chinese."""
    lines: list[str] = []
    line = ""
    for word in re.findall(r"[^\s-]+-|[^\s-]+\s*|-\s*|\s+", text):  # English breaks after a space or hyphen
        for piece in _split_wide(word, room):
            if line and cell_len((line + piece).rstrip()) > room:
                lines.append(line.rstrip())
                line = ""
            line += piece
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _split_wide(word: str, room: int) -> list[str]:
    """A word wider than ``room`` (Chinese has no spaces) cut into pieces that fit, character by character."""
    if cell_len(word) <= room and not any(cell_len(ch) > 1 for ch in word):
        return [word]
    return list(word)


def _walk(node: Node, depth: int) -> list[tuple[int, Node]]:
    """Every row and heading row below ``node`` in layout order, with its depth; a group that a row
    carries (行政诉讼 over two blocks of table 4) is a heading row before its first row."""
    out: list[tuple[int, Node]] = []
    seen_groups: set[str] = set()
    for child in node.children:
        if not isinstance(child, Node):
            continue
        shift = 0
        if child.group:
            shift = 1
            if child.group not in seen_groups:
                seen_groups.add(child.group)
                out.append((depth, Node(pointer=child.pointer.rpartition("/")[0] + "#" + child.group, name="",
                                        title=child.group, aliases=(), cls="", children=(),
                                        title_en=child.group_en or child.group)))
        out.append((depth + shift, child))
        if not child.is_row:
            out.extend(_walk(child, depth + shift + 1))
    return out


def _value(cell: Cell | None, report: dict[str, Any], marks: dict[str, str]) -> Text:
    if cell is None:
        return Text("")
    value = pointers.resolve(report, cell.pointer, None)
    shown = "" if value is None else str(value)
    if cell.unit_pointer:
        unit = pointers.resolve(report, cell.unit_pointer, None)
        shown += str(unit) if unit and shown else ""
    # A finding may name the cell, its unit, or its whole row (a row the importer repaired).
    named = [marks.get(p) for p in (cell.pointer, cell.unit_pointer, cell.pointer.rpartition("/")[0]) if p]
    kind = max((k for k in named if k), key=_RANK.__getitem__, default=None)
    if kind is None:
        return Text(shown)
    symbol, style, _, _ = MARKS[kind]
    return Text(f"{shown}{symbol}", style=style)
