"""Read a Word ``.docx`` report into blocks: its paragraphs and table rows, in document order.

The body's XML is walked directly rather than through python-docx's ``Table.rows[i].cells``,
because that API repeats a merged cell once per grid column it covers and once per row it spans.
Tables are laid on their grid (``docx_tables``): every row has one cell per grid column, a merged
cell's text in its first column, a blank cell blank at its own column, so that the value columns
are found by position as in an HTML table. A cell's paragraphs are joined with ``"\\n"`` (a
wrapped label stays one cell).

A table row whose cells hold tables is a layout row (a whole report placed in a frame): its cells'
contents are read as blocks of their own. Text boxes are read after the paragraph that anchors
them. Hidden text (``w:vanish``) and deleted revisions are not printed, so they are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from zfxxgk.errors import InputError
from zfxxgk.importer.blocks import Block, Property
from zfxxgk.importer.docx_tables import GridTable, RawCell, RawRow, blocks_of_run, lay_table
from zfxxgk.importer.zipguard import check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Elements that only wrap content (content controls, custom XML, tracked insertions, smart tags):
# their children are read as if they stood in the parent.
WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "smartTag", W + "moveTo"}
# Inside a run, elements that print as whitespace.
RUN_BREAKS = {W + "br": "\n", W + "cr": "\n", W + "tab": "\t", W + "ptab": "\t"}

# The line a table continued on the next page is captioned with: 续表, （续表）, 续上表, 接上表, 表X（续）.
CONTINUED = re.compile(r"^\s*[（(]?\s*(续表|续上表|接上表|续)\s*[)）]?\s*$|^\s*表.{0,6}[（(]续[)）]\s*$")

INSTALL_HINT_EN = "reading Word files needs python-docx: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "读取 Word 文件需要 python-docx：pip install 'zfxxgk[documents]'"


def read_docx(data: bytes, source: str, properties: list[Property] | None = None) -> list[Block]:
    """The paragraphs and table rows of a ``.docx`` file, in document order.

    When ``properties`` is given, the file's core properties (title, creator, created) are added to it.
    Raises ``InputError`` naming ``source`` when python-docx is missing or the bytes are not a
    readable Word document.
    """
    document = _open(data, source)
    if properties is not None:
        properties.extend(_properties(document))
    reader = _Reader()
    reader.read_container(document.element.body)
    return reader.blocks


def _properties(document: Any) -> list[Property]:
    """docProps/core.xml: what Word (or whatever saved the file) says the document is."""
    try:
        core = document.core_properties
        values = (("title", core.title), ("author", core.author), ("created", core.created))
    except Exception:  # a damaged core.xml only loses the properties, never the document
        return []
    where = "Word core properties (docProps/core.xml) {}"
    names = {"title": "title", "author": "creator", "created": "created"}
    return [Property(name, value.isoformat() if hasattr(value, "isoformat") else str(value).strip(),
                     where.format(names[name]))
            for name, value in values if value and str(value).strip()]


def _open(data: bytes, source: str) -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(source, INSTALL_HINT_EN, INSTALL_HINT_ZH) from None
    if not data:
        raise InputError(source, "empty file: not a Word document", "文件为空，不是 Word 文档")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(source, "not a Word .docx file (not a ZIP package; an old .doc is read when "
                         "named .doc, with LibreOffice)", "不是 Word .docx 文件（不是 ZIP 包；旧的 .doc 文件请以 .doc "
                         "为扩展名，借助 LibreOffice 读取）")
    check_zip(data, source)  # a zip bomb is refused before python-docx unpacks anything
    try:
        return docx.Document(io.BytesIO(data))
    # A damaged package can fail anywhere in the ZIP, zlib, XML or OPC layers, each with exception
    # types of its own (PackageNotFoundError, BadZipFile, zlib.error, XMLSyntaxError, KeyError,
    # ValueError for a ZIP that is another Office format...). All mean the same to the user.
    except Exception as error:
        raise InputError(source, f"not a readable Word .docx file ({_reason(error)})",
                         f"无法读取的 Word .docx 文件（{_reason(error)}）") from None


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@dataclass
class _Reader:
    """Walks the body once. Tables are numbered in reading order over the whole document (nested
    ones included); paragraphs are numbered within their container, as Word's own list of a body's
    paragraphs does, and one inside a layout cell or a text box says where that is.

    Tables with nothing printed between them are held back until something is printed, so that a
    table split in several ``w:tbl`` is laid on one grid (``docx_tables``)."""

    blocks: list[Block] = field(default_factory=list)
    tables: int = 0
    run: list[GridTable] = field(default_factory=list)
    interlude: list[Block] = field(default_factory=list)  # 续表 lines after the run's last table

    def read_container(self, element: Any, place: str = "") -> None:
        """A body, a text box or a layout cell: paragraphs and tables, in order."""
        paragraphs = 0
        for child in _unwrapped(element):
            if child.tag == W + "p":
                paragraphs += 1
                self.read_paragraph(child, f"{place}paragraph {paragraphs}")
            elif child.tag == W + "tbl":
                self.read_table(child)
        self.flush()

    def flush(self) -> None:
        if self.run:
            self.blocks.extend(blocks_of_run(self.run))
            self.run = []
        self.blocks.extend(self.interlude)
        self.interlude = []

    def add_table(self, table: GridTable) -> None:
        table.before, self.interlude = self.interlude, []
        self.run.append(table)

    def read_paragraph(self, p: Any, where: str) -> None:
        text, boxes = _paragraph_text(p)
        lines = [line for line in text.split("\n") if line.strip()]
        if self.run and len(lines) == 1 and not boxes and CONTINUED.match(lines[0]):
            # "续表" between two parts of a table: printed, but it does not part them.
            self.interlude.append(_line_block(lines[0], where))
            return
        if lines or boxes:
            self.flush()
        for number, line in enumerate(lines, start=1):
            # A soft line break (Shift+Enter) starts a new printed line, often a heading.
            place = where if len(lines) == 1 else f"{where} line {number}"
            self.blocks.append(_line_block(line, place))
        for box in boxes:
            self.read_container(box, f"{where} text box ")

    def read_table(self, tbl: Any) -> None:
        self.tables += 1
        number = self.tables
        rows: list[RawRow] = []
        for index, tr in enumerate(_children(tbl, W + "tr"), start=1):
            tcs = list(_children(tr, W + "tc"))
            if any(_holds_table(tc) for tc in tcs):
                # A layout row (a report placed in a frame): its cells are containers of their own.
                if rows:
                    self.add_table(lay_table(number, _grid_columns(tbl), rows))
                    rows = []
                self.flush()
                for column, tc in enumerate(tcs, start=1):
                    self.read_container(tc, f"table {number} row {index} cell {column} ")
                continue
            rows.append(RawRow(index, _row_property(tr, "gridBefore"), tuple(_raw_cell(tc) for tc in tcs)))
        if rows:
            self.add_table(lay_table(number, _grid_columns(tbl), rows))


def _line_block(line: str, where: str) -> Block:
    """A printed line; one whose parts are spaced out with tabs is read as a row of cells."""
    parts = tuple(part.strip() for part in line.split("\t") if part.strip())
    if len(parts) > 1:
        return Block("row", parts, where)
    return Block("text", parts, where)


def _grid_columns(tbl: Any) -> list[int]:
    """The widths of the table's grid columns (``w:tblGrid``), in twips; [] when not all are given."""
    grid = tbl.find(W + "tblGrid")
    if grid is None:
        return []
    widths = [_int(col.get(W + "w")) for col in grid.findall(W + "gridCol")]
    return [w for w in widths if w is not None] if all(w is not None for w in widths) else []


def _row_property(tr: Any, name: str) -> int:
    tr_pr = tr.find(W + "trPr")
    element = tr_pr.find(W + name) if tr_pr is not None else None
    return (_int(element.get(W + "val")) or 0) if element is not None else 0


def _raw_cell(tc: Any) -> RawCell:
    """A cell as placed on the grid: its span, how it is merged, and its printed text."""
    span, merge = 1, ""
    tc_pr = tc.find(W + "tcPr")
    if tc_pr is not None:
        grid_span = tc_pr.find(W + "gridSpan")
        if grid_span is not None:
            span = _int(grid_span.get(W + "val")) or 1
        h_merge = tc_pr.find(W + "hMerge")
        if h_merge is not None and h_merge.get(W + "val") != "restart":
            merge = "hcontinue"  # legacy horizontal merge: part of the cell to its left
        v_merge = tc_pr.find(W + "vMerge")
        if v_merge is not None:
            merge = "restart" if v_merge.get(W + "val") == "restart" else "continue"
    text = "" if merge in ("continue", "hcontinue") else "\n".join(_cell_lines(tc))
    return RawCell(span, merge, text)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _cell_lines(element: Any) -> Iterator[str]:
    for child in _unwrapped(element):
        if child.tag == W + "p":
            text, boxes = _paragraph_text(child)
            yield from (line.strip() for line in text.split("\n") if line.strip())
            for box in boxes:
                yield from _cell_lines(box)
        elif child.tag == W + "tbl":  # only reached through a text box inside a cell
            for tr in _children(child, W + "tr"):
                yield " ".join(cell for tc in _children(tr, W + "tc") if (cell := _raw_cell(tc).text))


def _holds_table(tc: Any) -> bool:
    return any(child.tag == W + "tbl" for child in _unwrapped(tc))


def _paragraph_text(p: Any) -> tuple[str, list[Any]]:
    """The paragraph's printed text, and the text boxes anchored in it (read separately)."""
    parts: list[str] = []
    boxes: list[Any] = []
    _collect_runs(p, parts, boxes)
    return "".join(parts), boxes


def _collect_runs(element: Any, parts: list[str], boxes: list[Any]) -> None:
    for child in element:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in RUN_BREAKS:
            parts.append(RUN_BREAKS[tag])
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "txbxContent":
            boxes.append(child)
        elif tag in (MC + "Fallback", W + "del", W + "moveFrom", W + "pPr", W + "rPr"):
            continue  # a duplicate of the shape in mc:Choice, deleted text, or properties
        elif tag == W + "r" and _is_hidden(child):
            continue
        elif isinstance(tag, str):  # comments and processing instructions have no string tag
            _collect_runs(child, parts, boxes)


def _is_hidden(run: Any) -> bool:
    r_pr = run.find(W + "rPr")
    vanish = r_pr.find(W + "vanish") if r_pr is not None else None
    return vanish is not None and vanish.get(W + "val") not in ("0", "false", "off")


def _unwrapped(element: Any) -> Iterator[Any]:
    """The children of ``element``, looking through content controls and similar wrappers."""
    for child in element:
        if child.tag in WRAPPERS:
            yield from _unwrapped(child)
        else:
            yield child


def _children(element: Any, tag: str) -> Iterator[Any]:
    return (child for child in _unwrapped(element) if child.tag == tag)

