"""Tell which edition of the format a document follows, from the labels printed in its tables.

Each edition with a layout (``zfxxgk.layout.EDITIONS``) is told apart by the labels only it has
(the columns of table 2 changed between editions), read from the layouts, never listed here. A
report in an edition that the importer does not read yet gets a clear ``UnsupportedEdition``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.labels import index
from zfxxgk.importer.normalise import label_key, read_token
from zfxxgk.importer.result import UnsupportedEdition
from zfxxgk.layout import EDITIONS, layout

# Editions whose reports the importer reads. Adding one is a matter of testing it: the reading is
# driven by the edition's layout and identities.
SUPPORTED: tuple[str, ...] = ("2021",)
MIN_EVIDENCE = 2
_PATH = re.compile(r"\s+/\s+")


@cache
def _signatures() -> dict[str, dict[str, str]]:
    """For each edition, its distinctive label keys (key -> the label as the layout prints it)."""
    keys = {e: _labels(e) for e in EDITIONS}
    out: dict[str, dict[str, str]] = {}
    for edition in EDITIONS:
        others = set().union(*(set(k) for e, k in keys.items() if e != edition))
        out[edition] = {k: v for k, v in keys[edition].items() if k not in others}
    return out


def _labels(edition: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for table in layout(edition).tables:
        for row in table.rows():
            out.setdefault(label_key(row.title), row.title)
            for cell in row.cells():
                out.setdefault(label_key(cell.title_path[-1]), cell.title_path[-1])
    out.update({k: k for k in index(edition).keys if k not in out})
    return out


@lru_cache(maxsize=16384)
def _keys(cell: str) -> tuple[tuple[str, str], ...]:
    """The label keys printed in a cell (a Markdown cell may join several with " / ")."""
    if not cell or read_token(cell).kind != "text":
        return ()
    return tuple((label_key(part), part) for part in _PATH.split(cell))


def detect_edition(blocks: list[Block], source: str) -> str:
    """The edition whose distinctive labels the document's tables print most.

    Raises ``UnsupportedEdition`` when that is an edition the importer does not read yet.
    """
    signatures = _signatures()
    cells = set().union(*(block.cells for block in blocks if block.kind == "row"))
    cells = {cell for cell in cells if not cell.isascii()}  # labels are Chinese; numbers are not
    printed = {key for cell in cells for key, _ in _keys(cell)}
    hits = {e: [k for k in sig if k in printed] for e, sig in signatures.items()}
    best = max(EDITIONS, key=lambda e: (len(hits[e]), e in SUPPORTED))
    if best in SUPPORTED or len(hits[best]) < MIN_EVIDENCE:
        return best if best in SUPPORTED else SUPPORTED[0]
    evidence = [signatures[best][k] for k in hits[best]]
    where = next((b.where for b in blocks if b.kind == "row" and any(k == hits[best][0] for c in b.cells
                                                                       for k, _ in _keys(c))), None)
    raise UnsupportedEdition(source, best, evidence, where, SUPPORTED)
