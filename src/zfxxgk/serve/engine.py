"""The one place where the server calls zfxxgk's internals: loading, parsing, validating, rendering.

Everything here is synchronous and works on bytes held in memory; the web layer runs it in its worker
pool. Each function gives back exactly the documents the command line writes (``zfxxgk validate
--format json``, the ``<name>.json`` and ``<name>.parse-log.json`` of ``zfxxgk parse``, ``zfxxgk rules
--format json``), as bytes, through the same library pipeline (``zfxxgk.pipeline``), so that the API
and the CLI cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from zfxxgk import __version__
from zfxxgk.cli_output import Tally, json_bytes
from zfxxgk.errors import InputError
from zfxxgk.inputs import DOCUMENT_FORMATS, KNOWN, load_bytes, unexpected
from zfxxgk.loading import DATA_FORMATS, Loaded
from zfxxgk.pipeline import Pipeline, unusable
from zfxxgk.validate.findings import Result


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its bytes (never written to disk), the name it is reported under, its format
    (None: told from the content, as for stdin)."""

    data: bytes
    name: str
    fmt: str | None


@dataclass(frozen=True)
class Outcome:
    """An HTTP status and a JSON body (bytes exactly as the CLI writes them)."""

    status: int
    body: bytes


class Refused(Exception):
    """A request the API refuses before any work: its status (400, 413, 415, 422) and messages."""

    def __init__(self, status: int, message_en: str, message_zh: str) -> None:
        super().__init__(message_en)
        self.status, self.message_en, self.message_zh = status, message_en, message_zh

    @classmethod
    def of(cls, status: int, exc: InputError) -> Refused:
        return cls(status, exc.describe("en"), exc.describe("zh"))

    def body(self) -> bytes:
        return json_bytes({"error": {"status": self.status, "message_en": self.message_en,
                                     "message_zh": self.message_zh}}, indent=True) + b"\n"


def format_of(name: str) -> str | None:
    """The format of an upload from its file name, None for a name without a suffix (sniffed like
    stdin); ``Refused`` (415) for a suffix that no reader takes."""
    suffix = PurePath(name).suffix.lower()
    if not suffix:
        return None
    if suffix not in KNOWN:
        raise Refused(415, f"{name}: unsupported file type {suffix}: use .json, .jsonl, .yaml, .txt, .md, .html, "
                      ".docx, .pdf, .doc, .wps, .rtf, .odt or .xlsx",
                      f"{name}：不支持的文件类型 {suffix}：请使用 .json、.jsonl、.yaml、.txt、.md、.html、"
                      ".docx、.pdf、.doc、.wps、.rtf、.odt 或 .xlsx")
    return DATA_FORMATS.get(suffix) or DOCUMENT_FORMATS[suffix]


def stated(agency: str | None, year: str | None) -> Any:
    """The metadata a user states for reports that do not print it (the CLI's --agency, --year),
    checked against the schema's bounds; ``Refused`` (400) when out of them."""
    from zfxxgk.importer.metadata import Stated
    from zfxxgk.resources import json_schema

    if agency is not None and not agency.strip():
        raise Refused(400, "agency: an agency name is needed", "agency：机关名称不能为空")
    number = None
    if year is not None and year.strip():
        bounds = json_schema()["$defs"]["Report"]["properties"]["report_year"]
        low, high = bounds["minimum"], bounds["maximum"]
        if not year.strip().isdigit() or not low <= int(year) <= high:
            raise Refused(400, f"year: {year!r} is not a report year ({low}–{high})",
                          f"year：{year!r} 不是报告年度（应在 {low}–{high} 之间）")
        number = int(year)
    if agency is None and number is None:
        return None
    return Stated(agency.strip() if agency else None, number)


def _loaded(upload: Upload, stated_meta: Any, typed: bool = True) -> list[Loaded]:
    return list(load_bytes(upload.data, upload.name, upload.fmt, typed, stated_meta))


def previous_report(pipeline: Pipeline, upload: Upload) -> Any:
    """Last year's report as the CLI's --previous reads it (``Pipeline.load_previous``): one readable
    report without errors, else ``Refused`` (422) saying why."""
    loaded = _loaded(upload, pipeline.stated, typed=False)
    if len(loaded) != 1:
        raise Refused(422, f"previous: {upload.name}: one report expected, found {len(loaded)}",
                      f"previous：{upload.name}：应为一份报告，实有 {len(loaded)} 份")
    if loaded[0].error is not None:
        finding = unusable(loaded[0]).findings[0]
        raise Refused(422, "previous: " + finding.message_en, "previous：" + finding.message_zh)
    result = pipeline.check(loaded[0])
    if not result.valid:
        codes = ", ".join(sorted({f.code for f in result.errors}))
        raise Refused(422, f"previous {upload.name}: last year's report has errors ({codes})",
                      f"previous {upload.name}：上年度报告本身有错误（{codes}）")
    return result.report


def _validation(pipeline: Pipeline, loaded: list[Loaded], previous: Any) -> tuple[list[Result], Outcome]:
    """The results of ``loaded`` and the CLI's ``validate --format json`` document of them."""
    tally = Tally()
    results = list(pipeline.results(loaded, previous))
    for result in results:
        tally.add(result)
    if pipeline.mismatches:  # the CLI writes the document and exits 2: the API refuses the pairing outright
        raise Refused(422, "; ".join(m.describe("en") for m in pipeline.mismatches),
                      "；".join(m.describe("zh") for m in pipeline.mismatches))
    body = json_bytes({"results": [r.to_dict() for r in results], "summary": tally.to_dict()}, indent=True) + b"\n"
    return results, Outcome(422 if tally.unusable else 200, body)


def validate(upload: Upload, previous: Upload | None = None, stated_meta: Any = None) -> Outcome:
    """``zfxxgk validate FILE [--previous PREV] --format json``: 200, or 422 when some input is unusable
    (the body is then the same document, whose S001 finding says why)."""
    pipeline = Pipeline(stated=stated_meta)
    prev = previous_report(pipeline, previous) if previous is not None else None
    return _validation(pipeline, _loaded(upload, stated_meta), prev)[1]


def parse(upload: Upload, stated_meta: Any = None) -> tuple[bytes, bytes]:
    """``zfxxgk parse FILE``: the bytes of ``<name>.json`` and of ``<name>.parse-log.json``;
    ``Refused`` (422) when the document cannot be read as a report."""
    from zfxxgk.importer import parse_bytes

    if upload.fmt in ("json", "jsonl", "yaml"):
        raise Refused(415, f"{upload.name}: already standard data; parse reads published reports "
                      "(.txt, .md, .html, .docx, .pdf, .xlsx …)",
                      f"{upload.name}：已是标准数据；parse 读取已发布的报告（.txt、.md、.html、.docx、.pdf、.xlsx 等）")
    try:
        result = parse_bytes(upload.data, upload.name, upload.fmt, stated_meta)
    except InputError as exc:
        raise Refused.of(422, exc) from None
    except Exception as exc:  # a reader's bug: named like the CLI names it, never a traceback  # noqa: BLE001
        raise Refused.of(422, unexpected(upload.name, exc)) from None
    return (json_bytes(result.report, indent=True) + b"\n", json_bytes(result.to_log_dict(), indent=True) + b"\n")


def check(upload: Upload, previous: Upload | None = None, stated_meta: Any = None) -> dict[str, Any]:
    """What the page shows, from one read of the upload: the validation document, the report, the parse
    log (each as the exact bytes the CLI writes, decoded), the official layout as HTML with every
    value cell's pointer, and the official labels of every cell the findings and the log name."""
    pipeline = Pipeline(stated=stated_meta)
    prev = previous_report(pipeline, previous) if previous is not None else None
    loaded = _loaded(upload, stated_meta)
    results, outcome = _validation(pipeline, loaded[:1], prev)
    first, result = loaded[0], results[0]
    document = result.document if first.error is None else None
    parse_log = first.parse.to_log_dict() if first.parse is not None else None
    layout_html, layout_error = _layout_html(document)
    pointers = {p for f in result.findings for p in f.pointers}
    pointers |= {e["pointer"] for e in (parse_log or {}).get("entries", []) if e["pointer"]}
    return {
        "version": __version__, "source": upload.name, "status": outcome.status, "reports_in_file": len(loaded),
        "validation": outcome.body.decode("utf-8"),
        "report": (json_bytes(document, indent=True) + b"\n").decode("utf-8") if document is not None else None,
        "parse_log": (json_bytes(parse_log, indent=True) + b"\n").decode("utf-8") if parse_log else None,
        "layout": layout_html, "layout_error": layout_error,
        "labels": official_labels(document, sorted(pointers)) if document else {},
    }


def _layout_html(document: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """The report in the official layout (the renderer's HTML, without its page), or why it cannot be."""
    from zfxxgk.render import build_document
    from zfxxgk.render.html import render_fragment

    if document is None:
        return None, None
    try:
        return render_fragment(build_document(document)), None
    except (ValueError, KeyError, TypeError) as exc:  # RenderError is a ValueError: a report too broken to print
        return None, str(exc)


def official_labels(document: dict[str, Any], pointers: list[str]) -> dict[str, dict[str, Any]]:
    """For each pointer, the official title of its table (None for a top-level field) and the official
    labels from the table down to the cell (or row), with their English labels (``table_en``,
    ``path_en``): how the page names a place instead of a pointer."""
    from zfxxgk.layout import EDITIONS, layout

    edition = document.get("edition")
    if edition not in EDITIONS:
        return {}
    lay = layout(edition)
    known: dict[str, dict[str, Any]] = {
        f.pointer: {"table": None, "path": [f.title], "table_en": None, "path_en": [f.title_en]} for f in lay.fields}

    def walk(node: Any, path: tuple[str, ...], path_en: tuple[str, ...], table: Any) -> None:
        here, here_en = (*path, node.title), (*path_en, node.title_en)
        known[node.pointer] = {"table": table.title, "path": list(here[1:]), "table_en": table.title_en,
                               "path_en": list(here_en[1:])}
        for child in node.children:
            if hasattr(child, "children"):
                walk(child, here, here_en, table)
            else:
                known[child.pointer] = {"table": table.title, "path": list(child.title_path[1:]),
                                        "table_en": table.title_en, "path_en": list(child.title_path_en[1:])}

    for table in lay.tables:
        walk(table, (), (), table)
    out = {}
    for pointer in pointers:
        # a pointer below a known place (a unit beside its amount) takes that place's labels
        base = pointer
        while base and base not in known:
            base = base.rpartition("/")[0]
        if base:
            out[pointer] = known[base]
    return out


def rules_list() -> bytes:
    """``zfxxgk rules --format json``."""
    from zfxxgk.catalog import catalog

    return json_bytes([r.data for r in catalog().rules.values()], indent=True) + b"\n"


def rule(code: str) -> bytes | None:
    """``zfxxgk rules CODE --format json``, None for an unknown code."""
    from zfxxgk.catalog import catalog

    found = catalog().rules.get(code.upper())
    return json_bytes(found.data, indent=True) + b"\n" if found else None


STANDARD_FILES = ("zfxxgk.schema.json", "rules.json", "layout.json", "parse-log.schema.json")


def schema_version() -> str:
    from zfxxgk.resources import layout_data

    return str(layout_data()["schema_version"])


def standard_file(name: str) -> bytes | None:
    """A generated artifact of the standard, byte for byte as shipped in the package."""
    from importlib import resources

    if name not in STANDARD_FILES:
        return None
    return resources.files("zfxxgk.generated").joinpath(name).read_bytes()


def input_limit() -> int:
    """The input size limit in force (shared with the CLI: its options and environment variables)."""
    from zfxxgk.limits import current

    return current().input_size


def limit_error(source: str, size: int) -> Refused:
    """413 for an upload beyond the input size limit, with the CLI's message."""
    from zfxxgk.limits import LimitError

    return Refused.of(413, LimitError(source, "input_size", f"the upload has more than {size:,} bytes",
                                      f"上传内容超过 {size:,} 字节"))
