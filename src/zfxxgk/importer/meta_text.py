"""Reading an agency's name, a report year, a date or an address out of printed text.

Pure functions on strings, for every place a report's metadata is printed: its title (on one line
or over several), the header block of a saved page (``标题:``, ``发布时间:``, ``原文链接:``,
``发布机构:``), the report's own text (本报告由…编制, 我局（…）, the signature at its end, the
subject of 总体情况), a file's properties and its name. ``metadata`` decides among them.

Names are recognised by their form, not from a list of agencies: a name starts where a name can
start (after punctuation or a space, never after a pronoun or a verb), holds only Chinese characters
and brackets, and ends as agency names end (…局, …委员会, …办公室, …人民政府, …街道, …县).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from zfxxgk.importer.normalise import nfkc

YEAR = r"(?:19|20)\d\d"
_CJK = "\u4e00-\u9fff"
# The words of a title after the agency and the year: 政府信息公开工作年度报告, 政务公开工作报告,
# 政府信息公开年报, 信息公开工作的年度报告… (the shortest, so that a title run into its text ends there).
_REST = r"(?:(?:政府|政务)?信息公开|政务公开)[^。；;，,！!？?\s]{0,12}?(?:报告|年报)"
_HEAD_MAX = 60  # characters of a title before its year (or its words, when the year comes after)
_TITLE = re.compile(
    rf"^(?P<pre>[^。；;！!？?]{{0,{_HEAD_MAX}}}?)\s*(?:关于)?\s*[(]?\s*(?P<year>{YEAR})\s*年度?\s*[)]?\s*"
    rf"(?:的)?\s*(?P<mid>[^。；;，,！!？?\s]{{0,30}}?)\s*(?P<rest>{_REST})")
# 某局政府信息公开工作年度报告（2021年度）
_TITLE_YEAR_AFTER = re.compile(
    rf"^(?P<pre>[^。；;！!？?]{{0,{_HEAD_MAX}}}?)\s*(?P<rest>{_REST})\s*[(]\s*(?P<year>{YEAR})\s*年度?\s*[)]")
_ANY_YEAR = re.compile(YEAR)
# What both forms have: a year followed by 年, and the first words of _REST.
_YEAR_NIAN = re.compile(rf"{YEAR}\s*年")
_REST_WORDS = ("信息公开", "政务公开")
_BEFORE_YEAR = re.compile(r"[\s关于(]*")  # what a part of _TITLE's words between its head and year is made of
_SPACES = re.compile(r"\s*")
# What can stand before a title without being part of the agency's name.
_LEADING = re.compile(r"^(?:附件\s*\d*\s*[:：]?|正文\s*[:：]?|全文\s*[:：]?)\s*")
# Separators of a page title or a breadcrumb ("首页 > 政务公开 > …", "… - 中国平潭", "…_市政府").
_SEPARATOR = re.compile(r"\s*(?:>|»|›|\||/|\\|_|—|–|-{1,2}|:|：|·{2,})\s*")
_EDGE = "《》“”\"'‘’（）()【】[]〔〕，。、；;：:！!？?—－-…· \t"

# How agency names end (longest first), and names that are only a kind of office, not an agency.
_AGENCY_END = ("委员会", "办公室", "办事处", "管委会", "人民政府", "政府", "中心", "集团", "公司", "街道",
               "局", "委", "办", "厅", "部", "署", "院", "所", "站", "处", "会", "队", "馆", "社", "行",
               "司", "镇", "乡", "省", "市", "区", "县", "州", "旗", "盟", "村")
_GENERIC = frozenset({"办公室", "人民政府", "政府", "管委会", "委员会", "办事处", "本机关", "本单位", "本部门",
                      "机关", "单位", "部门", "综合科", "办公厅", "管理委员会"})
# Words a name cannot start with: pronouns, prepositions and verbs that precede a name in a sentence.
NOT_A_NAME_START = ("我", "本局", "本委", "本办", "本机关", "本单位", "本部门", "本报告", "本年", "按照", "根据",
                    "依据", "经过", "由", "在", "对", "向", "与", "及", "为", "是", "各", "把", "被", "以", "其",
                    "该", "配合", "会同", "联合", "协助", "请", "现", "暂无", "均", "已", "并", "年", "附件", "联系")
# Characters that never occur in an agency's name but often in the text around one.
_NOT_IN_A_NAME = frozenset("的了是我这那些在")
NAME = rf"[{_CJK}（）()·]{{2,40}}?"
_BOUNDARY = r"(?:^|(?<=[，,。；;：:、\s《“\"]))"


@dataclass(frozen=True)
class TitleParts:
    """What a title says: the agency (empty when it names none), the year, and the title's text."""

    agency: str
    year: int
    text: str


_CHINESE_DIGITS = {ord(c): str(i) for i, c in enumerate("〇一二三四五六七八九")} | {ord("零"): "0", ord("○"): "0"}
_YEAR_NUMERALS = "〇○零一二三四五六七八九"
_CHINESE_YEAR = re.compile(f"[{_YEAR_NUMERALS}]{{4}}(?=\\s*年)")


@lru_cache(maxsize=1024)
def normal(text: str) -> str:
    """Full-width digits, letters and brackets as ASCII, as NFKC gives them; a year written in
    Chinese numerals (二〇二一年) in digits.

    Kept for the lines of a document: its title and its text are read for several values."""
    text = nfkc(text)
    if _has_chinese_year(text):
        text = _CHINESE_YEAR.sub(lambda m: m.group(0).translate(_CHINESE_DIGITS), text)
    return text


def _has_chinese_year(text: str) -> bool:
    """Whether ``_CHINESE_YEAR`` is found in ``text``: looked for from each 年 (a fast search for
    one character) back over spaces, rather than by trying the pattern at every character."""
    numerals = _YEAR_NUMERALS
    at = text.find("年")
    while at >= 0:
        end = at
        while end and text[end - 1].isspace():
            end -= 1
        if end >= 4 and text[end - 1] in numerals and text[end - 2] in numerals and text[end - 3] in numerals \
                and text[end - 4] in numerals:
            return True
        at = text.find("年", at + 1)
    return False


def is_leading_word(text: str) -> bool:
    """A line that only says what follows (正文, 附件1): never the start of a title."""
    return not _LEADING.sub("", normal(text).strip())


_SPACED = re.compile(rf"(?<=[{_CJK}])[ \u3000](?=[{_CJK}\d])|(?<=[{_CJK}\d])[ \u3000](?=[{_CJK}])")


def _closed_up(text: str) -> str:
    """A title printed with a space between its characters (上 海 市 科 委 …), closed up."""
    if text.count(" ", 0, 80) + text.count("\u3000", 0, 80) < 8:
        return text  # too few spaces to be spaced out (most titles): not searched
    spaces = len(_SPACED.findall(text[:80]))
    return _SPACED.sub("", text) if spaces >= 8 and spaces * 3 >= len(text[:80]) else text


@lru_cache(maxsize=1024)
def read_title(text: str) -> TitleParts | None:
    """The agency and the year a report's title names; None when ``text`` does not start with a title.

    Kept: a page's stored title and the file's name are read for the agency and for the year."""
    text = _LEADING.sub("", _closed_up(normal(text).strip()))
    if "公开" not in text or ("报告" not in text and "年报" not in text) or not _ANY_YEAR.search(text):
        return None  # what both forms of a title require, checked before the costly patterns
    # On a long line, a form is tried only when what it finds first can follow a head of at most
    # _HEAD_MAX characters (trying each length of the head is what costs).
    long = len(text) > _HEAD_MAX
    m = _TITLE.match(text) if not long or _year_after_head(text) else None
    if m:
        agency = clean_name(m.group("pre") + m.group("mid"))
    else:
        m = _TITLE_YEAR_AFTER.match(text) if not long or _words_after_head(text) else None
        if not m:
            return None
        agency = clean_name(m.group("pre"))
    if agency is None:
        return None
    return TitleParts(agency, int(m.group("year")), m.group(0).strip())


def _year_after_head(text: str) -> bool:
    """Whether ``_TITLE`` may match: the first year with 年 is within its head's reach, or only
    what may come between the head and the year (spaces, 关于, a bracket) comes past the head."""
    year = _YEAR_NIAN.search(text)
    return year is not None and (year.start() <= _HEAD_MAX
                                 or _BEFORE_YEAR.fullmatch(text, _HEAD_MAX, year.start()) is not None)


def _words_after_head(text: str) -> bool:
    """Whether ``_TITLE_YEAR_AFTER`` may match: its words (_REST starts with them, or with 政府/政务 two
    characters before them) are first printed within its head's reach, or only spaces come between."""
    words = [at for at in map(text.find, _REST_WORDS) if at >= 0]
    if not words:
        return False
    start = min(words) - 2
    return start <= _HEAD_MAX or _SPACES.fullmatch(text, _HEAD_MAX, start) is not None


def clean_name(text: str) -> str | None:
    """The agency's name in what precedes a title's year, or None when that is no name.

    A site's or a breadcrumb's words before a separator are not part of it; a name printed with
    spaces between its characters (上 海 市 科 委) is closed up.
    """
    text = text.strip()
    if "《" in text or "“" in text or "，" in text or "," in text:
        return None  # a sentence that cites a document, not a title
    text = _SEPARATOR.split(text)[-1].strip(_EDGE)
    parts = text.split()
    if len(parts) > 1:
        text = "".join(parts) if all(len(p) <= 2 for p in parts) else _spaced_name(parts)
    if not text:
        return ""
    if len(text) > 40 or any(map(str.isdigit, text)) or text.startswith(NOT_A_NAME_START):
        return None
    return text


def _spaced_name(parts: list[str]) -> str:
    """The name in the last words of a spaced title head: as many of them as are parts of a name
    (北京市 朝阳区 司法局), not the words before (首页 政务公开 年报 某局 → 某局)."""
    taken = [parts[-1]]
    for part in reversed(parts[:-1]):
        if not part.endswith(_AGENCY_END) or not all(_is_cjk(ch) for ch in part) or part.startswith(NOT_A_NAME_START):
            break
        taken.insert(0, part)
    return "".join(taken)


def looks_like_agency(name: str) -> bool:
    """True when ``name`` has the form of an agency's name (and is not just a kind of office)."""
    if not 3 <= len(name) <= 40 or name in _GENERIC or name.startswith(NOT_A_NAME_START):
        return False
    if not all(_is_cjk(ch) or ch in "（）()·" for ch in name) or _NOT_IN_A_NAME & set(name):
        return False
    end = next((e for e in _AGENCY_END if name.endswith(e)), None)
    return end is not None and len(name) - len(end) >= 2 and name[: -len(end)] not in ("人民", "管理")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# ---- a saved page's header block -----------------------------------------------------------------

_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "title": ("文章标题", "标题", "题名"),
    "published": ("发布时间", "公开日期", "发文日期", "成文日期", "印发日期", "日期", "时间"),
    "url": ("原文链接", "原文地址", "原始链接", "页面地址", "网址", "链接", "URL", "Url", "url"),
    "publisher": ("发布机构", "发文机关", "发文机构", "发布单位", "发布部门", "公开主体", "信息来源", "文章来源", "来源"),
}
# Fields of the standard a header may print under their own title (发布日期:, 来源网址:).
_FIELD_KINDS = {"publication_date": "published", "source_url": "url"}


@lru_cache(maxsize=1)
def header_keys() -> dict[str, tuple[str, ...]]:
    """The labels of header lines by what they give, most specific first (发布时间 before 时间)."""
    from zfxxgk.editions import newest_edition
    from zfxxgk.layout import layout

    keys = dict(_HEADER_WORDS)
    for f in layout(newest_edition()).fields:
        kind = _FIELD_KINDS.get(f.name)
        if kind:
            keys[kind] = (f.title, *keys[kind])
    return keys


@lru_cache(maxsize=1)
def _header_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    key_of = {key: kind for kind, keys in header_keys().items() for key in keys}
    alternatives = "|".join(sorted(key_of, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=\s))(?P<key>{alternatives})\s*[:：]\s*"), key_of


_SPACE_THEN_TEXT = re.compile(r"\s\S")


@dataclass(frozen=True)
class HeaderField:
    kind: str  # a key of HEADER_KEYS
    key: str  # the label as printed (发布时间)
    value: str


def header_fields(line: str) -> list[HeaderField]:
    """The ``标题: …``, ``发布时间: …`` fields of a header line (one or several on a line).

    Only a line that starts with such a label is a header line: a label inside a sentence
    (联系时间：…) is not one.
    """
    pattern, key_of = _header_pattern()
    start = len(line) - len(line.lstrip())
    first = pattern.match(line, start)
    if not first:
        return []  # no label where the line starts (most lines): not searched further
    if start:
        matches = list(pattern.finditer(line))
        if not matches or line[: matches[0].start()].strip():
            return []
    elif pattern.match(line, first.end()) or _SPACE_THEN_TEXT.search(line, first.end()):
        # Another label starts right after the first one's spaces or after a later space (the
        # pattern looks behind for one): only the text after the first label is searched.
        matches = [first, *pattern.finditer(line, first.end())]
    else:  # no space within the first label's value (标题: …, 原文链接: …): no other label
        key = first.group("key")
        return [HeaderField(key_of[key], key, line[first.end():].strip())]
    out = []
    for m, after in zip(matches, [*matches[1:], None], strict=True):
        value = line[m.end(): after.start() if after else len(line)].strip()
        out.append(HeaderField(key_of[m.group("key")], m.group("key"), value))
    return out


_URL = re.compile(r"https?://[^\s\"'<>，。；）)】]+")


def read_url(text: str) -> str | None:
    m = _URL.search(text)
    return m.group(0) if m else None


# ---- dates ---------------------------------------------------------------------------------------

_DATE = re.compile(rf"({YEAR})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})")
_PDF_DATE = re.compile(rf"^D:({YEAR})(\d\d)(\d\d)")
_COMPACT_DATE = re.compile(rf"^({YEAR})(\d\d)(\d\d)(?:\D|$)")


def read_date(text: str) -> date | None:
    """The first calendar date in ``text`` (2020-01-06 20:04, 2020年1月6日, D:20200106…)."""
    text = normal(text).strip()
    for pattern in (_PDF_DATE, _DATE, _COMPACT_DATE):
        m = pattern.search(text) if pattern is _DATE else pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


# ---- the report's own text -----------------------------------------------------------------------

# 本报告由某局编制 / 某局编制了本报告 / 某局（以下简称“我局”）/ 我局（某局）
_COMPILED_BY = re.compile(rf"本(?:年度)?报告由(?P<name>{NAME})(?:负责)?(?:编制|编写|制作|起草)")
_COMPILES = re.compile(rf"{_BOUNDARY}(?P<name>{NAME})(?:负责)?(?:编制|编写)(?:完成)?了?")
_CALLED_WE = re.compile(
    rf"{_BOUNDARY}(?P<name>{NAME})[(（]\s*(?:以下)?简称[“\"‘']?(?:我|本)(?:局|委|办|厅|院|部|署|府|中心|会)[”\"’']?\s*[)）]")
_WE_NAMED = re.compile(rf"(?:我|本)(?:局|委|办|厅|院|部|署|府|中心|会)[(（](?P<name>{NAME})[)）]")
_SIGNED = re.compile(
    rf"{_BOUNDARY}(?P<name>{NAME})\s*(?P<date>{YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)(?!\s*(?:印发|印|发布|起|至|前|后))")
_VERBS = ("认真|深入|坚持|全面|严格|紧紧|紧密|围绕|按照|根据|依据|以|在|高度|持续|积极|始终|扎实|进一步|不断|大力|"
          "继续|切实|着力|聚焦|贯彻|落实|强化|加强|共|主动|立足|牢固|紧扣|对照|结合")
_SUBJECT = re.compile(
    rf"^\s*(?:{YEAR}\s*年度?\s*(?:以来)?\s*[，,]?\s*)?(?P<name>{NAME})\s*(?:{YEAR}\s*年度?\s*(?:以来)?\s*)?[，,]?\s*(?:{_VERBS})")
_PERIOD = re.compile(
    rf"(?P<year>{YEAR})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?:(?P=year)\s*年\s*)?12\s*月\s*31\s*日")
_YEAR_OF_WORK = re.compile(rf"({YEAR})\s*年度?(?:政府信息公开|政务公开|信息公开)")


@dataclass(frozen=True)
class Named:
    """An agency's name found in the text, the words it was found in, and how it was stated."""

    name: str
    raw: str
    how_en: str
    how_zh: str


def _around(text: str, start: int, end: int) -> str:
    return text[max(0, start - 10): end + 10].strip()


def agencies_in_text(text: str) -> list[Named]:
    """Names the text gives for the agency that makes the report, in the order they are printed."""
    text = normal(text)
    out: list[tuple[int, Named]] = []
    patterns = ((_COMPILED_BY, "本报告由…编制", "本报告由…编制"), (_COMPILES, "…编制了本报告", "…编制"),
                (_CALLED_WE, "…（以下简称我局）", "…（以下简称我局）"), (_WE_NAMED, "我局（…）", "我局（…）"))
    for pattern, how_en, how_zh in patterns:
        for m in pattern.finditer(text):
            name = m.group("name").strip()
            if looks_like_agency(name):
                out.append((m.start(), Named(name, _around(text, m.start(), m.end()), f"'{how_en}'", how_zh)))
                break
    return [named for _, named in sorted(out, key=lambda pair: pair[0])]


def signature(tail: str) -> tuple[Named, date | None] | None:
    """The agency and date a report is signed with at its end (某局 2020年1月13日), if any."""
    text = normal(tail)
    found = None
    for m in _SIGNED.finditer(text):
        name = m.group("name").strip()
        if looks_like_agency(name):
            found = (Named(name, m.group(0).strip(), "the signature at the end", "文末落款"),
                     read_date(m.group("date")))
    return found


def subject_of(overview: str) -> Named | None:
    """The agency a report's 总体情况 starts with as its subject (某局2021年认真贯彻…)."""
    m = _SUBJECT.match(normal(overview))
    if m and looks_like_agency(m.group("name")):
        return Named(m.group("name"), m.group(0).strip(), "the first sentence of the overview", "总体情况首句")
    return None


def statistics_year(text: str) -> tuple[int, str] | None:
    """The year of the statistics period (自2019年1月1日起至2019年12月31日止), with its words."""
    m = _PERIOD.search(normal(text))
    return (int(m.group("year")), _around(m.string, m.start(), m.end())) if m else None


def year_of_work(text: str) -> tuple[int, str] | None:
    """A year named with the work reported on (2019年政府信息公开…), with its words."""
    m = _YEAR_OF_WORK.search(normal(text))
    return (int(m.group(1)), _around(m.string, m.start(), m.end())) if m else None
