"""The report as a printed document: a title, then the six sections in official order.

Writers (HTML, Markdown, text, Word) only turn this into their format; what is printed and in what
order is decided here, once, from the layout of the report's edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zfxxgk.layout import Layout, layout
from zfxxgk.render.grid import Grid, build_grid
from zfxxgk.render.values import RenderError

_NUMERALS = "一二三四五六七八九"
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")


@dataclass(frozen=True)
class Section:
    """A section: its official heading and either paragraphs of free text or a table."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    table: Grid | None = None


@dataclass(frozen=True)
class Document:
    title: str
    sections: tuple[Section, ...]


def report_layout(report: dict[str, Any]) -> Layout:
    """The layout of the edition the report declares (``edition``), so each edition prints its own."""
    edition = report.get("edition")
    if not isinstance(edition, str):
        raise RenderError("the report has no edition (\"edition\": \"2021\")")
    try:
        return layout(edition)
    except KeyError as exc:
        raise RenderError(str(exc.args[0])) from None


def report_title(report: dict[str, Any]) -> str:
    """The title line every report carries: <机关名称><年度>年政府信息公开工作年度报告."""
    return f"{report.get('agency_name', '')}{report.get('report_year', '')}年政府信息公开工作年度报告"


def section_number(title: str) -> int | None:
    """1 for "一、总体情况", 10 for "十、…"; None for a title that is not a numbered section."""
    m = _SECTION.match(title)
    if not m:
        return None
    tens, _, units = m.group(1).rpartition("十")
    if "十" not in m.group(1):
        return _NUMERALS.index(units) + 1 if len(units) == 1 else None
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(units) + 1 if units else 0)


def paragraphs(text: str | None) -> tuple[str, ...]:
    """The lines of a free-text section; the standard keeps one paragraph (or inner heading) a line."""
    if not text:
        return ()
    return tuple(line.strip() for line in text.split("\n") if line.strip())


def build_document(report: dict[str, Any], lay: Layout | None = None) -> Document:
    """The printed document of ``report``, laid out by ``lay`` (default: the report's edition).

    Free-text sections are the layout's fields whose official title is numbered (一、总体情况 …);
    tables carry numbered titles too (二、主动公开政府信息情况 …). Sorting both by that number gives
    the official order without a list of sections here.
    """
    lay = lay or report_layout(report)
    numbered: list[tuple[int, int, Section]] = []
    for i, field in enumerate(lay.fields):
        number = section_number(field.title)
        if number is not None:
            text = report.get(field.name)
            if text is not None and not isinstance(text, str):
                raise RenderError(f"{field.pointer}: free text must be a string, not {type(text).__name__}")
            numbered.append((number, i, Section(field.title, paragraphs=paragraphs(text))))
    for i, table in enumerate(lay.tables):
        number = section_number(table.title)
        # An unnumbered table (none so far) goes after the numbered sections, in layout order.
        key = number if number is not None else 1000
        numbered.append((key, len(lay.fields) + i, Section(table.title, table=build_grid(table, report))))
    numbered.sort(key=lambda item: (item[0], item[1]))
    return Document(report_title(report), tuple(section for _, _, section in numbered))
