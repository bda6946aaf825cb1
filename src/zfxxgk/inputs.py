"""Command-line inputs to documents: files, directories, JSON Lines streams, stdin, and published
reports (text, HTML, Word, PDF) parsed on the way.

Every input yields at least one ``Loaded``: a document, or the error that made it unusable, so that
a batch never stops at a bad file and never drops one silently. In a directory, a symbolic link
that leads nowhere or in a loop is listed as unusable with its reason, and a file of another kind
is listed as skipped.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from zfxxgk.errors import InputError
from zfxxgk.limits import LimitError, current
from zfxxgk.loading import (DATA_FORMATS, Loaded, bounded_lines, iter_documents, iter_json_lines,
                                     sniff_data_format)

if TYPE_CHECKING:  # the importer is loaded only when a published report is met
    from zfxxgk.importer.metadata import Stated

DOCUMENT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                    ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt",
                    ".xlsx": "xlsx", ".xlsm": "xlsx"}
KNOWN = set(DATA_FORMATS) | set(DOCUMENT_FORMATS)
STDIN = "<stdin>"


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
            yield from load_stream(sys.stdin.buffer, STDIN, self.typed, self.stated)
            return
        path = Path(arg)
        if path.is_dir():
            yield from self._directory(path)
            return
        yield from load_path(path, self.typed, self.stated)

    def _directory(self, path: Path) -> Iterator[Loaded]:
        found = False
        for entry in walk(path):
            found = True
            if isinstance(entry, Loaded):
                yield entry
            elif entry.suffix.lower() in KNOWN:
                yield from load_path(entry, self.typed, self.stated)
            else:
                self.skipped.append(str(entry))
        if not found:
            yield Loaded(str(path), error=InputError(str(path), "directory holds no file", "目录中没有文件"))


def walk(root: Path) -> Iterator[Path | Loaded]:
    """The files under ``root`` in sorted order, following links to directories once; a link that
    leads nowhere, a loop, an unreadable directory or a special file comes as an unusable Loaded."""
    visited: set[tuple[int, int]] = set()

    def directory(path: Path) -> Iterator[Path | Loaded]:
        try:
            info = path.stat()
            key = (info.st_dev, info.st_ino)
            if key in visited:
                yield _unusable(path, "a symbolic link leads back into a directory already read (a loop): not read twice",
                                "符号链接指回已读取的目录（循环）：不重复读取")
                return
            visited.add(key)
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            yield _unusable(path, f"cannot read the directory: {exc.strerror or exc}", f"无法读取目录：{exc.strerror or exc}")
            return
        for entry in entries:
            child = Path(entry.path)
            try:
                info = child.stat()  # follows links
            except OSError as exc:
                if entry.is_symlink():
                    reason = ("a symbolic link in a loop", "符号链接形成循环") if exc.errno == 40 else \
                        ("a symbolic link to nothing (dangling)", "符号链接指向不存在的目标")
                    yield _unusable(child, f"{reason[0]}: {os.readlink(child)}", f"{reason[1]}：{os.readlink(child)}")
                else:
                    yield _unusable(child, f"cannot read: {exc.strerror or exc}", f"无法读取：{exc.strerror or exc}")
                continue
            if stat.S_ISDIR(info.st_mode):
                yield from directory(child)
            elif stat.S_ISREG(info.st_mode):
                yield child
            elif child.suffix.lower() in KNOWN:
                yield _unusable(child, "not a regular file (a device, pipe or socket)", "不是普通文件（设备、管道或套接字）")

    yield from directory(root)


def _unusable(path: Path, en: str, zh: str) -> Loaded:
    return Loaded(str(path), error=InputError(str(path), en, zh))


def missing(path: Path) -> InputError | None:
    """The error for a path that is not there or not a file, else None."""
    source = str(path)
    if path.is_symlink() and not path.exists():
        return InputError(source, "a symbolic link to nothing (dangling) or in a loop", "符号链接指向不存在的目标或形成循环")
    if not path.exists():
        return InputError(source, "no such file", "文件不存在")
    return None


def load_path(path: Path, typed: bool = False, stated: Stated | None = None) -> Iterator[Loaded]:
    source = str(path)
    suffix = path.suffix.lower()
    if (error := missing(path)) is not None:
        yield Loaded(source, error=error)
        return
    if suffix not in KNOWN:
        yield Loaded(source, error=InputError(
            source, f"unsupported file type {suffix or '(no extension)'}: use .json, .jsonl, .yaml, .txt, .md, "
            ".html, .docx, .pdf, .doc, .wps, .rtf, .odt or .xlsx",
            f"不支持的文件类型 {suffix or '（无扩展名）'}：请使用 .json、.jsonl、.yaml、.txt、.md、"
            ".html、.docx、.pdf、.doc、.wps、.rtf、.odt 或 .xlsx"))
        return
    try:
        if DATA_FORMATS.get(suffix) == "jsonl":
            with path.open("rb") as stream:  # streamed: flat memory on any length
                yield from iter_json_lines(bounded_lines(stream), source, typed)
            return
        data = read_bounded(path)
    except InputError as exc:
        yield Loaded(source, error=exc)
        return
    except OSError as exc:
        yield Loaded(source, error=InputError(source, f"cannot read the file: {exc.strerror or exc}",
                                              f"无法读取文件：{exc.strerror or exc}"))
        return
    yield from load_bytes(data, source, DATA_FORMATS.get(suffix) or DOCUMENT_FORMATS[suffix], typed, stated)


def read_bounded(path: Path) -> bytes:
    """The bytes of ``path``, refused (``LimitError``) beyond the input size limit before reading
    them; OSError when it cannot be read."""
    limit = current().input_size
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise LimitError(str(path), "input_size", f"the file has {size:,} bytes", f"文件大小为 {size:,} 字节")
        return _read_at_most(stream, str(path), limit)  # a file can grow, and /proc files show size 0


def _read_at_most(stream: BinaryIO, source: str, limit: int, first: bytes = b"") -> bytes:
    data = first + stream.read(limit + 1 - len(first))
    if len(data) > limit:
        raise LimitError(source, "input_size", f"more than {limit:,} bytes", f"超过 {limit:,} 字节")
    return data


def load_stream(stream: BinaryIO, source: str, typed: bool = False, stated: Stated | None = None) -> Iterator[Loaded]:
    """The documents of a stream without a name (stdin): JSON Lines streamed line by line, anything
    else read whole (up to the input size limit) and sniffed."""
    first = _first_line(stream)
    if first.lstrip(b"\xef\xbb\xbf \t").startswith(b"{") and not first.lstrip().startswith(b"{\\rtf") \
            and first.rstrip().endswith(b"}") \
            and len(first) <= current().input_size:
        second = _first_line(stream)
        if second.lstrip().startswith(b"{") and second.rstrip().endswith(b"}"):
            yield from iter_json_lines(_chain(first, second, stream), source, typed)
            return
        first += second
    try:
        data = _read_at_most(stream, source, current().input_size, first)
    except InputError as exc:
        yield Loaded(source, error=exc)
        return
    yield from load_bytes(data, source, None, typed, stated)


def read_stream(stream: BinaryIO, source: str) -> bytes:
    """All of ``stream``, refused (``LimitError``) beyond the input size limit."""
    return _read_at_most(stream, source, current().input_size)


def _first_line(stream: BinaryIO) -> bytes:
    """The next non-blank line with the blank ones before it (at most the input size limit and one byte)."""
    out = b""
    while True:
        line = stream.readline(current().input_size + 1 - len(out))
        out += line
        if not line or line.strip() or len(out) > current().input_size:
            return out


def _chain(first: bytes, second: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield from first.splitlines(keepends=True)
    yield from second.splitlines(keepends=True)
    yield from bounded_lines(stream)


def load_bytes(data: bytes, source: str, fmt: str | None, typed: bool = False,
               stated: Stated | None = None) -> Iterator[Loaded]:
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
    except Exception as exc:  # a reader's bug must not stop the batch: say so and go on  # noqa: BLE001
        return Loaded(source, error=unexpected(source, exc))
    return Loaded(source, document=result.report, parse=result)


def unexpected(source: str, exc: BaseException) -> InputError:
    """An error no reader foresaw (RecursionError, MemoryError, a bug), as a message about the file."""
    detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc).strip() else ''}".rstrip(": ")
    return InputError(source, f"could not be read ({detail}); please report this file to the zfxxgk developers",
                      f"无法读取（{detail}）；请将此文件报告给 zfxxgk 开发者")
