"""What locating finds in the blocks (``zfxxgk.importer.locate``): the title, each text section's
lines, and each table row's printed cells, not yet read as values.

These are the stage's results: ``place`` puts the unlabelled rows, ``metadata`` reads the lines,
``candidates`` reads the rows' cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zfxxgk.importer.labels import ForeignRow, LabelIndex, Target
from zfxxgk.importer.normalise import Token
from zfxxgk.importer.result import LogEntry


@dataclass(frozen=True)
class Line:
    text: str
    where: str


@dataclass(slots=True)  # a page makes one per row: slots make it cheaper to make
class PrintedRow:
    """The printed value cells of one data row (after its label), and where they came from."""

    target: Target
    cells: list[Token]
    positional: tuple[Token, ...] | None
    where: str
    raw: str
    unit: str | None = None  # the money unit stated for this row's amounts, if any
    unit_raw: str | None = None
    flat: str | None = None  # the printed numbers of a row read from run-together text, as printed


@dataclass
class GroupRow:
    """Numbers printed on a group's own line (as the 2019 edition prints 其他处理)."""

    pointer: str
    title: str
    cells: list[Token]
    where: str
    raw: str


@dataclass
class OtherEditionRow:
    """A row printed as in another edition, with no place in this one (not read; logged)."""

    row: ForeignRow
    cells: list[Token]
    where: str
    raw: str


@dataclass
class Unlabelled:
    """A row of numbers whose label matched nothing (cut off, or printed outside the table's rows),
    placed later by the layout's row order (``zfxxgk.importer.place``) or reported."""

    table: str
    position: int  # how many labelled rows (of any table) were printed before it
    cells: list[Token]
    flat: str | None
    where: str
    raw: str


@dataclass
class Located:
    title: Line | None = None
    prelude: list[Line] = field(default_factory=list)
    texts: dict[str, list[Line]] = field(default_factory=dict)
    rows: dict[str, PrintedRow] = field(default_factory=dict)
    group_rows: list[GroupRow] = field(default_factory=list)
    other_edition: list[OtherEditionRow] = field(default_factory=list)
    headers_seen: set[str] = field(default_factory=set)
    lines: list[Line] = field(default_factory=list)  # every line of text, for metadata
    log: list[LogEntry] = field(default_factory=list)
    unlabelled: list[Unlabelled] = field(default_factory=list)

    def section_texts(self, labels: LabelIndex, log: list[LogEntry]) -> dict[str, str]:
        """The text of each text section (一、总体情况 …); a section not found is empty, and logged."""
        out = {}
        for section in labels.sections:
            if section.is_table:
                continue
            lines = self.texts.get(section.name)
            if lines is None:
                log.append(LogEntry("warning", f"/{section.name}", "", None,
                                    f"section {section.title} not found: its text is empty",
                                    f"未找到“{section.title}”部分：其内容为空", code="P701"))
            out[section.name] = "\n".join(line.text for line in lines or [])
        return out


def printed_values(tokens: list[Token]) -> list[int | str | None]:
    """The printed value cells as JSON values: counts as ints, decimals as exact strings, blanks None.

    Empty cells before the first and after the last printed value are padding, not values."""
    out: list[int | str | None] = []
    for t in _trimmed(tokens):
        if t.kind == "int" and t.unit is None:
            out.append(int(t.text))
        elif t.kind in ("int", "dec"):
            out.append(t.text + (t.unit or ""))
        else:
            out.append(None)
    return out


def shown_values(tokens: list[Token]) -> str:
    return ", ".join(t.raw or "—" for t in _trimmed(tokens))


def _trimmed(tokens: list[Token]) -> list[Token]:
    printed = [i for i, t in enumerate(tokens) if not t.is_empty]
    return tokens[printed[0]:printed[-1] + 1] if printed else []
