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
from zfxxgk.validate.findings import Finding, Result


def json_bytes(data: Any, indent: bool = False) -> bytes:
    """UTF-8 JSON of plain data. msgspec rather than orjson: a report may state an integer beyond 64
    bits (the validator reports it), and writing it out must not fail."""
    encoded = msgspec.json.encode(data)
    return msgspec.json.format(encoded, indent=2) if indent else encoded


def plural(count: int, noun: str) -> str:
    """ "1 error", "2 errors", "0 warnings" (the nouns used here all take -s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _label(finding: Finding, lang: str) -> Text:
    style = "bold red" if finding.is_error else "yellow" if finding.is_warning else "dim"
    severity = {"error": "错误", "warning": "警告", "info": "说明"}[finding.severity] if lang == "zh" else finding.severity
    return Text.assemble((f"  {finding.code} ", style), (f"{severity}  ", style), finding.message(lang))


def print_result(console: Console, result: Result, lang: str, show_tables: bool, every_table: bool = False) -> None:
    """One result: its status line, each finding, and with ``show_tables`` the tables holding a
    marked cell (``every_table``: all of them)."""
    errors, warnings = len(result.errors), len(result.warnings)
    if result.valid and not warnings:
        status = Text("有效 valid" if lang == "zh" else "valid", style="green")
    else:
        counts = f"{errors} 个错误, {warnings} 个警告" if lang == "zh" else f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        status = Text(counts, style="bold red" if errors else "yellow")
    console.print(Text.assemble((result.source, "bold"), ": ", status))
    for finding in result.findings:
        console.print(_label(finding, lang))
        if finding.source_text:
            shown = finding.source_text.replace("\t", " ").replace("\n", " ")
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            console.print(Text(f"      {finding.where or ''}: {shown}", style="dim"))
        elif finding.where:  # the cells of a workbook the finding involves
            console.print(Text(f"      {finding.where}", style="dim"))
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
