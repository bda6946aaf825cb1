"""Command-line inputs to documents: files, directories, JSON Lines streams, stdin, and published
reports (text, HTML, Word, PDF) parsed on the way.

Every input yields at least one ``Loaded``: a document, or the error that made it unusable, so that
a batch never stops at a bad file and never drops one silently.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zfxxgk.errors import InputError
from zfxxgk.validate.loading import DATA_FORMATS, Loaded, iter_documents, iter_json_lines, sniff_data_format

if TYPE_CHECKING:  # the importer is loaded only when a published report is met
    from zfxxgk.importer.metadata import Stated

DOCUMENT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                    ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt",
                    ".xlsx": "xlsx", ".xlsm": "xlsx"}
KNOWN = set(DATA_FORMATS) | set(DOCUMENT_FORMATS)


@dataclass
class Inputs:
    """The documents of the command line, and what was passed over inside directories."""

    paths: list[str]
    skipped: list[str] = field(default_factory=list)
    typed: bool = False  # well-formed JSON reports as typed reports, for the validator
    stated: Stated | None = None  # --agency/--year, for published reports (JSON data says its own)

    def __iter__(self) -> Iterator[Loaded]:
        for arg in self.paths:
            yield from self._expand(arg)

    def _expand(self, arg: str) -> Iterator[Loaded]:
        if arg == "-":
            yield from load_bytes(sys.stdin.buffer.read(), "<stdin>", None, self.typed, self.stated)
            return
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            if not files:
                yield Loaded(arg, error=InputError(arg, "directory holds no file", "目录中没有文件"))
            for file in files:
                if file.suffix.lower() in KNOWN:
                    yield from load_path(file, self.typed, self.stated)
                else:
                    self.skipped.append(str(file))
            return
        yield from load_path(path, self.typed, self.stated)


def load_path(path: Path, typed: bool = False, stated: Stated | None = None) -> Iterator[Loaded]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in KNOWN:
        yield Loaded(source, error=InputError(
            source, f"unsupported file type {suffix or '(none)'}: use .json, .jsonl, .yaml, .txt, .md, "
            ".html, .docx, .pdf, .doc, .wps, .rtf, .odt or .xlsx",
            f"不支持的文件类型 {suffix or '（无扩展名）'}：请使用 .json、.jsonl、.yaml、.txt、.md、"
            ".html、.docx、.pdf、.doc、.wps、.rtf、.odt 或 .xlsx"))
        return
    try:
        if DATA_FORMATS.get(suffix) == "jsonl":
            with path.open("rb") as stream:  # streamed: flat memory on any length
                yield from iter_json_lines(stream, source, typed)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Loaded(source, error=InputError(source, f"cannot read the file: {exc.strerror}", f"无法读取文件：{exc.strerror}"))
        return
    yield from load_bytes(data, source, DATA_FORMATS.get(suffix) or DOCUMENT_FORMATS[suffix], typed, stated)


def load_bytes(data: bytes, source: str, fmt: str | None, typed: bool = False, stated: Stated | None = None) -> Iterator[Loaded]:
    """Documents from bytes of a known format, or sniffed when ``fmt`` is None (stdin)."""
    if fmt is None:
        if not data.strip():
            yield Loaded(source, error=InputError(source, "empty input: no report in it", "输入为空：没有报告"))
            return
        fmt = sniff_data_format(data) or "document"
    if fmt in ("json", "jsonl", "yaml"):
        yield from iter_documents(data, source, fmt, typed)
        return
    yield _parse_document(data, source, None if fmt == "document" else fmt, stated)


def _parse_document(data: bytes, source: str, fmt: str | None, stated: Stated | None = None) -> Loaded:
    try:
        from zfxxgk.importer import parse_bytes
    except ImportError as exc:  # the importer or one of its optional libraries is missing
        return Loaded(source, error=InputError(source, f"cannot read published reports here: {exc}",
                                               f"无法读取已发布的报告：{exc}"))
    try:
        result = parse_bytes(data, source, fmt, stated)
    except InputError as exc:
        return Loaded(source, error=exc)
    return Loaded(source, document=result.report, parse=result)
