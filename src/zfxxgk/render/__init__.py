"""Render a report of the standard back to the official layout: HTML, Markdown, plain text, Word.

    from zfxxgk.render import render
    html = render(report, "html")     # str; also "md" and "txt"
    data = render(report, "docx")     # bytes
    data = render(report, "xlsx")     # bytes: the Excel/WPS template, filled, with live checks

Everything printed (sections, tables, rows, columns, labels) comes from the layout of the report's
edition (``report["edition"]``), so a new edition renders without code changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zfxxgk.render.document import Document, build_document
from zfxxgk.render.values import RenderError

FORMATS: tuple[str, ...] = ("html", "md", "txt", "docx", "xlsx")
SUFFIXES: dict[str, str] = {"html": ".html", "md": ".md", "txt": ".txt", "docx": ".docx", "xlsx": ".xlsx"}


def _writer(fmt: str) -> Callable[[Document], str | bytes]:
    # Imported on demand: each writer is small, and the Word one pulls in python-docx.
    if fmt == "html":
        from zfxxgk.render.html import render_html
        return render_html
    if fmt == "md":
        from zfxxgk.render.markdown import render_markdown
        return render_markdown
    if fmt == "txt":
        from zfxxgk.render.text import render_text
        return render_text
    if fmt == "docx":
        from zfxxgk.render.docx import render_docx
        return render_docx
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def render(report: dict[str, Any], fmt: str) -> str | bytes:
    """The report in the official layout as ``fmt`` ("html", "md", "txt": str; "docx", "xlsx": bytes).

    Raises ``ValueError`` for an unknown format and ``RenderError`` (a ValueError) for a report
    that cannot be printed: unknown edition, a missing cell, a value of the wrong type.
    """
    if fmt == "xlsx":
        # The workbook is written from the report's cells (its inputs are typed values, not
        # printed text); building the document first checks the report the same way.
        from zfxxgk.render.xlsx import render_xlsx

        build_document(report)
        return render_xlsx(report)
    writer = _writer(fmt)
    return writer(build_document(report))


__all__ = ["FORMATS", "SUFFIXES", "RenderError", "build_document", "render"]
