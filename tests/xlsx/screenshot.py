"""A picture of a filled template as a spreadsheet program shows it: LibreOffice prints the workbook
to PDF (its formulas and conditional formatting computed), and the page of one table becomes a PNG.

The picture in docs/template.md is made by this module, from an example report with one total
typed wrong:

    python -m tests.xlsx.screenshot docs/img/template-broken-total.png
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from zfxxgk import pointers
from zfxxgk.render import render

from tests.xlsx.libreoffice import recalculate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "valid" / "large-city-government-2022.json"
BROKEN = "/table3/results/granted/total"  # （一）予以公开, 总计: typed 10 too many


def broken_example() -> dict:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    pointers.assign(report, BROKEN, pointers.resolve(report, BROKEN) + 10)
    return report


def screenshot(report: dict, png: Path, work: Path, title: str = "三、收到和处理政府信息公开申请情况") -> Path:
    """The page of the workbook of ``report`` that prints the table titled ``title``, as a PNG."""
    import pypdfium2 as pdfium
    from PIL import ImageOps

    book = work / "report.xlsx"
    book.write_bytes(render(report, "xlsx"))  # type: ignore[arg-type]
    (pdf_path,) = recalculate([book], work / "pdf", work / "profile", to="pdf")
    pdf = pdfium.PdfDocument(str(pdf_path))
    page = next(p for p in pdf if title in p.get_textpage().get_text_range())
    image = page.render(scale=3).to_pil().convert("RGB")
    left, top, right, bottom = ImageOps.invert(image).getbbox()
    margin = 12
    image = image.crop((max(left - margin, 0), max(top - margin, 0), right + margin, bottom + margin))
    png.parent.mkdir(parents=True, exist_ok=True)
    image.save(png, optimize=True)
    return png


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img" / "template-broken-total.png"
    with tempfile.TemporaryDirectory() as tmp:
        print(screenshot(broken_example(), target, Path(tmp)))
