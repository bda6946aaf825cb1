"""Helpers for the renderer tests: a report with a distinct value in every cell, and readers that turn
each output format back into a grid of texts, independently of the renderer's own grid module.

Expected structure comes from the official format (docs/format/2021.md), written out here on
purpose: the tests check the renderer against the spec, not against the layout it reads.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

from zfxxgk import pointers
from zfxxgk.layout import Cell, layout

SECTION_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
TABLE_HEADINGS = {"table2": SECTION_HEADINGS[1], "table3": SECTION_HEADINGS[2], "table4": SECTION_HEADINGS[3]}
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = "申请人情况"
FEE = "24252.311082"

# Table 2 of each edition: (sub-table title, number of items, number of columns after 信息内容).
SUBTABLES = {
    "2021": (("第二十条第（一）项", 2, 3), ("第二十条第（五）项", 1, 1), ("第二十条第（六）项", 2, 1),
             ("第二十条第（八）项", 1, 1)),
    "2019": (("第二十条第（一）项", 2, 3), ("第二十条第（五）项", 2, 3), ("第二十条第（六）项", 2, 3),
             ("第二十条第（八）项", 1, 2), ("第二十条第（九）项", 1, 2)),
}
TABLE3_ROWS = {"2021": 25, "2019": 23}  # 2019 has （六）其他处理 as a single row


def shapes(edition: str) -> dict[str, tuple[int, int]]:
    """(rows, columns) of each table as printed in the official form of the edition."""
    subtables = SUBTABLES[edition]
    return {
        "table2": (sum(2 + items for _, items, _ in subtables), 1 + max(cols for _, _, cols in subtables)),
        "table3": (3 + TABLE3_ROWS[edition], 3 + 7),
        "table4": (3 + 1, 15),
    }


SHAPES = shapes("2021")


def distinct_report(edition: str = "2021") -> dict[str, Any]:
    """A report where every count differs, so a value in the wrong cell cannot go unnoticed."""
    lay = layout(edition)
    doc = lay.blank_document(
        agency_name="测试<市>&局", report_year=int(edition), publication_date=None, source_url=None,
        agency_uscc=None, agency_division_code=None,
        overview="第一段 a<b & c|d\n\n# 不是标题\n  第三段\t带制表符  ",
        problems_and_improvements="一是……\n二是……", other_matters="无",
    )
    for i, cell in enumerate(lay.cells):
        pointers.assign(doc, cell.pointer, FEE if cell.is_amount else 1000 + i)
        if cell.unit_pointer:
            pointers.assign(doc, cell.unit_pointer, "元")
    # Blank cells (null) print as empty cells.
    for name in ("natural_person", "other"):
        pointers.assign(doc, f"/table3/results/granted/{name}", None)
    pointers.assign(doc, "/table4/reconsideration/pending", None)
    return doc


def expected_text(report: dict[str, Any], cell: Cell) -> str:
    """What the cell should print: digits, the amount as stored (with its unit if it has one), or nothing."""
    value = pointers.resolve(report, cell.pointer)
    if value is None:
        return ""
    unit = pointers.resolve(report, cell.unit_pointer) if cell.unit_pointer else None
    return str(value) + (unit or "")


def printed(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass
class Anchor:
    row: int
    col: int
    text: str
    rowspan: int
    colspan: int


@dataclass
class ReadTable:
    """A table read back from an output: its anchored cells and every position's text."""

    anchors: list[Anchor]
    texts: list[list[str]]  # every position holds the text of the cell covering it

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.texts), len(self.texts[0])

    def spans(self) -> set[tuple[int, int, str, int, int]]:
        return {(a.row, a.col, a.text, a.rowspan, a.colspan) for a in self.anchors}

    def anchor(self, row: int, col: int) -> Anchor:
        return next(a for a in self.anchors if a.row == row and a.col == col)


def _place(rows: list[list[tuple[str, int, int]]]) -> ReadTable:
    """Lay out rows of (text, rowspan, colspan) the way an HTML table does, expanding the spans."""
    taken: dict[tuple[int, int], Anchor] = {}
    anchors = []
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            anchor = Anchor(r, c, text, rowspan, colspan)
            anchors.append(anchor)
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    assert (rr, cc) not in taken, f"overlapping cells at {(rr, cc)}"
                    taken[(rr, cc)] = anchor
            c += colspan
    n_rows = max(r for r, _ in taken) + 1
    n_cols = max(c for _, c in taken) + 1
    assert len(taken) == n_rows * n_cols, "the cells do not fill a rectangle"
    texts = [[taken[(r, c)].text for c in range(n_cols)] for r in range(n_rows)]
    return ReadTable(anchors, texts)


def read_html_tables(page: str) -> dict[str, ReadTable]:
    """Every <table> of the page, keyed by the <h2> heading before it."""
    tree = lxml_html.fromstring(page.encode("utf-8"))
    out = {}
    for table in tree.iter("table"):
        heading = table.xpath("preceding::h2[1]")[0].text_content()
        rows = [[(td.text_content(), int(td.get("rowspan", 1)), int(td.get("colspan", 1)))
                 for td in tr if td.tag in ("td", "th")] for tr in table.iter("tr")]
        out[heading] = _place(rows)
    return out


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_tables(data: bytes) -> tuple[Any, list[ReadTable]]:
    """The Word document and its tables, merged cells read from the XML (gridSpan and vMerge)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    tables = []
    for table in document.tables:
        rows: list[list[tuple[str, int, int]]] = []
        origins: dict[tuple[int, int], list[Any]] = {}  # grid position -> [text, rowspan, colspan]
        for r, tr in enumerate(table._tbl.tr_lst):
            row: list[Any] = []
            c = 0
            for tc in tr.tc_lst:
                text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
                span = tc.grid_span
                if tc.vMerge == "continue":
                    above = origins[(r - 1, c)]
                    above[1] += 1
                    origins[(r, c)] = above
                else:
                    cell = [text, 1, span]
                    row.append(cell)
                    origins[(r, c)] = cell
                c += span
            rows.append(row)
        tables.append(_place([[tuple(cell) for cell in row] for row in rows]))
    return document, tables


def label_path(texts: list[str]) -> tuple[str, ...]:
    """Texts of adjacent positions with repeats (one merged cell) removed."""
    out: list[str] = []
    for t in texts:
        if not out or out[-1] != t:
            out.append(t)
    return tuple(out)


def locate(table: ReadTable, name: str, cell: Cell) -> tuple[int, int]:
    """Where ``cell`` of layout table ``name`` sits in a printed table, found by the printed labels only."""
    texts = table.texts
    label = cell.title_path[-1]
    if name == "table2":
        sub, item = cell.title_path[1], cell.title_path[2]
        title_row = next(r for r, row in enumerate(texts) if set(row) == {sub})
        header = texts[title_row + 1]
        assert header[0] == "信息内容"
        end = next((r for r in range(title_row + 1, len(texts)) if len(set(texts[r])) == 1), len(texts))
        rows = [r for r in range(title_row + 2, end) if texts[r][0] == item]
        cols = [c for c in range(1, len(header)) if header[c] == label]
        return _one(rows, cell), cols[0]  # a value spanning columns sits in the first one
    if name == "table3":
        want_row = cell.title_path[1:-1]
        want_col = (APPLICANTS, *([cell.group] if cell.group else []), label)
        rows = [r for r in range(3, len(texts)) if label_path(texts[r][:3]) == want_row]
        cols = [c for c in range(3, len(texts[0])) if label_path([texts[h][c] for h in range(3)]) == want_col]
        return _one(rows, cell), _one(cols, cell)
    if name == "table4":
        block = cell.title_path[1]
        group = "行政诉讼" if block != "行政复议" else None
        want_col = (*([group] if group else []), block, label)
        cols = [c for c in range(len(texts[0])) if label_path([texts[h][c] for h in range(3)]) == want_col]
        return 3, _one(cols, cell)
    raise AssertionError(name)


def _one(found: list[int], cell: Cell) -> int:
    assert len(found) == 1, f"{cell.pointer}: expected one place, found {found}"
    return found[0]


def read_text_sections(text: str) -> dict[str, list[str]]:
    """Plain-text output split into sections: heading -> the lines under it."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        if line in SECTION_HEADINGS:
            current = sections.setdefault(line, [])
        elif current is not None and line:
            current.append(line)
    return sections


def read_pipe_tables(lines: list[str]) -> list[list[list[str]]]:
    """Markdown pipe tables in ``lines``: each a list of rows of cells (header row first)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in lines:
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if current is None:
                current = []
                tables.append(current)
            if not all(re.fullmatch(r"-+", c) for c in cells):
                current.append(cells)
        else:
            current = None
    return tables
