"""How validation results look in a terminal: findings, the offending table with its bad cells
marked, and the summary of a batch."""

from __future__ import annotations

from collections import Counter
from typing import Any

import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zfxxgk.terminal_tables import report_tables
from zfxxgk.validate.findings import Result


def json_bytes(data: Any, indent: bool = False) -> bytes:
    """UTF-8 JSON of plain data. msgspec rather than orjson: a report may state an integer beyond 64
    bits (the validator reports it), and writing it out must not fail."""
    encoded = msgspec.json.encode(data)
    return msgspec.json.format(encoded, indent=2) if indent else encoded


def plural(count: int, noun: str) -> str:
    """ "1 error", "2 errors", "0 warnings" (the nouns used here all take -s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "说明"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
Line = list[tuple[str, str]]  # (text, style) pieces of one line


def result_lines(result: Result, lang: str) -> list[Line]:
    """The lines of one result: its status, then each finding with the printed text it is about."""
    errors, warnings = len(result.errors), len(result.warnings)
    if result.valid and not warnings:
        status = ("有效 valid" if lang == "zh" else "valid", "green")
    else:
        counts = f"{errors} 个错误, {warnings} 个警告" if lang == "zh" else f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        status = (counts, "bold red" if errors else "yellow")
    lines: list[Line] = [[(result.source, "bold"), (": ", ""), status]]
    for finding in result.findings:
        style = _SEVERITY_STYLE[finding.severity]
        severity = _SEVERITY_ZH[finding.severity] if lang == "zh" else finding.severity
        lines.append([(f"  {finding.code} {severity}  ", style), (finding.message(lang), "")])
        if finding.source_text:
            shown = finding.source_text.replace("\t", " ").replace("\n", " ")
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            lines.append([(f"      {finding.where or ''}: {shown}", "dim")])
        elif finding.where:  # the cells of a workbook the finding involves
            lines.append([(f"      {finding.where}", "dim")])
    return lines


def _plain(console: Console) -> bool:
    """Whether ``console`` prints lines as they are: no terminal (no styles), no recording, no wrapping.
    Asked once per console: Rich reads the environment each time (60 µs, as much as a validation)."""
    plain = getattr(console, "_zfxxgk_plain", None)
    if plain is None:
        plain = not (console.is_terminal or console.record) and console.soft_wrap
        console._zfxxgk_plain = plain  # type: ignore[attr-defined]
    return plain


def print_result(console: Console, result: Result, lang: str, show_tables: bool, every_table: bool = False) -> None:
    """One result: its status line, each finding, and with ``show_tables`` the tables holding a
    marked cell (``every_table``: all of them)."""
    lines = result_lines(result, lang)
    if not _plain(console):
        for line in lines:
            console.print(Text.assemble(*line))
    else:
        # Off a terminal there is no style to draw and soft wrapping leaves lines as they are: plain
        # lines written straight to the file are what Rich would print, at a fraction of the cost
        # (a batch of 100,000 valid reports prints 100,000 of them).
        console.file.write("".join(["".join(text for text, _ in line) + "\n" for line in lines]))
    if show_tables and result.report is not None:
        for table in report_tables(result, lang, every_table, console.width):
            console.print(table)


def print_summary(console: Console, tally: Tally, lang: str) -> None:
    zh = lang == "zh"
    console.rule("汇总 summary" if zh else "summary")
    console.print(
        f"{'报告' if zh else 'reports'}: {tally.reports}  "
        f"{'有效' if zh else 'valid'}: {tally.valid}  "
        f"{'有错误' if zh else 'with errors'}: {tally.invalid}  "
        f"{'无法读取' if zh else 'unusable'}: {tally.unusable}"
    )
    if tally.by_rule:
        table = Table("rule", "severity", "findings", "reports")
        for code, count in sorted(tally.by_rule.items()):
            table.add_row(code, tally.severity[code], str(count), str(tally.reports_by_rule[code]))
        console.print(table)
    for skipped in tally.skipped:
        console.print(Text(f"{'跳过（非报告格式）' if zh else 'skipped (not a report format)'}: {skipped}", style="dim"))


class Tally:
    """Counters of a batch: kept instead of the results, so a long stream runs in flat memory."""

    def __init__(self) -> None:
        self.reports = self.valid = self.invalid = self.unusable = 0
        self.by_rule: Counter[str] = Counter()
        self.reports_by_rule: Counter[str] = Counter()
        self.severity: dict[str, str] = {}
        self.warned = 0
        self.skipped: list[str] = []

    def add(self, result: Result) -> None:
        self.reports += 1
        if not result.usable:
            self.unusable += 1
        elif result.valid:
            self.valid += 1
        else:
            self.invalid += 1
        if result.warnings:
            self.warned += 1
        for finding in result.findings:
            self.by_rule[finding.code] += 1
            self.severity[finding.code] = finding.severity
        for code in {f.code for f in result.findings}:
            self.reports_by_rule[code] += 1

    def exit_code(self, strict: bool) -> int:
        if self.unusable:
            return 2
        if self.invalid or (strict and self.warned):
            return 1
        return 0

    def to_dict(self) -> dict[str, Any]:
        return {"reports": self.reports, "valid": self.valid, "invalid": self.invalid, "unusable": self.unusable,
                "findings_by_rule": dict(sorted(self.by_rule.items())), "skipped": self.skipped}
