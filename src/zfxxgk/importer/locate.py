"""Find the report's parts in the blocks: the title, the sections' text, and each table row's cells.

One pass over the blocks, in reading order:

- a line that is a section heading (the official title, possibly damaged, numbered 一、… or not;
  ``headings``) opens that section; sections only move forward, so an inner heading of 一、总体情况
  that merely resembles a later section's title cannot pull the text apart;
- in a text section, lines are the section's text;
- in a table section, rows go to ``table_rows`` (headers, context, data rows), and a row that
  clearly belongs to another table switches to it (its heading was missing).

Nothing is assigned here: each data row keeps its printed value cells for the readings
(``candidates``). What is found is a ``located.Located``.
"""

from __future__ import annotations

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.headings import heading_of, looks_like_title
from zfxxgk.importer.labels import LabelIndex, Section, TableIndex
from zfxxgk.importer.located import Line, Located, PrintedRow, Unlabelled, printed_values, shown_values
from zfxxgk.importer.normalise import label_key, read_token
from zfxxgk.importer.result import LogEntry
from zfxxgk.importer.row_labels import RowReading, reading
from zfxxgk.importer.table_rows import TableRows

# What this stage makes, under the names other modules (place) import it by.
__all__ = ["Line", "Located", "Locator", "PrintedRow", "Unlabelled", "locate", "printed_values", "shown_values"]


def locate(blocks: list[Block], labels: LabelIndex) -> Located:
    """The report's parts found in ``blocks`` by the labels of its edition."""
    return Locator(labels).run(blocks)


class Locator:
    """One walk over the blocks: which section is open, its text, and which table reads the rows."""

    def __init__(self, labels: LabelIndex) -> None:
        self.labels = labels
        self.out = Located()
        self.section_index = -1
        self.rows = TableRows(labels, self.out)
        self.dropped: dict[str, list[Line]] = {}
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
        if block.flat and self.rows.table is not None:
            # A row of run-together text (its label and numbers both printed): what ``table_row``
            # does with it, without the calls that have nothing to do for it (most rows of a page).
            if self.tentative is not None:
                self._commit_tentative()
            self.rows.flat_row(block)
            return
        if block.kind == "text":
            self.text_line(block.cells[0] if block.cells else "", block.where)
            return
        table = self.rows.table
        if table is not None:
            # In a table's section: what the row's cells say is read once per table (``reading``).
            read = reading(table, block.cells)
            if read.empty or (read.text is not None and self.heading(read.text, block.where)):
                return
            self.table_row(block, read)
            return
        printed = [c for c in block.cells if c.strip()]
        if not printed:
            return
        if len(printed) == 1 and read_token(printed[0]).kind == "text":
            if self.heading(printed[0], block.where):
                return
            if not self._other_table(block):  # (outside a table's section: rows in one were read above)
                self.text_line(printed[0], block.where)
                return
        if self.rows.table is None and not self._other_table(block):
            self.text_line(" ".join(printed), block.where)
            return
        self.table_row(block)

    @property
    def section(self) -> Section | None:
        return self.labels.sections[self.section_index] if self.section_index >= 0 else None

    @property
    def table(self) -> TableIndex | None:
        """The table being read, None in a text section."""
        return self.rows.table

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
            if self.out.title is None and looks_like_title(text):
                self.out.title = line
            else:
                self.out.prelude.append(line)
        elif not section.is_table:
            self.out.texts.setdefault(section.name, []).append(line)
        elif read_token(text).kind == "int" and self.rows.table is not None:
            self.table_row(Block("row", (text,), where))  # a row whose digits ran together, tabs lost
        else:
            self.table_text(line)

    def heading(self, text: str, where: str) -> bool:
        """Open the section whose heading ``text`` is; False when it is no section heading."""
        heading = heading_of(self.labels.layout.edition, text)
        if heading is None or heading.index < self.section_index:
            return False
        found, exact = heading
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
            self.rows.enter(self.labels.tables[section.name] if section.is_table else None)
            if not section.is_table:
                self.out.texts.setdefault(section.name, [])
        return True

    def table_text(self, line: Line) -> None:
        """A line of text in a table section: a sub-table title, a unit note, or text not kept."""
        assert self.table is not None
        if self.rows.text(line):
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

    def table_row(self, block: Block, read: RowReading | None = None) -> None:
        """A row of the table being read (``read``: its reading for that table, if made already)."""
        self._commit_tentative()
        unplaced = self.rows.row(block, read)
        if unplaced is None:
            return
        if self._other_table(block):
            self.table_row(block)
            return
        self.rows.unplaced(block, unplaced)

    def _other_table(self, block: Block) -> bool:
        """Switch to another table when this row clearly belongs to it (its heading was missing)."""
        for name, table in self.labels.tables.items():
            if table is self.rows.table:
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
                self.rows.enter(table)
                return True
        return False
