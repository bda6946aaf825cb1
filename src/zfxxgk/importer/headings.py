"""Which line opens which section: the official headings (possibly damaged, numbered 一、… or
not) and the report's title, recognised by their text alone."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from zfxxgk.importer import similar
from zfxxgk.importer.labels import index
from zfxxgk.importer.normalise import label_key, section_number

HEADING_MIN = 0.8
BODY_MAX = 40  # characters of a heading's key without its numeral
_KEY_MAX = BODY_MAX + len("二十九、")  # ...and with the longest numeral
_SCANNED = 4 * _KEY_MAX  # characters of a text looked at to tell it is longer than a heading
# More than _KEY_MAX Chinese characters, each after any other characters (taken possessively: on
# a text with fewer, the match fails without trying the ways of splitting it).
_MANY_HAN = re.compile("(?:[^\u4e00-\u9fff]*+[\u4e00-\u9fff]){%d}" % (_KEY_MAX + 1))
_TITLE = re.compile(r"(19|20)\d\d\s*年.*(报告|年报)")


class Heading(NamedTuple):
    """The section a line opens, and whether it names it exactly (rather than merely resembles its title)."""

    index: int
    exact: bool


@lru_cache(maxsize=16384)
def heading_of(edition: str, text: str) -> Heading | None:
    """The section whose heading ``text`` is, or None."""
    if len(text) > _KEY_MAX and _too_long(text):
        return None  # a paragraph of text: not made a key, which costs much more on a long text
    key = label_key(text)
    number = section_number(key)
    if number is None and key[:1] in "(0123456789":
        return None  # "（二）…" and "2." open inner headings, not sections
    body = key.split("、", 1)[1] if number is not None else key
    if not body or len(body) > BODY_MAX:
        return None
    headings = _headings(edition)
    exact = headings.exact.get(body)
    if exact is not None:
        return Heading(exact, True)  # named exactly (whatever its numeral says): the first section of that name
    alike = headings.by_size.get(len(body))
    if alike is None:
        return None  # no heading has a length it may resemble (a header line "标题: …")
    printed = similar.chars(body)
    if not alike.may_resemble(printed):
        return None
    best, best_ratio = None, 0.0
    for i, section_number_, known, known_chars in alike.entries:
        if number is not None and number != section_number_:
            continue  # a differently numbered line must name the section exactly
        if _cannot_beat(printed, known_chars, best_ratio):
            continue
        ratio = similar.ratio(body, known)
        if ratio > best_ratio:
            best, best_ratio = i, ratio
    # Not named exactly: a body that is a heading's was found above.
    return Heading(best, False) if best is not None and best_ratio >= HEADING_MIN else None


def _too_long(text: str) -> bool:
    """More than ``_KEY_MAX`` Chinese characters among the first ones of ``text``: its key is longer
    than that of any heading (each such character stays as it is in NFKC and in a label key).
    Found by a pattern, in C: a line of a saved page ("本地目录: zwgk/…") has few of them, and
    counting them one by one in Python cost more than the rest of the test."""
    return _MANY_HAN.match(text, 0, _SCANNED) is not None


class _Alike(NamedTuple):
    """The headings a printed body of one length may resemble (their length is close enough for a
    ratio of HEADING_MIN), in order: (section index, number, body, its characters); and what
    ``may_resemble`` tells them apart with."""

    entries: tuple[tuple[int, int, str, similar.Chars], ...]
    chars: frozenset[str]  # every character of their bodies
    shortest: int
    repeats: int  # the most characters one of them repeats

    def may_resemble(self, printed: similar.Chars) -> bool:
        """Whether any of the bodies can resemble ``printed`` enough: ``Chars.bound`` of all at once
        (the characters shared with any body and the most repeats of any, over the shortest body),
        so that a line like no heading is not compared with each."""
        common = len(printed.distinct & self.chars) + min(printed.repeats, self.repeats)
        return 2.0 * common / (len(printed.text) + self.shortest) >= HEADING_MIN


class _Headings(NamedTuple):
    exact: dict[str, int]  # each body -> the index of the first section that has it
    by_size: dict[int, _Alike]  # for each length of a printed body with any, the headings it may resemble


@cache
def _headings(edition: str) -> _Headings:
    """The headings of the edition's sections, in order."""
    entries = [(i, section.number, known, similar.chars(known))
               for i, section in enumerate(index(edition).sections) for known in section.bodies]
    exact: dict[str, int] = {}
    for i, _, known, _ in entries:
        exact.setdefault(known, i)
    by_size = {}
    for size in range(1, BODY_MAX + 1):
        alike = tuple(entry for entry in entries if _may_fit(size, len(entry[2])))
        if alike:
            by_size[size] = _Alike(alike, frozenset("".join(known for _, _, known, _ in alike)),
                                   min(len(known) for _, _, known, _ in alike),
                                   max(chars.repeats for _, _, _, chars in alike))
    return _Headings(exact, by_size)


def _may_fit(size: int, known: int) -> bool:
    """A body of ``size`` characters may resemble one of ``known`` characters: they differ by at most
    six, and the ratio's bound by their lengths alone reaches HEADING_MIN."""
    return abs(size - known) <= 6 and 2.0 * min(size, known) / (size + known) >= HEADING_MIN


def _cannot_beat(printed: similar.Chars, known: similar.Chars, best_ratio: float) -> bool:
    """The ratio of the printed body to ``known`` can neither reach HEADING_MIN nor beat
    ``best_ratio`` (the cheaper bound first)."""
    bound = printed.bound(known)
    if bound < HEADING_MIN or bound <= best_ratio:
        return True
    bound = similar.ratio_bound(printed.text, known.text)
    return bound < HEADING_MIN or bound <= best_ratio


def looks_like_title(text: str) -> bool:
    return bool(_TITLE.search(text)) and len(text) < 80
