"""The places a report's metadata is read from (``metadata`` decides among them): what the user
states, the document's lines as metadata sees them (a saved page's header block, the title over one
or more lines, the text, the start of 总体情况, the end where a report is signed), the titles stored
with the file, and the file's name; and ``Found``, one value read from one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any

from zfxxgk.importer import meta_text as mt
from zfxxgk.importer.blocks import Property
from zfxxgk.importer.located import Line, Located
from zfxxgk.importer.normalise import section_number
from zfxxgk.layout import Layout

TITLE_LINES = 3  # a title is printed over at most this many lines
TITLE_LINE_MAX = 60  # ...each of them short
HEAD_LINES = 12  # the title is among the first lines of the document
TAIL_CHARS = 400  # the signature is within this many characters of the end

# Ranks of the places a value comes from (lower is more trusted).
STATED, TITLE, STORED_TITLE, TEXT, FILE_NAME, PUBLISHER = range(6)


@dataclass(frozen=True)
class Stated:
    """Metadata the user states (``--agency``, ``--year``): it wins over what the document says."""

    agency: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Sources:
    """What the metadata can be read from besides the printed text."""

    properties: tuple[Property, ...] = ()
    file_name: str | None = None  # the file's name as given (a path is fine); None for stdin
    stated: Stated = field(default_factory=Stated)


@dataclass(frozen=True)
class Found:
    """One value for a field, the words it was read from, where, and from what kind of place."""

    value: Any
    raw: str
    where: str | None
    rank: int
    source_en: str
    source_zh: str
    literal: bool = False  # printed as the title prints it: nothing to log


class Document:
    """The document's lines as metadata sees them: header block, title, text, overview, end."""

    def __init__(self, located: Located, lay: Layout) -> None:
        self.lines = located.lines
        head_ids = {id(line) for line in (located.title, *located.prelude) if line is not None}
        head = [line for line in located.lines if id(line) in head_ids]
        self.header: list[tuple[mt.HeaderField, Line]] = []
        rest: list[Line] = []
        for line in head:  # header lines (标题:, 发布时间:) before the title or under it
            fields = mt.header_fields(line.text)
            if fields:
                self.header += [(f, line) for f in fields]
            else:
                rest.append(line)
        self.title, self.title_lines = _find_title(rest)
        self._located, self._layout = located, lay

    @cached_property
    def overview(self) -> tuple[str, str | None]:
        """The start of 总体情况 and where it is (read only when the text is searched for a name)."""
        return _overview(self._located, self._layout)

    def headers(self, kind: str) -> list[tuple[mt.HeaderField, Line]]:
        """Header fields of a kind, the most specific label first (发布时间 before 时间)."""
        if not self.header:
            return []
        order = mt.header_keys()[kind]
        return sorted((pair for pair in self.header if pair[0].kind == kind and pair[0].value),
                      key=lambda pair: order.index(pair[0].key))

    def tail(self) -> tuple[str, str | None]:
        """The last characters of the text (where a report is signed), and where they are."""
        text, where = "", None
        for line in reversed(self.lines):
            text = line.text + " " + text
            where = where or line.where
            if len(text) >= TAIL_CHARS:
                break
        return text[-TAIL_CHARS:], where


def _find_title(lines: list[Line]) -> tuple[mt.TitleParts | None, list[Line]]:
    """The first title among the first lines, read from one line or from up to three short ones."""
    title = mt.read_title  # memoised: a long first line is read twice
    for i, first in enumerate(lines[:HEAD_LINES]):
        if mt.is_leading_word(first.text) or (len(first.text) > TITLE_LINE_MAX and not title(first.text)):
            continue
        for n in range(1, TITLE_LINES + 1):
            window = lines[i: i + n]
            if len(window) < n or (n > 1 and any(len(line.text) > TITLE_LINE_MAX for line in window)):
                break
            parts = title("".join(line.text.strip() for line in window))
            if parts is None:
                continue
            # A title over several lines must name an agency of the usual form, or none: that is
            # what tells "正文" / "2024 年某委…" apart from a title's first line.
            if n > 1 and parts.agency and not mt.looks_like_agency(parts.agency):
                break
            return parts, window
    return None, []


def _overview(located: Located, lay: Layout) -> tuple[str, str | None]:
    """The start of the report's first section (一、总体情况) and where it is; found by its heading
    when the text is run together."""
    first = next((f for f in lay.fields if section_number(f.title) == 1), None)
    if first is None:
        return "", None
    lines = located.texts.get(first.name)
    if lines:
        return " ".join(line.text for line in lines[:2]), lines[0].where
    heading = re.compile(r"[一1][、.．]\s*" + re.escape(first.title.split("、", 1)[-1]))
    for line in located.lines:
        m = heading.search(line.text)
        if m:
            return line.text[m.end(): m.end() + 300], line.where
    return "", None


def where_of(lines: list[Line]) -> str | None:
    """Where ``lines`` are, for the log: one place, or the first and the last ("line 1 – line 3")."""
    if not lines:
        return None
    return lines[0].where if len(lines) == 1 else f"{lines[0].where} – {lines[-1].where}"


def title_found(doc: Document, value: Any) -> Found:
    """``value`` as read from the printed title (literal when the title is on one line)."""
    lines = doc.title_lines
    if len(lines) == 1:
        return Found(value, lines[0].text[:200], lines[0].where, TITLE, "the report's title", "报告标题", literal=True)
    return Found(value, " / ".join(line.text for line in lines), where_of(lines), TITLE,
                 f"the report's title, printed over {len(lines)} lines", f"分{len(lines)}行印出的报告标题")


def stored_titles(doc: Document, sources: Sources) -> Iterator[tuple[mt.TitleParts, str, str | None, str, str]]:
    """Titles stored with the document: (parts, raw, where, source en, source zh)."""
    for header, line in doc.headers("title"):
        parts = mt.read_title(header.value)
        if parts:
            yield parts, line.text, line.where, f"the page's header ({header.key})", f"页面信息栏（{header.key}）"
    for prop in sources.properties:
        if prop.name == "title":
            parts = mt.read_title(prop.value)
            if parts:
                yield parts, prop.value, prop.where, f"the {prop.where}", prop.where


def file_title(sources: Sources) -> tuple[mt.TitleParts, str] | None:
    """The title the file's name gives (``80560_某局2019年度…报告.txt``), and the name's stem."""
    if not sources.file_name or sources.file_name.startswith("<"):
        return None
    stem = PurePath(sources.file_name).stem
    parts = mt.read_title(re.sub(r"^[\d\s_\-.]+", "", stem))
    return (parts, stem) if parts else None
