"""Find the report's parts in the blocks: the title, the sections' text, and each table row's cells.

One pass over the blocks, in reading order:

- a line that is a section heading (the official title, possibly damaged, numbered 一、… or not)
  opens that section; sections only move forward, so an inner heading of 一、总体情况 that merely
  resembles a later section's title cannot pull the text apart;
- in a text section, lines are the section's text;
- in a table section, a row whose labels match the table's columns is a header (it gives the
  columns' places and the unit of money); a row whose label matches a sub-table or a group sets
  the context; a row whose label matches a row of the table is that row's data; the value row of
  a side-by-side table (table 4) has no label at all.

Nothing is assigned here: each data row keeps its printed value cells for ``readings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.labels import ForeignRow, LabelIndex, Match, Section, Target, TableIndex, column_key, index
from zfxxgk.importer.normalise import Token, label_key, read_token, section_number, split_spaced_numbers
from zfxxgk.importer.result import LogEntry

HEADING_MIN = 0.8
MISPRINT_MAX = 12
_PATH = re.compile(r"\s+/\s+")
_UNIT_YUAN = re.compile(r"单位[:：]?\s*元|\(元\)|（元）")
_UNIT_WANYUAN = re.compile(r"万元")


@dataclass(frozen=True)
class Line:
    text: str
    where: str


@dataclass
class PrintedRow:
    """The printed value cells of one data row (after its label), and where they came from."""

    target: Target
    cells: list[Token]
    positional: tuple[Token, ...] | None
    where: str
    raw: str
    unit: str | None = None  # the money unit stated for this row's amounts, if any
    unit_raw: str | None = None
    flat: str | None = None  # the printed numbers of a row read from run-together text, as printed


@dataclass
class GroupRow:
    """Numbers printed on a group's own line (as the 2019 edition prints 其他处理)."""

    pointer: str
    title: str
    cells: list[Token]
    where: str
    raw: str


@dataclass
class OtherEditionRow:
    """A row printed as in another edition, with no place in this one (not read; logged)."""

    row: ForeignRow
    cells: list[Token]
    where: str
    raw: str


@dataclass
class Unlabelled:
    """A row of numbers whose label matched nothing (cut off, or printed outside the table's rows),
    placed later by the layout's row order (``zfxxgk.importer.place``) or reported."""

    table: str
    position: int  # how many labelled rows (of any table) were printed before it
    cells: list[Token]
    flat: str | None
    where: str
    raw: str


@dataclass
class Located:
    title: Line | None = None
    prelude: list[Line] = field(default_factory=list)
    texts: dict[str, list[Line]] = field(default_factory=dict)
    rows: dict[str, PrintedRow] = field(default_factory=dict)
    group_rows: list[GroupRow] = field(default_factory=list)
    other_edition: list[OtherEditionRow] = field(default_factory=list)
    headers_seen: set[str] = field(default_factory=set)
    lines: list[Line] = field(default_factory=list)  # every line of text, for metadata
    log: list[LogEntry] = field(default_factory=list)
    unlabelled: list[Unlabelled] = field(default_factory=list)


@dataclass
class _Header:
    """What the header rows of one scope (a table, or a sub-table of table 2) said."""

    width: int = 0
    places: dict[str, list[int]] = field(default_factory=dict)  # column key -> printed places
    unit: str | None = None
    unit_raw: str | None = None
    resolved: tuple[int, ...] | None = None
    stale: bool = True
    padding: int | None = None  # empty cells after the last column label, in every header row


class Locator:
    def __init__(self, labels: LabelIndex) -> None:
        self.labels = labels
        self.out = Located()
        self.section_index = -1
        self.table: TableIndex | None = None
        self.scope: str | None = None
        self.headers: dict[str, _Header] = {}
        self.dropped: dict[str, list[Line]] = {}
        self.logged_variants: set[tuple[str, str]] = set()
        # A table section opened by a heading that only resembles its title, from a text section:
        # (that text section, the heading, the text lines seen since). If the section's exact
        # heading follows before any table row, the resembling one was an inner heading of the text
        # (济源's "二、主动公开政务信息情况" inside 一、总体情况) and its lines go back there.
        self.tentative: tuple[int, Line, list[Line]] | None = None

    # -- driving -------------------------------------------------------------------------------

    def run(self, blocks: list[Block]) -> Located:
        for block in blocks:
            self.feed(block)
        for name, lines in self.dropped.items():
            self.out.log.append(LogEntry(
                "warning", None, "\n".join(line.text for line in lines)[:500], lines[0].where,
                f"{len(lines)} line(s) of text inside the section of {name} are not part of the standard "
                "and were not kept",
                f"表格所在部分（{name}）中的 {len(lines)} 行文字不属于标准数据，未保留", code="P704"))
        return self.out

    def feed(self, block: Block) -> None:
        if block.kind == "text":
            self.text_line(block.cells[0] if block.cells else "", block.where)
            return
        printed = [c for c in block.cells if c.strip()]
        if not printed:
            return
        if len(printed) == 1 and read_token(printed[0]).kind == "text":
            if self.heading(printed[0], block.where):
                return
            if self.table is None and not self._other_table(block):
                self.text_line(printed[0], block.where)
                return
        if self.table is None and not self._other_table(block):
            self.text_line(" ".join(printed), block.where)
            return
        self.table_row(block)

    @property
    def section(self) -> Section | None:
        return self.labels.sections[self.section_index] if self.section_index >= 0 else None

    # -- text and headings ---------------------------------------------------------------------

    def text_line(self, text: str, where: str) -> None:
        text = text.strip()
        if not text:
            return
        if self.heading(text, where):
            return
        line = Line(text, where)
        self.out.lines.append(line)
        section = self.section
        if section is None:
            if self.out.title is None and _looks_like_title(text):
                self.out.title = line
            else:
                self.out.prelude.append(line)
        elif not section.is_table:
            self.out.texts.setdefault(section.name, []).append(line)
        elif read_token(text).kind == "int" and self.table is not None:
            self.table_row(Block("row", (text,), where))  # a row whose digits ran together, tabs lost
        else:
            self.table_text(line)

    def heading(self, text: str, where: str) -> bool:
        """Open the section whose heading ``text`` is; False when it is no section heading."""
        found = _section_of(self.labels.layout.edition, text)
        if found is None or found < self.section_index:
            return False
        exact = _section_is_exact(self.labels.layout.edition, text, found)
        if found == self.section_index and exact and self.tentative is not None:
            self._undo_tentative()
            return True
        if found != self.section_index:
            previous = self.section_index
            self.tentative = None
            if not exact and self.labels.sections[found].is_table and previous >= 0 \
                    and not self.labels.sections[previous].is_table:
                self.tentative = (previous, Line(text, where), [])
            self.section_index = found
            section = self.labels.sections[found]
            self.table = self.labels.tables[section.name] if section.is_table else None
            self.scope = self.table.node.pointer if self.table else None
            if not section.is_table:
                self.out.texts.setdefault(section.name, [])
        return True

    def table_text(self, line: Line) -> None:
        """A line of text in a table section: a sub-table title, a unit note, or text not kept."""
        assert self.table is not None
        match = self.table.match(line.text)
        if match is not None and match.ref.kind in ("subtable", "group"):
            self._context(match, line)
            return
        if _UNIT_YUAN.search(line.text) and len(line.text) < 30:
            self._header(self.scope or self.table.node.pointer).unit = "元"
            self._header(self.scope or self.table.node.pointer).unit_raw = line.text
            return
        if self.tentative is not None:
            self.tentative[2].append(line)
            return
        self.dropped.setdefault(self.table.node.title, []).append(line)

    def _undo_tentative(self) -> None:
        """Give the text section back the inner heading and the lines wrongly taken from it."""
        assert self.tentative is not None
        index, heading, lines = self.tentative
        name = self.labels.sections[index].name
        self.out.texts.setdefault(name, []).extend([heading, *lines])
        self.tentative = None

    def _commit_tentative(self) -> None:
        """A table row arrived: the resembling heading did open the table section."""
        if self.tentative is not None and self.table is not None:
            lines = self.tentative[2]
            if lines:
                self.dropped.setdefault(self.table.node.title, []).extend(lines)
        self.tentative = None

    # -- table rows ----------------------------------------------------------------------------

    def _other_table(self, block: Block) -> bool:
        """Switch to another table when this row clearly belongs to it (its heading was missing)."""
        for name, table in self.labels.tables.items():
            if table is self.table:
                continue
            rows = columns = 0
            for cell in block.cells:
                if not cell.strip() or read_token(cell).kind != "text":
                    continue
                key = label_key(cell)
                refs = table.labels.get(key, [])
                if any(ref.kind == "row" for ref, _ in refs):
                    rows += 1
                if any(key in c.keys for c in table.columns.values()):
                    columns += 1
            if rows >= 1 or columns >= 2:
                section = next(i for i, s in enumerate(self.labels.sections) if s.name == name)
                if section < self.section_index and self.section is not None and self.section.is_table:
                    continue
                self.section_index = max(self.section_index, section)
                self.table = table
                self.scope = table.node.pointer
                return True
        return False

    def table_row(self, block: Block) -> None:
        assert self.table is not None
        self._commit_tentative()
        if block.flat:
            self._flat_row(block)
            return
        cells = _expand(block.cells) if any(" " in c for c in block.cells) else list(block.cells)
        tokens = [read_token(c) for c in cells]
        has_values = any(t.is_printed_value for t in tokens)
        if not has_values and self.header_row(cells, tokens, block.where):
            return
        matches: list[tuple[int, Match]] = []
        last_row: tuple[int, int] | None = None  # (cell, part) of the last label of a row
        foreign: tuple[tuple[int, int], int, ForeignRow] | None = None
        others = self.labels.foreign.get(self.table.node.name)
        for i, (cell, token) in enumerate(zip(cells, tokens)):
            if token.kind != "text":
                continue
            for k, part in enumerate(_PATH.split(cell) if " / " in cell else (cell,)):
                match = self.table.match(part)
                if match is not None:
                    matches.append((i, match))
                    if match.ref.kind == "row":
                        last_row = (i, k)
                elif others:
                    row = others.get(label_key(part))
                    if row is not None:
                        foreign = ((i, k), i, row)
        row_matches = [(i, m) for i, m in matches if m.ref.kind == "row"]
        for i, m in matches:
            if m.ref.kind != "row":
                self._context(m, Line(cells[i], block.where))
        raw = "\t".join(block.cells)
        if foreign is not None and has_values and (last_row is None or foreign[0] > last_row):
            # The row's own label is one of another edition (（六）其他处理 / 1.申请人… in a 2019
            # report): reading its numbers into this edition's row would put them in the wrong place.
            self._other_edition(foreign[2], [t for t in tokens[foreign[1] + 1:] if t.is_value], block.where, raw)
            return
        if row_matches:
            at, match = row_matches[-1]
            self._data_row(match.ref.target, match, cells, tokens, at, block.where, raw)  # type: ignore[arg-type]
            return
        if self.table.shape == "side_by_side" and has_values:
            last_text = max((i for i, t in enumerate(tokens) if t.kind == "text"), default=-1)
            self._data_row(self.table.targets[0], None, cells, tokens, last_text, block.where, raw)
            return
        groups = [(i, m) for i, m in matches if m.ref.kind == "group"]
        if groups and has_values:
            at, match = groups[-1]
            values = [t for t in tokens[at + 1:] if t.is_value]
            self.out.group_rows.append(GroupRow(match.ref.node.pointer, match.ref.node.title, values, block.where, raw))
            return
        if has_values:
            if self._other_table(block):
                self.table_row(block)
                return
            if any(t.kind == "text" for t in tokens):
                # A label was printed but matches no row: never put in a row by its place.
                self.out.log.append(LogEntry(
                    "warning", None, raw, block.where,
                    "a row of numbers whose label matches no row of the table was not read",
                    "一行数字的栏目名称与表格中任何一行都不对应，未读取"))
                return
            self.out.unlabelled.append(Unlabelled(self.table.node.name, len(self.out.rows), tokens, None,
                                                  block.where, raw))
        # A row of labels that match nothing (the corner cell, 申请人情况) is table furniture.

    def _flat_row(self, block: Block) -> None:
        """A row read from run-together text: its labels, then its numbers as printed (one string)."""
        assert self.table is not None
        labels, value = block.cells[:-1], block.cells[-1]
        raw = "\t".join(block.cells)
        found: Match | None = None
        others = self.labels.foreign.get(self.table.node.name)
        for cell in labels:
            match = self.table.match(cell)
            if match is None:
                foreign = others.get(label_key(cell)) if others else None
                if foreign is not None:
                    tokens = [read_token(part) for part in value.split()]
                    self._other_edition(foreign, tokens, block.where, raw)
                    return
                continue
            if match.ref.kind == "row":
                found = match
            else:
                self._context(match, Line(cell, block.where))
        if found is not None:
            target = found.ref.target
            assert target is not None
            self._label_log(found, target.pointer, block.where)
        elif self.table.shape == "side_by_side":
            target = self.table.targets[0]
        else:
            group = next((m for m in (self.table.match(c) for c in labels) if m and m.ref.kind == "group"), None)
            if group is not None:
                tokens = [read_token(part) for part in value.split()]
                self.out.group_rows.append(GroupRow(group.ref.node.pointer, group.ref.node.title, tokens,
                                                    block.where, raw))
                return
            if any(c.strip() for c in labels):
                self.out.log.append(LogEntry(
                    "warning", None, raw, block.where,
                    "a row of numbers whose label matches no row of the table was not read",
                    "一行数字的栏目名称与表格中任何一行都不对应，未读取"))
                return
            self.out.unlabelled.append(Unlabelled(self.table.node.name, len(self.out.rows), [], value,
                                                  block.where, raw))
            return
        if target.pointer in self.out.rows:
            self.out.log.append(LogEntry(
                "warning", target.pointer, raw, block.where,
                f"the row {target.title} is printed twice; the first one ({self.out.rows[target.pointer].where}) is kept",
                f"“{target.title}”一行出现两次，保留第一次（{self.out.rows[target.pointer].where}）"))
            return
        unit, unit_raw = (_unit_of(found.printed), found.printed) if found is not None else (None, None)
        if unit is None:
            header = self.headers.get(target.scope)
            if header is not None and header.unit is not None:
                unit, unit_raw = header.unit, header.unit_raw
        self.out.rows[target.pointer] = PrintedRow(target, [], None, block.where, raw, unit,
                                                   unit_raw if unit else None, flat=value)

    def _other_edition(self, row: ForeignRow, values: list[Token], where: str, raw: str) -> None:
        edition = self.labels.layout.edition
        self.out.other_edition.append(OtherEditionRow(row, values, where, raw))
        self.out.log.append(LogEntry(
            "warning", None, raw, where,
            f"this row is laid out as in the {row.edition} edition ({row.path}), which the {edition} edition read "
            f"here does not have: its numbers ({shown_values(values)}) are not read into the report",
            f"该行按 {row.edition} 年版格式印出（{row.path}），本报告按 {edition} 年版读取，没有这一行："
            f"其数字（{shown_values(values)}）未读入报告",
            value=printed_values(values)))

    def header_row(self, cells: list[str], tokens: list[Token], where: str) -> bool:
        """Read a header row (column labels, no numbers): places of the columns and the unit."""
        assert self.table is not None
        scope = self.scope or self.table.node.pointer
        columns = self.table.columns.get(scope)
        if columns is None:
            return False
        found = []
        for i, (cell, token) in enumerate(zip(cells, tokens)):
            if token.kind != "text":
                continue
            key = column_key(_PATH.split(cell)[-1], columns)
            if key is not None:
                found.append((i, key, cell))
        if not found:
            return False
        header = self._header(scope)
        header.width = max(header.width, len(cells))
        header.stale = True
        trailing = len(cells) - 1 - max(i for i, _, _ in found)
        header.padding = trailing if header.padding is None else min(header.padding, trailing)
        for i, key, cell in found:
            places = header.places.setdefault(key, [])
            if i not in places:
                places.append(i)
            official = columns.cells[columns.keys[key][0]].title_path[-1]
            if key in columns.aliases:
                self._variant(None, cell, official, where, "column")
            if any(c.is_amount for j in columns.keys[key] for c in [columns.cells[j]]):
                unit = _unit_of(cell)
                if unit is not None:
                    header.unit, header.unit_raw = unit, cell
        self.out.headers_seen.add(self.table.node.name)
        return True

    def _data_row(self, target: Target, match: Match | None, cells: list[str], tokens: list[Token], at: int,
                  where: str, raw: str) -> None:
        if match is not None:
            self._label_log(match, target.pointer, where)
        if target.pointer in self.out.rows:
            self.out.log.append(LogEntry(
                "warning", target.pointer, raw, where,
                f"the row {target.title} is printed twice; the first one ({self.out.rows[target.pointer].where}) is kept",
                f"“{target.title}”一行出现两次，保留第一次（{self.out.rows[target.pointer].where}）"))
            return
        start = at + 1
        header = self.headers.get(target.scope)
        places = self._places(target.scope, header) if header is not None else None
        if places and at < places[0] and all(t.is_empty for t in tokens[start:places[0]]):
            # By the header's grid, the empty cells left of the first value column belong to the
            # merged label cells, not to the values.
            start = places[0]
        values = [t for t in tokens[start:] if t.kind != "text"]
        if header is not None and header.padding and len(tokens) < header.width:
            # A row narrower than its header lost a cell. The empty cells the header has after its
            # last column (where a column spans the rest of the grid, as the 2019 edition's
            # two-column sub-tables print) may have moved left into a column: at the end of such a
            # row, they are padding, not blank cells.
            padding = header.padding
            while padding and values and values[-1].is_empty:
                values.pop()
                padding -= 1
        unit, unit_raw = None, None
        if match is not None:
            unit = _unit_of(match.printed)
            unit_raw = match.printed if unit else None
        for t in values:
            if t.unit in ("元", "万元"):
                unit, unit_raw = t.unit, t.raw
        positional = self._positional(target.scope, tokens, at)
        if unit is None and header is not None and header.unit is not None:
            unit, unit_raw = header.unit, header.unit_raw
        self.out.rows[target.pointer] = PrintedRow(target, values, positional, where, raw, unit, unit_raw)

    def _positional(self, scope: str, tokens: list[Token], at: int) -> tuple[Token, ...] | None:
        """The value in each column by its printed place, when the header gave the places and the
        row has exactly the header's width; None otherwise."""
        header = self.headers.get(scope)
        if header is None or header.width != len(tokens):
            return None
        places = self._places(scope, header)
        if places is None or min(places) <= at:
            return None
        chosen = set(places)
        for i, t in enumerate(tokens):
            if i > at and i not in chosen and (t.is_printed_value or t.kind == "text"):
                return None
        out = tuple(tokens[p] for p in places)
        if any(t.kind == "text" and not self._misprinted(t) for t in out):
            return None
        return out

    def _misprinted(self, token: Token) -> bool:
        """A short text with digits in a value column (减少3, 约12): an unreadable value, not a label.

        It stays in its column (the row is read by the header's places), and is logged, not read."""
        assert self.table is not None
        return (len(token.text) <= MISPRINT_MAX and any(ch.isdigit() for ch in token.text)
                and self.table.match(token.raw) is None)

    def _places(self, scope: str, header: _Header) -> tuple[int, ...] | None:
        if not header.stale:
            return header.resolved
        header.stale = False
        header.resolved = None
        assert self.table is not None
        columns = self.table.columns[scope]
        place: dict[int, int] = {}
        for key, printed in header.places.items():
            js = columns.keys[key]
            if len(printed) != len(js):
                return None
            for j, p in zip(js, sorted(printed)):
                if j in place:
                    return None
                place[j] = p
        if len(place) != len(columns.cells):
            return None
        resolved = tuple(place[j] for j in range(len(columns.cells)))
        if len(set(resolved)) != len(resolved) or list(resolved) != sorted(resolved):
            return None
        header.resolved = resolved
        return resolved

    # -- context and logging -------------------------------------------------------------------

    def _context(self, match: Match, line: Line) -> None:
        if match.ref.kind == "subtable":
            self.scope = match.ref.node.pointer
        self._label_log(match, match.ref.node.pointer, line.where)

    def _header(self, scope: str) -> _Header:
        return self.headers.setdefault(scope, _Header())

    def _label_log(self, match: Match, pointer: str, where: str) -> None:
        if match.how in ("alias", "fuzzy", "body"):
            self._variant(pointer, match.printed, match.official, where, match.how)

    def _variant(self, pointer: str | None, printed: str, official: str, where: str, how: str) -> None:
        if (printed, official) in self.logged_variants:
            return
        self.logged_variants.add((printed, official))
        if how == "fuzzy":
            self.out.log.append(LogEntry(
                "repair", pointer, printed, where,
                f"damaged label read as the official {official}: it is the only label of the table close to it",
                f"残缺的栏目名称按官方名称“{official}”读取：表格中只有该栏目与之相近", value=official, code="P102"))
        else:
            self.out.log.append(LogEntry(
                "label_variant", pointer, printed, where,
                f"label variant of the official {official}", f"官方栏目“{official}”的另一种写法", value=official))


def printed_values(tokens: list[Token]) -> list[int | str | None]:
    """The printed value cells as JSON values: counts as ints, decimals as exact strings, blanks None.

    Empty cells before the first and after the last printed value are padding, not values."""
    out: list[int | str | None] = []
    for t in _trimmed(tokens):
        if t.kind == "int" and t.unit is None:
            out.append(int(t.text))
        elif t.kind in ("int", "dec"):
            out.append(t.text + (t.unit or ""))
        else:
            out.append(None)
    return out


def shown_values(tokens: list[Token]) -> str:
    return ", ".join(t.raw or "—" for t in _trimmed(tokens))


def _trimmed(tokens: list[Token]) -> list[Token]:
    printed = [i for i, t in enumerate(tokens) if not t.is_empty]
    return tokens[printed[0]:printed[-1] + 1] if printed else []


def _expand(cells: tuple[str, ...]) -> list[str]:
    """Cells with several numbers separated by spaces ("3 5", "规章 0 0 0") split into one per number."""
    out: list[str] = []
    for cell in cells:
        out.extend(_expand_cell(cell) if " " in cell else (cell,))
    return out


@lru_cache(maxsize=16384)
def _expand_cell(cell: str) -> tuple[str, ...]:
    parts = split_spaced_numbers(cell) if " " in cell.strip() else None
    if parts:
        return parts
    if " " in cell.strip() and read_token(cell).kind == "text":
        words = cell.split()
        tail = 0
        for w in reversed(words):
            if read_token(w).kind in ("int", "dec"):
                tail += 1
            else:
                break
        if 0 < tail < len(words):
            return (" ".join(words[: len(words) - tail]), *words[len(words) - tail:])
    return (cell,)


@lru_cache(maxsize=4096)
def _unit_of(text: str) -> str | None:
    key = label_key(text)
    if "万元" in key:
        return "万元"
    if _UNIT_YUAN.search(key) or key.endswith("元)") or key.endswith("(元"):
        return "元"
    return None


@lru_cache(maxsize=16384)
def _section_of(edition: str, text: str) -> int | None:
    """The index of the section whose heading ``text`` is, or None."""
    key = label_key(text)
    number = section_number(key)
    if number is None and key[:1] in "(0123456789":
        return None  # "（二）…" and "2." open inner headings, not sections
    body = key.split("、", 1)[1] if number is not None else key
    if not body or len(body) > 40:
        return None
    best, best_ratio = None, 0.0
    for i, section in enumerate(index(edition).sections):
        for known in section.bodies:
            if body == known:
                ratio = 1.0
            elif number is not None and number != section.number:
                continue  # a differently numbered line must name the section exactly
            elif abs(len(body) - len(known)) > 6:
                continue
            else:
                ratio = SequenceMatcher(None, body, known, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = i, ratio
    return best if best_ratio >= HEADING_MIN else None


def _section_is_exact(edition: str, text: str, found: int) -> bool:
    key = label_key(text)
    body = key.split("、", 1)[1] if section_number(key) is not None else key
    return body in index(edition).sections[found].bodies


_TITLE = re.compile(r"(19|20)\d\d\s*年.*(报告|年报)")


def _looks_like_title(text: str) -> bool:
    return bool(_TITLE.search(text)) and len(text) < 80
