"""The web application: the /v1 HTTP API, its OpenAPI document and docs page, and the checker page.

Routes only receive, dispatch and answer; the work is done by ``zfxxgk.serve.engine`` in a bounded pool
of worker threads, so that one slow PDF takes one worker while the others go on, and a flood of
uploads is answered 503 rather than held in memory without bound.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from zfxxgk import __version__
from zfxxgk.serve import engine
from zfxxgk.serve.engine import Refused
from zfxxgk.serve.uploads import Received, receive

T = TypeVar("T")
JSON = "application/json"
STATIC = resources.files("zfxxgk.serve").joinpath("static")

UPLOAD_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": "The report: standard data (.json, .jsonl, "
                 ".yaml) or a published report (.txt, .md, .html, .docx, .pdf, .xlsx; .doc, .wps, .rtf, .odt "
                 "with LibreOffice). Its file name tells its format."},
        "previous": {"type": "string", "format": "binary", "description": "Last year's report of the same agency "
                     "(validate, check): the cross-year checks."},
        "agency": {"type": "string", "description": "机关名称 for a published report that does not print it."},
        "year": {"type": "string", "description": "报告年度 for a published report that does not print it."}}}},
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"},
                                 "description": "The file's bytes as the body; ?filename= names it."}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed request (a broken form, no file part, a bad agency or year)."},
    413: {"description": "The upload is beyond the input size limit (the CLI's --max-input-size)."},
    415: {"description": "No reader takes a file of that type."},
    422: {"description": "Unusable input: the body says why (for validate, the CLI's document with its S001 finding)."},
    503: {"description": "Every worker is busy and the queue is full: try again shortly (Retry-After)."},
}


class Pool:
    """At most ``workers`` published documents and ``workers`` standard-data uploads processed at once,
    ``queue`` more waiting; beyond that, 503. Standard data (JSON, YAML) has a lane of its own: a check
    that takes milliseconds never waits behind PDFs that take seconds."""

    def __init__(self, workers: int, queue: int) -> None:
        self.lanes = {"documents": anyio.CapacityLimiter(workers), "data": anyio.CapacityLimiter(workers)}
        self.workers = workers
        self.most = 2 * workers + queue
        self.active = 0

    async def run(self, fn: Callable[..., T], *args: Any, lane: str = "documents") -> T:
        if self.active >= self.most:
            raise Refused(503, "the server is busy: every worker is taken and the queue is full; try again",
                          "服务器繁忙：所有处理进程均在工作且队列已满，请稍后重试")
        self.active += 1
        try:
            return await anyio.to_thread.run_sync(fn, *args, limiter=self.lanes[lane])
        finally:
            self.active -= 1


def _lane(got: Received) -> str:
    data = {got.upload.fmt} | ({got.previous.fmt} if got.previous else set())
    return "data" if data <= {"json", "jsonl", "yaml"} else "documents"


def _json(body: bytes, status: int = 200) -> Response:
    return Response(body, status_code=status, media_type=JSON)


def create_app(workers: int = 2, queue: int = 8) -> FastAPI:
    """The application: ``workers`` uploads processed at once, ``queue`` more waiting."""
    app = FastAPI(title="zfxxgk", version=__version__, openapi_url="/v1/openapi.json", docs_url=None,
                  redoc_url=None, description="Validate and parse 政府信息公开工作年度报告 (PRC government "
                  "information disclosure annual reports). Responses are the documents of the zfxxgk command "
                  "line, byte for byte. Uploads are held in memory only, never stored.")
    pool = Pool(workers, queue)
    app.state.pool = pool
    _errors(app)
    _report_routes(app, pool)
    _standard_routes(app)
    _pages(app)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(Refused)
    async def refused(_: Request, exc: Refused) -> Response:
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        return Response(exc.body(), status_code=exc.status, media_type=JSON, headers=headers)

    @app.exception_handler(Exception)
    async def failed(_: Request, exc: Exception) -> Response:  # a bug: said plainly, no traceback to the client
        return _json(Refused(500, f"internal error ({type(exc).__name__}); please report it to the zfxxgk developers",
                             f"内部错误（{type(exc).__name__}）；请报告给 zfxxgk 开发者").body(), 500)


async def _received(request: Request, agency: str | None, year: str | None) -> tuple[Received, Any]:
    got = await receive(request)
    meta = engine.stated(got.fields.get("agency", agency), got.fields.get("year", year))
    return got, meta


def _report_routes(app: FastAPI, pool: Pool) -> None:
    @app.get("/v1/health", tags=["service"])
    async def health() -> dict[str, Any]:
        """Liveness: the version, the standard's schema version, and the workers busy."""
        return {"status": "ok", "version": __version__, "schema_version": engine.schema_version(),
                "busy": pool.active, "workers": pool.workers}

    @app.post("/v1/validate", tags=["reports"], openapi_extra=UPLOAD_BODY, responses=ERRORS)
    async def validate(request: Request, filename: str | None = Query(None, description="Name of a raw-body upload."),
                       agency: str | None = None, year: str | None = None) -> Response:
        """Validate a report: exactly `zfxxgk validate FILE [--previous PREV] --format json`."""
        got, meta = await _received(request, agency, year)
        outcome = await pool.run(engine.validate, got.upload, got.previous, meta, lane=_lane(got))
        return _json(outcome.body, outcome.status)

    @app.post("/v1/parse", tags=["reports"], openapi_extra=UPLOAD_BODY, responses=ERRORS)
    async def parse(request: Request, filename: str | None = Query(None, description="Name of a raw-body upload."),
                    agency: str | None = None, year: str | None = None) -> Response:
        """Parse a published report into the standard: exactly the `<name>.json` of `zfxxgk parse`."""
        got, meta = await _received(request, agency, year)
        return _json((await pool.run(engine.parse, got.upload, meta))[0])

    @app.post("/v1/parse-log", tags=["reports"], openapi_extra=UPLOAD_BODY, responses=ERRORS)
    async def parse_log(request: Request, filename: str | None = Query(None, description="Name of a raw-body upload."),
                        agency: str | None = None, year: str | None = None) -> Response:
        """How a published report was read: exactly the `<name>.parse-log.json` of `zfxxgk parse`."""
        got, meta = await _received(request, agency, year)
        return _json((await pool.run(engine.parse, got.upload, meta))[1])

    @app.post("/v1/check", tags=["page"], openapi_extra=UPLOAD_BODY, responses=ERRORS)
    async def check(request: Request, filename: str | None = Query(None, description="Name of a raw-body upload."),
                    agency: str | None = None, year: str | None = None) -> JSONResponse:
        """Everything the page shows from one read: the validation document, the report and the parse log
        (as the CLI's exact texts), the official layout as HTML, and the official labels of the cells named."""
        got, meta = await _received(request, agency, year)
        bundle = await pool.run(engine.check, got.upload, got.previous, meta, lane=_lane(got))
        return JSONResponse(bundle)


def _standard_routes(app: FastAPI) -> None:
    @app.get("/v1/rules", tags=["standard"])
    async def rules() -> Response:
        """The rule catalog: exactly `zfxxgk rules --format json`."""
        return _json(engine.rules_list())

    @app.get("/v1/rules/{code}", tags=["standard"], responses={404: {"description": "No rule has that code."}})
    async def rule(code: str) -> Response:
        """One rule explained: exactly `zfxxgk rules CODE --format json`."""
        body = engine.rule(code)
        if body is None:
            return _json(Refused(404, f"unknown rule {code}", f"没有规则 {code}").body(), 404)
        return _json(body)

    @app.get("/v1/standard", tags=["standard"])
    async def standard() -> dict[str, Any]:
        """The files of the standard served here, for the schema version of this server."""
        version = engine.schema_version()
        return {"schema_version": version, "files": [f"/v1/standard/{version}/{n}" for n in engine.STANDARD_FILES]}

    @app.get("/v1/standard/{version}/{name}", tags=["standard"],
             responses={404: {"description": "Another schema version, or no such file."}})
    async def standard_file(version: str, name: str) -> Response:
        """The JSON Schema, the rules (rules.json), the layout or the parse-log schema, as shipped."""
        body = engine.standard_file(name) if version == engine.schema_version() else None
        if body is None:
            return _json(Refused(404, f"no {name} for schema version {version} here (this server has "
                                 f"{engine.schema_version()})", f"此处没有版本 {version} 的 {name}").body(), 404)
        return _json(body)


def _pages(app: FastAPI) -> None:
    @app.get("/v1/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(STATIC.joinpath("docs.html").read_text(encoding="utf-8"))

    @app.get("/", include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(STATIC.joinpath("index.html").read_text(encoding="utf-8"))

    app.mount("/static", StaticFiles(packages=[("zfxxgk.serve", "static")]), name="static")
