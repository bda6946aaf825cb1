"""Reading an upload into memory, bounded by the input size limit, and never onto disk.

Two ways to send a file: the raw bytes as the request body (``?filename=report.pdf`` names it), or a
``multipart/form-data`` form with a ``file`` part (and optionally ``previous``, ``agency``, ``year``),
as ``curl -F`` and HTML forms send. Starlette's own form parser spools large files to a temporary
file on disk; drafts are not public yet, so the form is parsed here, in memory, with python-multipart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from zfxxgk.serve.engine import Refused, Upload, format_of, input_limit, limit_error

FORM_OVERHEAD = 64 * 1024  # boundaries, part headers and small fields around at most two files
FIELDS = ("file", "previous", "agency", "year")


@dataclass
class Received:
    """What a request carried: the report, last year's report, and the stated metadata."""

    upload: Upload
    previous: Upload | None = None
    fields: dict[str, str] = field(default_factory=dict)


async def read_body(request: Request, most: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``most`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > most:
        raise limit_error("upload", most)
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > most:
            raise limit_error("upload", most)
        chunks.append(chunk)
    return b"".join(chunks)


def safe_name(raw: str | None, fallback: str) -> str:
    """The file name a report is known by in the results: its last component, no control characters."""
    name = PurePath((raw or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:200] or fallback


async def receive(request: Request) -> Received:
    """The upload of ``request``; ``Refused`` with 400 (malformed), 413 (too large) or 415 (no reader)."""
    limit = input_limit()
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type == b"multipart/form-data":
        boundary = params.get(b"boundary")
        if not boundary:
            raise Refused(400, "multipart/form-data without a boundary", "multipart/form-data 缺少 boundary")
        body = await read_body(request, 2 * limit + FORM_OVERHEAD)
        parts = _parse_form(body, boundary)
        if "file" not in parts or parts["file"][0] is None:
            raise Refused(400, "the form has no file part named 'file'", "表单中没有名为 file 的文件")
        upload = _upload(parts["file"], limit)
        previous = _upload(parts["previous"], limit) if parts.get("previous", (None, b""))[1] else None
        fields = {k: v.decode("utf-8", "replace") for k, (name, v) in parts.items() if name is None}
        return Received(upload, previous, fields)
    body = await read_body(request, limit)
    name = safe_name(request.query_params.get("filename"), "upload")
    return Received(Upload(body, name, format_of(name)))


def _upload(part: tuple[str | None, bytes], limit: int) -> Upload:
    filename, data = part
    name = safe_name(filename, "upload")
    if len(data) > limit:
        raise limit_error(name, limit)
    return Upload(data, name, format_of(name))


def _parse_form(body: bytes, boundary: bytes) -> dict[str, tuple[str | None, bytes]]:
    """The parts of a form by name: (file name or None for a plain field, bytes)."""
    parts: dict[str, tuple[str | None, bytes]] = {}
    current: dict[str, object] = {}
    header: list[bytes] = [b"", b""]

    def on_part_begin() -> None:
        current.clear()
        current.update(headers={}, data=bytearray())

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header[0] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header[1] += data[start:end]

    def on_header_end() -> None:
        current["headers"][header[0].lower()] = header[1]  # type: ignore[index]
        header[0], header[1] = b"", b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        current["data"] += data[start:end]  # type: ignore[operator]

    def on_part_end() -> None:
        disposition = current["headers"].get(b"content-disposition", b"")  # type: ignore[attr-defined]
        kind, options = parse_options_header(disposition)
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if kind != b"form-data" or name not in FIELDS or name in parts:
            raise Refused(400, f"unexpected form part {name!r} (known: {', '.join(FIELDS)}, each once)",
                          f"表单部分 {name!r} 无法识别（可用：{', '.join(FIELDS)}，各一次）")
        filename = options.get(b"filename")
        parts[name] = (filename.decode("utf-8", "replace") if filename is not None else None,
                       bytes(current["data"]))  # type: ignore[arg-type]

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_part_data": on_part_data, "on_part_end": on_part_end,
        "on_header_field": on_header_field, "on_header_value": on_header_value, "on_header_end": on_header_end,
    })
    try:
        parser.write(body)
        parser.finalize()
    except Refused:
        raise
    except Exception as exc:  # python-multipart's parse errors: the form is malformed  # noqa: BLE001
        raise Refused(400, f"malformed multipart/form-data: {exc}", f"multipart/form-data 格式错误：{exc}") from None
    return parts
