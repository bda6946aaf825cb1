"""What a dataset holds at a glance: reports by year, edition and status, the rules broken most
often, and the agencies with the most findings; in the terminal and as a static HTML page whose
charts are inline SVG (no script, nothing fetched)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zfxxgk.corpus.query import connect

TOP = 15


@dataclass
class Summary:
    sections: list[tuple[str, list[str], list[tuple[Any, ...]]]]  # (title, columns, rows)


def summarise(dataset: Path) -> Summary:
    connection = connect(dataset)

    def rows(sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        result = connection.execute(sql)
        return [c[0] for c in result.description], result.fetchall()

    sections = [
        ("报告总数 Reports by status",
         *rows("select status, count(*) as reports from reports group by 1 order by 2 desc")),
        ("按年度 By year", *rows("select report_year, count(*) as reports, sum(errors) as errors, "
                               "sum(warnings) as warnings from reports where report_year is not null "
                               "group by 1 order by 1")),
        ("按版式 By edition", *rows("select edition, count(*) as reports from reports where edition is not null "
                                  "group by 1 order by 1")),
        ("最常见的规则 Rules broken most often", *rows(
            f"select code, any_value(name) as name, any_value(severity) as severity, count(*) as findings, "
            f"count(distinct report_id) as reports from findings where severity in ('error', 'warning') "
            f"group by 1 order by 4 desc, 1 limit {TOP}")),
        ("问题最多的机关 Agencies with the most findings", *rows(
            f"select r.agency_name, count(*) as findings, count(distinct r.report_id) as reports "
            f"from findings f join reports r using (report_id) where f.severity in ('error', 'warning') "
            f"and r.agency_name is not null group by 1 order by 2 desc, 1 limit {TOP}")),
    ]
    return Summary(sections)


def to_html(summary: Summary, title: str) -> str:
    """A page that stands alone: tables, and a bar chart of each section's first count."""
    parts = [f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;color:#222}"
             "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.2rem .6rem;"
             "text-align:left}td.n{text-align:right}svg text{font-size:12px}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>"]
    for heading, columns, rows in summary.sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts.append(_chart(rows))
        parts.append(_table(columns, rows))
    parts.append("</body></html>")
    return "\n".join(parts)


def _table(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    if isinstance(value, (int, float)):
        return f"<td class='n'>{value}</td>"
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


def _chart(rows: list[tuple[Any, ...]]) -> str:
    """Horizontal bars: the first column labels a bar, the first number after it sizes it."""
    bars = [(str(row[0]), next((v for v in row[1:] if isinstance(v, int)), 0)) for row in rows]
    if not bars:
        return "<p>（无 none）</p>"
    most = max(value for _, value in bars) or 1
    height = 20 * len(bars) + 10
    items = []
    for i, (label, value) in enumerate(bars):
        width = 420 * value / most
        y = 20 * i + 5
        items.append(f"<text x='0' y='{y + 13}'>{html.escape(label[:24])}</text>"
                     f"<rect x='200' y='{y}' width='{width:.1f}' height='15' fill='#4477aa'/>"
                     f"<text x='{205 + width:.1f}' y='{y + 13}'>{value}</text>")
    return f"<svg xmlns='http://www.w3.org/2000/svg' width='680' height='{height}' role='img'>{''.join(items)}</svg>"
