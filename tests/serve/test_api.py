"""The /v1 API answers with the CLI's own documents, byte for byte, for every endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.serve.conftest import JIYUAN, ROOT, ApiClient, cli

VALID = EXAMPLES / "valid"
INVALID = EXAMPLES / "invalid"


def upload(path: Path) -> dict[str, tuple[str, bytes]]:
    return {"file": (path.name, path.read_bytes())}


@pytest.mark.parametrize("path", [JIYUAN, VALID / "large-city-government-2022.json",
                                  INVALID / "E301-column-balance-broken.json", INVALID / "S002-count-as-string.json"],
                         ids=lambda p: p.name)
def test_validate_is_the_cli_document(client: ApiClient, tmp_path: Path, path: Path) -> None:
    exit_code, expected = cli(["validate", path.name, "--format", "json"], [path], tmp_path)
    response = client.post("/v1/validate", files=upload(path))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == expected
    assert exit_code in (0, 1)


def test_validate_with_last_years_report_is_the_cli_document(client: ApiClient, tmp_path: Path) -> None:
    path = INVALID / "X301-carry-over-broken.json"
    previous = path.with_name("X301-carry-over-broken.previous.json")
    _, expected = cli(["validate", path.name, "--previous", previous.name, "--format", "json"], [path, previous], tmp_path)
    response = client.post("/v1/validate", files={"file": (path.name, path.read_bytes()),
                                                 "previous": (previous.name, previous.read_bytes())})
    assert response.status_code == 200
    assert response.content == expected
    assert "X301" in {f["code"] for f in response.json()["results"][0]["findings"]}


def test_a_previous_report_of_another_agency_is_refused(client: ApiClient) -> None:
    path = VALID / "land-bureau-lawsuits-2021.json"
    other = VALID / "township-no-requests-2023.json"
    response = client.post("/v1/validate", files={"file": (path.name, path.read_bytes()),
                                                 "previous": (other.name, other.read_bytes())})
    assert response.status_code == 422
    assert "--previous is not last year's report" in response.json()["error"]["message_en"]


def test_raw_body_is_the_same_as_a_form(client: ApiClient) -> None:
    raw = client.post("/v1/validate?filename=jiyuan-sfj-2021.txt", content=JIYUAN.read_bytes(),
                      headers={"content-type": "application/octet-stream"})
    assert raw.content == client.post("/v1/validate", files=upload(JIYUAN)).content


def test_parse_and_parse_log_are_the_cli_files(client: ApiClient, tmp_path: Path) -> None:
    exit_code, _ = cli(["parse", JIYUAN.name, "-o", "out"], [JIYUAN], tmp_path)
    assert exit_code == 0
    report = client.post("/v1/parse", files=upload(JIYUAN))
    log = client.post("/v1/parse-log", files=upload(JIYUAN))
    assert (report.status_code, log.status_code) == (200, 200)
    assert report.content == (tmp_path / "out" / "jiyuan-sfj-2021.json").read_bytes()
    assert log.content == (tmp_path / "out" / "jiyuan-sfj-2021.parse-log.json").read_bytes()


def test_agency_and_year_are_stated_like_the_cli_options(client: ApiClient, tmp_path: Path) -> None:
    _, expected = cli(["validate", JIYUAN.name, "--agency", "济源示范区司法局", "--year", "2021", "--format", "json"],
                      [JIYUAN], tmp_path)
    response = client.post("/v1/validate?agency=济源示范区司法局", files=upload(JIYUAN), data={"year": "2021"})
    assert response.content == expected


def test_rules_are_the_cli_catalog(client: ApiClient, tmp_path: Path) -> None:
    _, catalog = cli(["rules", "--format", "json"], [], tmp_path)
    _, one = cli(["rules", "E301", "--format", "json"], [], tmp_path)
    assert client.get("/v1/rules").content == catalog
    assert client.get("/v1/rules/e301").content == one
    missing = client.get("/v1/rules/Z999")
    assert missing.status_code == 404 and "Z999" in missing.json()["error"]["message_en"]


def test_the_standard_files_are_served_as_shipped(client: ApiClient) -> None:
    listing = client.get("/v1/standard").json()
    version = listing["schema_version"]
    assert len(listing["files"]) == 4
    for url in listing["files"]:
        name = url.rsplit("/", 1)[1]
        assert client.get(url).content == (ROOT / "src" / "zfxxgk" / "generated" / name).read_bytes(), name
    schema = client.get(f"/v1/standard/{version}/zfxxgk.schema.json").json()
    assert version in schema["$id"]
    assert client.get("/v1/standard/0.0.1/rules.json").status_code == 404
    assert client.get(f"/v1/standard/{version}/secrets.txt").status_code == 404


def test_health(client: ApiClient) -> None:
    body = client.get("/v1/health").json()
    assert body["status"] == "ok" and body["busy"] == 0 and body["workers"] == 2


def test_openapi_names_every_endpoint_and_its_errors(client: ApiClient) -> None:
    api = client.get("/v1/openapi.json").json()
    assert {"/v1/validate", "/v1/parse", "/v1/parse-log", "/v1/check", "/v1/rules", "/v1/rules/{code}",
            "/v1/standard", "/v1/standard/{version}/{name}", "/v1/health"} <= set(api["paths"])
    validate = api["paths"]["/v1/validate"]["post"]
    assert {"400", "413", "415", "422"} <= set(validate["responses"])
    assert "multipart/form-data" in validate["requestBody"]["content"]
    docs = client.get("/v1/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text


def test_check_gives_the_page_what_it_shows(client: ApiClient, tmp_path: Path) -> None:
    _, validation = cli(["validate", JIYUAN.name, "--format", "json"], [JIYUAN], tmp_path)
    cli(["parse", JIYUAN.name, "-o", "out"], [JIYUAN], tmp_path)
    bundle = client.post("/v1/check", files=upload(JIYUAN)).json()
    assert bundle["validation"].encode() == validation
    assert bundle["report"].encode() == (tmp_path / "out" / "jiyuan-sfj-2021.json").read_bytes()
    assert bundle["parse_log"].encode() == (tmp_path / "out" / "jiyuan-sfj-2021.parse-log.json").read_bytes()
    blank = "/table3/results/granted/natural_person"
    assert f'data-pointer="{blank}"></td>' in bundle["layout"]  # printed blank, in the official grid
    assert bundle["labels"][blank]["table"] == "三、收到和处理政府信息公开申请情况"
    assert bundle["labels"][blank]["path"] == ["三、本年度办理结果", "（一）予以公开", "自然人"]
    assert bundle["labels"][blank]["path_en"][-1] == "Natural persons"
    assert bundle["labels"]["/agency_name"]["table"] is None


def test_check_of_an_unusable_file_says_why(client: ApiClient) -> None:
    bundle = client.post("/v1/check", files={"file": ("broken.json", b'{"edition": ')}).json()
    assert bundle["status"] == 422 and bundle["report"] is None and bundle["layout"] is None
    assert '"S001"' in bundle["validation"]


def test_the_serve_command_is_listed(tmp_path: Path) -> None:
    exit_code, out = cli(["serve", "--help"], [], tmp_path)
    assert exit_code == 0 and b"--workers" in out and b"--queue" in out
    assert "zfxxgk serve" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_check_with_last_years_report_runs_the_cross_year_checks(client: ApiClient) -> None:
    path = INVALID / "X301-carry-over-broken.json"
    previous = path.with_name("X301-carry-over-broken.previous.json")
    bundle = client.post("/v1/check", files={"file": (path.name, path.read_bytes()),
                                              "previous": (previous.name, previous.read_bytes())}).json()
    assert '"X301"' in bundle["validation"]
    assert bundle["parse_log"] is None  # standard data: nothing was parsed
    x301 = [p for p in bundle["labels"] if p.startswith("/table3/carried_over/")]
    assert x301 and all(bundle["labels"][p]["table"] == "三、收到和处理政府信息公开申请情况" for p in x301)
