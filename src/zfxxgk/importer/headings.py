"""Which line opens which section: the official headings (possibly damaged, numbered 一、… or
not) and the report's title, recognised by their text alone."""

from __future__ import annotations

import re
from functools import lru_cache

from zfxxgk.importer import similar
from zfxxgk.importer.labels import index
from zfxxgk.importer.normalise import label_key, section_number

HEADING_MIN = 0.8
_TITLE = re.compile(r"(19|20)\d\d\s*年.*(报告|年报)")


@lru_cache(maxsize=16384)
def section_of(edition: str, text: str) -> int | None:
    """The index of the section whose heading ``text`` is, or None."""
    key = label_key(text)
    number = section_number(key)
    if number is None and key[:1] in "(0123456789":
        return None  # "（二）…" and "2." open inner headings, not sections
    body = key.split("、", 1)[1] if number is not None else key
    if not body or len(body) > 40:
        return None
    best, best_ratio = None, 0.0
    printed = similar.chars(body)
    for i, section in enumerate(index(edition).sections):
        for known in section.bodies:
            if body == known:
                ratio = 1.0
            elif number is not None and number != section.number:
                continue  # a differently numbered line must name the section exactly
            elif abs(len(body) - len(known)) > 6 or _cannot_beat(printed, known, best_ratio):
                continue
            else:
                ratio = similar.ratio(body, known)
            if ratio > best_ratio:
                best, best_ratio = i, ratio
    return best if best_ratio >= HEADING_MIN else None


def _cannot_beat(printed: similar.Chars, known: str, best_ratio: float) -> bool:
    """The ratio of the printed body to ``known`` can neither reach HEADING_MIN nor beat
    ``best_ratio`` (the cheaper bound first)."""
    bound = printed.bound(similar.official_chars(known))
    if bound < HEADING_MIN or bound <= best_ratio:
        return True
    bound = similar.ratio_bound(printed.text, known)
    return bound < HEADING_MIN or bound <= best_ratio


def is_exact_heading(edition: str, text: str, found: int) -> bool:
    """Whether ``text`` names section ``found`` exactly (as against merely resembling its title)."""
    key = label_key(text)
    body = key.split("、", 1)[1] if section_number(key) is not None else key
    return body in index(edition).sections[found].bodies


def looks_like_title(text: str) -> bool:
    return bool(_TITLE.search(text)) and len(text) < 80
