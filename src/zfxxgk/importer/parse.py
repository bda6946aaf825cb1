"""Parse a published report (text, Markdown, HTML, Word, PDF, a workbook) into a standard instance
and a log.

The stages, each once and in this order (docs/import.md, "How a report is read"): the bytes are read
into blocks (``read``); rows run together on one line are found again (``unflatten``); the edition
is recognised (``edition``); the title, the sections' lines and each table row's printed cells are
found by the edition's labels (``locate``; unlabelled rows placed by ``place``); the metadata is
read (``metadata``); each row's candidate values are listed (``candidates``); the identities choose
among them (``decide``); the instance is written (``assemble``). Every stage adds to one log.
"""

from __future__ import annotations

import re
from pathlib import Path

from zfxxgk.errors import InputError
from zfxxgk.importer.assemble import assemble
from zfxxgk.importer.blocks import Block, Property
from zfxxgk.importer.candidates import read_rows
from zfxxgk.importer.decide import decide
from zfxxgk.importer.edition import detect, for_year
from zfxxgk.importer.labels import LabelIndex, index
from zfxxgk.importer.locate import locate
from zfxxgk.importer.located import Located
from zfxxgk.importer.metadata import Sources, Stated, read_metadata
from zfxxgk.importer.place import place_unlabelled
from zfxxgk.importer.read import EXTENSIONS, FORMATS, read_blocks, sniff
from zfxxgk.importer.result import LogEntry, ParseResult
from zfxxgk.importer.unflatten import unflatten
from zfxxgk.inputs import read_bounded
from zfxxgk.limits import LimitError, current

_NUMBER_RUN = re.compile(r"[\d,.，]*").fullmatch  # the characters of a number in _check_numbers

# FORMATS, EXTENSIONS and sniff are imported from here by the package, the CLI and tests.
__all__ = ["EXTENSIONS", "FORMATS", "parse_blocks", "parse_bytes", "parse_path", "sniff"]


def parse_path(path: str | Path, stated: Stated | None = None) -> ParseResult:
    """Parse the file at ``path``; its format comes from its extension, else from its content.

    ``stated`` is metadata the user gives (``--agency``, ``--year``); it wins over what is read.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file", "文件不存在")
    try:
        data = read_bounded(path)
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror or error})",
                         f"无法读取文件（{error.strerror or error}）") from None
    return parse_bytes(data, str(path), EXTENSIONS.get(path.suffix.lower()), stated)


def parse_bytes(data: bytes, source: str, fmt: str | None = None, stated: Stated | None = None) -> ParseResult:
    """Parse the bytes of a report; ``fmt`` is one of ``FORMATS`` (sniffed from the content if None)."""
    if len(data) > current().input_size:
        raise LimitError(source, "input_size", f"the input has {len(data):,} bytes", f"输入大小为 {len(data):,} 字节")
    if not data.strip():
        raise InputError(source, "empty file: no report to read", "文件为空：没有可读取的报告")
    fmt = fmt or sniff(data)
    if fmt not in FORMATS:
        raise InputError(source, f"unknown format {fmt!r} (known: {', '.join(FORMATS)})",
                         f"未知格式 {fmt!r}（支持：{', '.join(FORMATS)}）")
    if fmt == "xlsx":
        from zfxxgk.importer.read_xlsx import parse_xlsx
        from zfxxgk.importer.zipguard import check_zip

        if data[:4] == b"PK\x03\x04":  # a workbook is a zip package too: no bomb reaches the reader
            check_zip(data, source)
        return parse_xlsx(data, source, stated)
    properties: list[Property] = []  # what the file says about itself: title, author, dates, address
    blocks, fmt, encoding = read_blocks(data, source, fmt, properties)
    return parse_blocks(blocks, source, fmt, encoding, Sources(tuple(properties), source, stated or Stated()))


def parse_blocks(blocks: list[Block], source: str, fmt: str, encoding: str | None,
                 sources: Sources | None = None) -> ParseResult:
    """Parse blocks from any reader (the formats' readers only differ up to here).

    ``sources`` holds what the metadata can be read from besides the text (the file's properties
    and name, what the user states); by default the name ``source``.
    """
    if not blocks:
        raise InputError(source, "empty file: no text to read", "文件为空：没有可读取的文字")
    _check_numbers(blocks, source)
    blocks = unflatten(blocks)  # a page run together on one line: its rows found again
    detection = detect(blocks, source)
    labels = index(detection.edition)
    located = locate(blocks, labels)  # the title, the sections' lines, each table row's printed cells
    place_unlabelled(located, labels)
    _require_tables(located, labels, source)
    log: list[LogEntry] = [*detection.log, *located.log]
    meta = read_metadata(located, log, labels.layout, sources or Sources(file_name=source))
    texts = located.section_texts(labels, log)
    rows = read_rows(located, labels, log)  # every row of the layout, with its candidate values
    decisions = decide(rows, labels.layout.edition, log)  # the identities choose among them
    report = assemble(labels, meta, texts, rows, decisions)
    _check_year(report, located, log)
    return ParseResult(report, _sorted(log), source, fmt, encoding)


def _check_numbers(blocks: list[Block], source: str) -> None:
    """Refuse a number longer than the number length limit, in a table cell or in a line of text
    (flattened tables are read from text), before anything converts it: Python refuses beyond 4,300
    digits, and conversion time grows with the square of the length."""
    limit = current().number_digits
    for block in blocks:
        for cell in block.cells:
            if len(cell) > limit and _may_hold_run(cell, limit + 1):
                for match in re.finditer(r"\d[\d,.，]{%d,}" % limit, cell):
                    digits = sum(c.isdigit() for c in match.group())
                    if digits > limit:
                        raise LimitError(source, "number_digits", f"a number of {digits:,} digits",
                                         f"数字长达 {digits:,} 位", where=block.where)


def _may_hold_run(cell: str, length: int) -> bool:
    """Whether ``cell`` may hold ``length`` characters of a number in a row (digits, "," "." "，").

    Such a run covers the stretch between two consecutive characters of every ``length // 2``-th,
    so only those stretches are tried (each fails at its first character that is not in a number):
    a page run together on one line is passed in a few steps, where the pattern of
    ``_check_numbers`` is tried at every digit of it (a page prints hundreds)."""
    step = length // 2
    if step < 8:
        return True  # a limit this low: the pattern alone
    return any(_NUMBER_RUN(cell, at - step, at + 1) for at in range(step, len(cell), step))


def _check_year(report: dict, located: Located, log: list[LogEntry]) -> None:
    """Say so when the tables follow an edition that reports for the report's year do not use."""
    year, edition = report.get("report_year"), report["edition"]
    expected = for_year(year) if isinstance(year, int) else None
    if expected is None or expected == edition:
        return
    title = located.title
    log.append(LogEntry(
        "warning", "/edition", title.text if title else "", title.where if title else None,
        f"the report is for {year}, for which the {expected} edition applies, but its tables follow the "
        f"{edition} edition: read as printed, in the {edition} edition",
        f"本报告为 {year} 年度报告，应适用 {expected} 年版格式，但其表格按 {edition} 年版印出：按原样以 {edition} 年版读取",
        value=edition, code="P503"))


def _require_tables(located: Located, labels: LabelIndex, source: str) -> None:
    """Every table of the report must be found; otherwise the file is not (all of) a report."""
    found = {row.target.pointer.split("/")[1] for row in located.rows.values()}
    found |= {g.pointer.split("/")[1] for g in located.group_rows}
    missing = [t for t in labels.layout.tables if t.name not in found]
    if not missing:
        return
    if len(missing) == len(labels.layout.tables):
        raise InputError(source, "no table of the annual report found (is this a 政府信息公开工作年度报告?)",
                         "未找到年度报告的任何表格（这是政府信息公开工作年度报告吗？）")
    names_en = ", ".join(t.title for t in missing)
    raise InputError(source, f"table(s) not found: {names_en}; the file may be truncated or not a complete report",
                     f"未找到表格：{names_en}；文件可能不完整", where=_last_where(located))


def _last_where(located: Located) -> str | None:
    wheres = [row.where for row in located.rows.values()]
    return wheres[-1] if wheres else None


def _sorted(log: list[LogEntry]) -> list[LogEntry]:
    """What was inferred about the report as a whole first, then the rest in the order it was found."""
    return sorted(log, key=lambda e: e.kind != "inferred" or not (e.pointer or "").count("/") == 1)
