"""Word and PDF reading throughput, on rendered reports.

    python bench/read_documents_bench.py [--reports 20] [--seconds 3]

Renders generated 2021 reports (plus the sample, examples/valid/jiyuan-sfj-2021.json) to Word with
``zfxxgk.render``, converts each Word file to PDF with LibreOffice (as an agency exporting its report
would; the PDF part is skipped when ``soffice`` is not installed), and measures on one core:

- ``read_docx``: reports per second;
- ``read_pdf``: reports per second, against its extraction alone (words and ruled tables of every
  page, read with PDFium: step 1 of ``read_pdf``) and against pdfplumber parsing the characters and
  nothing more (the reader's engine before; bench/pdf_bench.py compares the two side by side).

Figures are printed and written to bench/out/read_documents.json.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zfxxgk.importer.read_docx import read_docx
from zfxxgk.importer.pdf_text import extract
from zfxxgk.importer.read_pdf import read_pdf
from zfxxgk.render import render
from zfxxgk.testing import random_report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def make_reports(n: int, seed: int = 20261129) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    sample = json.loads((ROOT / "examples/valid/jiyuan-sfj-2021.json").read_text(encoding="utf-8"))
    return [sample] + [random_report(rng) for _ in range(n - 1)]


def to_pdf(documents: list[bytes]) -> list[bytes] | None:
    """Each Word file as LibreOffice prints it to PDF, converted in one batch."""
    if shutil.which("soffice") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        names = []
        for i, data in enumerate(documents):
            (work / f"r{i:04d}.docx").write_bytes(data)
            names.append(str(work / f"r{i:04d}.docx"))
        # A profile of its own, so that another LibreOffice running as this user cannot take the job.
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), *names],
                       check=True, capture_output=True, timeout=600)
        return [(work / f"r{i:04d}.pdf").read_bytes() for i in range(len(documents))]


def characters_only(data: bytes, source: str) -> int:
    """The floor: pdfplumber parsing every page's characters, with nothing else done."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def rate(read: Callable[[bytes, str], Any], files: list[bytes], seconds: float) -> float:
    """Files read per second: one over the median time of one read, going round the files until
    ``seconds`` have passed (at least once). The median keeps a busy neighbour out of the figure."""
    times = []
    start = time.perf_counter()
    while not times or time.perf_counter() - start < seconds:
        for data in files:
            before = time.perf_counter()
            read(data, "bench")
            times.append(time.perf_counter() - before)
    return 1 / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    reports = make_reports(args.reports)
    documents = [render(report, "docx") for report in reports]
    pdfs = to_pdf(documents)

    figures: dict[str, Any] = {
        "machine": platform.platform(), "python": platform.python_version(), "reports": len(reports),
        "docx_kb": round(sum(map(len, documents)) / len(documents) / 1024, 1),
        "read_docx_per_s": round(rate(read_docx, documents, args.seconds), 1),
    }
    if pdfs is not None:
        figures["pdf_kb"] = round(sum(map(len, pdfs)) / len(pdfs) / 1024, 1)
        figures["pdf_pages"] = round(sum(len(extract(data, "bench")) for data in pdfs) / len(pdfs), 1)
        figures["read_pdf_per_s"] = round(rate(read_pdf, pdfs, args.seconds), 2)
        figures["pdfium_extraction_per_s"] = round(rate(extract, pdfs, args.seconds), 2)
        figures["pdfplumber_characters_only_per_s"] = round(rate(characters_only, pdfs, args.seconds), 2)
    else:
        figures["read_pdf"] = "skipped: LibreOffice (soffice) is not installed to print the reports to PDF"

    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "read_documents.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
