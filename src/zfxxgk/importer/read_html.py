"""Read an HTML page into blocks: its paragraphs and headings as text, its tables as rows.

Tables are laid out on their grid: a cell spanning several columns prints its text in its first
column and leaves the others empty, and a cell spanning several rows leaves its column empty in the
rows below, so every row of a table has one cell per grid column. That is how the text export of a
page looks when nothing drifted, and it lets the value columns be found by position.

A table whose cells hold tables is a layout frame (a whole report placed in a table): its cells
are read as containers of their own. Scripts, styles and other things a browser does not print are
skipped; ``&nbsp;`` is a space.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from zfxxgk.errors import InputError
from zfxxgk.importer.blocks import Block, Property
from zfxxgk.limits import LimitError, current

_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre", "center", "form",
    "fieldset", "address", "figure", "figcaption", "caption", "hr", "body", "html", "tr", "td", "th",
    "tbody", "thead", "tfoot",
})
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "iframe", "object", "svg",
                        "button", "select", "option", "textarea", "map"})
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
MAX_SPAN = 1000  # a span beyond this is a broken attribute, not a table

INSTALL_HINT_EN = "reading HTML needs lxml: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "读取 HTML 需要 lxml：pip install 'zfxxgk[documents]'"


# <meta name=…> and <meta property=…> that say what the page is, as Property names. Chinese government
# sites follow the 政府网站发展指引 tags (ArticleTitle, PubDate, ContentSource, Url); others use
# Dublin Core or Open Graph.
_META = {
    "articletitle": "title", "dc.title": "title", "og:title": "title",
    "pubdate": "published", "publishdate": "published", "firstpublishedtime": "published",
    "article:published_time": "published", "dc.date": "published", "dcterms.issued": "published",
    "contentsource": "author", "author": "author", "dc.creator": "author", "dc.publisher": "author",
    "url": "url", "og:url": "url",
}


def read_html(text: str, source: str, properties: list[Property] | None = None) -> list[Block]:
    """The paragraphs and table rows of a page; its ``<title>`` is the first text block.

    When ``properties`` is given, the ``<title>``, the ``<meta>`` tags of ``_META`` and the
    canonical address go there instead: a browser does not print them in the page.
    """
    try:
        from lxml import etree
    except ImportError:
        raise InputError(source, INSTALL_HINT_EN, INSTALL_HINT_ZH) from None
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        raise InputError(source, "empty HTML page", "HTML 页面为空")
    try:
        # Plain lxml elements (not lxml.html's): the same parser, without a Python class per element.
        root = etree.fromstring(text, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise InputError(source, f"not a readable HTML page ({error})", f"无法读取的 HTML 页面（{error}）") from None
    depth = _depth(root, _parser(), source)
    if root is None:
        raise InputError(source, "not a readable HTML page (no elements)", "无法读取的 HTML 页面（没有任何元素）")
    reader = _Reader()
    title = root.find(".//title")
    if properties is not None:
        properties.extend(_properties(root))
    elif title is not None and "".join(title.itertext()).strip():
        reader.blocks.append(Block("text", (_clean("".join(title.itertext())),), f"line {title.sourceline}"))
    body = root.find("body")
    # The walk recurses once per level: let it go as deep as the depth limit allows.
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, depth + 500))
    try:
        reader.walk(body if body is not None else root)
    finally:
        sys.setrecursionlimit(before)
    reader.flush()
    return reader.blocks


def _properties(root: Any) -> list[Property]:
    out = []
    title = root.find(".//title")
    if title is not None and _clean("".join(title.itertext())):
        out.append(Property("title", _clean("".join(title.itertext())), f"HTML <title> (line {title.sourceline})"))
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip()
        name = _META.get(key.lower())
        content = _clean(meta.get("content") or "")
        if name and content:
            out.append(Property(name, content, f"HTML <meta name=\"{key}\"> (line {meta.sourceline})"))
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and (link.get("href") or "").strip():
            out.append(Property("url", link.get("href").strip(), f"HTML <link rel=\"canonical\"> (line {link.sourceline})"))
    return out


def _depth(root: Any, parser: Any, source: str) -> int:
    """How deep the elements nest; ``LimitError`` beyond the HTML depth limit (libxml2 itself stops
    at 2,048 levels even with huge_tree, and says so only in its error log)."""
    from lxml import etree

    limit = current().html_depth
    if any("Excessive depth" in e.message for e in parser.error_log):
        raise LimitError(source, "html_depth", "elements nested more than 2,048 levels deep (the most the HTML parser reads)",
                         "元素嵌套超过 2,048 层（HTML 解析器的上限）")
    if root is None:
        return 0
    depth = deepest = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                raise LimitError(source, "html_depth", f"elements nested more than {limit:,} levels deep",
                                 f"元素嵌套超过 {limit:,} 层", where=f"line {element.sourceline}")
    return deepest


_PARSERS: list[Any] = []


def _parser() -> Any:
    from lxml import etree

    if not _PARSERS:
        # huge_tree: without it libxml2 drops everything below 256 levels (a report wrapped in 300
        # <div> lost its tables); the depth limit is kept by _depth instead.
        _PARSERS.append(etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True))
    return _PARSERS[0]


def _clean(text: str) -> str:
    if text.isprintable():  # no tab, newline, nbsp, ideographic or zero-width space: the common case
        return " ".join(text.split()) if "  " in text else text.strip()
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(MAX_SPAN, int(value.strip() or "1")))
    except ValueError:
        return 1


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line: int | None = None
        self.tables = 0

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = line
            self.buffer.append(text)

    def flush(self) -> None:
        text = _clean("".join(self.buffer))
        if text:
            self.blocks.append(Block("text", (text,), f"line {self.line}" if self.line else "html"))
        self.buffer = []
        self.line = None

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None or tag in _SKIP_TAGS:
            return
        tag = tag.lower()
        if tag == "table":
            self.flush()
            self.read_table(element)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self.add(element.text, element.sourceline)
        for child in element:
            self.walk(child)
            self.add(child.tail, element.sourceline)
        if block:
            self.flush()

    def read_table(self, table: Any) -> None:
        self.tables += 1
        number = self.tables
        rows = list(_rows(table))
        if next(table.iterdescendants("table"), None) is not None:
            for tr in rows:  # a layout frame: each cell is a container of paragraphs and tables
                for cell in _cells(tr):
                    self.walk(cell)
                    self.flush()
            return
        below: dict[int, int] = {}  # grid column -> rows still covered by a cell from above
        for index, tr in enumerate(rows, start=1):
            out: list[str] = []
            column = 0
            for cell in tr.iterchildren("td", "th"):
                while below and below.get(column):
                    below[column] -= 1
                    out.append("")
                    column += 1
                span = cell.get("colspan")
                colspan = _span(span) if span else 1
                if len(cell):
                    out.append(_cell_text(cell))
                else:  # no markup inside: the common case, read directly
                    text = cell.text
                    out.append(_clean(text) if text else "")
                if colspan > 1:
                    out.extend([""] * (colspan - 1))
                span = cell.get("rowspan")
                rowspan = _span(span) if span else 1
                if rowspan > 1:
                    for k in range(column, column + colspan):
                        below[k] = rowspan - 1
                column += colspan
            if below:  # columns on the right still covered from above
                last = max((k for k, n in below.items() if n), default=-1)
                while column <= last:
                    if below.get(column):
                        below[column] -= 1
                    out.append("")
                    column += 1
            if any(out):
                self.blocks.append(Block("row", tuple(out), f"table {number} row {index} (line {tr.sourceline})"))


def _rows(table: Any) -> list[Any]:
    """The rows of this table, not of tables nested in it."""
    out = []
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            out.append(child)
        else:
            out.extend(child.iterchildren("tr"))
    return out


def _cells(tr: Any) -> list[Any]:
    return list(tr.iterchildren("td", "th"))


def _cell_text(cell: Any) -> str:
    if not len(cell):  # no markup inside: the common case, read directly
        text = cell.text
        return _clean(text) if text else ""
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for skipped in [e for e in cell.iter() if isinstance(e.tag, str) and e.tag.lower() in _SKIP_TAGS]:
        skipped.getparent().remove(skipped)  # (its tail goes with it: text after a script is rare)
    lines = (_clean(line) for line in "".join(cell.itertext()).split("\n"))
    return "\n".join(line for line in lines if line)
