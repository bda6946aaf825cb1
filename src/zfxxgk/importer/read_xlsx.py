"""Read an Excel/WPS ``.xlsx`` workbook: a filled template of ``zfxxgk template``, or any workbook
whose sheets hold the report in the official layout (a report pasted into a sheet).

- A **template** (every label of an edition's workbook at its place, ``zfxxgk.xlsx.positions``) is
  read cell by cell (``zfxxgk.importer.xlsx_template``): nothing is inferred, and every log entry
  names its cell (``表三!D12``).
- **Any other workbook** is read row by row into the importer's blocks, as a Word table is, and
  goes through the same locating and solving (``zfxxgk.importer.xlsx_sheets``).

Either way the result maps every cell of the report it can to the cell of the workbook it came from
(``ParseResult.cells``), so that the validator's findings cite it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zfxxgk.importer.result import ParseResult
from zfxxgk.importer.xlsx_cells import is_workbook, open_workbook
from zfxxgk.importer.xlsx_sheets import read_sheets
from zfxxgk.importer.xlsx_template import TemplateReader, template_edition
from zfxxgk.xlsx.positions import workbook_layout

if TYPE_CHECKING:
    from zfxxgk.importer.metadata import Stated

__all__ = ["is_workbook", "open_workbook", "parse_xlsx"]


def parse_xlsx(data: bytes, source: str, stated: Stated | None = None) -> ParseResult:
    """Read a workbook into a standard instance and a log (see the module's docstring).

    ``stated`` is metadata the user gives (``--agency``, ``--year``): it wins over the workbook's.
    """
    wb = open_workbook(data, source)
    edition = template_edition(wb)
    if edition is not None:
        reader = TemplateReader(wb, data, source, workbook_layout(edition))
        report = reader.read()
        if stated is not None:
            reader.apply_stated(report, stated)
        cells = {p: place.ref for p, place in reader.book.places.items()}
        return ParseResult(report, reader.log, source, "xlsx", None, cells=cells)
    return read_sheets(wb, open_workbook(data, source, data_only=True), source, stated)
