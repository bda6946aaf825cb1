"""The Excel/WPS workbook of the report: ``zfxxgk template`` writes it (empty, or filled from a report
by ``zfxxgk render --to xlsx``), ``zfxxgk parse`` / ``validate`` read it back
(``zfxxgk.importer.read_xlsx``).

    from zfxxgk.xlsx import write_workbook
    data = write_workbook("2021")            # the empty template, .xlsx bytes
    data = write_workbook("2021", report)    # filled

Everything in it comes from the layout of the edition and the rule catalog: ``positions`` places
the official grids, the metadata rows and the checks; ``formulas`` writes every identity as a
formula; ``template`` writes the workbook (openpyxl, imported on demand).
"""

from __future__ import annotations

from typing import Any


def write_workbook(edition: str, report: dict[str, Any] | None = None) -> bytes:
    """The workbook of ``edition`` as .xlsx bytes, filled with ``report`` when given."""
    from zfxxgk.xlsx.template import write_workbook as write

    return write(edition, report)


__all__ = ["write_workbook"]
