"""What the importer did while reading a published document, as findings beside the validator's.

Each entry of a parse log carries a code of the rule catalog (kind ``parse``: P101 …); validating a
document reports its repairs, inferences, undecided cells and warnings with that code, the printed
text they concern and where it stands, so that ``zfxxgk validate report.pdf`` tells the whole story.
Blank cells are left to the validator's W106, which names the same cells.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from zfxxgk.catalog import catalog
from zfxxgk.validate.findings import Finding, Result


def parse_findings(parse: Any) -> list[Finding]:
    """The findings of a parse (``zfxxgk.importer.ParseResult``), in the order of its log."""
    rules = catalog()
    return [rules[entry.code].finding(_pointers(entry), detail_zh=entry.message_zh, detail_en=entry.message_en,
                                      source_text=entry.raw, where=entry.where, candidates=tuple(entry.candidates))
            for entry in parse.log if entry.kind != "blank"]


def _pointers(entry: Any) -> tuple[str, ...]:
    if entry.pointer:
        return (entry.pointer,)
    if isinstance(entry.value, list) and all(isinstance(v, str) and v.startswith("/") for v in entry.value):
        return tuple(entry.value)
    return ()


def with_parse_findings(result: Result, parse: Any) -> Result:
    """``result`` with the findings of the parse that made its report added after the validator's.

    When the source has cells of its own (a workbook), each of the validator's findings also cites
    the cells it involves there (``where``: "表三!J28, 表三!D28, …").
    """
    if parse is not None:
        cells = getattr(parse, "cells", None) or {}
        if cells:
            result.findings = [_cited(f, cells) for f in result.findings]
        result.findings.extend(parse_findings(parse))
    return result


def _cited(finding: Finding, cells: dict[str, str]) -> Finding:
    refs = [cells[p] for p in finding.pointers if p in cells]
    return replace(finding, where=", ".join(refs)) if refs and finding.where is None else finding
