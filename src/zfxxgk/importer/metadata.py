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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from zfxxgk.cell_names import place_name
from zfxxgk.importer import meta_text as mt
from zfxxgk.importer.located import Line, Located
from zfxxgk.importer.meta_places import FILE_NAME, PUBLISHER, STORED_TITLE, TEXT, Document, Found, Sources, Stated, \
    file_title, stored_titles, title_found, where_of
from zfxxgk.importer.result import LogEntry
from zfxxgk.layout import Layout
from zfxxgk.resources import json_schema

# Stated and Sources are given by callers (the CLI, the readers) under these names.
__all__ = ["Metadata", "Sources", "Stated", "read_metadata"]

MAX_PREFIX = 16
_PLACE_END = ("省", "市", "区", "县", "州", "旗", "盟", "镇", "乡", "街道")
_EDGE = "《》“”\"'‘’（）()【】[]〔〕，。、；;：:！!？?—－-…· \t"

MISSING = "P502"  # the catalog's code for metadata printed nowhere (schema: rules, kind parse)


@dataclass
class Metadata:
    agency_name: str
    report_year: int | None
    publication_date: str | None
    source_url: str | None = None


def read_metadata(located: Located, log: list[LogEntry], lay: Layout, sources: Sources | None = None) -> Metadata:
    if sources is None:
        sources = Sources()
    titles = {f.name: f.title for f in lay.fields}
    doc = Document(located, lay)
    agency = _agency(doc, sources, log, titles["agency_name"])
    year = _year(doc, sources, log, titles["report_year"])
    published = _publication_date(doc, sources, year, log, titles["publication_date"])
    url = _source_url(doc, sources, log, titles["source_url"])
    return Metadata(agency, year, published, url)


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


def _agency(doc: Document, sources: Sources, log: list[LogEntry], title: str) -> str:
    found = _first(_agency_candidates(doc, sources))
    stated = sources.stated.agency.strip() if sources.stated.agency else ""
    if stated:
        _log_stated(log, "/agency_name", "--agency", stated, found, title)
        return stated
    if not found:
        log.append(LogEntry(
            "warning", "/agency_name", doc.title.text if doc.title else "", where_of(doc.title_lines),
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


def _agency_candidates(doc: Document, sources: Sources) -> Iterator[Found | None]:
    if doc.title and doc.title.agency:
        yield title_found(doc, doc.title.agency)
    for parts, raw, where, en, zh in stored_titles(doc, sources):
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
    filed = file_title(sources)
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
            prefix = _name_prefix(line.text, at, short)
            if prefix:
                full = prefix + short
                snippet = line.text[max(0, at - len(prefix) - 10): at + len(short) + 10]
                log.append(LogEntry(
                    "inferred", "/agency_name", snippet, line.where,
                    f"the title names the agency {short}; the text names it in full as {full}",
                    f"标题中的名称为“{short}”，正文中的全称为“{full}”", value=full))
                return full
    return short


def _name_prefix(text: str, at: int, short: str) -> str | None:
    """The place name right before an agency's short name (at ``at`` in ``text``), when it can only be
    part of the name.

    The place ends the words before the name (济源示范区 + 司法局), or the short name starts with
    the level of a place whose name it leaves out (上海 + 市科委, 平潭综合实验 + 区行政审批局).
    Only the characters within reach are copied (a name occurs many times on a page of one line).
    """
    tail = text[max(0, at - MAX_PREFIX):at]
    cut = len(tail) - 1
    while cut >= 0 and tail[cut] not in _EDGE:
        cut -= 1
    if cut < 0 and at > MAX_PREFIX:
        return None  # no place where a name starts within reach
    prefix = tail[cut + 1:]
    if len(prefix) < 2 or not (prefix.endswith(_PLACE_END) or short.startswith(_PLACE_END)) \
            or prefix.startswith(mt.NOT_A_NAME_START):
        return None
    if not all("\u4e00" <= ch <= "\u9fff" for ch in prefix):
        return None
    return prefix


# ---- year --------------------------------------------------------------------------------------


def _year(doc: Document, sources: Sources, log: list[LogEntry], title: str) -> int | None:
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


def _year_candidates(doc: Document, sources: Sources) -> Iterator[Found | None]:
    if doc.title:
        yield title_found(doc, doc.title.year)
    for parts, raw, where, en, zh in stored_titles(doc, sources):
        yield Found(parts.year, raw, where, STORED_TITLE, en, zh)
    yield None
    for reader, en, zh in ((mt.statistics_year, "the statistics period in the text", "正文中的统计期限"),
                           (mt.year_of_work, "the text", "正文")):
        for line in doc.lines:
            read = reader(line.text)
            if read:
                yield Found(read[0], read[1], line.where, TEXT, en, zh)
                break
    filed = file_title(sources)
    if filed:
        yield Found(filed[0].year, filed[1], "file name", FILE_NAME, "the file name", "文件名")


# ---- publication date and address ---------------------------------------------------------------


def _publication_date(doc: Document, sources: Sources, year: int | None, log: list[LogEntry],
                      title: str) -> str | None:
    found = _first(_date_candidates(doc, sources, year))
    if not found:
        return None
    _log_found(log, "/publication_date", found[0], title)
    return str(found[0].value)


def _date_candidates(doc: Document, sources: Sources, year: int | None) -> Iterator[Found | None]:
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


def _source_url(doc: Document, sources: Sources, log: list[LogEntry], title: str) -> str | None:
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


@lru_cache(maxsize=16)
def _english(pointer: str) -> str:
    """The English name of a field (looked for in every layout: found once)."""
    return place_name(pointer, "en")


def _log_found(log: list[LogEntry], pointer: str, found: Found, title: str, other: Found | None = None) -> None:
    """The value and where it was read; with ``other``, the title-like source that gives another value."""
    en = f"{_english(pointer)} is read from {found.source_en}: {found.value}"  # "Publication date"
    zh = f"{title}取自{found.source_zh}：{found.value}"
    if other is not None:
        en += f"; {other.source_en} ({other.where}) gives {other.value}, which is not taken"
        zh += f"；{other.source_zh}（{other.where}）为“{other.value}”，未采用"
    log.append(LogEntry("inferred", pointer, found.raw[:200], found.where, en, zh, value=found.value,
                        candidates=[found.value, other.value] if other is not None else []))


def _log_stated(log: list[LogEntry], pointer: str, flag: str, value: Any, found: list[Found], title: str) -> None:
    said = found[0] if found and found[0].value != value else None
    en = f"{_english(pointer)} is stated on the command line ({flag}): {value}"
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
