"""The checker page in a real browser: Debian's Chromium (package ``chromium``, which .ci/run installs)
driven by Playwright against ``zfxxgk serve`` on loopback. Screenshots are kept as test artifacts in
test-artifacts/serve/ (or $ZFXXGK_TEST_ARTIFACTS)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.conftest import EXAMPLES
from tests.serve.conftest import JIYUAN, ROOT, cli
from zfxxgk.serve import create_app

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Skipped without the browser, except in CI (CI=true), where .ci/run installs it: there its absence fails.
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="the browser tests need Debian's chromium (apt-get install chromium; .ci/run does)")
# As root and on a machine with no network: no sandbox, and none of Chromium's own connections.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("ZFXXGK_TEST_ARTIFACTS", ROOT / "test-artifacts")) / "serve"
GRANTED = "/table3/results/granted/"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)  # never a downloaded browser
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, base_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000},  # type: ignore[attr-defined]
                                  accept_downloads=True)
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda r: opened.requests.append(r.url))
    opened.goto(base_url + "/")
    yield opened
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def drop(page: object, path: Path) -> None:
    """Drop ``path`` on the drop zone as a user dragging it from the file manager does."""
    transfer = page.evaluate_handle(  # type: ignore[attr-defined]
        """([name, bytes]) => { const t = new DataTransfer();
             t.items.add(new File([new Uint8Array(bytes)], name)); return t; }""", [path.name, list(path.read_bytes())])
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})  # type: ignore[attr-defined]
    page.wait_for_selector("#verdict")  # type: ignore[attr-defined]


def test_dropping_the_jiyuan_report_shows_its_blank_cells_and_repairs(page: object) -> None:
    drop(page, JIYUAN)
    assert page.inner_text("#verdict") == "有效"  # type: ignore[attr-defined]
    blank = page.locator("td.sev-warning")  # type: ignore[attr-defined]
    assert blank.count() == 6
    for i in range(6):
        cell = blank.nth(i)
        assert cell.get_attribute("data-pointer").startswith(GRANTED)
        assert cell.inner_text() == ""  # printed blank: nothing is invented
        tip = cell.get_attribute("title")
        assert "W106" in tip and "已修复 (P303)" in tip
        assert "三、本年度办理\t(一) 予以公开" in tip  # the printed source line, on hover
    assert page.locator("td.kind-repair").count() > 6  # type: ignore[attr-defined]
    table3 = page.locator(".group", has=page.locator("h3", has_text="三、收到和处理政府信息公开申请情况"))  # type: ignore[attr-defined]
    assert table3.locator('[data-rule="W106"] li').count() == 6
    assert "“三、本年度办理结果 / （一）予以公开”行“自然人”列为空白" in table3.locator('[data-rule="W106"]').inner_text()
    assert table3.locator('[data-rule="P303"]').count() == 1
    page.locator(f'td[data-pointer="{GRANTED}natural_person"]').scroll_into_view_if_needed()  # type: ignore[attr-defined]


def test_the_language_switch(page: object) -> None:
    drop(page, JIYUAN)
    page.click("#lang-en")  # type: ignore[attr-defined]
    assert page.inner_text("#verdict") == "valid"  # type: ignore[attr-defined]
    assert page.inner_text("#findings-box h2") == "Findings"  # type: ignore[attr-defined]
    head = page.locator('[data-rule="W106"] .head').inner_text()  # type: ignore[attr-defined]
    assert "W106" in head and "warning" in head
    first = page.locator('[data-rule="W106"] li').first.inner_text()  # type: ignore[attr-defined]
    assert 'column "Natural persons" is blank' in first
    heading = page.locator(".group h3").first.inner_text()  # type: ignore[attr-defined]
    assert "(三、收到和处理政府信息公开申请情况)" in heading  # the English label beside the official one
    assert page.evaluate("document.documentElement.lang") == "en"  # type: ignore[attr-defined]
    page.click("#lang-zh")  # type: ignore[attr-defined]
    assert page.inner_text("#verdict") == "有效"  # type: ignore[attr-defined]
    assert "为空白" in page.locator('[data-rule="W106"] li').first.inner_text()  # type: ignore[attr-defined]


def test_downloads_are_the_cli_files(page: object, tmp_path: Path) -> None:
    cli(["parse", JIYUAN.name, "-o", "out"], [JIYUAN], tmp_path)
    _, findings = cli(["validate", JIYUAN.name, "--format", "json"], [JIYUAN], tmp_path)
    drop(page, JIYUAN)
    expected = {"#dl-report": (tmp_path / "out" / "jiyuan-sfj-2021.json").read_bytes(),
                "#dl-findings": findings,
                "#dl-log": (tmp_path / "out" / "jiyuan-sfj-2021.parse-log.json").read_bytes()}
    for link, content in expected.items():
        with page.expect_download() as info:  # type: ignore[attr-defined]
            page.click(link)  # type: ignore[attr-defined]
        download = info.value
        assert Path(download.path()).read_bytes() == content, link
    assert download.suggested_filename == "jiyuan-sfj-2021.parse-log.json"


def test_a_broken_identity_is_marked_in_the_layout(page: object) -> None:
    page.set_input_files("#file", str(EXAMPLES / "invalid" / "E301-column-balance-broken.json"))  # type: ignore[attr-defined]
    page.wait_for_selector("#verdict")  # type: ignore[attr-defined]
    assert page.inner_text("#verdict") == "有错误"  # type: ignore[attr-defined]
    marked = page.locator("td.sev-error")  # type: ignore[attr-defined]
    assert marked.count() >= 3
    assert "E301" in marked.first.get_attribute("title")
    assert page.locator('[data-rule="E301"]').count() >= 1  # type: ignore[attr-defined]


def test_a_pasted_table_is_checked(page: object) -> None:
    page.click("#paste-box summary")  # type: ignore[attr-defined]
    page.fill("#paste", JIYUAN.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    page.click("#paste-go")  # type: ignore[attr-defined]
    page.wait_for_selector("#verdict")  # type: ignore[attr-defined]
    assert "pasted.txt" in page.inner_text("#status")  # type: ignore[attr-defined]
    assert page.locator("td.sev-warning").count() == 6  # type: ignore[attr-defined]


def test_an_unsupported_file_is_explained(page: object) -> None:
    page.set_input_files("#file", {"name": "report.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"})  # type: ignore[attr-defined]
    page.wait_for_selector("#status .bad")  # type: ignore[attr-defined]
    assert "不支持的文件类型" in page.inner_text("#status")  # type: ignore[attr-defined]


def test_nothing_is_fetched_from_elsewhere(page: object, base_url: str) -> None:
    drop(page, JIYUAN)
    page.goto(base_url + "/v1/docs")  # type: ignore[attr-defined]
    page.wait_for_selector(".op")  # type: ignore[attr-defined]
    assert page.locator(".op").count() >= 9  # type: ignore[attr-defined]
    outside = [url for url in page.requests if not url.startswith((base_url, "blob:", "data:"))]  # type: ignore[attr-defined]
    assert outside == []


def test_an_undecided_cell_is_marked_ambiguous_with_its_printed_line(page: object, tmp_path: Path) -> None:
    # 行政复议 0 1 11 0 12 printed with the 11 lost reads two ways (tests/importer/test_variations.py):
    # the cells where the readings differ are left blank and marked, never guessed.
    import copy
    import json

    from zfxxgk.render import render

    report = json.loads((EXAMPLES / "valid" / "large-city-government-2022.json").read_text(encoding="utf-8"))
    report = copy.deepcopy(report)
    report["table4"]["reconsideration"] = {"upheld": 0, "corrected": 1, "other_outcome": 11, "pending": 0, "total": 12}
    lines = str(render(report, "txt")).split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith("0\t1\t11\t0\t12\t")]
    lines[at] = lines[at].replace("0\t1\t11\t0\t12\t", "0\t1\t0\t12\t", 1)
    path = tmp_path / "lost-cell.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    drop(page, path)
    undecided = page.locator("td.kind-ambiguous")  # type: ignore[attr-defined]
    assert undecided.count() >= 1
    cell = undecided.first
    assert cell.get_attribute("data-pointer").startswith("/table4/reconsideration/")
    assert cell.inner_text() == ""
    assert "无法确定" in cell.get_attribute("title") and "0\t1\t0\t12" in cell.get_attribute("title")
    assert page.locator('[data-rule^="P4"]').count() >= 1  # type: ignore[attr-defined]
