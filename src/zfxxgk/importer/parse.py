"""Parse a published report (text, Markdown, HTML, Word, PDF) into a standard instance and a log.

Word 97–2003 ``.doc``, WPS ``.wps``, RTF and OpenDocument ``.odt`` files are converted to ``.docx``
by LibreOffice (``convert``) and read as Word files."""

from __future__ import annotations

import re
from pathlib import Path

from zfxxgk.decoding import decode_text
from zfxxgk.errors import InputError
from zfxxgk.importer.assemble import assemble
from zfxxgk.importer.blocks import Block, Property
from zfxxgk.importer.candidates import read_rows
from zfxxgk.importer.convert import CONVERTED_FORMATS, to_docx
from zfxxgk.importer.decide import decide
from zfxxgk.importer.edition import detect, for_year
from zfxxgk.importer.labels import LabelIndex, index
from zfxxgk.importer.locate import locate
from zfxxgk.importer.located import Located
from zfxxgk.importer.metadata import Sources, Stated, read_metadata
from zfxxgk.importer.place import place_unlabelled
from zfxxgk.importer.read_html import read_html
from zfxxgk.importer.read_markdown import read_markdown
from zfxxgk.importer.read_text import read_text
from zfxxgk.importer.result import LogEntry, ParseResult
from zfxxgk.importer.unflatten import unflatten
from zfxxgk.inputs import read_bounded
from zfxxgk.limits import LimitError, current

FORMATS = ("txt", "md", "html", "docx", "pdf", "xlsx", *CONVERTED_FORMATS)
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".shtml": "html", ".docx": "docx", ".pdf": "pdf",
    ".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Word 97–2003 .doc, WPS .wps
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def parse_path(path: str | Path, stated: Stated | None = None) -> ParseResult:
    """Parse the file at ``path``; its format comes from its extension, else from its content.

    ``stated`` is metadata the user gives (``--agency``, ``--year``); it wins over what is read.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file", "文件不存在")
    try:
        data = read_bounded(path)
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror or error})",
                         f"无法读取文件（{error.strerror or error}）") from None
    return parse_bytes(data, str(path), EXTENSIONS.get(path.suffix.lower()), stated)


def parse_bytes(data: bytes, source: str, fmt: str | None = None, stated: Stated | None = None) -> ParseResult:
    """Parse the bytes of a report; ``fmt`` is one of ``FORMATS`` (sniffed from the content if None)."""
    if len(data) > current().input_size:
        raise LimitError(source, "input_size", f"the input has {len(data):,} bytes", f"输入大小为 {len(data):,} 字节")
    if not data.strip():
        raise InputError(source, "empty file: no report to read", "文件为空：没有可读取的报告")
    fmt = fmt or sniff(data)
    if fmt not in FORMATS:
        raise InputError(source, f"unknown format {fmt!r} (known: {', '.join(FORMATS)})",
                         f"未知格式 {fmt!r}（支持：{', '.join(FORMATS)}）")
    encoding = None
    if fmt == "xlsx":
        from zfxxgk.importer.read_xlsx import parse_xlsx
        from zfxxgk.importer.zipguard import check_zip

        if data[:4] == b"PK\x03\x04":  # a workbook is a zip package too: no bomb reaches the reader
            check_zip(data, source)
        return parse_xlsx(data, source, stated)
    properties: list[Property] = []  # what the file says about itself: title, author, dates, address
    if fmt in ("docx", *CONVERTED_FORMATS):
        from zfxxgk.importer.read_docx import read_docx

        if fmt == "docx" and sniff(data) in CONVERTED_FORMATS:
            fmt = sniff(data)  # a .doc or .odt file named .docx: read as what it is
        blocks = read_docx(to_docx(data, source, fmt) if fmt in CONVERTED_FORMATS else data, source, properties)
    elif fmt == "pdf":
        from zfxxgk.importer.pdfguard import check_pdf
        from zfxxgk.importer.read_pdf import read_pdf  # type: ignore[import-not-found]

        check_pdf(data, source)  # a deflate bomb is refused before the reader inflates anything
        blocks = read_pdf(data, source, properties)
    else:
        if data[:5] == b"%PDF-" or data[:4] == b"PK\x03\x04" or data[:8] == OLE_MAGIC:
            kind = {b"%": "PDF", b"P": "ZIP/Word"}.get(data[:1], "Word .doc")
            raise InputError(source, f"this is a {kind} file, not {fmt} text", f"这是 {kind} 文件，不是 {fmt} 文本")
        text, encoding = decode_text(data, source)
        blocks = {"txt": read_text, "md": read_markdown}[fmt](text) if fmt != "html" else read_html(
            text, source, properties)
    return parse_blocks(blocks, source, fmt, encoding, Sources(tuple(properties), source, stated or Stated()))


def sniff(data: bytes) -> str:
    """The format of a file without a telling extension, from its first bytes."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        # An OpenDocument package stores its media type first, uncompressed, under "mimetype".
        if data[30:30 + len(ODT_MIMETYPE)] == ODT_MIMETYPE:
            return "odt"
        from zfxxgk.importer.read_xlsx import is_workbook

        return "xlsx" if is_workbook(data) else "docx"
    if data[:8] == OLE_MAGIC:
        return "doc"
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return "rtf"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or any(
            tag in head for tag in (b"<table", b"<body", b"<p>", b"<div", b"<meta")):
        return "html"
    lines = data[:65536].splitlines()
    if any(line.lstrip().startswith(b"|") for line in lines) and any(
            line.strip().startswith((b"|---", b"| ---", b"|:--", b"| :--")) for line in lines):
        return "md"
    return "txt"


def parse_blocks(blocks: list[Block], source: str, fmt: str, encoding: str | None,
                 sources: Sources | None = None) -> ParseResult:
    """Parse blocks from any reader (the formats' readers only differ up to here).

    ``sources`` holds what the metadata can be read from besides the text (the file's properties
    and name, what the user states); by default the name ``source``.
    """
    if not blocks:
        raise InputError(source, "empty file: no text to read", "文件为空：没有可读取的文字")
    _check_numbers(blocks, source)
    blocks = unflatten(blocks)  # a page run together on one line: its rows found again
    detection = detect(blocks, source)
    labels = index(detection.edition)
    located = locate(blocks, labels)  # the title, the sections' lines, each table row's printed cells
    place_unlabelled(located, labels)
    _require_tables(located, labels, source)
    log: list[LogEntry] = [*detection.log, *located.log]
    meta = read_metadata(located, log, labels.layout, sources or Sources(file_name=source))
    texts = located.section_texts(labels, log)
    rows = read_rows(located, labels, log)  # every row of the layout, with its candidate values
    decisions = decide(rows, labels.layout.edition, log)  # the identities choose among them
    report = assemble(labels, meta, texts, rows, decisions)
    _check_year(report, located, log)
    return ParseResult(report, _sorted(log), source, fmt, encoding)


def _check_numbers(blocks: list[Block], source: str) -> None:
    """Refuse a number longer than the number length limit, in a table cell or in a line of text
    (flattened tables are read from text), before anything converts it: Python refuses beyond 4,300
    digits, and conversion time grows with the square of the length."""
    limit = current().number_digits
    for block in blocks:
        for cell in block.cells:
            if len(cell) > limit:
                for match in re.finditer(r"\d[\d,.，]{%d,}" % limit, cell):
                    digits = sum(c.isdigit() for c in match.group())
                    if digits > limit:
                        raise LimitError(source, "number_digits", f"a number of {digits:,} digits",
                                         f"数字长达 {digits:,} 位", where=block.where)


def _check_year(report: dict, located: Located, log: list[LogEntry]) -> None:
    """Say so when the tables follow an edition that reports for the report's year do not use."""
    year, edition = report.get("report_year"), report["edition"]
    expected = for_year(year) if isinstance(year, int) else None
    if expected is None or expected == edition:
        return
    title = located.title
    log.append(LogEntry(
        "warning", "/edition", title.text if title else "", title.where if title else None,
        f"the report is for {year}, for which the {expected} edition applies, but its tables follow the "
        f"{edition} edition: read as printed, in the {edition} edition",
        f"本报告为 {year} 年度报告，应适用 {expected} 年版格式，但其表格按 {edition} 年版印出：按原样以 {edition} 年版读取",
        value=edition, code="P503"))


def _require_tables(located: Located, labels: LabelIndex, source: str) -> None:
    """Every table of the report must be found; otherwise the file is not (all of) a report."""
    found = {row.target.pointer.split("/")[1] for row in located.rows.values()}
    found |= {g.pointer.split("/")[1] for g in located.group_rows}
    missing = [t for t in labels.layout.tables if t.name not in found]
    if not missing:
        return
    if len(missing) == len(labels.layout.tables):
        raise InputError(source, "no table of the annual report found (is this a 政府信息公开工作年度报告?)",
                         "未找到年度报告的任何表格（这是政府信息公开工作年度报告吗？）")
    names_en = ", ".join(t.title for t in missing)
    raise InputError(source, f"table(s) not found: {names_en}; the file may be truncated or not a complete report",
                     f"未找到表格：{names_en}；文件可能不完整", where=_last_where(located))


def _last_where(located: Located) -> str | None:
    wheres = [row.where for row in located.rows.values()]
    return wheres[-1] if wheres else None


def _sorted(log: list[LogEntry]) -> list[LogEntry]:
    """What was inferred about the report as a whole first, then the rest in the order it was found."""
    return sorted(log, key=lambda e: e.kind != "inferred" or not (e.pointer or "").count("/") == 1)
