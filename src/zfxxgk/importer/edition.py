"""Tell which edition of the format a document follows, from the labels printed in its tables.

Each edition with a layout (``zfxxgk.layout.EDITIONS``) is told apart by the labels only it has
(the columns of table 2 and the rows of （六）其他处理 changed between editions), read from the
layouts, never listed here. The edition whose distinctive labels the tables print most is taken.

- Labels of another edition printed as well (a 2019 table 2 with a 2021 table 3): the evidence is
  mixed, and the log says so, naming the labels of each edition and where the minority ones are.
- Too few distinctive labels to tell (a report cut short): the report year in the title decides
  (editions are named by the first report year they apply to), else the newest edition is taken;
  logged as inferred.
- An edition that has a layout but that the importer does not read: ``UnsupportedEdition``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.normalise import label_key, read_token
from zfxxgk.importer.result import LogEntry, UnsupportedEdition
from zfxxgk.layout import EDITIONS, Cell, Node, layout

# Editions whose reports the importer reads. Adding one is a matter of testing it: the reading is
# driven by the edition's layout and identities.
SUPPORTED: tuple[str, ...] = ("2021", "2019")
MIN_EVIDENCE = 2
SHOWN = 4  # labels named in a message
_PATH = re.compile(r"\s+/\s+")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?.{0,30}?(?:信息公开|政务公开).{0,20}?(?:报告|年报)")


@dataclass(frozen=True)
class Label:
    """A label of an edition's tables: as the layout prints it, and the table it belongs to."""

    text: str
    table: str  # the table's title


@dataclass(frozen=True)
class Detection:
    edition: str
    log: tuple[LogEntry, ...] = ()


@cache
def signatures() -> dict[str, dict[str, Label]]:
    """For each edition, its distinctive label keys (key -> the label), in layout order."""
    keys = {e: _labels(e) for e in EDITIONS}
    out: dict[str, dict[str, Label]] = {}
    for edition in EDITIONS:
        others = set().union(*(set(k) for e, k in keys.items() if e != edition))
        out[edition] = {k: v for k, v in keys[edition].items() if k not in others}
    return out


def _labels(edition: str) -> dict[str, Label]:
    """Every label of the edition's tables (sub-tables, groups, rows, columns, their variants)."""
    out: dict[str, Label] = {}

    def walk(node: Node | Cell, table: str) -> None:
        if isinstance(node, Cell):
            texts = (node.title_path[-1], *node.aliases)
        else:
            texts = (node.title, *node.aliases)
        for text in texts:
            out.setdefault(label_key(text), Label(text, table))
        if isinstance(node, Node):
            for child in node.children:
                walk(child, table)

    for table in layout(edition).tables:
        for child in table.children:
            walk(child, table.title)
    return out


@lru_cache(maxsize=16384)
def _keys(cell: str) -> tuple[tuple[str, str], ...]:
    """The label keys printed in a cell (a Markdown cell may join several with " / ")."""
    if not cell or read_token(cell).kind != "text":
        return ()
    return tuple((label_key(part), part) for part in _PATH.split(cell))


def detect_edition(blocks: list[Block], source: str) -> str:
    """The edition the document follows (see ``detect``)."""
    return detect(blocks, source).edition


def detect(blocks: list[Block], source: str) -> Detection:
    """The edition whose distinctive labels the document's tables print most, and what to log.

    Raises ``UnsupportedEdition`` when that is an edition the importer does not read yet.
    """
    sigs = signatures()
    first: dict[str, str] = {}  # label key -> where it is first printed
    for block in blocks:
        if block.kind != "row":
            continue
        for cell in block.cells:
            if cell.isascii():  # labels are Chinese; numbers are not
                continue
            for key, _ in _keys(cell):
                first.setdefault(key, block.where)
    hits = {e: [k for k in sig if k in first] for e, sig in sigs.items()}
    year = _year(blocks)
    by_year = for_year(year, SUPPORTED) if year is not None else None
    ranked = sorted(EDITIONS, key=lambda e: (-len(hits[e]), e != by_year, e not in SUPPORTED, EDITIONS.index(e)))
    best = ranked[0]
    if len(hits[best]) < MIN_EVIDENCE:
        chosen = by_year or SUPPORTED[0]
        shown = "、".join(sigs[e][k].text for e in EDITIONS for k in hits[e]) or "—"
        how_en = f"from the report year {year}" if by_year else "as the newest edition read"
        how_zh = f"根据标题中的年度 {year}" if by_year else "按可读取的最新版本"
        return Detection(chosen, (LogEntry(
            "inferred", "/edition", shown, None,
            f"the tables print too few labels that tell the editions apart ({shown}); the {chosen} edition "
            f"is taken {how_en}",
            f"表格中能区分版本的栏目过少（{shown}）；{how_zh}，按 {chosen} 年版读取", value=chosen),))
    if best not in SUPPORTED:
        evidence = [sigs[best][k].text for k in hits[best]]
        raise UnsupportedEdition(source, best, evidence, first[hits[best][0]], SUPPORTED)
    log = []
    for other in ranked[1:]:
        if hits[other]:
            log.append(_mixed(best, other, hits, first))
    return Detection(best, tuple(log))


def _mixed(best: str, other: str, hits: dict[str, list[str]], first: dict[str, str]) -> LogEntry:
    """The log entry for a document whose tables print labels of two editions."""
    sigs = signatures()
    mine = [sigs[best][k].text for k in hits[best]]
    theirs = [sigs[other][k] for k in hits[other]]
    tables = "、".join(dict.fromkeys(label.table for label in theirs))
    shown_mine = "、".join(mine[:SHOWN]) + ("…" if len(mine) > SHOWN else "")
    shown_theirs = "、".join(label.text for label in theirs[:SHOWN]) + ("…" if len(theirs) > SHOWN else "")
    where = first[hits[other][0]]
    return LogEntry(
        "warning", "/edition", shown_theirs, where,
        f"the tables print labels of two editions: {len(mine)} of the {best} edition ({shown_mine}) and "
        f"{len(theirs)} of the {other} edition ({shown_theirs}; in {tables}, from {where}). The report is read "
        f"as the {best} edition, which most of them follow: an {other} label of a row that the {best} edition "
        f"has too is read as a variant; a row that only the {other} edition has is not read (it is logged "
        f"with its numbers)",
        f"表格中同时出现两个版本的栏目：{best} 年版 {len(mine)} 个（{shown_mine}），{other} 年版 {len(theirs)} 个"
        f"（{shown_theirs}；位于{tables}，自{where}起）。按多数栏目所属的 {best} 年版读取：{best} 年版也有的行，"
        f"其 {other} 年版名称视为另一种写法；只有 {other} 年版才有的行不读入（连同其数字记入日志）",
        value={best: mine, other: [label.text for label in theirs]}, code="P503")


def for_year(year: int, editions: tuple[str, ...] = EDITIONS) -> str | None:
    """The edition that reports for ``year`` follow: the latest one named by a year not after it."""
    fitting = [e for e in editions if e.isdigit() and int(e) <= year]
    return max(fitting, key=int) if fitting else None


def _year(blocks: list[Block]) -> int | None:
    """The report year named in the document's first lines (its title), if any."""
    for block in blocks[:20]:
        m = _YEAR.search("".join(block.cells))
        if m:
            return int(m.group(1))
    return None
