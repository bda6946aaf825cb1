"""The rows of the table being read: a header row gives the columns' places and the unit of money; a
row whose label matches a sub-table or a group sets the context; a row whose label matches a row of
the table is that row's data; the value row of a side-by-side table (table 4) has no label at all.

Nothing is assigned here: each data row keeps its printed value cells (``PrintedRow``) for the
readings. ``locate.Locator`` says which table is being read and hands each row over.
"""

from __future__ import annotations

from collections.abc import Sequence

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.header import Header
from zfxxgk.importer.labels import Columns, ForeignRow, LabelIndex, Match, TableIndex, Target
from zfxxgk.importer.located import GroupRow, Line, Located, OtherEditionRow, PrintedRow, Unlabelled, \
    printed_values, shown_values
from zfxxgk.importer.normalise import Token, label_key, read_token
from zfxxgk.importer.result import LogEntry
from zfxxgk.importer.row_labels import RowReading, is_unit_note, reading, unit_of

MISPRINT_MAX = 12
_LOGGED = ("alias", "fuzzy", "body")  # how a label matched when it is logged as a variant


class TableRows:
    """The rows of the table being read, into ``out`` (the ``Located`` the locator fills)."""

    def __init__(self, labels: LabelIndex, out: Located) -> None:
        self.labels = labels
        self.out = out
        self.table: TableIndex | None = None
        self.scope: str | None = None  # the pointer of the node whose column headers apply now
        self.headers: dict[str, Header] = {}
        self.logged_variants: set[tuple[str, str]] = set()
        self.foreign = labels.foreign  # other editions' row labels, by table (once, not per row)

    def enter(self, table: TableIndex | None) -> None:
        """Read the following rows as rows of ``table`` (None: a text section)."""
        self.table = table
        self.scope = table.node.pointer if table else None

    # -- lines and rows ------------------------------------------------------------------------

    def text(self, line: Line) -> bool:
        """A line of text in the table's section: a sub-table or group title, or a unit note; False
        when it is neither (text not kept)."""
        assert self.table is not None
        match = self.table.match(line.text)
        if match is not None and match.ref.kind in ("subtable", "group"):
            self._context(match, line.where)
            return True
        if is_unit_note(line.text):
            header = self._header(self.scope or self.table.node.pointer)
            header.unit, header.unit_raw = "元", line.text
            return True
        return False

    def row(self, block: Block, read: RowReading | None = None) -> list[Token] | None:
        """Read a table row (``read``: its reading, if made already). Returns its cells when it prints
        values under no label of this table (it may belong to another table: the caller decides,
        else calls ``unplaced``); None when read."""
        assert self.table is not None
        if block.flat:
            self.flat_row(block)
            return None
        if read is None:
            read = reading(self.table, block.cells)
        tokens, has_values = read.tokens, read.has_values
        if not has_values and self.header_row(read, block.where):
            return None
        labels = read.labels(self.table, self.foreign.get(self.table.node.name))
        for _, m in labels.context:
            self._context(m, block.where)
        raw = read.raw
        if labels.foreign is not None and has_values and labels.names_other_edition():
            # The row's own label is one of another edition (（六）其他处理 / 1.申请人… in a 2019
            # report): reading its numbers into this edition's row would put them in the wrong place.
            _, at, foreign = labels.foreign
            self._other_edition(foreign, [t for t in tokens[at + 1:] if t.is_value], block.where, raw)
        elif labels.rows:
            at, match = labels.rows[-1]
            self._data_row(match.ref.target, match, tokens, at, block.where, raw)  # type: ignore[arg-type]
        elif self.table.shape == "side_by_side" and has_values:
            last_text = max((i for i, t in enumerate(tokens) if t.kind == "text"), default=-1)
            self._data_row(self.table.targets[0], None, tokens, last_text, block.where, raw)
        elif labels.groups and has_values:
            at, match = labels.groups[-1]
            values = [t for t in tokens[at + 1:] if t.is_value]
            self.out.group_rows.append(GroupRow(match.ref.node.pointer, match.ref.node.title, values, block.where, raw))
        elif has_values:
            return list(tokens)
        # A row of labels that match nothing (the corner cell, 申请人情况) is table furniture.
        return None

    def unplaced(self, block: Block, tokens: list[Token]) -> None:
        """A row of values that no label places: kept for placing by the row order if it prints no label."""
        assert self.table is not None
        raw = "\t".join(block.cells)
        if any(t.kind == "text" for t in tokens):
            self._unread(raw, block.where)  # a label was printed but matches no row: never placed
            return
        self.out.unlabelled.append(Unlabelled(self.table.node.name, len(self.out.rows), tokens, None,
                                              block.where, raw))

    def header_row(self, read: RowReading, where: str) -> bool:
        """Read a header row (column labels, no numbers): places of the columns and the unit."""
        assert self.table is not None
        scope = self.scope or self.table.node.pointer
        columns = self.table.columns.get(scope)
        if columns is None:
            return False
        cells = read.columns(scope, columns)
        if cells is None:
            return False
        self._header(scope).add_row(cells)
        for printed, official in cells.variants:
            self._variant(None, printed, official, where, "column")
        self.out.headers_seen.add(self.table.node.name)
        return True

    # -- data rows -----------------------------------------------------------------------------

    def _data_row(self, target: Target, match: Match | None, tokens: Sequence[Token], at: int, where: str,
                  raw: str) -> None:
        """The row of ``target``, its label at ``at`` (``match``; None for a side-by-side table)."""
        assert self.table is not None
        if match is not None:
            self._label_log(match, target.pointer, where)
        if self._twice(target, raw, where):
            return
        header = self.headers.get(target.scope)
        columns = self.table.columns[target.scope] if header is not None else None
        values = self._values(header, columns, tokens, at)
        unit, unit_raw = None, None
        if match is not None:
            unit = unit_of(match.printed)
            unit_raw = match.printed if unit else None
        for t in values:
            if t.unit in ("元", "万元"):
                unit, unit_raw = t.unit, t.raw
        positional = None
        if header is not None and columns is not None:
            positional = header.positional(columns, tokens, at, self._misprinted)
            if unit is None and header.unit is not None:
                unit, unit_raw = header.unit, header.unit_raw
        self.out.rows[target.pointer] = PrintedRow(target, values, positional, where, raw, unit, unit_raw)

    @staticmethod
    def _values(header: Header | None, columns: Columns | None, tokens: Sequence[Token], at: int) -> list[Token]:
        """The value cells after the label at ``at``, as the header's grid delimits them."""
        start = at + 1
        places = header.places(columns) if header is not None and columns is not None else None
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
        return values

    def _misprinted(self, token: Token) -> bool:
        """A short text with digits in a value column (减少3, 约12): an unreadable value, not a label.

        It stays in its column (the row is read by the header's places), and is logged, not read."""
        assert self.table is not None
        return (len(token.text) <= MISPRINT_MAX and any(ch.isdigit() for ch in token.text)
                and self.table.match(token.raw) is None)

    def flat_row(self, block: Block) -> None:
        """A row read from run-together text: its labels, then its numbers as printed (one string)."""
        table = self.table
        assert table is not None
        cells = block.cells
        labels, value = cells[:-1], cells[-1]
        raw = "\t".join(cells)
        found: Match | None = None
        for cell in labels:
            match = table.match(cell)
            if match is None:
                others = self.foreign.get(table.node.name)  # looked up only for a label of no row here
                foreign = others.get(label_key(cell)) if others else None
                if foreign is not None:
                    self._other_edition(foreign, [read_token(part) for part in value.split()], block.where, raw)
                    return
            elif match.ref.kind == "row":
                found = match
            else:
                self._context(match, block.where)
        if found is not None:  # most rows: their label names a row of the table
            target = found.ref.target
            assert target is not None
            if found.how in _LOGGED:
                self._label_log(found, target.pointer, block.where)
        else:
            target = self._flat_target(block, labels, value, raw)
        if target is None or (target.pointer in self.out.rows and self._twice(target, raw, block.where)):
            return
        unit, unit_raw = (unit_of(found.printed), found.printed) if found is not None else (None, None)
        if unit is None:
            header = self.headers.get(target.scope)
            if header is not None and header.unit is not None:
                unit, unit_raw = header.unit, header.unit_raw
        self.out.rows[target.pointer] = PrintedRow(target, [], None, block.where, raw, unit,
                                                   unit_raw if unit else None, value)

    def _flat_target(self, block: Block, labels: tuple[str, ...], value: str, raw: str) -> Target | None:
        """The row a run-together row whose labels name no row fills: the value row of a side-by-side
        table; None when it is a group's line, unread or unlabelled."""
        assert self.table is not None
        if self.table.shape == "side_by_side":
            return self.table.targets[0]
        group = next((m for m in (self.table.match(c) for c in labels) if m and m.ref.kind == "group"), None)
        if group is not None:
            tokens = [read_token(part) for part in value.split()]
            self.out.group_rows.append(GroupRow(group.ref.node.pointer, group.ref.node.title, tokens,
                                                block.where, raw))
        elif any(c.strip() for c in labels):
            self._unread(raw, block.where)
        else:
            self.out.unlabelled.append(Unlabelled(self.table.node.name, len(self.out.rows), [], value,
                                                  block.where, raw))
        return None

    # -- context and logging -------------------------------------------------------------------

    def _context(self, match: Match, where: str) -> None:
        if match.ref.kind == "subtable":
            self.scope = match.ref.node.pointer
        self._label_log(match, match.ref.node.pointer, where)

    def _header(self, scope: str) -> Header:
        return self.headers.setdefault(scope, Header())

    def _twice(self, target: Target, raw: str, where: str) -> bool:
        """Whether ``target`` was read already (then the first reading is kept, and this one logged)."""
        first = self.out.rows.get(target.pointer)
        if first is None:
            return False
        self.out.log.append(LogEntry(
            "warning", target.pointer, raw, where,
            f"the row {target.title} is printed twice; the first one ({first.where}) is kept",
            f"“{target.title}”一行出现两次，保留第一次（{first.where}）"))
        return True

    def _unread(self, raw: str, where: str) -> None:
        self.out.log.append(LogEntry(
            "warning", None, raw, where,
            "a row of numbers whose label matches no row of the table was not read",
            "一行数字的栏目名称与表格中任何一行都不对应，未读取"))

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

    def _label_log(self, match: Match, pointer: str, where: str) -> None:
        if match.how in _LOGGED:
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
