"""Render a report as the Excel/WPS workbook of its edition: the template of ``zfxxgk template``,
filled with the report's values, its live checks computed when the workbook is opened."""

from __future__ import annotations

from typing import Any

from zfxxgk.layout import EDITIONS
from zfxxgk.render.values import RenderError


def render_xlsx(report: dict[str, Any]) -> bytes:
    """The filled workbook as .xlsx bytes; ``RenderError`` for a report that cannot be written."""
    from zfxxgk.xlsx.template import write_workbook

    edition = report.get("edition")
    if edition not in EDITIONS:
        raise RenderError(f"unknown edition {edition!r}; known: {', '.join(EDITIONS)}")
    return write_workbook(edition, report)
