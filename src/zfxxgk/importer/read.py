"""The first stage: a file's bytes into blocks (``blocks.Block``), by its format's reader.

The format is given, or taken from the extension (``EXTENSIONS``), else from the content
(``sniff``). Word 97–2003 ``.doc``, WPS ``.wps``, RTF and OpenDocument ``.odt`` files are converted
to ``.docx`` by LibreOffice (``convert``) and read as Word files. Workbooks are read apart
(``read_xlsx``): a filled template needs no locating.
"""

from __future__ import annotations

from zfxxgk.decoding import decode_text
from zfxxgk.errors import InputError
from zfxxgk.importer.blocks import Block, Property
from zfxxgk.importer.convert import CONVERTED_FORMATS, to_docx
from zfxxgk.importer.read_html import read_html
from zfxxgk.importer.read_markdown import read_markdown
from zfxxgk.importer.read_text import read_text

FORMATS = ("txt", "md", "html", "docx", "pdf", "xlsx", *CONVERTED_FORMATS)
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".shtml": "html", ".docx": "docx", ".pdf": "pdf",
    ".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Word 97–2003 .doc, WPS .wps
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def read_blocks(data: bytes, source: str, fmt: str, properties: list[Property]) -> tuple[list[Block], str, str | None]:
    """The blocks of a document in ``fmt`` (any format but xlsx), the format read (a .doc named
    .docx is read as .doc) and the text encoding (None for binary formats). What the file says
    about itself (title, author, dates) is added to ``properties``."""
    if fmt in ("docx", *CONVERTED_FORMATS):
        from zfxxgk.importer.read_docx import read_docx

        if fmt == "docx" and sniff(data) in CONVERTED_FORMATS:
            fmt = sniff(data)  # a .doc or .odt file named .docx: read as what it is
        return read_docx(to_docx(data, source, fmt) if fmt in CONVERTED_FORMATS else data, source, properties), fmt, None
    if fmt == "pdf":
        from zfxxgk.importer.pdfguard import check_pdf
        from zfxxgk.importer.read_pdf import read_pdf  # type: ignore[import-not-found]

        check_pdf(data, source)  # a deflate bomb is refused before the reader inflates anything
        return read_pdf(data, source, properties), fmt, None
    if data[:5] == b"%PDF-" or data[:4] == b"PK\x03\x04" or data[:8] == OLE_MAGIC:
        kind = {b"%": "PDF", b"P": "ZIP/Word"}.get(data[:1], "Word .doc")
        raise InputError(source, f"this is a {kind} file, not {fmt} text", f"这是 {kind} 文件，不是 {fmt} 文本")
    text, encoding = decode_text(data, source)
    blocks = {"txt": read_text, "md": read_markdown}[fmt](text) if fmt != "html" else read_html(text, source, properties)
    return blocks, fmt, encoding


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
