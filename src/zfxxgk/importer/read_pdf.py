"""Read a PDF report into blocks from its text layer: text lines and table rows, page by page.

Reading is done in two steps. First pdfplumber is asked for what it knows about each page (the
words with their positions, and the tables it finds from ruling lines); this is the only part that
touches the file, so every failure of a damaged file is caught there. Then the page is laid out
from plain positions:

- **Ruled tables** (a grid of lines): one row per grid row, each physical cell once, a cell
  continued from the row above as ``""`` — the same reading as a Word table.
- **Everything else**: words on the same baseline form a line, and a line splits into cells where
  the gap between words is wide (a table drawn without lines); a line of one piece is text.
- **One character per line**: a narrow column prints a label one character per line ("结/果/维/持");
  such stacks are joined back ("结果维持"), in ruled cells and in free lines alike. Digits are
  never joined this way: two stacked numbers are two numbers.
- **Wrapped labels** (tables without lines): a row is its values and the cells of its labels,
  each read down its own column, whether the values stand beside the label's first, middle or
  last line, and even where two columns' lines alternate (a label centred on several rows beside
  a wrapped one). A blank cell prints nothing: where the full rows show where each column of
  values lies, a row's values are put under their columns and the blanks read as ``""``.
- **Page breaks**: header rows repeated at the top of the next page are read once, and the rest
  of a row that breaks over the page joins the row.

Within a cell, printed lines are kept apart with ``"\\n"``. Page numbers in the top and bottom
margins are dropped. There is no OCR: a PDF without a text layer is refused.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from zfxxgk.errors import InputError
from zfxxgk.importer.blocks import Block, Property

INSTALL_HINT_EN = "reading PDF files needs pdfplumber: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "读取 PDF 文件需要 pdfplumber：pip install 'zfxxgk[documents]'"

# Distances are in units of the text's own size (its height), so that they hold for any font size.
CELL_GAP = 1.0  # a gap wider than one character separates two cells of a line
LINE_GAP = 1.0  # lines closer than one character's height belong to the same cell or stack
ALIGN = 0.5  # positions closer than half a character are the same column
MARGIN = 0.1  # the top and bottom tenth of a page hold its running header and page number
KINSOKU = 2.0  # a wrapped line may be up to two characters longer than the line it continues
MAX_HEADER_ROWS = 8  # the most lines a table's header repeated on a new page is looked for in

# What starts a new label rather than continuing one: 一、 （三） (3) 1. 2、 第二十条 第（五）项.
LABEL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．]"
    r"|第\s*[一二三四五六七八九十百零〇\d]+\s*[条项章节])"
)
# A printed value: a number or a mark that stands for none. Values are never joined or treated as
# labels.
VALUE = re.compile(r"^[\d０-９][\d０-９,，.．]*$|^[—–\-－/／无]$")
PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*\d+[-—–－\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$"
)


def read_pdf(data: bytes, source: str, properties: list[Property] | None = None) -> list[Block]:
    """The text lines and table rows of a PDF file, page by page in reading order.

    When ``properties`` is given, the document information (Title, Author, CreationDate) is added to it.

    Raises ``InputError`` naming ``source`` when pdfplumber is missing, or the file is not a PDF,
    is damaged, is encrypted with a password, or has no usable text layer.
    """
    pages = _extract(data, source, properties)
    _check_text_layer(pages, source)
    laid_out: list[list[_Entry]] = []
    printed: list[_Entry] = []  # the page before as printed, its repeated header included
    for page in pages:
        entries = _lay_out(page)
        if laid_out and laid_out[-1] and entries:
            shown, entries = entries, _without_repeated_header(printed, entries)
            _join_over_page_break(laid_out[-1], entries)
            printed = shown
        else:
            printed = list(entries)
        laid_out.append(entries)
    return [entry.block() for entries in laid_out for entry in entries]


# ---- step 1: what pdfplumber sees on each page -------------------------------------------------


@dataclass(frozen=True)
class _Box:
    """A piece of printed text and where it is (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(frozen=True)
class _Page:
    number: int
    height: float
    words: list[_Box]
    tables: list[list[_Box]]  # each ruled table as its cells' boxes (text filled in from words)
    characters: int
    unmapped: int  # characters whose font has no Unicode map: pdfminer prints them as "(cid:N)"


def _extract(data: bytes, source: str, properties: list[Property] | None = None) -> list[_Page]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        raise InputError(source, INSTALL_HINT_EN, INSTALL_HINT_ZH) from None
    if not data:
        raise InputError(source, "empty file: not a PDF", "文件为空，不是 PDF")
    if b"%PDF-" not in data[:1024]:
        raise InputError(source, "not a PDF file (no %PDF- header)", "不是 PDF 文件（没有 %PDF- 文件头）")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if properties is not None:
                properties.extend(_properties(pdf.metadata))
            return [_read_page(number, page) for number, page in enumerate(pdf.pages, start=1)]
    # pdfminer reads untrusted bytes: a damaged file fails with whatever its parser meets
    # (PdfminerException wrapping PSEOF or PDFSyntaxError, but also KeyError, TypeError, struct
    # errors...). All mean the same to the user; the password case deserves its own message.
    except Exception as error:
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(source, "the PDF is encrypted with a password; save an unprotected copy",
                             "PDF 已加密，需要密码；请另存一份不加密的副本") from None
        raise InputError(source, f"not a readable PDF file ({_reason(cause)})",
                         f"无法读取的 PDF 文件（{_reason(cause)}）") from None


_INFO = {"Title": "title", "Author": "author", "CreationDate": "created"}


def _properties(info: dict[str, Any]) -> list[Property]:
    """The document information dictionary's Title, Author and CreationDate, as text."""
    out = []
    for key, name in _INFO.items():
        value = info.get(key)
        if isinstance(value, bytes):  # pdfplumber leaves undecodable strings as bytes
            value = value.decode("utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe") else "latin-1", "replace")
        if isinstance(value, str) and value.strip():
            out.append(Property(name, value.strip(), f"PDF document information /{key}"))
    return out


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _read_page(number: int, page: Any) -> _Page:
    # Some producers fake bold by printing each character twice, slightly offset.
    page = page.dedupe_chars()
    tables = [table for table in page.find_tables() if len(table.cells) > 1]  # one cell is a frame
    return _Page(
        number=number,
        height=float(page.height),
        words=[_box(word) for word in page.extract_words()],
        tables=[[_Box("", x0, x1, top, bottom) for x0, top, x1, bottom in table.cells] for table in tables],
        characters=len(page.chars),
        unmapped=sum(1 for char in page.chars if char["text"].startswith("(cid:")),
    )


def _box(word: dict[str, Any]) -> _Box:
    return _Box(word["text"], float(word["x0"]), float(word["x1"]), float(word["top"]),
                float(word["bottom"]))


def _check_text_layer(pages: list[_Page], source: str) -> None:
    if not pages:
        raise InputError(source, "the PDF has no pages", "PDF 没有页面")
    characters = sum(page.characters for page in pages)
    if characters == 0:
        raise InputError(source, "no text layer; OCR is not supported (a scanned or image-only PDF)",
                         "没有文字层；不支持 OCR 识别（扫描件或纯图片 PDF）")
    if sum(page.unmapped for page in pages) * 2 > characters:
        raise InputError(source, "the text layer cannot be decoded (its fonts have no Unicode map); "
                         "OCR is not supported", "文字层无法解码（字体没有 Unicode 映射）；不支持 OCR 识别")


# ---- step 2: laying out a page from positions ------------------------------------------------


@dataclass
class _Line:
    """A printed line outside ruled tables, as the cells its gaps separate."""

    number: int  # counted from the top of the page, among lines outside ruled tables
    pieces: list[_Box]
    top: float
    bottom: float
    size: float

    @property
    def is_row(self) -> bool:
        return len(self.pieces) > 1


@dataclass(frozen=True)
class _Row:
    """A row of a ruled table: its number in the table, where it starts, its cells' texts."""

    number: int
    top: float
    texts: tuple[str, ...]


@dataclass
class _Entry:
    """What one block of a page will be made from: a line outside ruled tables, or a table row."""

    page: int
    top: float
    line: _Line | None = None
    row: _Row | None = None
    table: int = 0  # the row's table, counted on its page

    def block(self) -> Block:
        if self.row is not None:
            return Block("row", self.row.texts, f"page {self.page} table {self.table} row {self.row.number}")
        assert self.line is not None
        kind = "row" if self.line.is_row else "text"
        texts = tuple(piece.text for piece in self.line.pieces)
        return Block(kind, texts, f"page {self.page} line {self.line.number}")


def _lay_out(page: _Page) -> list[_Entry]:
    """The page's entries in reading order, top to bottom."""
    grids = [_Grid(cells) for cells in page.tables]
    free: list[_Box] = []  # words outside ruled tables
    for word in page.words:
        if not any(grid.take(word) for grid in grids):
            free.append(word)
    entries = [_Entry(page.number, row.top, row=row, table=index)
               for index, grid in enumerate(grids, start=1) for row in grid.rows()]
    entries += [_Entry(page.number, line.top, line=line) for line in _layout_lines(free, page.height)]
    # A stable sort: rows and lines that start on the same height keep the order made above.
    entries.sort(key=lambda entry: entry.top)
    return entries


def _without_repeated_header(previous: list[_Entry], entries: list[_Entry]) -> list[_Entry]:
    """The page without the header rows that a table going on from the page before repeats.

    The repeat is the longest run of the page's first blocks that the page before printed too, in
    the same order, with only table rows after it to the foot of that page (the table went on
    over the break), and with a header among them (a row without values).
    """
    before = [_content(entry) for entry in previous]
    here = [_content(entry) for entry in entries]
    for length in range(min(len(here) - 1, MAX_HEADER_ROWS), 0, -1):
        run = here[:length]
        if not any(kind == "row" and not any(VALUE.match(cell) for cell in cells) for kind, cells in run):
            continue
        for start in range(len(before) - length + 1):
            rest = before[start + length:]
            if before[start:start + length] == run and all(kind == "row" for kind, _ in rest):
                return entries[length:]
    return entries


def _content(entry: _Entry) -> tuple[str, tuple[str, ...]]:
    block = entry.block()
    return block.kind, block.cells


def _join_over_page_break(previous: list[_Entry], entries: list[_Entry]) -> None:
    """A row that breaks over the page: the rest of it, at the top of this page, joins it."""
    last = previous[-1]
    if last.row is not None and entries[0].row is not None and _rest_of_row(last.row, entries[0].row):
        pairs = zip(last.row.texts, entries[0].row.texts)
        last.row = replace(last.row, texts=tuple("\n".join(text for text in pair if text) for pair in pairs))
        del entries[0]
        return
    bottom = None  # of the last line joined on this page: the rest of the row is one block of lines
    while (last.line is not None and entries and entries[0].line is not None
           and _continues_overleaf(last.line, entries[0].line)
           and (bottom is None or entries[0].line.top - bottom <= LINE_GAP * entries[0].line.size)):
        bottom = entries[0].line.bottom
        _append_to_cells(last.line, entries[0].line)
        del entries[0]


def _rest_of_row(row: _Row, rest: _Row) -> bool:
    """``rest`` has the cells of ``row`` and holds only the rest of some of its labels."""
    if len(rest.texts) != len(row.texts) or not any(rest.texts):
        return False
    return all(not text or (_is_fragment(text) and not VALUE.match(above))
               for text, above in zip(rest.texts, row.texts))


class _Grid:
    """A ruled table: its cells, and the words printed in each.

    The cells' edges cut the table into a grid; every grid square knows the cell covering it, so a
    word finds its cell by two binary searches on the position of its middle.
    """

    def __init__(self, cells: list[_Box]) -> None:
        self.cells = sorted(cells, key=lambda cell: (round(cell.top, 1), cell.x0))
        self.xs = sorted({round(edge, 1) for cell in cells for edge in (cell.x0, cell.x1)})
        self.ys = sorted({round(edge, 1) for cell in cells for edge in (cell.top, cell.bottom)})
        self.square: dict[tuple[int, int], int] = {}
        for index, cell in enumerate(self.cells):
            for i in range(self._x(cell.x0), self._x(cell.x1)):
                for j in range(self._y(cell.top), self._y(cell.bottom)):
                    self.square[i, j] = index
        self.words: list[list[_Box]] = [[] for _ in self.cells]

    def _x(self, edge: float) -> int:
        return bisect_left(self.xs, round(edge, 1))

    def _y(self, edge: float) -> int:
        return bisect_left(self.ys, round(edge, 1))

    def take(self, word: _Box) -> bool:
        """File ``word`` under the cell that holds its middle; False if no cell does."""
        x, y = _middle(word), (word.top + word.bottom) / 2
        index = self.square.get((bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1))
        if index is None:
            return False
        self.words[index].append(word)
        return True

    def rows(self) -> list[_Row]:
        """One row per grid row: the cells that start in it, and ``""`` for each cell that reaches
        down into it from a row above (so the cells to its right keep their places)."""
        texts = [_cell_text(words) for words in self.words]
        rows = []
        for number, top in enumerate(sorted({round(cell.top, 1) for cell in self.cells}), start=1):
            touching = [i for i, cell in enumerate(self.cells)
                        if round(cell.top, 1) <= top < round(cell.bottom, 1)]
            row = tuple(texts[i] if round(self.cells[i].top, 1) == top else ""
                        for i in sorted(touching, key=lambda i: self.cells[i].x0))
            if any(row):
                rows.append(_Row(number, top, row))
        return rows


def _cell_text(words: list[_Box]) -> str:
    """A cell's printed lines, kept apart by "\\n"; a label stacked one character a line is joined."""
    lines = [" ".join(word.text for word in line) for line in _rows_of(words)]
    if _is_stack(lines):
        return "".join(lines)
    return "\n".join(lines)


def _is_stack(texts: list[str]) -> bool:
    """Several lines of one character each, none a value: a label printed down a narrow column."""
    return len(texts) > 1 and all(len(text) == 1 and not VALUE.match(text) for text in texts)


def _layout_lines(words: list[_Box], height: float) -> list[_Line]:
    lines = [_line(number, words) for number, words in enumerate(_rows_of(words), start=1)]
    lines = [line for line in lines if not _is_furniture(line, height)]
    lines = _join_stacks(lines)
    return _align_values(_assemble(lines))


def _rows_of(words: list[_Box]) -> list[list[_Box]]:
    """Words in printed lines, top to bottom, each left to right: a word whose middle lies within
    the height of a line's first word is on that line."""
    groups: list[list[_Box]] = []
    for word in sorted(words, key=lambda word: (word.top, word.x0)):
        middle = (word.top + word.bottom) / 2
        if groups and groups[-1][0].top <= middle <= groups[-1][0].bottom:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [sorted(group, key=lambda word: word.x0) for group in groups]


def _line(number: int, words: list[_Box]) -> _Line:
    size = sorted(word.size for word in words)[len(words) // 2]
    pieces = [words[0]]
    for word in words[1:]:
        last = pieces[-1]
        if word.x0 - last.x1 > CELL_GAP * size:
            pieces.append(word)
        else:  # an ordinary space between words of one cell
            pieces[-1] = replace(last, text=f"{last.text} {word.text}", x1=word.x1,
                                 top=min(last.top, word.top), bottom=max(last.bottom, word.bottom))
    return _Line(number, pieces, min(word.top for word in words), max(word.bottom for word in words), size)


def _is_furniture(line: _Line, height: float) -> bool:
    """A page number in the top or bottom margin of the page."""
    in_margin = line.bottom < height * MARGIN or line.top > height * (1 - MARGIN)
    return in_margin and not line.is_row and bool(PAGE_NUMBER.match(line.pieces[0].text))


def _join_stacks(lines: list[_Line]) -> list[_Line]:
    """Runs of lines made only of single characters, one under the other, read down each column."""
    out: list[_Line] = []
    run: list[_Line] = []
    for line in lines:
        if _is_stack_line(line) and (not run or _close(run[-1], line)):
            run.append(line)
            continue
        out.extend(_stacked(run))
        run = [line] if _is_stack_line(line) else []
        if not run:
            out.append(line)
    out.extend(_stacked(run))
    return out


def _is_stack_line(line: _Line) -> bool:
    return all(len(piece.text) == 1 and not VALUE.match(piece.text) for piece in line.pieces)


def _close(upper: _Line, lower: _Line) -> bool:
    return lower.top - upper.bottom <= LINE_GAP * max(upper.size, lower.size)


def _stacked(run: list[_Line]) -> list[_Line]:
    if len(run) < 2:
        return run
    columns: list[list[_Box]] = []
    for piece in sorted((piece for line in run for piece in line.pieces), key=_middle):
        if columns and _middle(piece) - _middle(columns[-1][-1]) <= ALIGN * piece.size:
            columns[-1].append(piece)
        else:
            columns.append([piece])
    pieces = [_joined(sorted(column, key=lambda piece: piece.top), "") for column in columns]
    first = run[0]
    return [_Line(first.number, pieces, first.top, run[-1].bottom, first.size)]


def _middle(box: _Box) -> float:
    return (box.x0 + box.x1) / 2


def _joined(boxes: list[_Box], separator: str) -> _Box:
    return _Box(separator.join(box.text for box in boxes), min(box.x0 for box in boxes),
                max(box.x1 for box in boxes), min(box.top for box in boxes),
                max(box.bottom for box in boxes))


@dataclass
class _Stack:
    """The printed lines of one cell of a table drawn without lines, top to bottom.

    ``anchor`` is the line of values the cell shares a baseline with, if any: a row's numbers
    stand beside the first, a middle or the last line of its label, as the cell is aligned.
    """

    boxes: list[_Box]
    lines: list[_Line]  # the line each box was printed on
    anchor: _Line | None

    @property
    def box(self) -> _Box:
        return _joined(self.boxes, "\n")


def _assemble(lines: list[_Line]) -> list[_Line]:
    """Rows of tables drawn without lines: each row's values with the cells of its labels, whose
    lines may wrap above or below the values and interleave with a neighbouring column's."""
    anchors = {line.number: line for line in lines if _has_values(line)}
    attached: dict[int, list[_Stack]] = {number: [] for number in anchors}
    loose: list[_Stack] = []
    for stack in _stack_cells(lines):
        anchor = stack.anchor or _anchor_within(stack, anchors.values())
        (attached[anchor.number] if anchor is not None else loose).append(stack)
    rows = [_anchored_row(anchor, attached[number]) for number, anchor in anchors.items()]
    placed = [(anchor.top, row) for anchor, row in zip(anchors.values(), rows)]
    placed += [(line.top, line) for line in _loose_lines(loose)]
    return [line for _, line in sorted(placed, key=lambda item: (item[0], item[1].number))]


def _has_values(line: _Line) -> bool:
    return any(VALUE.match(piece.text) for piece in line.pieces)


def _labels_of(line: _Line) -> list[_Box]:
    return [piece for piece in line.pieces if not VALUE.match(piece.text)]


def _stack_cells(lines: list[_Line]) -> list[_Stack]:
    """Every label piece, top to bottom: the next line of a cell above, or the first of a new one."""
    stacks: list[_Stack] = []
    recent: list[_Stack] = []  # cells whose last line is close enough above to go on
    for line in lines:
        recent = [stack for stack in recent if line.top - stack.boxes[-1].bottom <= LINE_GAP * line.size]
        labels = _labels_of(line)
        started: list[_Stack] = []
        for piece in labels:
            stack = _cell_going_on(recent, piece, line, len(labels))
            if stack is None:
                started.append(_Stack([piece], [line], line if _has_values(line) else None))
                continue
            stack.boxes.append(piece)
            stack.lines.append(line)
            stack.anchor = stack.anchor or (line if _has_values(line) else None)
        stacks += started
        recent += started
    return stacks


def _cell_going_on(recent: list[_Stack], piece: _Box, line: _Line, labels: int) -> _Stack | None:
    """The cell above that ``piece`` continues: in its column and within its width, not two lines
    of values in one cell, and not a piece that starts a label of its own. The nearest such cell,
    if any."""
    if LABEL_START.match(piece.text):
        return None
    tolerance = ALIGN * line.size
    candidates = []
    for stack in recent:
        last = stack.boxes[-1]
        if stack.lines[-1] is line or (stack.anchor is not None and _has_values(line)):
            continue
        same_column = (abs(last.x0 - piece.x0) <= tolerance
                       or abs(_middle(last) - _middle(piece)) <= tolerance)
        # Within the cell's width; a line may run a little longer than the one above it, which
        # broke early so as not to start the next line with a punctuation mark (，、）).
        within = (piece.x0 >= min(box.x0 for box in stack.boxes) - tolerance
                  and piece.x1 <= max(box.x1 for box in stack.boxes) + KINSOKU * line.size)
        if same_column and within and not _new_row_under_title(stack, piece, labels):
            candidates.append(stack)
    return max(candidates, key=lambda stack: stack.boxes[-1].bottom, default=None)


def _new_row_under_title(stack: _Stack, piece: _Box, labels: int) -> bool:
    """A short piece on a line of more cells, under a single wide one: the first cell of a header
    row under a title row ("信息内容 …" under "第二十条第（一）项"), not the rest of the title."""
    first = stack.boxes[0]
    return (len(stack.boxes) == 1 and labels > len(_labels_of(stack.lines[0]))
            and first.x1 - first.x0 >= 2 * (piece.x1 - piece.x0))


def _anchor_within(stack: _Stack, anchors: Iterable[_Line]) -> _Line | None:
    """The line of values printed between the first and last lines of a cell (a label centred on
    its row's numbers)."""
    if len(stack.boxes) < 2:
        return None
    top, bottom = stack.boxes[0].top, stack.boxes[-1].bottom
    return next((line for line in anchors if top < (line.top + line.bottom) / 2 < bottom), None)


def _anchored_row(anchor: _Line, stacks: list[_Stack]) -> _Line:
    values = [piece for piece in anchor.pieces if VALUE.match(piece.text)]
    pieces = sorted([*(stack.box for stack in stacks), *values], key=lambda piece: piece.x0)
    number = min([anchor.number, *(stack.lines[0].number for stack in stacks)])
    top = min([anchor.top, *(stack.boxes[0].top for stack in stacks)])
    bottom = max([anchor.bottom, *(stack.boxes[-1].bottom for stack in stacks)])
    return _Line(number, pieces, top, bottom, anchor.size)


def _loose_lines(stacks: list[_Stack]) -> list[_Line]:
    """Cells with no values beside them (headers, headings, paragraphs), back in lines.

    A cell of several lines stays whole where it is part of a row (a wrapped header), and the
    cells printed beside any of its lines join its row (a header centred on a two-line neighbour).
    Elsewhere the lines of a cell are lines of text, as printed.
    """
    placed: list[tuple[_Line, _Box]] = []
    for stack in stacks:
        if len(stack.boxes) > 1 and any(line.is_row for line in stack.lines):
            placed.append((stack.lines[0], stack.box))
        else:
            placed += zip(stack.lines, stack.boxes)
    out: list[_Line] = []
    for line, box in sorted(placed, key=lambda item: (item[1].top, item[1].x0)):
        middle = (box.top + box.bottom) / 2
        if out and (out[-1].top <= middle <= out[-1].bottom or line.number == out[-1].number):
            out[-1].pieces.append(box)
            out[-1].bottom = max(out[-1].bottom, box.bottom)
        else:
            out.append(_Line(line.number, [box], box.top, box.bottom, line.size))
    for line in out:
        line.pieces.sort(key=lambda box: box.x0)
    return out


def _continues_overleaf(row: _Line, line: _Line) -> bool:
    """``line``, first on its page, holds only the rest of labels of ``row``, last on the page
    before: fewer pieces, none of them a value or the start of a new label, each within the span
    of one cell of the row that is not a value itself (numbers do not wrap), or left of them all
    (the rest of a label printed down a column merged over several rows)."""
    if not row.is_row or len(line.pieces) >= len(row.pieces):
        return False
    for piece in line.pieces:
        if not _is_fragment(piece.text):
            return False
        if piece.x1 < row.pieces[0].x0:
            continue
        index = _cell_under(row, piece)
        if index is None or VALUE.match(row.pieces[index].text):
            return False
    return True


def _is_fragment(text: str) -> bool:
    return not VALUE.match(text) and not LABEL_START.match(text)


def _cell_under(row: _Line, piece: _Box) -> int | None:
    """The cell of ``row`` whose span (from its left edge to the next cell) holds ``piece``."""
    tolerance = ALIGN * piece.size
    for index, cell in enumerate(row.pieces):
        right = row.pieces[index + 1].x0 if index + 1 < len(row.pieces) else float("inf")
        if cell.x0 - tolerance <= piece.x0 and piece.x1 <= right + tolerance:
            return index
    return None


def _append_to_cells(row: _Line, line: _Line) -> None:
    front = 0
    for piece in line.pieces:  # left to right
        if piece.x1 < row.pieces[front].x0:
            row.pieces.insert(front, piece)  # checked by _continues_overleaf: a cell of its own
            front += 1
            continue
        index = _cell_under(row, piece)
        assert index is not None  # checked by _continues_overleaf
        row.pieces[index] = _joined([row.pieces[index], piece], "\n")
    row.bottom = max(row.bottom, line.bottom)


def _align_values(lines: list[_Line]) -> list[_Line]:
    """Blank cells of a table drawn without lines, put back as ``""``.

    A blank cell prints nothing, so a row with blanks has fewer pieces than its neighbours and its
    numbers would slide left. Where the full rows of a table (at least two) agree on where each
    column of values lies, a shorter row's values are put under the columns they stand in.
    """
    region: list[_Line] = []
    for line in [*lines, None]:
        if line is not None and line.is_row:
            region.append(line)
            continue
        columns = _value_columns(region)
        for row in region if columns else []:
            _fill_blanks(row, columns)
        region = []
    return lines


def _values_start(line: _Line) -> int:
    """Where the values at the end of the line begin (after its labels)."""
    start = len(line.pieces)
    while start > 0 and VALUE.match(line.pieces[start - 1].text):
        start -= 1
    return start


def _value_columns(region: list[_Line]) -> list[tuple[float, float]]:
    """The left and right edges of each column of values, from the rows that fill them all."""
    counts = [len(line.pieces) - _values_start(line) for line in region]
    most = max(counts, default=0)
    full = [line for line, count in zip(region, counts) if count == most]
    if most < 2 or len(full) < 2:
        return []
    columns = []
    for k in range(-most, 0):
        pieces = [line.pieces[k] for line in full]
        columns.append((min(piece.x0 for piece in pieces), max(piece.x1 for piece in pieces)))
    if any(left[1] >= right[0] for left, right in zip(columns, columns[1:])):
        return []  # the full rows disagree: no columns to trust
    return columns


def _fill_blanks(line: _Line, columns: list[tuple[float, float]]) -> None:
    start = _values_start(line)
    values = line.pieces[start:]
    if not values or len(values) >= len(columns):
        return
    places = []
    for piece in values:
        under = [k for k, (x0, x1) in enumerate(columns) if piece.x0 <= x1 and piece.x1 >= x0]
        if len(under) != 1 or (places and under[0] <= places[-1]):
            return  # not clearly under one column: leave the row as printed
        places.append(under[0])
    cells = [_Box("", x0, x1, line.top, line.bottom) for x0, x1 in columns]
    for place, piece in zip(places, values):
        cells[place] = piece
    line.pieces = [*line.pieces[:start], *cells]
