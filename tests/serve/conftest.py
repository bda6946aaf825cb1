"""Fixtures of the server tests: the application in-process (httpx through Starlette's ApiClient), and
the CLI's own output for the same file, to compare byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from typer.testing import CliRunner

from zfxxgk import limits
from zfxxgk.cli import app as cli_app
from zfxxgk.serve import create_app

ROOT = Path(__file__).resolve().parents[2]
JIYUAN = ROOT / "tests" / "data" / "jiyuan-sfj-2021.txt"


class ApiClient:
    """httpx talking to the application in-process (no socket), driven from synchronous tests."""

    def __init__(self, portal: BlockingPortal, app: Any) -> None:
        self.portal = portal
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://zfxxgk.test")

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        return self.portal.call(partial(self.client.request, method, url, **options))

    def get(self, url: str, **options: Any) -> httpx.Response:
        return self.request("GET", url, **options)

    def post(self, url: str, **options: Any) -> httpx.Response:
        return self.request("POST", url, **options)


@pytest.fixture(scope="module")
def client() -> Iterator[ApiClient]:
    with start_blocking_portal() as portal:
        test_client = ApiClient(portal, create_app(workers=2, queue=8))
        yield test_client
        portal.call(test_client.client.aclose)


@pytest.fixture
def small_inputs() -> Iterator[None]:
    """An input size limit of 4 KiB for one test, as ``zfxxgk --max-input-size 4K serve`` would set."""
    before = limits.current()
    limits.override(input_size=4096)
    yield
    limits.set_limits(before)


def cli(args: list[str], files: list[Path], where: Path) -> tuple[int, bytes]:
    """The CLI run on copies of ``files`` in ``where``, named by their bare names as an upload is."""
    for path in files:
        shutil.copy(path, where / path.name)
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(where)
        result = runner.invoke(cli_app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout_bytes
