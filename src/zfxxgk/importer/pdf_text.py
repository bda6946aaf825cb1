"""Step 1 of reading a PDF: what each page prints, and where, read with PDFium (pypdfium2).

This is the only part of the PDF reader that touches the file, so every failure of a damaged file
is caught here. PDFium gives each character with its position, and each painted path; from them
come the words (characters grouped as pdfplumber groups them: a gap wider than 3 points or a
space ends a word) and the ruling lines, which pdfplumber's table finder (plain geometry, no file
access) turns into the cells of ruled tables. Reading the pages with pdfminer, as pdfplumber does,
took five to six times as long (bench/pdf_bench.py, which also checks that both give the same blocks).

Boxes are in PDF points measured from the top of the page. A character's box runs from its
origin to its advance and from its baseline up one font size: the box pdfminer gives a font
without descent, so that distances measured in "characters" mean the same as before.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zfxxgk.errors import InputError
from zfxxgk.importer.blocks import Property
from zfxxgk.importer.pdf_boxes import Box

INSTALL_HINT_EN = "reading PDF files needs pdfplumber and pypdfium2: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "读取 PDF 文件需要 pdfplumber 与 pypdfium2：pip install 'zfxxgk[documents]'"

WORD_GAP = 3.0  # points: pdfplumber's x_tolerance, the widest gap inside a word
LINE_TOLERANCE = 3.0  # points: pdfplumber's y_tolerance, tops this close are on one line
DUPLICATE = 1.0  # points: a character printed again this close is a fake bold, read once
# PDFium serialises nothing: one document at a time in a process (Dask runs tasks on threads).
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    words: list[Box]
    tables: list[list[Box]]  # each ruled table as its cells' boxes (text filled in from words)
    characters: int
    unmapped: int  # characters whose font has no Unicode map


def extract(data: bytes, source: str, properties: list[Property] | None = None) -> list[Page]:
    """Every page's words and ruled tables; the document information added to ``properties``."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
        from pdfplumber import table as _  # noqa: F401  (the table finder, checked before any work)
    except ImportError:
        raise InputError(source, INSTALL_HINT_EN, INSTALL_HINT_ZH) from None
    if not data:
        raise InputError(source, "empty file: not a PDF", "文件为空，不是 PDF")
    if b"%PDF-" not in data[:1024]:
        raise InputError(source, "not a PDF file (no %PDF- header)", "不是 PDF 文件（没有 %PDF- 文件头）")
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise _load_error(error, raw, data, source) from None
        try:
            _refuse_truncated(document, raw, data, source)
            if properties is not None:
                properties.extend(_properties(document.get_metadata_dict(skip_empty=True)))
            return [_read_page(number, document[number - 1], raw) for number in range(1, len(document) + 1)]
        finally:
            document.close()


def _load_error(error: Any, raw: Any, data: bytes, source: str) -> InputError:
    """Why PDFium could not open the file. Its error code is kept per thread and not cleared by a
    load that fails for a reason it has no code for (an empty page tree), so a code is trusted
    only where the file agrees with it."""
    if error.err_code == raw.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
        return InputError(source, "the PDF is encrypted with a password; save an unprotected copy",
                          "PDF 已加密，需要密码；请另存一份不加密的副本")
    if error.err_code in (raw.FPDF_ERR_SUCCESS, raw.FPDF_ERR_PASSWORD):
        return InputError(source, "the PDF has no pages (no readable page tree)", "PDF 没有页面（没有可读的页面树）")
    return InputError(source, f"not a readable PDF file ({_reason(error)})", f"无法读取的 PDF 文件（{_reason(error)}）")


def _refuse_truncated(document: Any, raw: Any, data: bytes, source: str) -> None:
    """PDFium rebuilds a damaged cross-reference table and reads what is left: a truncated file
    would lose its last pages without a word. A file whose table had to be rebuilt is read only
    when it still ends as a PDF ends (%%EOF): producers that write wrong offsets do; a cut file
    does not."""
    if raw.FPDF_DocumentHasValidCrossReferenceTable(document) or b"%%EOF" in data[-1024:]:
        return
    raise InputError(source, "not a readable PDF file (its cross-reference table is damaged: truncated?)",
                     "无法读取的 PDF 文件（交叉引用表已损坏：文件不完整？）")


_INFO = {"Title": "title", "Author": "author", "CreationDate": "created"}


def _properties(info: dict[str, Any]) -> list[Property]:
    """The document information dictionary's Title, Author and CreationDate, as text."""
    out = []
    for key, name in _INFO.items():
        value = info.get(key)
        if isinstance(value, str) and value.strip():
            out.append(Property(name, value.strip(), f"PDF document information /{key}"))
    return out


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _read_page(number: int, page: Any, raw: Any) -> Page:
    height = float(page.get_height())
    textpage = page.get_textpage()
    try:
        chars, unmapped = _characters(textpage, height, raw)
    finally:
        textpage.close()
    tables = [[Box("", x0, x1, top, bottom) for x0, top, x1, bottom in cells]
              for cells in _ruled_tables(_edges(page, height, raw)) if len(cells) > 1]  # one cell is a frame
    return Page(number, height, _words(_deduplicated(chars)), tables, len(chars), unmapped)


def check_text_layer(pages: list[Page], source: str) -> None:
    if not pages:
        raise InputError(source, "the PDF has no pages", "PDF 没有页面")
    characters = sum(page.characters for page in pages)
    if characters == 0:
        raise InputError(source, "no text layer; OCR is not supported (a scanned or image-only PDF)",
                         "没有文字层；不支持 OCR 识别（扫描件或纯图片 PDF）")
    if sum(page.unmapped for page in pages) * 2 > characters:
        raise InputError(source, "the text layer cannot be decoded (its fonts have no Unicode map); "
                         "OCR is not supported", "文字层无法解码（字体没有 Unicode 映射）；不支持 OCR 识别")



# ---- characters and words ---------------------------------------------------------------------


def _characters(textpage: Any, height: float, raw: Any) -> tuple[list[Box], int]:
    """The printed characters (not the spaces and line ends PDFium adds between them)."""
    handle = textpage.raw
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    chars: list[Box] = []
    unmapped = 0
    for index in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, index) == 1:
            continue
        code = raw.FPDFText_GetUnicode(handle, index)
        if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
            continue
        unmapped += raw.FPDFText_HasUnicodeMapError(handle, index) == 1
        size = raw.FPDFText_GetFontSize(handle, index)
        raw.FPDFText_GetLooseCharBox(handle, index, box)
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        baseline = height - y.value
        chars.append(Box(chr(code), box.left, box.right, baseline - size, baseline))
    return chars, unmapped


def _deduplicated(chars: list[Box]) -> list[Box]:
    """Some producers fake bold by printing each character twice, slightly offset: once is kept.
    Characters are filed by text, size and whole point of height, so a twin is looked for among
    the few printed at about the same place."""
    kept: list[Box] = []
    seen: dict[tuple[str, float, int], list[Box]] = {}
    for char in chars:
        key, row = (char.text, round(char.size, 1)), int(char.top)
        near = [twin for level in (row - 1, row, row + 1) for twin in seen.get((*key, level), ())]
        if any(abs(twin.top - char.top) <= DUPLICATE and abs(twin.x0 - char.x0) <= DUPLICATE for twin in near):
            continue
        seen.setdefault((*key, row), []).append(char)
        kept.append(char)
    return kept


def _words(chars: list[Box]) -> list[Box]:
    """Characters on one line (tops within 3 points, chained), left to right, cut into words at a
    space or a gap wider than 3 points: pdfplumber's ``extract_words`` with its defaults."""
    words: list[Box] = []
    for line in _lines(chars):
        word: list[Box] = []
        for char in sorted(line, key=lambda char: char.x0):
            if char.text.isspace():
                words += _word(word)
                word = []
            elif word and (char.x0 < word[-1].x0 or char.x0 > word[-1].x1 + WORD_GAP
                           or abs(char.top - word[-1].top) > LINE_TOLERANCE):
                words += _word(word)
                word = [char]
            else:
                word.append(char)
        words += _word(word)
    return words


def _lines(chars: list[Box]) -> Iterator[list[Box]]:
    line: list[Box] = []
    for char in sorted(chars, key=lambda char: char.top):
        if line and char.top > line[-1].top + LINE_TOLERANCE:
            yield line
            line = []
        line.append(char)
    if line:
        yield line


def _word(chars: list[Box]) -> list[Box]:
    if not chars:
        return []
    return [Box("".join(char.text for char in chars), min(char.x0 for char in chars),
                max(char.x1 for char in chars), min(char.top for char in chars),
                max(char.bottom for char in chars))]


# ---- ruling lines and ruled tables ----------------------------------------------------------


def _edges(page: Any, height: float, raw: Any) -> list[dict[str, Any]]:
    """Every horizontal or vertical stretch of every painted path (rectangles, lines, the straight
    sides of other shapes), as pdfplumber's edges, in points from the top of the page."""
    edges = []
    for points in _subpaths(page.raw, raw):
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if abs(x0 - x1) < 1e-6:
                orientation = "v"
            elif abs(y0 - y1) < 1e-6:
                orientation = "h"
            else:
                continue
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            edges.append({"object_type": "path_edge", "orientation": orientation,
                          "x0": min(x0, x1), "x1": max(x0, x1), "top": top, "bottom": bottom,
                          "width": abs(x1 - x0), "height": bottom - top})
    return edges


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _subpaths(page: Any, raw: Any) -> Iterator[list[tuple[float, float]]]:
    """The points of each subpath of each path object on the page (within forms too), in page
    space; a closed subpath ends where it began."""
    stack = [(raw.FPDFPage_GetObject(page, i), IDENTITY) for i in range(raw.FPDFPage_CountObjects(page))]
    matrix = raw.FS_MATRIX()
    while stack:
        obj, outer = stack.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM) or not raw.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        here = _times((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            stack += [(raw.FPDFFormObj_GetObject(obj, i), here) for i in range(raw.FPDFFormObj_CountObjects(obj))]
            continue
        yield from _path_points(obj, here, raw)


def _path_points(path: Any, matrix: Matrix, raw: Any) -> Iterator[list[tuple[float, float]]]:
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    for index in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        a, b, c, d, e, f = matrix
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO and points:
            yield points
            points = []
        points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and points[0] != point:
            points.append(points[0])
    if points:
        yield points


def _times(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _ruled_tables(edges: list[dict[str, Any]]) -> list[list[tuple[float, float, float, float]]]:
    """The cells of each ruled table: pdfplumber's table finder, with its default settings, on
    the page's edges."""
    from pdfplumber import table, utils

    settings = table.TableSettings.resolve(None)
    edges = utils.filter_edges(edges, min_length=settings.edge_min_length_prefilter)
    edges = table.merge_edges(edges, snap_x_tolerance=settings.snap_x_tolerance,
                              snap_y_tolerance=settings.snap_y_tolerance,
                              join_x_tolerance=settings.join_x_tolerance,
                              join_y_tolerance=settings.join_y_tolerance)
    edges = utils.filter_edges(edges, min_length=settings.edge_min_length)
    intersections = table.edges_to_intersections(edges, settings.intersection_x_tolerance,
                                                 settings.intersection_y_tolerance)
    return table.cells_to_tables(table.intersections_to_cells(intersections))
