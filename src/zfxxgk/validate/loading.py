"""Bytes to report documents: JSON, JSON Lines and YAML, in UTF-8 (with or without BOM) or GB18030.

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
from typing import Any

import msgspec
import yaml

from zfxxgk.decoding import decode_text
from zfxxgk.errors import InputError
from zfxxgk.validate.typed import read_typed

DATA_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True, slots=True)
class Loaded:
    """One document read from a source, or the reason it could not be read."""

    source: str
    document: Any = None
    error: InputError | None = None
    parse: Any = None  # the importer's ParseResult when the document was parsed from a published report


class _NoDatesLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: 2022-01-20 stays the string the standard expects."""


_NoDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _json_error(source: str, exc: json.JSONDecodeError, where_prefix: str = "") -> InputError:
    where = f"{where_prefix}line {exc.lineno} column {exc.colno}"
    return InputError(source, f"malformed JSON: {exc.msg}", f"JSON 格式错误：{exc.msg}", where=where)


# msgspec rather than orjson for plain JSON: orjson reads an integer beyond 64 bits as a float
# (18446744073709551617 becomes 1.8446744073709552e+19), changing a value the report states.
_plain_json = msgspec.json.Decoder().decode


def load_json(data: bytes, source: str, typed: bool = False) -> Any:
    if typed and (report := read_typed(data)) is not None:
        return report
    try:
        return _plain_json(data)
    except (ValueError, RecursionError):  # msgspec.DecodeError, UnicodeDecodeError, nesting too deep
        pass  # a BOM, another encoding, or malformed: take the careful path for a precise message
    text, _ = decode_text(data, source)
    if not text.strip():
        raise InputError(source, "empty input: no report in it", "输入为空：没有报告")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(source, exc) from None
    except RecursionError:
        raise InputError(source, "malformed JSON: nested too deeply", "JSON 格式错误：嵌套过深") from None


def load_yaml(data: bytes, source: str) -> Any:
    text, _ = decode_text(data, source)
    if not text.strip():
        raise InputError(source, "empty input: no report in it", "输入为空：没有报告")
    try:
        return yaml.load(text, Loader=_NoDatesLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(source, f"malformed YAML: {problem}", f"YAML 格式错误：{problem}", where=where) from None


def iter_json_lines(lines: Iterable[bytes], source: str, typed: bool = False) -> Iterator[Loaded]:
    """One document per non-blank line, read lazily so that a stream of any length runs in flat
    memory; a bad line is reported and the rest still read."""
    seen = False
    for number, raw in enumerate(lines, start=1):
        if not raw or raw.isspace():  # not strip(): that copies every line
            continue
        seen = True
        where = f"{source}:{number}"
        if typed and (report := read_typed(raw)) is not None:
            yield Loaded(where, document=report)
            continue
        try:
            yield Loaded(where, document=_plain_json(raw))
            continue
        except (ValueError, RecursionError):  # msgspec.DecodeError, UnicodeDecodeError, nesting too deep
            pass  # take the careful path for a precise message
        try:
            text, _ = decode_text(raw, source)
            yield Loaded(where, document=json.loads(text))
        except InputError as exc:
            yield Loaded(where, error=InputError(source, exc.message_en, exc.message_zh, where=f"line {number}"))
        except json.JSONDecodeError as exc:
            yield Loaded(where, error=InputError(source, f"malformed JSON: {exc.msg}", f"JSON 格式错误：{exc.msg}",
                                                 where=f"line {number} column {exc.colno}"))
        except RecursionError:
            yield Loaded(where, error=InputError(source, "malformed JSON: nested too deeply", "JSON 格式错误：嵌套过深",
                                                 where=f"line {number}"))
    if not seen:
        yield Loaded(source, error=InputError(source, "empty input: no report in it", "输入为空：没有报告"))


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
        yield Loaded(source, document=load_json(data, source, typed) if fmt == "json" else load_yaml(data, source))
    except InputError as exc:
        yield Loaded(source, error=exc)
