"""One input document checked, as plain data: what the export tables and the corpus are made of.

A ``Record`` holds everything the dataset keeps of one document: the report (or why the document
was unusable), its findings and its parse log, as plain values that pickle and travel between
processes (Dask workers send records back to the client).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from zfxxgk.inputs import load_bytes, load_path
from zfxxgk.validate.findings import Result
from zfxxgk.loading import Loaded


@dataclass
class Record:
    """One document of a source: ``status`` is "valid", "invalid" (errors found) or "unusable"."""

    report_id: str  # the source's content hash (sha256, 16 hex digits), "#n" for the nth document of a stream
    source: str
    content_hash: str  # sha256 of the source's bytes: a rerun skips a source whose hash is known
    status: str
    format: str | None = None  # the published document's format (pdf, docx …), None for JSON data
    reason_en: str | None = None  # why the document is unusable
    reason_zh: str | None = None
    report: dict[str, Any] | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)  # the parse log's entries
    seconds: float = 0.0
    timed_out: bool = False  # unusable because reading it overran the per-document time limit


@cache
def _pipeline() -> Any:
    """One pipeline per process (a Dask worker keeps its compiled validator for every task)."""
    from zfxxgk.pipeline import Pipeline

    return Pipeline()


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """The content hash of a file, read a megabyte at a time (memory stays flat for any size)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def records_of_path(path: Path) -> list[Record]:
    """Every document of the file at ``path``, checked; an unreadable file is one unusable record."""
    from zfxxgk.errors import InputError
    from zfxxgk.inputs import read_bounded

    start = time.perf_counter()
    try:
        data = read_bounded(path)  # refused beyond the input size limit, before reading it
    except InputError as error:
        return [unusable_record(str(path), "", error.describe("en"), error.describe("zh"))]
    except OSError as error:
        return [unusable_record(str(path), "", f"cannot read the file: {error.strerror or error}",
                                f"无法读取文件：{error.strerror or error}")]
    return records_of_bytes(data, str(path), start)


def records_of_bytes(data: bytes, source: str, start: float | None = None) -> list[Record]:
    start = time.perf_counter() if start is None else start
    digest = content_hash(data)
    suffix = Path(source).suffix.lower()
    loaded = list(_load(data, source, suffix))
    records = []
    for index, one in enumerate(loaded):
        report_id = digest[:16] if len(loaded) == 1 else f"{digest[:16]}#{index + 1}"
        records.append(_record(one, report_id, digest))
    elapsed = (time.perf_counter() - start) / max(len(records), 1)
    for record in records:
        record.seconds = elapsed
    return records


def _load(data: bytes, source: str, suffix: str) -> Any:
    from zfxxgk.inputs import DOCUMENT_FORMATS
    from zfxxgk.loading import DATA_FORMATS

    if suffix in DATA_FORMATS or suffix in DOCUMENT_FORMATS:
        return load_bytes(data, source, DATA_FORMATS.get(suffix) or DOCUMENT_FORMATS[suffix])
    return load_path(Path(source))  # says why the file type is not read


def unusable_record(source: str, digest: str, reason_en: str, reason_zh: str) -> Record:
    return Record(report_id=digest[:16], source=source, content_hash=digest, status="unusable",
                  reason_en=reason_en, reason_zh=reason_zh)


def _record(loaded: Loaded, report_id: str, digest: str) -> Record:
    if loaded.error is not None:
        return Record(report_id, loaded.source, digest, "unusable", reason_en=loaded.error.describe("en"),
                      reason_zh=loaded.error.describe("zh"))
    result = check(loaded)
    parse = loaded.parse
    return Record(
        report_id, loaded.source, digest, "valid" if result.valid else "invalid",
        format=parse.format if parse is not None else None, report=result.document,
        findings=[finding.to_dict() for finding in result.findings],
        log=[entry.to_dict() for entry in parse.log] if parse is not None else [],
    )


def check(loaded: Loaded, previous: Any = None) -> Result:
    """The findings for one readable document, as ``zfxxgk validate`` gives them (the pipeline's)."""
    return _pipeline().check(loaded, previous)


@dataclass
class Sources:
    """The files under the command line's paths: each to be read, or unusable already with its reason
    (a path that is not there, a dangling link), and the files of other kinds passed over."""

    files: list[Path] = field(default_factory=list)
    unusable: list[Record] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def expand(paths: list[Path]) -> Sources:
    from zfxxgk.inputs import KNOWN, missing, walk

    out = Sources()
    for path in paths:
        if path.is_dir():
            entries = list(walk(path))
            if not entries:
                out.unusable.append(unusable_record(str(path), "", "directory holds no file", "目录中没有文件"))
            for entry in entries:
                if isinstance(entry, Loaded):
                    assert entry.error is not None
                    out.unusable.append(unusable_record(entry.source, "", entry.error.describe("en"),
                                                        entry.error.describe("zh")))
                elif entry.suffix.lower() in KNOWN:
                    out.files.append(entry)
                else:
                    out.skipped.append(str(entry))
        elif (error := missing(path)) is not None:
            out.unusable.append(unusable_record(str(path), "", error.describe("en"), error.describe("zh")))
        else:
            out.files.append(path)  # named on the command line: read, or said why not
    return out
