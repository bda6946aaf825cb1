"""The report's metadata from its title and text: agency name, report year, publication date.

The title names the agency and the year ("司法局2021年政府信息公开工作年度报告"). Titles often
give a short name that the text gives in full (济源示范区司法局): when the text names an agency that
ends with the title's name, is preceded by a place (…省, …市, …区, …县, …镇, …街道 …) and starts
where a name can start (after punctuation or a book-title mark, not after a verb), the first such
name in the text is taken, and logged as inferred with the text it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from zfxxgk.importer.locate import Line, Located
from zfxxgk.importer.result import LogEntry
from zfxxgk.layout import Layout

_TITLE = re.compile(
    r"^(?P<agency>.*?)\s*(?:关于)?\s*(?:(?P<year>(?:19|20)\d\d)\s*年度?)\s*(?:的)?\s*"
    r"(?P<rest>.*(?:信息公开|政务公开).*(?:报告|年报).*)$")
_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d\d)\s*年度?(?:政府信息公开|政务公开|信息公开)")
_DATE_LABEL = re.compile(r"(?:发布|成文|印发)?(?:日期|时间)\s*[:：]\s*(.+)")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_EDGE = "《》“”\"'‘’（）()【】[]〔〕，。、；;：:！!？?—－-…· \t"
_PLACE_END = ("省", "市", "区", "县", "州", "旗", "盟", "镇", "乡", "街道")
_NOT_A_NAME_START = ("我", "本", "按照", "根据", "依据", "经", "由", "在", "对", "向", "与", "和", "及", "为", "是",
                     "各", "全", "将", "把", "被", "从", "以", "于", "其", "该", "配合", "会同", "联合", "协助")
MAX_PREFIX = 16


@dataclass
class Metadata:
    agency_name: str
    report_year: int | None
    publication_date: str | None


def _strip(text: str) -> str:
    return text.strip(_EDGE)


def read_metadata(located: Located, log: list[LogEntry], lay: Layout) -> Metadata:
    titles = {f.name: f.title for f in lay.fields}
    agency, year = "", None
    title = located.title
    if title is not None:
        m = _TITLE.match(unicodedata.normalize("NFKC", title.text).replace(" ", ""))
        if m:
            agency = _strip(m.group("agency"))
            year = int(m.group("year"))
    if year is None:
        year = _year_from_text(located, log, titles["report_year"])
    if agency:
        agency = _fuller_name(agency, located.lines, title, log)
    else:
        log.append(LogEntry("warning", "/agency_name", title.text if title else "", title.where if title else None,
                            "the title names no agency: agency_name is left empty",
                            f"标题中没有{titles['agency_name']}：{titles['agency_name']}留空"))
    return Metadata(agency, year, _publication_date(located))


def _year_from_text(located: Located, log: list[LogEntry], title: str) -> int | None:
    for line in located.prelude + located.lines:
        m = _YEAR_IN_TEXT.search(line.text)
        if m:
            year = int(m.group(1))
            log.append(LogEntry("inferred", "/report_year", line.text[:200], line.where,
                                f"the title gives no year; {year} is read from the text",
                                f"标题中没有年度；从正文读取为 {year} 年", value=year))
            return year
    log.append(LogEntry("warning", "/report_year", "", None, "no report year found", f"未找到{title}"))
    return None


def _fuller_name(short: str, lines: list[Line], title: Line | None, log: list[LogEntry]) -> str:
    for line in lines:
        start = 0
        while True:
            at = line.text.find(short, start)
            if at < 0:
                break
            start = at + 1
            prefix = _name_prefix(line.text[:at])
            if prefix:
                full = prefix + short
                snippet = line.text[max(0, at - len(prefix) - 10): at + len(short) + 10]
                log.append(LogEntry(
                    "inferred", "/agency_name", snippet, line.where,
                    f"the title names the agency {short}; the text names it in full as {full}",
                    f"标题中的名称为“{short}”，正文中的全称为“{full}”", value=full))
                return full
    return short


def _name_prefix(before: str) -> str | None:
    """The place name right before an agency's short name, when it can only be part of the name."""
    tail = before[-MAX_PREFIX:]
    cut = max(tail.rfind(c) for c in _EDGE)
    if cut < 0 and len(before) > MAX_PREFIX:
        return None  # no place where a name starts within reach
    prefix = tail[cut + 1:]
    if len(prefix) < 2 or not prefix.endswith(_PLACE_END) or prefix.startswith(_NOT_A_NAME_START):
        return None
    if not all("\u4e00" <= ch <= "\u9fff" for ch in prefix):
        return None
    return prefix


def _publication_date(located: Located) -> str | None:
    for line in located.prelude:
        m = _DATE_LABEL.search(line.text)
        if not m:
            continue
        d = _DATE.search(m.group(1))
        if d:
            year, month, day = (int(g) for g in d.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None
