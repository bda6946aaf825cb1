"""PDF reading speed, side by side: pdftotext -layout, the reader before (pdfplumber), the reader now
(PDFium), on the same files in one run; and whether both readers give the same blocks.

    python bench/pdf_bench.py [--reports 8] [--seconds 3]

Renders generated 2021 reports (plus the sample, examples/valid/jiyuan-sfj-2021.json) to Word with
``zfxxgk.render`` and prints them to PDF with LibreOffice, as an agency exporting its report would
(the bench needs ``soffice``), then measures on one core, per file (median time):

- ``pdftotext -layout`` (poppler-utils) writing the text to a pipe, process start included, as a
  user would run it (the column is skipped, with a note, when pdftotext is not installed);
- ``parse (pdfplumber)``: the whole parse (``parse_bytes``) with step 1 of the PDF reader done as it
  was before, by pdfplumber (words and ruled tables from pdfminer's reading of each page; kept in
  this file only, as the reference);
- ``parse (pdfium)``: the whole parse as it is now;
- the two step-1 extractions alone.

It then checks that both readers give the same blocks (kinds, cells, places) on every file: the
figure "identical" must say yes. Figures are written to bench/out/pdf.json.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from zfxxgk.importer import pdf_text
from zfxxgk.importer.parse import parse_bytes
from zfxxgk.importer.pdf_boxes import Box
from zfxxgk.importer.read_pdf import blocks_of

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from read_documents_bench import make_reports, to_pdf  # noqa: E402


def plumber_pages(data: bytes, source: str, properties: Any = None) -> list[pdf_text.Page]:
    """Step 1 as it was before: pdfplumber's words and ruled tables of each page."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            page = page.dedupe_chars()
            tables = [t for t in page.find_tables() if len(t.cells) > 1]
            words = [Box(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
                     for w in page.extract_words()]
            pages.append(pdf_text.Page(
                number, float(page.height), words,
                [[Box("", x0, x1, top, bottom) for x0, top, x1, bottom in t.cells] for t in tables],
                len(page.chars), sum(1 for c in page.chars if c["text"].startswith("(cid:"))))
        return pages


def parse_with_plumber(data: bytes, source: str) -> Any:
    with mock.patch.object(pdf_text, "extract", plumber_pages), \
            mock.patch("zfxxgk.importer.read_pdf.extract", plumber_pages):
        return parse_bytes(data, source, "pdf")


def median_time(run: Callable[[], Any], seconds: float) -> float:
    times = []
    start = time.perf_counter()
    while not times or time.perf_counter() - start < seconds:
        before = time.perf_counter()
        run()
        times.append(time.perf_counter() - before)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each measure of each file")
    args = parser.parse_args()

    from zfxxgk.render import render

    pdfs = to_pdf([render(report, "docx") for report in make_reports(args.reports)])
    if pdfs is None:
        sys.exit("LibreOffice (soffice) is needed to print the reports to PDF")
    pdftotext = shutil.which("pdftotext")
    rows = []
    identical = True
    with tempfile.TemporaryDirectory() as folder:
        for index, data in enumerate(pdfs):
            path = Path(folder) / f"r{index}.pdf"
            path.write_bytes(data)
            row: dict[str, Any] = {"file": path.name, "kb": round(len(data) / 1024, 1),
                                   "pages": len(pdf_text.extract(data, "bench"))}
            if pdftotext:
                row["pdftotext_s"] = median_time(lambda: subprocess.run(
                    [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True), args.seconds)
            row["parse_plumber_s"] = median_time(lambda: parse_with_plumber(data, "bench"), args.seconds)
            row["parse_pdfium_s"] = median_time(lambda: parse_bytes(data, "bench", "pdf"), args.seconds)
            row["step1_plumber_s"] = median_time(lambda: plumber_pages(data, "bench"), args.seconds)
            row["step1_pdfium_s"] = median_time(lambda: pdf_text.extract(data, "bench"), args.seconds)
            before, now = plumber_pages(data, "bench"), pdf_text.extract(data, "bench")
            same = blocks_of(before, "bench") == blocks_of(now, "bench")
            identical &= same
            row["identical"] = same
            rows.append(row)
            print(_line(row), flush=True)
    total = {key: round(sum(row[key] for row in rows), 4) for key in rows[0] if key.endswith("_s")}
    figures: dict[str, Any] = {"machine": platform.platform(), "python": platform.python_version(),
                               "files": len(rows), "identical_blocks": identical, "total_s": total, "rows": rows}
    if pdftotext:
        figures["parse_pdfium_vs_pdftotext"] = round(total["parse_pdfium_s"] / total["pdftotext_s"], 2)
        figures["parse_plumber_vs_pdftotext"] = round(total["parse_plumber_s"] / total["pdftotext_s"], 2)
    else:
        figures["pdftotext"] = "skipped: pdftotext (poppler-utils) is not installed"
    figures["speedup_parse"] = round(total["parse_plumber_s"] / total["parse_pdfium_s"], 2)
    for key in ("total_s", "parse_pdfium_vs_pdftotext", "parse_plumber_vs_pdftotext", "pdftotext",
                "speedup_parse", "identical_blocks"):
        if key in figures:
            print(f"{key:<28} {figures[key]}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "pdf.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")


def _line(row: dict[str, Any]) -> str:
    return "  ".join(f"{key}={round(value, 4) if isinstance(value, float) else value}" for key, value in row.items())


if __name__ == "__main__":
    main()
