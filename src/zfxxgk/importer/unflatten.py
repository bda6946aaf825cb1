"""Text whose table lost its layout: labels and numbers run together on one line, back into blocks.

This is the form most reports take once a web page is saved or copied: the whole page body on one
line, ``一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量0000000…``.
The official labels of every edition (sections, sub-tables, groups, rows, columns and the table
furniture, with their variants, all from the layouts) are located in the stream; what stands
between two labels is either the printed numbers of the row before, nothing (a header), or short
unknown text (a damaged label, which the locator matches fuzzily). A line is split:

- at every section heading (``五、存在的主要问题及改进情况``, matched as the locator matches
  headings), so that the sections' text is kept apart;
- inside a *cluster*: labels that follow each other with nothing but numbers, blanks or short
  unknown text between them. A cluster of three or more labels, or a line that is nothing but
  labels and numbers, is a table; a label met alone inside a sentence ("行政许可类信息4条") is not.

Each row label with numbers after it becomes a row block whose value cell keeps the printed text
exactly (``Block.flat``): the digits may have run together, and ``zfxxgk.importer.flat`` splits
them with the identities. Labels without numbers become header blocks (columns and furniture) or
context blocks (sub-tables and groups). Nothing is assigned here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zfxxgk.importer import flat_labels, similar
from zfxxgk.importer.blocks import Block
from zfxxgk.importer.flat_blocks import Builder
from zfxxgk.importer.flat_blocks import Label as _Label
from zfxxgk.importer.flat_labels import SECTION, Vocabulary, normalised
from zfxxgk.importer.normalise import section_number

MIN_CLUSTER = 3  # labels that make a table of a cluster inside a line of text
MAX_UNKNOWN = 30  # characters of unknown text between two labels of a table (a damaged label)
MAX_CELL_LINE = 80  # a longer line is no cell of a table printed one cell per line
HEADING_MIN = 0.8
# What a cell of a flattened row can print: digits, signs, decimal points, thousands separators,
# blank marks and units of money.
_VALUE_CHARS = re.compile(r"[0-9\s.,，\-−+—–―─/\\×·…无元万]*")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_NUMERALS = "一二三四五六七八九十"
_NUMERAL = re.compile(f"[{_NUMERALS}]+、")
_SPACES = re.compile(r"\s+")
_PARENTHETICAL = re.compile(r"\s*\((?![一二三四五六七八九十]+\))[^()0-9]{1,40}\)")
# A line normalised (``flat_labels.normalised``), its labels cut into clusters, and whether it is
# nothing but labels and numbers (``_scan``).
_Scanned = tuple[str, list[list[_Label]], bool]


def unflatten(blocks: list[Block]) -> list[Block]:
    """The blocks with every line of run-together labels and numbers split into its parts.

    A table printed one cell per line (text extracted from a PDF or a page without its layout)
    is the same stream cut at every cell: consecutive short lines that hold only labels and
    numbers (with short unknown text between them, a label wrapped onto two lines) are read as one
    line whose cells are separated by spaces."""
    out: list[Block] = []
    run: list[Block] = []
    seen: dict[str, _Scanned] = {}  # each short line is looked at as a cell first, then split

    def flush() -> None:
        if len(run) > 1 and any(_is_cell_line(b.cells[0], True, seen) for b in run):
            joined = " ".join(b.cells[0].strip() for b in run)
            pieces = split_line(joined, run[0].where, seen)
            if pieces is not None:
                out.extend(pieces)
                run.clear()
                return
        for b in run:
            pieces = split_line(b.cells[0], b.where, seen)
            out.extend(pieces if pieces is not None else [b])
        run.clear()

    for block in blocks:
        if block.kind == "text" and block.cells and _is_cell_line(block.cells[0], not run, seen):
            run.append(block)
            continue
        flush()
        if block.kind == "text" and block.cells:
            pieces = split_line(block.cells[0], block.where, seen)
            if pieces is not None:
                out.extend(pieces)
                continue
        out.append(block)
    flush()
    return out


def _is_cell_line(line: str, strict: bool, seen: dict[str, _Scanned]) -> bool:
    """A short line that holds one or a few cells of a table: labels and numbers only, or (not
    ``strict``, inside a run of such lines) a short piece of a label wrapped onto its own line."""
    text = line.strip()
    if not text or len(text) > MAX_CELL_LINE:
        return False
    norm, clusters, whole = _scanned(text, seen)
    if _VALUE_CHARS.fullmatch(norm):
        return True
    if any(label[2] == SECTION for cluster in clusters for label in cluster):
        return False  # a section heading opens text, never a cell
    if whole:
        return True
    return not strict and len(text) <= MAX_UNKNOWN and not _SENTENCE_END.search(text)


def split_line(line: str, where: str, seen: dict[str, _Scanned]) -> list[Block] | None:
    """The blocks of one line of text, or None when it holds no run-together table."""
    vocabulary = flat_labels.vocabulary()
    norm, clusters, whole = _scanned(line, seen) if len(line) <= MAX_CELL_LINE else _scan_line(line, vocabulary)
    headings = _headings(norm, vocabulary)
    if not clusters and not headings:
        return None
    tables = [c for c in clusters if len(c) >= MIN_CLUSTER or whole]
    if not tables and not headings:
        return None
    pieces = Builder(line, norm, where)
    cuts = sorted([(h[0], h[1], "heading", None) for h in headings]
                  + [(c[0][0], _cluster_end(norm, c), "table", c) for c in tables],
                  key=lambda x: (x[0], x[2] != "table"))
    at = 0
    for start, end, kind, cluster in cuts:
        if start < at:
            continue  # a heading inside a table cluster: the cluster emits it
        pieces.text(at, start)
        if kind == "heading":
            pieces.heading(start, end)
        else:
            pieces.table(cluster, end)  # type: ignore[arg-type]
        at = end
    pieces.text(at, len(line))
    blocks = pieces.blocks
    if len(blocks) == 1 and blocks[0].kind == "text" and blocks[0].cells[0] == line.strip():
        return None
    return blocks


def _scanned(line: str, seen: dict[str, _Scanned]) -> _Scanned:
    """``_scan_line`` of a short line, found once: it is looked at as a cell of a table
    (``_is_cell_line``), then, when it is none, split (``split_line``)."""
    hit = seen.get(line)
    if hit is None:
        hit = seen[line] = _scan_line(line, flat_labels.vocabulary())
    return hit


def _scan_line(line: str, vocabulary: Vocabulary) -> _Scanned:
    norm = normalised(line)
    clusters, whole = _scan(norm, vocabulary)
    return norm, clusters, whole


# -- headings --------------------------------------------------------------------------------------


def _headings(norm: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """(start, end) of each section heading in the line, in order of the sections."""
    out: list[tuple[int, int]] = []
    last = 0
    for start, body in _numbered(norm):
        number = section_number(norm[start:body])
        if number is None or number <= last:
            continue
        end = _heading_end(norm, body, number, vocabulary)
        if end is not None:
            out.append((start, end))
            last = number
    return out


def _numbered(norm: str) -> Iterator[tuple[int, int]]:
    """The places of what ``_NUMERAL`` finds ("三、"): (start, end). Found from each "、" (a fast
    search for one character) and the numerals before it, rather than by trying the pattern at
    every character of a page."""
    comma = norm.find("、")
    while comma >= 0:
        start = comma
        while start and norm[start - 1] in _NUMERALS:
            start -= 1
        if start < comma:
            yield start, comma + 1
        comma = norm.find("、", comma + 1)


def _heading_end(norm: str, start: int, number: int, vocabulary: Vocabulary) -> int | None:
    """Where the heading of section ``number`` that starts its body at ``start`` ends, if it is one."""
    bodies = vocabulary.bodies.get(number, ())
    window = norm[start:start + 60]
    compact = "".join(window.split())  # what _SPACES.sub("", window) gives, faster
    for body in bodies:
        if compact.startswith(body):  # the heading printed exactly: most headings
            return start + _place(window, len(body))
    best, best_ratio = None, 0.0
    for body in bodies:
        if len(set(compact[:len(body) + 6]) & set(body)) < HEADING_MIN * len(set(body)):
            continue  # too few of the heading's characters to resemble it
        for length in range(max(2, len(body) - 4), min(len(compact), len(body) + 6) + 1):
            bound = similar.ratio_bound(compact[:length], body)
            if bound < HEADING_MIN or bound <= best_ratio:
                continue  # cannot be taken, nor beat the best so far
            ratio = similar.ratio(compact[:length], body)
            if ratio > best_ratio:
                best, best_ratio = length, ratio
    if best is None or best_ratio < HEADING_MIN:
        return None
    return start + _place(window, best)


def _place(text: str, count: int) -> int:
    """The place in ``text`` just after its ``count``-th character that is not whitespace."""
    if count <= len(text) and not _SPACES.search(text, 0, count):
        return count  # no space before it: most headings
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == count:
                return i + 1
    return len(text)


# -- clusters --------------------------------------------------------------------------------------


def _scan(norm: str, vocabulary: Vocabulary) -> tuple[list[list[_Label]], bool]:
    """The labels of the line cut into clusters, and whether the line is nothing but labels and
    numbers (a row or header printed on a line of its own).

    One pass over the pattern's matches does all a line needs of its labels: each label takes the
    parenthetical that follows it (``_parenthetical_end``), the gap to the next label is tested
    once (numbers only; else short unknown text, ``_gap_is_tight``, or a cut between clusters), and
    the answer is kept in the label (``plain``) for ``Builder.table``. A page has ~100 labels."""
    clusters: list[list[_Label]] = []
    current: list[_Label] = []
    kinds, kind_of = vocabulary.kinds, vocabulary.kind
    numbers_only = _VALUE_CHARS.fullmatch  # most gaps
    paren = norm.find("(")  # the next "(" of the line: a page has a few, and ~100 labels
    whole = True
    start = end = -1
    kind = ""
    for m in vocabulary.pattern.finditer(norm):
        following, next_end = m.span()
        if start < 0:
            whole = numbers_only(norm, 0, following) is not None
        else:
            if 0 <= paren < following:  # else no parenthetical can end before the next label: most labels
                end, paren = _parenthetical_end(norm, end, following, paren)
            if numbers_only(norm, end, following):
                current.append((start, end, kind, True))
            else:
                whole = False
                current.append((start, end, kind, False))
                if not _gap_is_tight(norm, end, following):
                    clusters.append(current)
                    current = []
        text = m.group()
        start, end, kind = following, next_end, kinds.get(text) or kind_of(text)
    if start < 0:
        return clusters, False
    if 0 <= paren:
        end, paren = _parenthetical_end(norm, end, len(norm), paren)
    current.append((start, end, kind, False))
    clusters.append(current)
    return clusters, whole and numbers_only(norm, end) is not None


def _parenthetical_end(norm: str, end: int, following: int, paren: int) -> tuple[int, int]:
    """Where a label that ends at ``end`` ends once it takes a parenthetical of its own ("本年收费金额"
    + "(单位:元)") that ends before ``following``, and the next "(" at or after ``end``
    (``paren`` is the next one after the label before, or -1 when there is none)."""
    if paren < end:
        paren = norm.find("(", end)
    if 0 <= paren < following:
        m = _PARENTHETICAL.match(norm, end)
        if m and m.end() <= following:
            return m.end(), paren
    return end, paren


def _gap_is_tight(norm: str, start: int, end: int) -> bool:
    """Between two labels of one table: nothing, numbers, or short unknown text (a damaged label)."""
    if _VALUE_CHARS.fullmatch(norm, start, end):
        return True
    if _SENTENCE_END.search(norm, start, end):
        return False
    rest = _VALUE_CHARS.sub(" ", norm[start:end]).split()
    return len(rest) <= 2 and all(len(part) <= MAX_UNKNOWN for part in rest)


def _cluster_end(norm: str, cluster: list[_Label]) -> int:
    """Where a cluster ends: after the numbers that follow its last label."""
    end = cluster[-1][1]
    m = _VALUE_CHARS.match(norm, end)
    stop = m.end() if m else end
    # A number written onto the text after it ("0 2021年，…") belongs to that text.
    tail = re.search(r"[0-9.,，]+$", norm[end:stop])
    if tail and stop < len(norm) and not norm[stop].isspace() and not _NUMERAL.match(norm, stop):
        stop = end + tail.start()
    while stop > end and norm[stop - 1].isspace():
        stop -= 1
    return stop
