"""zfxxgk parse, and zfxxgk validate on published reports (parsed first)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, load
from tests.test_cli import run

SAMPLE_TEXT = EXAMPLES / "jiyuan-sfj-2021.txt"


def test_parse_writes_the_instance_and_its_log(tmp_path: Path) -> None:
    code, out = run("parse", str(SAMPLE_TEXT), "-o", str(tmp_path), "--lang", "en")
    assert code == 0 and "repair" in out
    assert load(tmp_path / "jiyuan-sfj-2021.json") == load(EXAMPLES / "valid" / "jiyuan-sfj-2021.json")
    log = json.loads((tmp_path / "jiyuan-sfj-2021.parse-log.json").read_text(encoding="utf-8"))
    repairs = [e for e in log["entries"] if e["kind"] == "repair"]
    assert repairs and all(e["raw"] and e["where"].startswith("line ") for e in repairs)
    assert any(e["pointer"] == "/table3/results/total" for e in repairs)


def test_validate_accepts_a_published_text_report() -> None:
    code, out = run("validate", str(SAMPLE_TEXT), "--lang", "en", "--no-tables")
    assert code == 0 and "0 errors, 6 warnings" in out


def test_validate_a_draft_word_file(tmp_path: Path) -> None:
    from zfxxgk.render import render

    report = load(EXAMPLES / "valid" / "land-bureau-lawsuits-2021.json")
    draft = tmp_path / "draft.docx"
    draft.write_bytes(render(report, "docx"))
    assert run("validate", str(draft), "--strict")[0] == 0
    report["table4"]["reconsideration"]["total"] += 1
    draft.write_bytes(render(report, "docx"))
    code, out = run("validate", str(draft), "--format", "json")
    assert code == 1
    findings = json.loads(out)["results"][0]["findings"]
    # The broken total, the overview's count that contradicts it, and the parse's word that no
    # reading of the printed row satisfies the identities (kept as printed, with its source text).
    assert {f["code"] for f in findings} == {"E401", "T101", "P403"}
    p403 = next(f for f in findings if f["code"] == "P403")
    assert p403["source_text"] and p403["where"] and p403["severity"] == "warning"


def test_unreadable_documents_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SAMPLE_TEXT.read_bytes())
    (tmp_path / "b.html").write_text("<html><body><p>没有表格</p></body></html>", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"not a zip")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4 truncated")
    code, out = run("validate", str(tmp_path), "--lang", "en", "--no-tables")
    assert code == 2
    assert "reports: 4" in out and "unusable: 3" in out
    for name in ("b.html", "c.docx", "d.pdf"):
        assert name in out
    code, out = run("parse", str(tmp_path / "c.docx"), str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"))
    assert code == 2 and (tmp_path / "out" / "a.json").exists()


def test_a_number_beyond_64_bits_in_a_published_report_is_written_as_printed(tmp_path: Path) -> None:
    text = (EXAMPLES / "jiyuan-sfj-2021.txt").read_text(encoding="utf-8")
    big = text.replace("行政许可\t3\t", "行政许可\t123456789012345678901234567\t", 1)
    assert big != text
    source = tmp_path / "big.txt"
    source.write_text(big, encoding="utf-8")
    code, _ = run("parse", str(source), "-o", str(tmp_path / "out"))
    assert code == 0
    report = load(tmp_path / "out" / "big.json")
    assert report["table2"]["article20_item5"]["licensing"]["decisions"] == 123456789012345678901234567
    code, out = run("validate", str(source), "--format", "json", "--lang", "en")
    assert code == 1 and "is more than the maximum 9007199254740991" in out


def _untitled(tmp_path: Path) -> Path:
    """The sample report without its title line: it names its agency only as 我局 and in passing."""
    lines = SAMPLE_TEXT.read_text(encoding="utf-8").splitlines()
    title = next(i for i, line in enumerate(lines) if "年度报告" in line)
    path = tmp_path / "untitled.txt"
    path.write_text("\n".join(lines[:title] + lines[title + 1:]) + "\n", encoding="utf-8")
    return path


def test_agency_and_year_stated_on_the_command_line(tmp_path: Path) -> None:
    source = _untitled(tmp_path)
    code, out = run("validate", str(source), "--lang", "en", "--no-tables", "--format", "json")
    assert code == 1  # no agency name: the report is not valid as it stands
    code, out = run("validate", str(source), "--lang", "en", "--no-tables", "--agency", "济源示范区司法局",
                    "--year", "2021")
    assert code == 0 and "0 errors" in out
    code, out = run("parse", str(source), "-o", str(tmp_path / "out"), "--agency", "济源示范区司法局", "--year", "2021")
    assert code == 0
    parsed = load(tmp_path / "out" / "untitled.json")
    assert (parsed["agency_name"], parsed["report_year"]) == ("济源示范区司法局", 2021)
    log = json.loads((tmp_path / "out" / "untitled.parse-log.json").read_text(encoding="utf-8"))
    stated = {e["pointer"]: e for e in log["entries"] if e["where"] == "command line"}
    assert stated["/agency_name"]["raw"] == "--agency 济源示范区司法局" and stated["/report_year"]["value"] == 2021


def test_stated_metadata_is_checked(tmp_path: Path) -> None:
    assert run("parse", str(SAMPLE_TEXT), "-o", str(tmp_path), "--year", "1999")[0] == 2
    assert run("validate", str(SAMPLE_TEXT), "--agency", " ")[0] == 2
    assert not list(tmp_path.iterdir())
