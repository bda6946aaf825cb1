"""Checks across a corpus: each agency's reports paired across years, and tables copied between
reports.

- **Pairs.** A report's agency is its 统一社会信用代码 when it gives one, else its name (spaces
  dropped, full-width forms folded: NFKC) with its division code. A report is paired with the
  report of the same agency for the year before, and the cross-year rules of the catalog (source
  ``cross_year``) run on the pair, on the cluster. Where an agency has several reports for the same
  year, which to pair is not known: X402 says so and those years are not paired.
- **Copied tables (X401).** The same non-trivial table (enough non-zero cells, not all equal) in
  reports of different agencies, or of one agency in different years, is flagged on each report,
  naming the other: a report built from another's tables.

Findings carry ``related_report_id``, the other report of the pair or copy.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from zfxxgk.corpus import store
from zfxxgk.export.columns import placement
from zfxxgk.layout import layout

MIN_FILLED = 5  # a table with fewer non-zero cells is too common to tell a copy
PAIRS_PER_TASK = 200


def agency_key(uscc: str | None, name: str | None, division: str | None) -> str | None:
    if uscc and uscc.strip():
        return "uscc:" + uscc.strip().upper()
    if not name or not name.strip():
        return None
    folded = "".join(unicodedata.normalize("NFKC", name).split())
    return f"name:{folded}|{(division or '').strip()}"


def corpus_findings(dataset: Path, dask: Any = None) -> list[dict[str, Any]]:
    """Every finding across the corpus in ``dataset`` (cross-year pairs, ambiguous pairs, copies)."""
    reports = store.read(dataset, "reports", ["report_id", "status", "agency_uscc", "agency_name",
                                              "agency_division_code", "report_year", "edition"]).to_pylist()
    usable = [r for r in reports if r["status"] != "unusable" and isinstance(r["report_year"], int)]
    pairs, rows = _pairs(usable)
    rows += _cross_year(dataset, pairs, dask)
    rows += _copies(dataset, usable)
    return rows


def _pairs(reports: list[dict[str, Any]]) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """(this year's report, last year's report) for each agency; X402 where a year has several."""
    by_agency: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        key = agency_key(r["agency_uscc"], r["agency_name"], r["agency_division_code"])
        if key is not None:
            by_agency[key][r["report_year"]].append(r["report_id"])
    pairs, rows = [], []
    for key, years in by_agency.items():
        for year, ids in sorted(years.items()):
            if len(ids) > 1:
                rows += [_finding("X402", rid, None, {"count": len(ids), "year": year}) for rid in sorted(ids)]
                continue
            previous = years.get(year - 1, [])
            if len(previous) == 1:
                pairs.append((ids[0], previous[0]))
    return pairs, rows


def _cross_year(dataset: Path, pairs: list[tuple[str, str]], dask: Any) -> list[dict[str, Any]]:
    if not pairs:
        return []
    needed = {rid for pair in pairs for rid in pair}
    documents = {}
    for rid, text in store.documents(dataset):
        if rid in needed:
            documents[rid] = text
    jobs = [[(now, before, documents[now], documents[before]) for now, before in pairs[i:i + PAIRS_PER_TASK]
             if now in documents and before in documents] for i in range(0, len(pairs), PAIRS_PER_TASK)]
    if dask is None:
        return [row for job in jobs for row in check_pairs(job)]
    return [row for future in dask.map(check_pairs, jobs, pure=False) for row in future.result()]


def check_pairs(jobs: list[tuple[str, str, str, str]]) -> list[dict[str, Any]]:
    """The cross-year findings of each (report, last year's report) pair (runs on a worker)."""
    from zfxxgk.catalog import catalog
    from zfxxgk.export.records import _pipeline

    cross_year = {r.code for r in catalog() if r.source == "cross_year"}
    rows = []
    for now, before, document, previous in jobs:
        result = _pipeline().validator.validate(orjson.loads(document), orjson.loads(previous), source=now)
        rows += [{**f.to_dict(), "report_id": now, "related_report_id": before}
                 for f in result.findings if f.code in cross_year]
    return rows


def _copies(dataset: Path, reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """X401 on each report whose table (table 2, 3 or 4) another agency or year printed too."""
    info = {r["report_id"]: r for r in reports}
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rid, text in store.documents(dataset):
        if rid not in info:
            continue
        document = orjson.loads(text)
        for name, digest in _table_digests(document).items():
            seen[(name, digest)].append(rid)
    rows = []
    for (name, _), ids in seen.items():
        if len(ids) < 2:
            continue
        for rid in sorted(ids):
            me = info[rid]
            others = [o for o in sorted(ids) if o != rid and _different(me, info[o])]
            if others:
                values = {"table_zh": _title(me, name), "table_en": name, "copies": len(others)}
                rows.append(_finding("X401", rid, others[0], values))
    return rows


def _title(report: dict[str, Any], table: str) -> str:
    return layout(report["edition"] if report["edition"] in ("2021", "2019") else "2021").table(table).title


def _different(a: dict[str, Any], b: dict[str, Any]) -> bool:
    key = agency_key(a["agency_uscc"], a["agency_name"], a["agency_division_code"])
    return key != agency_key(b["agency_uscc"], b["agency_name"], b["agency_division_code"]) \
        or a["report_year"] != b["report_year"]


def _table_digests(document: dict[str, Any]) -> dict[str, str]:
    """A digest of each non-trivial table's values, in the comparable columns (so that the same
    table printed in both editions matches)."""
    from zfxxgk import pointers

    edition = document.get("edition")
    if edition not in ("2021", "2019"):
        return {}
    values: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for cell in layout(edition).cells:
        value = pointers.resolve(document, cell.pointer, None)
        values[cell.table].append((placement(edition)[cell.pointer], value))
    out = {}
    for name, cells in values.items():
        numbers = [v for _, v in cells if v not in (None, 0, "0")]
        if len(numbers) < MIN_FILLED or len(set(map(str, numbers))) < 2:
            continue
        out[name] = hashlib.sha256(orjson.dumps(sorted(cells, key=lambda c: c[0]))).hexdigest()
    return out


def _finding(code: str, report_id: str, related: str | None, values: dict[str, Any]) -> dict[str, Any]:
    from zfxxgk.catalog import rule

    finding = rule(code).finding(**values, related=related or "")
    return {**finding.to_dict(), "report_id": report_id, "related_report_id": related}
