"""Bad requests get the status the API promises and a bilingual message; uploads never touch the disk;
a full worker pool answers 503."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import anyio
import httpx
import pytest

from tests.conftest import EXAMPLES
from tests.serve.conftest import JIYUAN, ApiClient, cli
from zfxxgk.serve import create_app, engine
from zfxxgk.serve.app import Pool
from zfxxgk.serve.engine import Refused


def error(response: object) -> dict[str, object]:
    body = response.json()["error"]  # type: ignore[attr-defined]
    assert body["message_en"] and body["message_zh"]
    return body


def test_an_unsupported_type_is_415(client: ApiClient) -> None:
    response = client.post("/v1/validate", files={"file": ("report.exe", b"MZ")})
    assert response.status_code == 415
    assert "unsupported file type .exe" in error(response)["message_en"]


def test_parse_of_standard_data_is_415(client: ApiClient) -> None:
    sample = EXAMPLES / "valid" / "jiyuan-sfj-2021.json"
    assert client.post("/v1/parse", files={"file": (sample.name, sample.read_bytes())}).status_code == 415


@pytest.mark.parametrize("request_options", [
    {"files": {"report": ("a.txt", b"x")}},  # no part named file
    {"data": {"agency": "x"}, "files": {"year": (None, b"2021")}},  # a form without any file
    {"content": b"--x\r\nnot a form", "headers": {"content-type": "multipart/form-data; boundary=y"}},
    {"content": b"abc", "headers": {"content-type": "multipart/form-data"}},  # no boundary
], ids=["no-file-part", "no-file", "malformed", "no-boundary"])
def test_a_malformed_form_is_400(client: ApiClient, request_options: dict) -> None:
    response = client.post("/v1/validate", **request_options)
    assert response.status_code == 400
    error(response)


@pytest.mark.parametrize("year", ["1999", "next", "99999"])
def test_a_year_out_of_bounds_is_400(client: ApiClient, year: str) -> None:
    response = client.post(f"/v1/validate?year={year}", files={"file": (JIYUAN.name, JIYUAN.read_bytes())})
    assert response.status_code == 400 and "year" in error(response)["message_en"]


def test_unusable_input_is_422_with_the_cli_document(client: ApiClient, tmp_path: Path) -> None:
    broken = tmp_path / "src" / "broken.json"
    broken.parent.mkdir()
    broken.write_bytes(b'{"edition": "2021", ')
    exit_code, expected = cli(["validate", "broken.json", "--format", "json"], [broken], tmp_path)
    response = client.post("/v1/validate", files={"file": ("broken.json", broken.read_bytes())})
    assert exit_code == 2
    assert response.status_code == 422 and response.content == expected
    assert response.json()["results"][0]["findings"][0]["code"] == "S001"


def test_a_text_with_no_report_is_422_for_parse(client: ApiClient) -> None:
    response = client.post("/v1/parse", files={"file": ("notes.txt", "这不是年度报告。\n".encode())})
    assert response.status_code == 422
    assert error(response)["message_en"].startswith("notes.txt")


@pytest.mark.usefixtures("small_inputs")
@pytest.mark.parametrize("form", [True, False], ids=["form", "raw"])
def test_beyond_the_input_size_limit_is_413(client: ApiClient, form: bool) -> None:
    data = b"x" * 5000
    if form:
        response = client.post("/v1/validate", files={"file": ("big.txt", data)})
    else:
        response = client.post("/v1/validate?filename=big.txt", content=data)
    assert response.status_code == 413
    assert "--max-input-size" in error(response)["message_en"]  # the limit the CLI shares


def test_uploads_are_never_written_to_disk(client: ApiClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Starlette's form parser spools a file of more than 1 MB to a temporary file: not here."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload was about to be written to a temporary file")

    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    padding = "\n" + "。" * 1_000_000  # 3 MB of text after the report
    data = JIYUAN.read_bytes() + padding.encode()
    response = client.post("/v1/validate", files={"file": (JIYUAN.name, data)})
    assert response.status_code == 200
    assert response.json()["results"][0]["source"] == JIYUAN.name


def test_a_full_pool_answers_503() -> None:
    async def scenario() -> list[int]:
        pool = Pool(workers=1, queue=0)
        release = anyio.Event()
        statuses: list[int] = []
        lanes = ["documents", "data", "documents"]

        def wait() -> int:
            anyio.from_thread.run(release.wait)
            return 200

        async def one() -> None:
            try:
                statuses.append(await pool.run(wait, lane=lanes.pop()))
            except Refused as exc:
                statuses.append(exc.status)

        async with anyio.create_task_group() as group:
            group.start_soon(one)
            group.start_soon(one)
            await anyio.sleep(0.2)  # one running in each lane: the third finds the pool full
            await one()
            release.set()
        return statuses

    assert sorted(anyio.run(scenario)) == [200, 200, 503]


def test_standard_data_does_not_wait_behind_documents() -> None:
    async def scenario() -> str:
        pool = Pool(workers=1, queue=4)
        release = anyio.Event()
        order: list[str] = []

        def slow_pdf() -> None:
            anyio.from_thread.run(release.wait)
            order.append("pdf")

        async with anyio.create_task_group() as group:
            group.start_soon(pool.run, slow_pdf)  # the only documents worker is taken
            await anyio.sleep(0.1)
            await pool.run(order.append, "json", lane="data")
            release.set()
        return ",".join(order)

    assert anyio.run(scenario) == "json,pdf"


def test_a_bug_is_500_with_a_plain_bilingual_message_and_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    # The server sends the handler's answer and then re-raises for its log: the in-process
    # transport is told not to raise it into the test, as a real client would not see it.
    def broken(*_: object) -> object:
        raise KeyError("a secret path /home/agency/report.docx")

    monkeypatch.setattr(engine, "validate", broken)
    app = create_app(workers=1, queue=1)

    async def scenario() -> tuple[int, bytes]:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://zfxxgk.test") as http:
            response = await http.post("/v1/validate", files={"file": (JIYUAN.name, JIYUAN.read_bytes())})
            return response.status_code, response.content

    status, body = anyio.run(scenario)
    assert status == 500
    message = json.loads(body)["error"]
    assert message["message_en"].startswith("internal error (KeyError)")
    assert message["message_zh"].startswith("内部错误（KeyError）")
    assert b"Traceback" not in body and b"secret" not in body
