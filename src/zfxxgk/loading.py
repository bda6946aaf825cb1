"""Bytes to report documents, the first stage of the pipeline: JSON, JSON Lines and YAML, in UTF-8
(with or without BOM) or GB18030.

Every failure becomes an ``InputError`` that names the source and the place (line and column,
or the line of a JSON Lines file), so that a batch can report it and go on.

With ``typed=True``, JSON that is a well-formed report comes back as a typed report
(``zfxxgk.validate.typed``), which the validator takes without a second structure check; anything
else comes back as plain JSON data, exactly as without it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import msgspec
import yaml

from zfxxgk.decoding import decode_text
from zfxxgk.errors import InputError
from zfxxgk.limits import LimitError, current
from zfxxgk.validate import guards
from zfxxgk.validate.guards import Problem
from zfxxgk.validate.typed import read_typed

DATA_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True, slots=True)
class Loaded:
    """One document read from a source, or the reason it could not be read.

    ``problems`` are what a parser would have let through silently (a key given twice, a number
    too long to read, NaN): the command reports each as a structure finding (S002)."""

    source: str
    document: Any = None
    error: InputError | None = None
    parse: Any = None  # the importer's ParseResult when the document was parsed from a published report
    problems: tuple[Problem, ...] = ()


def _json_error(source: str, exc: json.JSONDecodeError) -> InputError:
    where = f"line {exc.lineno} column {exc.colno}"
    return InputError(source, f"malformed JSON: {exc.msg}", f"JSON 格式错误：{exc.msg}", where=where)


# msgspec rather than orjson for plain JSON: orjson reads an integer beyond 64 bits as a float
# (18446744073709551617 becomes 1.8446744073709552e+19), changing a value the report states.
_plain_json = msgspec.json.Decoder().decode


def load_json(data: bytes, source: str, typed: bool = False) -> Any:
    """The document ``data`` holds (``read_json`` also gives what was found on the way)."""
    return read_json(data, source, typed)[0]


def read_json(data: bytes, source: str, typed: bool = False) -> tuple[Any, tuple[Problem, ...]]:
    """The document ``data`` holds and its problems; ``InputError`` when it is not JSON."""
    if typed and (report := read_typed(data)) is not None:
        return report, _duplicates(data, report)
    try:
        document = _plain_json(data)
        return document, _duplicates(data, document)
    except (ValueError, RecursionError):  # msgspec.DecodeError, UnicodeDecodeError, nesting too deep
        pass  # a BOM, another encoding, NaN, a long number, or malformed: the careful path says which
    text, _ = decode_text(data, source)
    if not text.strip():
        raise InputError(source, "empty input: no report in it", "输入为空：没有报告")
    hooks = guards.JsonHooks()
    try:
        document = hooks.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(source, exc) from None
    except RecursionError:
        raise InputError(source, "malformed JSON: nested too deeply", "JSON 格式错误：嵌套过深") from None
    problems: list[Problem] = []
    if hooks.bad:
        document, problems = guards.take_bad(document)
    return document, (*guards.duplicate_keys(text), *problems)


def _duplicates(data: bytes, document: Any) -> tuple[Problem, ...]:
    """Keys given twice: counted cheaply first (``may_repeat_keys``), looked for only when they may be."""
    if not guards.may_repeat_keys(data, document):
        return ()
    return tuple(guards.duplicate_keys(decode_text(data, "<json>")[0]))


def load_yaml(data: bytes, source: str) -> Any:
    """The document ``data`` holds (``read_yaml`` also gives what was found on the way)."""
    return read_yaml(data, source)[0]


def read_yaml(data: bytes, source: str) -> tuple[Any, tuple[Problem, ...]]:
    """YAML without implicit dates, with aliases bounded (``guards.SafeYamlLoader``)."""
    text, _ = decode_text(data, source)
    if not text.strip():
        raise InputError(source, "empty input: no report in it", "输入为空：没有报告")
    loader = None
    try:
        loader = guards.SafeYamlLoader(text, source)  # its reader checks the characters here
        document = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(source, f"malformed YAML: {problem}", f"YAML 格式错误：{problem}", where=where) from None
    except RecursionError:
        raise InputError(source, "malformed YAML: nested too deeply", "YAML 格式错误：嵌套过深") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a tagged value its constructor cannot build
        raise InputError(source, f"malformed YAML: {exc}", f"YAML 格式错误：{exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    problems = list(loader.problems)
    document = guards.string_keys(document)
    if loader.bad:
        document, bad = guards.take_bad(document)
        problems += bad
    return document, tuple(problems)


def iter_json_lines(lines: Iterable[bytes], source: str, typed: bool = False) -> Iterator[Loaded]:
    """One document per non-blank line, read lazily so that a stream of any length runs in flat
    memory; a bad line is reported and the rest still read."""
    seen = False
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, OverlongLine):
            seen = True
            yield Loaded(f"{source}:{number}", error=LimitError(
                source, "input_size", "a line longer than the limit", "该行过长", where=f"line {number}"))
            continue
        if not raw or raw.isspace():  # not strip(): that copies every line
            continue
        seen = True
        where = f"{source}:{number}"
        try:
            document, problems = read_json(raw, source, typed)
        except InputError as exc:
            yield Loaded(where, error=InputError(source, exc.message_en, exc.message_zh,
                                                 where=_line_place(number, exc.where)))
            continue
        yield Loaded(where, document=document, problems=problems)
    if not seen:
        yield Loaded(source, error=InputError(source, "empty input: no report in it", "输入为空：没有报告"))


def _line_place(number: int, where: str | None) -> str:
    """The place in a JSON Lines file, from the line's number and the place inside the line."""
    if where and where.startswith("line 1 column "):
        return f"line {number} column {where.removeprefix('line 1 column ')}"
    return f"line {number}"


class OverlongLine(bytes):
    """Stands for a line longer than the input size limit, which was skipped unread."""


def bounded_lines(stream: BinaryIO, first: bytes = b"") -> Iterator[bytes]:
    """The lines of ``stream`` after ``first`` (a line already read), none held longer than the
    input size limit: a longer line is skipped in chunks and yields an ``OverlongLine``."""
    limit = current().input_size
    line = first
    while True:
        if not line:
            line = stream.readline(limit + 1)
            if not line:
                return
        if len(line) > limit:
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield OverlongLine()
        else:
            yield line
        line = b""


def sniff_data_format(data: bytes) -> str | None:
    """json, jsonl or yaml for data read without a file name (stdin); None for documents."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:64]
    # PDF, a ZIP package (Word, OpenDocument), a compound file (.doc, .wps), RTF, HTML: documents.
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"<")):
        return None
    if head.startswith((b"{", b"[")):
        lines = [ln for ln in data.strip().splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith(b"{") and ln.rstrip().endswith(b"}") for ln in lines):
            return "jsonl"
        return "json"
    return "yaml" if b":" in head else None


def iter_documents(data: bytes, source: str, fmt: str, typed: bool = False) -> Iterator[Loaded]:
    """The documents of ``data`` read as ``fmt`` (json, jsonl, yaml)."""
    if fmt == "jsonl":
        yield from iter_json_lines(data.splitlines(), source, typed)
        return
    try:
        document, problems = read_json(data, source, typed) if fmt == "json" else read_yaml(data, source)
    except InputError as exc:
        yield Loaded(source, error=exc)
        return
    yield Loaded(source, document=document, problems=problems)
