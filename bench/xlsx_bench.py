"""Workbook speed: writing the template, filling it from a report, reading it back.

    python bench/xlsx_bench.py [--reports 20]

On generated 2021 and 2019 reports, one core, the median time of:

- ``template``: the empty workbook of an edition (``zfxxgk template``);
- ``render``: the workbook filled from a report (``zfxxgk render --to xlsx``);
- ``parse template``: a filled template read back cell by cell;
- ``parse sheet``: the same report pasted into one sheet in the official layout, read row by row
  through the importer.

Figures are printed and written to bench/out/xlsx.json.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from zfxxgk.importer import parse_bytes
from zfxxgk.render import render
from zfxxgk.render.document import build_document
from zfxxgk.testing import random_report
from zfxxgk.xlsx import write_workbook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def pasted(report: dict[str, Any]) -> bytes:
    """The report in one sheet, as the printed document lays it out (title, sections, merged tables)."""
    doc = build_document(report)
    wb = openpyxl.Workbook()
    ws = wb.active
    r = 1
    ws.cell(r, 1, doc.title)
    r += 2
    for section in doc.sections:
        ws.cell(r, 1, section.heading)
        r += 1
        for paragraph in section.paragraphs:
            ws.cell(r, 1, paragraph)
            r += 1
        if section.table:
            for c in section.table.cells:
                ws.cell(r + c.row, 1 + c.col, int(c.text) if c.role == "value" and c.text.isdigit() else c.text)
                if c.rowspan > 1 or c.colspan > 1:
                    ws.merge_cells(start_row=r + c.row, start_column=1 + c.col,
                                   end_row=r + c.row + c.rowspan - 1, end_column=c.col + c.colspan)
            r += section.table.n_rows + 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def median_ms(run: Callable[[Any], Any], items: list[Any]) -> float:
    times = []
    for item in items:
        start = time.perf_counter()
        run(item)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(20261130)
    figures: dict[str, Any] = {"python": platform.python_version(), "openpyxl": openpyxl.__version__,
                               "reports": args.reports, "median_ms": {}}
    for edition in ("2021", "2019"):
        reports = [random_report(rng, edition) for _ in range(args.reports)]
        filled = [render(r, "xlsx") for r in reports]
        sheets = [pasted(r) for r in reports]
        figures["median_ms"][edition] = {
            "template": median_ms(lambda _: write_workbook(edition), list(range(args.reports))),
            "render": median_ms(lambda r: render(r, "xlsx"), reports),
            "parse template": median_ms(lambda d: parse_bytes(d, "r.xlsx"), filled),
            "parse sheet": median_ms(lambda d: parse_bytes(d, "r.xlsx"), sheets),
        }
        print(edition, figures["median_ms"][edition])
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "xlsx.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
