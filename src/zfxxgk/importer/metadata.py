"""The report's metadata — agency name, report year, publication date, source address — from every
place it is printed, each value logged with the words it was read from.

Where a value can come from, most trusted first (the first place that gives it is taken):

1. the command line (``--agency``, ``--year``): the user's word wins over what is read;
2. the report's title, as printed at its head: on one line, run into the text that follows it (a
   saved page's body on one line), or over several lines (``2024 年上海市科委政府信息公开工作`` /
   ``年度报告``); the agency before or after the year;
3. a title stored with the document: a saved page's header block (``标题:``), an HTML page's
   ``<title>`` and ``<meta name="ArticleTitle">``, a PDF's or a Word file's document title;
4. the report's text: 本报告由…编制, …（以下简称我局）, 我局（…）, the subject of 总体情况's first
   sentence, the signature at the end (某局 2020年1月13日); for the year, the statistics period
   (自2019年1月1日起至2019年12月31日止), else a year named with the work (2019年政府信息公开…);
5. the file name (``80560_某局2019年度政府信息公开工作年度报告.txt``);
6. for the agency only: who the page or file says published or made it (``发布机构:``, a PDF's
   Author, a Word file's creator), when that has the form of an agency's name. A portal
   (…人民政府 on every page of a district's site) or a department (办公室) would be wrong more often
   than not, so anything above wins over it.

A title's short name (司法局) is completed from the text when the text names the agency in full after
a place (济源示范区司法局). The publication date comes from a header block or an HTML ``<meta>``
(发布时间, PubDate), else the date the report is signed with, else a file's creation date when it
falls in the year after the report year (a template's or a later copy's date says nothing). The
source address comes from a header block (原文链接) or the page's canonical address.

What the title prints is read as printed and not logged; everything else is logged as "inferred"
with its raw text and where it was found, and a title-like source that disagrees is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import PurePath
from typing import Any

from zfxxgk.cell_names import place_name
from zfxxgk.importer import meta_text as mt
from zfxxgk.importer.blocks import Property
from zfxxgk.importer.located import Line, Located
from zfxxgk.importer.normalise import section_number
from zfxxgk.importer.result import LogEntry
from zfxxgk.layout import Layout
from zfxxgk.resources import json_schema

MAX_PREFIX = 16
TITLE_LINES = 3  # a title is printed over at most this many lines
TITLE_LINE_MAX = 60  # ...each of them short
HEAD_LINES = 12  # the title is among the first lines of the document
TAIL_CHARS = 400  # the signature is within this many characters of the end
_PLACE_END = ("省", "市", "区", "县", "州", "旗", "盟", "镇", "乡", "街道")
_EDGE = "《》“”\"'‘’（）()【】[]〔〕，。、；;：:！!？?—－-…· \t"

MISSING = "P502"  # the catalog's code for metadata printed nowhere (schema: rules, kind parse)
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


@dataclass
class Metadata:
    agency_name: str
    report_year: int | None
    publication_date: str | None
    source_url: str | None = None


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


# ---- reading ---------------------------------------------------------------------------------


def read_metadata(located: Located, log: list[LogEntry], lay: Layout, sources: Sources | None = None) -> Metadata:
    if sources is None:
        sources = Sources()
    titles = {f.name: f.title for f in lay.fields}
    doc = _Document(located, lay)
    agency = _agency(doc, sources, log, titles["agency_name"])
    year = _year(doc, sources, log, titles["report_year"])
    published = _publication_date(doc, sources, year, log, titles["publication_date"])
    url = _source_url(doc, sources, log, titles["source_url"])
    return Metadata(agency, year, published, url)


class _Document:
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
    for i, first in enumerate(lines[:HEAD_LINES]):
        if mt.is_leading_word(first.text) or (len(first.text) > TITLE_LINE_MAX and not mt.read_title(first.text)):
            continue
        for n in range(1, TITLE_LINES + 1):
            window = lines[i: i + n]
            if len(window) < n or (n > 1 and any(len(line.text) > TITLE_LINE_MAX for line in window)):
                break
            parts = mt.read_title("".join(line.text.strip() for line in window))
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


def _where(lines: list[Line]) -> str | None:
    if not lines:
        return None
    return lines[0].where if len(lines) == 1 else f"{lines[0].where} – {lines[-1].where}"


def _title_found(doc: _Document, value: Any) -> Found:
    lines = doc.title_lines
    if len(lines) == 1:
        return Found(value, lines[0].text[:200], lines[0].where, TITLE, "the report's title", "报告标题", literal=True)
    return Found(value, " / ".join(line.text for line in lines), _where(lines), TITLE,
                 f"the report's title, printed over {len(lines)} lines", f"分{len(lines)}行印出的报告标题")


def _stored_titles(doc: _Document, sources: Sources) -> Iterator[tuple[mt.TitleParts, str, str | None, str, str]]:
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


def _file_title(sources: Sources) -> tuple[mt.TitleParts, str] | None:
    if not sources.file_name or sources.file_name.startswith("<"):
        return None
    stem = PurePath(sources.file_name).stem
    parts = mt.read_title(re.sub(r"^[\d\s_\-.]+", "", stem))
    return (parts, stem) if parts else None


# ---- agency ------------------------------------------------------------------------------------


def _first(candidates: Iterator[Found | None]) -> list[Found]:
    """The titles' candidates, or else the first other one: the text is searched only when needed.

    The candidates come most trusted first; ``None`` marks the end of the titles.
    """
    found: list[Found] = []
    for candidate in candidates:
        if candidate is None:
            if found:
                break
            continue
        found.append(candidate)
        if candidate.rank > STORED_TITLE:
            break
    return found


def _agency(doc: _Document, sources: Sources, log: list[LogEntry], title: str) -> str:
    found = _first(_agency_candidates(doc, sources))
    stated = sources.stated.agency.strip() if sources.stated.agency else ""
    if stated:
        _log_stated(log, "/agency_name", "--agency", stated, found, title)
        return stated
    if not found:
        log.append(LogEntry(
            "warning", "/agency_name", doc.title.text if doc.title else "", _where(doc.title_lines),
            "no agency name found in the title, a header, the text, the file's properties or its name: "
            "agency_name is left empty (state it with --agency)",
            f"标题、信息栏、正文、文件属性和文件名中均未找到{title}：{title}留空（可用 --agency 指定）", code=MISSING))
        return ""
    chosen = found[0]
    name = chosen.value if chosen.rank == PUBLISHER else _fuller_name(chosen.value, doc.lines, log)
    other = _disagreeing(chosen, found, _same_agency)
    if not chosen.literal or other:
        _log_found(log, "/agency_name", chosen, title, other)
    return str(name)


def _agency_candidates(doc: _Document, sources: Sources) -> Iterator[Found | None]:
    if doc.title and doc.title.agency:
        yield _title_found(doc, doc.title.agency)
    for parts, raw, where, en, zh in _stored_titles(doc, sources):
        if parts.agency:
            yield Found(parts.agency, raw, where, STORED_TITLE, en, zh)
    yield None
    for line in doc.lines:
        for named in mt.agencies_in_text(line.text):
            yield Found(named.name, named.raw, line.where, TEXT, f"the text ({named.how_en})", f"正文（{named.how_zh}）")
    overview, overview_where = doc.overview
    subject = mt.subject_of(overview) if overview else None
    if subject:
        yield Found(subject.name, subject.raw, overview_where, TEXT, f"the text ({subject.how_en})", f"正文（{subject.how_zh}）")
    tail, where = doc.tail()
    signed = mt.signature(tail)
    if signed:
        yield Found(signed[0].name, signed[0].raw, where, TEXT, "the signature at the end of the text", "文末落款")
    filed = _file_title(sources)
    if filed and filed[0].agency:
        yield Found(filed[0].agency, filed[1], "file name", FILE_NAME, "the file name", "文件名")
    for header, line in doc.headers("publisher"):
        if mt.looks_like_agency(header.value):
            yield Found(header.value, line.text, line.where, PUBLISHER, f"the page's header ({header.key})",
                        f"页面信息栏（{header.key}）")
    for prop in sources.properties:
        if prop.name == "author" and mt.looks_like_agency(prop.value.strip()):
            yield Found(prop.value.strip(), prop.value, prop.where, PUBLISHER, f"the {prop.where}", prop.where)


def _same_agency(a: str, b: str) -> bool:
    return a.endswith(b) or b.endswith(a)


def _fuller_name(short: str, lines: list[Line], log: list[LogEntry]) -> str:
    """The name in full when the text prints the short name after a place (司法局 → 济源示范区司法局)."""
    for line in lines:
        start = 0
        while True:
            at = line.text.find(short, start)
            if at < 0:
                break
            start = at + 1
            prefix = _name_prefix(line.text[:at], short)
            if prefix:
                full = prefix + short
                snippet = line.text[max(0, at - len(prefix) - 10): at + len(short) + 10]
                log.append(LogEntry(
                    "inferred", "/agency_name", snippet, line.where,
                    f"the title names the agency {short}; the text names it in full as {full}",
                    f"标题中的名称为“{short}”，正文中的全称为“{full}”", value=full))
                return full
    return short


def _name_prefix(before: str, short: str) -> str | None:
    """The place name right before an agency's short name, when it can only be part of the name.

    The place ends the words before the name (济源示范区 + 司法局), or the short name starts with
    the level of a place whose name it leaves out (上海 + 市科委, 平潭综合实验 + 区行政审批局).
    """
    tail = before[-MAX_PREFIX:]
    cut = len(tail) - 1
    while cut >= 0 and tail[cut] not in _EDGE:
        cut -= 1
    if cut < 0 and len(before) > MAX_PREFIX:
        return None  # no place where a name starts within reach
    prefix = tail[cut + 1:]
    if len(prefix) < 2 or not (prefix.endswith(_PLACE_END) or short.startswith(_PLACE_END)) \
            or prefix.startswith(mt.NOT_A_NAME_START):
        return None
    if not all("\u4e00" <= ch <= "\u9fff" for ch in prefix):
        return None
    return prefix


# ---- year --------------------------------------------------------------------------------------


def _year(doc: _Document, sources: Sources, log: list[LogEntry], title: str) -> int | None:
    found = _first(_year_candidates(doc, sources))
    if sources.stated.year is not None:
        _log_stated(log, "/report_year", "--year", sources.stated.year, found, title)
        return sources.stated.year
    if not found:
        log.append(LogEntry("warning", "/report_year", "", None,
                            "no report year found (state it with --year)", f"未找到{title}（可用 --year 指定）",
                            code=MISSING))
        return None
    chosen = found[0]
    other = _disagreeing(chosen, found, lambda a, b: a == b)
    if not chosen.literal or other:
        _log_found(log, "/report_year", chosen, title, other)
    return int(chosen.value)


def _year_candidates(doc: _Document, sources: Sources) -> Iterator[Found | None]:
    if doc.title:
        yield _title_found(doc, doc.title.year)
    for parts, raw, where, en, zh in _stored_titles(doc, sources):
        yield Found(parts.year, raw, where, STORED_TITLE, en, zh)
    yield None
    for reader, en, zh in ((mt.statistics_year, "the statistics period in the text", "正文中的统计期限"),
                           (mt.year_of_work, "the text", "正文")):
        for line in doc.lines:
            read = reader(line.text)
            if read:
                yield Found(read[0], read[1], line.where, TEXT, en, zh)
                break
    filed = _file_title(sources)
    if filed:
        yield Found(filed[0].year, filed[1], "file name", FILE_NAME, "the file name", "文件名")


# ---- publication date and address ---------------------------------------------------------------


def _publication_date(doc: _Document, sources: Sources, year: int | None, log: list[LogEntry],
                      title: str) -> str | None:
    found = _first(_date_candidates(doc, sources, year))
    if not found:
        return None
    _log_found(log, "/publication_date", found[0], title)
    return str(found[0].value)


def _date_candidates(doc: _Document, sources: Sources, year: int | None) -> Iterator[Found | None]:
    for header, line in doc.headers("published"):
        day = mt.read_date(header.value)
        if day:
            yield Found(day.isoformat(), line.text, line.where, STORED_TITLE, f"the page's header ({header.key})",
                        f"页面信息栏（{header.key}）")
    for prop in sources.properties:
        day = mt.read_date(prop.value) if prop.name == "published" else None
        if day:
            yield Found(day.isoformat(), prop.value, prop.where, STORED_TITLE, f"the {prop.where}", prop.where)
    yield None
    tail, where = doc.tail()
    signed = mt.signature(tail)
    if signed and signed[1]:
        yield Found(signed[1].isoformat(), signed[0].raw, where, TEXT, "the date the report is signed with",
                    "文末落款日期")
    if year is None:
        return
    for prop in sources.properties:
        day = mt.read_date(prop.value) if prop.name == "created" else None
        if day and day.year == year + 1:
            yield Found(day.isoformat(), prop.value, prop.where, PUBLISHER,
                        f"the {prop.where} (the file was made in the year after the report year)",
                        f"{prop.where}（文件制作于所报告年份的次年）")


@lru_cache(maxsize=1)
def _url_pattern() -> re.Pattern[str]:
    return re.compile(json_schema()["$defs"]["Report"]["properties"]["source_url"]["pattern"])


def _source_url(doc: _Document, sources: Sources, log: list[LogEntry], title: str) -> str | None:
    found = [Found(url, line.text, line.where, STORED_TITLE, f"the page's header ({header.key})",
                   f"页面信息栏（{header.key}）")
             for header, line in doc.headers("url") if (url := mt.read_url(header.value))]
    found += [Found(url, prop.value, prop.where, STORED_TITLE, f"the {prop.where}", prop.where)
              for prop in sources.properties if prop.name == "url" and (url := mt.read_url(prop.value))]
    found = [f for f in found if _url_pattern().match(f.value)]
    if not found:
        return None
    _log_found(log, "/source_url", found[0], title)
    return str(found[0].value)


# ---- logging -----------------------------------------------------------------------------------


def _log_found(log: list[LogEntry], pointer: str, found: Found, title: str, other: Found | None = None) -> None:
    """The value and where it was read; with ``other``, the title-like source that gives another value."""
    en = f"{place_name(pointer, 'en')} is read from {found.source_en}: {found.value}"  # "Publication date"
    zh = f"{title}取自{found.source_zh}：{found.value}"
    if other is not None:
        en += f"; {other.source_en} ({other.where}) gives {other.value}, which is not taken"
        zh += f"；{other.source_zh}（{other.where}）为“{other.value}”，未采用"
    log.append(LogEntry("inferred", pointer, found.raw[:200], found.where, en, zh, value=found.value,
                        candidates=[found.value, other.value] if other is not None else []))


def _log_stated(log: list[LogEntry], pointer: str, flag: str, value: Any, found: list[Found], title: str) -> None:
    said = found[0] if found and found[0].value != value else None
    en = f"{place_name(pointer, 'en')} is stated on the command line ({flag}): {value}"
    zh = f"{title}由命令行指定（{flag}）：{value}"
    if said is not None:
        en += f"; the document says {said.value} ({said.source_en}, {said.where or 'no place'})"
        zh += f"；文档中为“{said.value}”（{said.source_zh}，{said.where or '无位置'}）"
    log.append(LogEntry("inferred", pointer, f"{flag} {value}", "command line", en, zh, value=value))


def _disagreeing(chosen: Found, found: list[Found], same: Callable[[Any, Any], bool]) -> Found | None:
    """A title stored with the document that gives another value than the one taken (a page title
    left from last year), if any: the log says so, so that a reader can check."""
    return next((f for f in found if f.rank <= STORED_TITLE and f is not chosen and not same(f.value, chosen.value)),
                None)
