"""Hostile and broken input (issue 10): every case gives exit 2 or a finding with a clear message,
never a traceback, never unbounded memory, and a batch reports every member.

The memory-bound cases run in a subprocess under an address-space cap, and their peak memory is
read back from the kernel: a bomb that got through would be killed by the cap or show in the peak.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from zfxxgk import limits
from zfxxgk.cli import app
from zfxxgk.limits import Limits
from zfxxgk.testing import reports
from zfxxgk.testing.bounded import run_bounded

RUNNER = CliRunner()
SAMPLE = EXAMPLES / "valid" / "jiyuan-sfj-2021.json"
SAMPLE_TXT = EXAMPLES / "jiyuan-sfj-2021.txt"
ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _default_limits() -> None:
    limits.set_limits(Limits())
    yield
    limits.set_limits(Limits())


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args), input=stdin, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def bounded(*args: str, stdin: bytes = b"", cap_mb: int = 1500) -> tuple[int, str, float]:
    """The command in a subprocess under an address-space cap: (exit code, output, its peak MB)."""
    run = run_bounded(list(args), cap_mb=cap_mb, stdin=stdin, timeout=60, env={**os.environ, "LANG": "C"})
    assert "Traceback" not in run.output, run.output
    assert run.peak_mb == run.peak_mb, run.output  # read back (not NaN)
    return run.code, run.output, run.peak_mb


# ---- numbers too long to convert -------------------------------------------------------------


def big_number_json() -> bytes:
    return SAMPLE.read_bytes().replace(b'"report_year": 2021', b'"report_year": ' + b"9" * 5000, 1)


def test_a_5000_digit_number_is_a_structure_finding_and_the_batch_goes_on(tmp_path: Path) -> None:
    big = write(tmp_path / "big.json", big_number_json())
    code, out = run("validate", str(big), str(SAMPLE), "--lang", "en", "--no-tables")
    assert code == 1
    assert "\"Report year\": a number of 5,000 digits" in out and "--max-number-digits" in out
    assert "null is not of type" not in out  # the value left out is not reported a second time
    assert f"{SAMPLE}: 0 errors" in out and "reports: 2" in out


def test_a_5000_digit_number_in_json_lines_and_the_lines_after_it(tmp_path: Path) -> None:
    line = SAMPLE.read_bytes().replace(b"\n", b"")
    lines = write(tmp_path / "r.jsonl", line + b"\n" + big_number_json().replace(b"\n", b"") + b"\n" + line + b"\n")
    code, out = run("validate", str(lines), "--format", "jsonl")
    results = [json.loads(x) for x in out.splitlines()]
    assert code == 1 and [r["valid"] for r in results] == [True, False, True]
    assert "5,000" in results[1]["findings"][0]["message_en"]


def test_a_5000_digit_table_cell_is_refused_naming_the_limit(tmp_path: Path) -> None:
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("\t1\t0\t0\t0\t0\t0\t0\t1\t", "\t" + "9" * 5000 + "\t", 1)
    assert "9" * 5000 in text
    bad = write(tmp_path / "bad.txt", text)
    code, out = run("parse", str(bad), str(SAMPLE_TXT), "-o", str(tmp_path / "out"), "--lang", "en")
    assert code == 2 and "5,000 digits" in out and "--max-number-digits" in out
    assert (tmp_path / "out" / "jiyuan-sfj-2021.json").exists()  # the batch went on
    code, out = run("validate", str(bad), "--lang", "en")
    assert code == 2 and "--max-number-digits" in out


def test_a_5000_digit_number_in_the_overview_text_is_no_count(tmp_path: Path) -> None:
    doc = sample()
    doc["overview"] = "本年度共收到政府信息公开申请" + "9" * 5000 + "件。"
    code, out = run("validate", str(write(tmp_path / "t.json", json.dumps(doc, ensure_ascii=False))), "--lang", "en")
    assert code == 0


def test_the_number_limit_can_be_raised(tmp_path: Path) -> None:
    big = write(tmp_path / "big.json", big_number_json())
    code, out = run("--max-number-digits", "6000", "validate", str(big), "--lang", "en", "--no-tables")
    assert code == 1 and "is more than the maximum" in out  # read now, and out of bounds


# ---- YAML ------------------------------------------------------------------------------------

BOMB = b"\n".join([b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]".encode() for i in range(8)]) + b"\n"


def test_the_yaml_alias_bomb_is_refused_quickly_in_little_memory(tmp_path: Path) -> None:
    assert len(BOMB) < 400
    bomb = write(tmp_path / "bomb.yaml", BOMB)
    code, out, peak = bounded("validate", str(bomb))
    assert code == 2 and "--max-yaml-nodes" in out
    assert peak < 500


def test_a_recursive_yaml_alias_is_refused(tmp_path: Path) -> None:
    code, out = run("validate", str(write(tmp_path / "r.yaml", b"a: &a [1, *a]\n")), "--lang", "en")
    assert code == 2 and "recursive" in out


def test_yaml_keys_given_twice_are_a_finding(tmp_path: Path) -> None:
    import yaml

    text = yaml.safe_dump(sample(), allow_unicode=True, sort_keys=False).replace(
        "report_year: 2021", "report_year: 1999\nreport_year: 2021", 1)
    code, out = run("validate", str(write(tmp_path / "d.yaml", text)), "--lang", "en", "--no-tables")
    import re

    assert code == 1 and 'the key "report_year" is given twice' in out
    first, again = map(int, re.search(r"lines (\d+) and (\d+)", out).groups())
    assert again == first + 1 and text.splitlines()[again - 1] == "report_year: 2021"


# ---- Word and zip ----------------------------------------------------------------------------


def docx_with_padding(tmp_path: Path, megabytes: int) -> Path:
    code, _ = run("render", str(SAMPLE), "--to", "docx", "-o", str(tmp_path / "r.docx"))
    assert code == 0
    source = zipfile.ZipFile(tmp_path / "r.docx")
    target = tmp_path / f"bomb{megabytes}.docx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info, source.read(info))
        with package.open("word/media/pad.bin", "w", force_zip64=True) as part:
            block = bytes(MB)
            for _ in range(megabytes):
                part.write(block)
    return target


def test_a_docx_zip_bomb_is_refused_in_little_memory(tmp_path: Path) -> None:
    bomb = docx_with_padding(tmp_path, 300)
    assert bomb.stat().st_size < 2 * MB
    code, out, peak = bounded("validate", str(bomb))
    assert code == 2 and "--max-unpacked-size" in out and "unpacked" in out
    assert peak < 500


def test_a_part_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    import struct

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", bytes(3 * MB))
    data = bytearray(out.getvalue())
    # Declare 1,000 bytes unpacked in the local header and in the central directory.
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 1000)
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 1000)
    code, text = run("validate", str(write(tmp_path / "liar.docx", bytes(data))), "--lang", "en")
    assert code == 2 and "not a readable Word .docx file" in text


def pdf_bomb(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` (spaces after a line of text)."""
    import zlib

    content = zlib.compress(b"BT /F1 12 Tf 72 712 Td (x) Tj ET\n" + b" " * (megabytes * MB), 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_deflate_bomb_is_refused_in_little_memory(tmp_path: Path) -> None:
    bomb = write(tmp_path / "bomb.pdf", pdf_bomb(400))
    assert bomb.stat().st_size < MB
    code, out, peak = bounded("validate", str(bomb))
    assert code == 2 and "--max-unpacked-size" in out and "PDF" in out
    assert peak < 500


def test_a_docx_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for i in range(50):
            package.writestr(f"p{i}.xml", b"<a/>")
    code, text = run("--max-zip-members", "20", "validate", str(write(tmp_path / "m.docx", out.getvalue())))
    assert code == 2 and "--max-zip-members" in text


# ---- HTML ------------------------------------------------------------------------------------


def html_report(tmp_path: Path, depth: int) -> Path:
    code, _ = run("render", str(SAMPLE), "--to", "html", "-o", str(tmp_path / f"r{depth}.html"))
    assert code == 0
    page = (tmp_path / f"r{depth}.html").read_text(encoding="utf-8")
    start, end = page.index("<body>") + len("<body>"), page.index("</body>")
    return write(tmp_path / f"deep{depth}.html", page[:start] + "<div>" * depth + page[start:end] + "</div>" * depth + page[end:])


def test_a_report_wrapped_in_300_divs_is_read(tmp_path: Path) -> None:
    code, out = run("validate", str(html_report(tmp_path, 300)), "--lang", "en")
    assert code == 0


def test_html_beyond_the_depth_limit_is_refused_naming_it(tmp_path: Path) -> None:
    code, out = run("--max-html-depth", "100", "validate", str(html_report(tmp_path, 300)), "--lang", "en")
    assert code == 2 and "nested more than 100 levels" in out and "--max-html-depth" in out
    code, out = run("validate", str(html_report(tmp_path, 3000)), "--lang", "en")
    assert code == 2 and "--max-html-depth" in out


def test_an_11_mb_nested_page_is_refused_for_its_depth_not_called_empty(tmp_path: Path) -> None:
    page = write(tmp_path / "n.html", "<html><body>" + "<div>" * 2_000_000 + "x</body></html>")
    code, out, peak = bounded("validate", str(page))
    assert code == 2 and "--max-html-depth" in out and "empty" not in out
    assert peak < 500


# ---- size ------------------------------------------------------------------------------------


def test_a_200_mb_html_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    with page.open("wb") as stream:
        stream.write(b"<html><body>")
        stream.truncate(200 * MB)  # sparse: no 200 MB written to the disk
    code, out, peak = bounded("validate", str(page))
    assert code == 2 and "--max-input-size" in out and "209,715,200 bytes" in out
    assert peak < 500
    code, out, peak = bounded("parse", str(page), "-o", str(tmp_path / "out"))
    assert code == 2 and "--max-input-size" in out


def test_the_input_size_limit_holds_for_stdin_and_env(tmp_path: Path) -> None:
    code, out = run("validate", "-", stdin=SAMPLE.read_bytes(), env={"ZFXXGK_MAX_INPUT_SIZE": "1K"})
    assert code == 2 and "ZFXXGK_MAX_INPUT_SIZE" in out
    code, out = run("--max-input-size", "1K", "parse", "-", "-o", str(tmp_path), stdin=SAMPLE_TXT.read_bytes())
    assert code == 2 and "--max-input-size" in out


def test_a_json_lines_line_beyond_the_limit_is_reported_and_the_others_read(tmp_path: Path) -> None:
    line = SAMPLE.read_bytes().replace(b"\n", b"")
    lines = write(tmp_path / "r.jsonl", line + b"\n" + b"[" * 5000 + b"\n" + line + b"\n")
    code, out = run("--max-input-size", "4K", "validate", str(lines), "--format", "jsonl")
    assert code == 2
    results = [json.loads(x) for x in out.splitlines()]
    assert [r["valid"] for r in results] == [False, False, False]  # 10 KB reports are over 4K too
    code, out = run("--max-input-size", "20K", "validate", str(lines), "--format", "jsonl")
    assert [r["valid"] for r in map(json.loads, out.splitlines())] == [True, False, True]


def test_a_bad_limit_value_is_a_usage_error() -> None:
    code, out = run("--max-input-size", "lots", "validate", str(SAMPLE))
    assert code == 2 and "--max-input-size" in out
    code, out = run("validate", str(SAMPLE), env={"ZFXXGK_MAX_HTML_DEPTH": "-3"})
    assert code == 2 and "ZFXXGK_MAX_HTML_DEPTH" in out


# ---- data accepted or lost silently -----------------------------------------------------------


def test_duplicate_json_keys_are_a_structure_finding_naming_both_places(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('"report_year": 2021,', '"report_year": 1999,\n  "report_year": 2021,', 1)
    code, out = run("validate", str(write(tmp_path / "d.json", text)), "--lang", "en", "--no-tables")
    assert code == 1
    assert 'S002 error  Structure error: "Report year": the key "report_year" is given twice in one object (lines 5 and 6)' in out


def test_a_duplicate_key_deep_in_a_table_is_found_on_the_fast_path(tmp_path: Path) -> None:
    raw = SAMPLE.read_bytes()
    at = raw.index(b'"natural_person"')
    text = raw[:at] + b'"natural_person": 7, ' + raw[at:]
    code, out = run("validate", str(write(tmp_path / "d.json", text)), "--format", "json")
    findings = json.loads(out)["results"][0]["findings"]
    assert code == 1 and [f["pointers"] for f in findings if "twice" in f["message_en"]] == [["/table3/new_requests/natural_person"]]


def test_two_inputs_with_one_stem_get_distinct_outputs(tmp_path: Path) -> None:
    txt = write(tmp_path / "a" / "report.txt", SAMPLE_TXT.read_bytes())
    code, _ = run("render", str(SAMPLE), "--to", "html", "-o", str(tmp_path / "b" / "report.html"))
    again = write(tmp_path / "c" / "report.txt", SAMPLE_TXT.read_bytes())
    out = tmp_path / "out"
    code, text = run("parse", str(txt), str(tmp_path / "b" / "report.html"), str(again), "-o", str(out))
    assert code == 0, text
    assert sorted(p.name for p in out.glob("*.json") if "parse-log" not in p.name) == [
        "report.html.json", "report.txt-2.json", "report.txt.json"]


def test_one_unreadable_file_does_not_stop_a_parse_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zfxxgk.importer

    real = zfxxgk.importer.parse_path

    def flaky(path: str, *args: object) -> object:
        if "boom" in str(path):
            raise RuntimeError("a bug in a reader")
        return real(path, *args)

    monkeypatch.setattr(zfxxgk.importer, "parse_path", flaky)
    boom = write(tmp_path / "boom.txt", SAMPLE_TXT.read_bytes())
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    (tmp_path / "empty").mkdir()
    code, out = run("parse", str(boom), str(tmp_path / "missing.txt"), str(SAMPLE_TXT), "-o", str(tmp_path / "out"),
                    "--lang", "en")
    assert code == 2
    assert "boom.txt: could not be read (RuntimeError: a bug in a reader)" in out
    assert "missing.txt: no such file" in out
    assert (tmp_path / "out" / "jiyuan-sfj-2021.json").exists() and "parsed 1 of 3 inputs; 2 failed" in out


def test_a_folder_with_looping_and_dangling_links_lists_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.json").write_bytes(SAMPLE.read_bytes())
    (folder / "self").symlink_to(".")
    (folder / "gone.json").symlink_to("nowhere.json")
    (folder / "l1.json").symlink_to("l2.json")
    (folder / "l2.json").symlink_to("l1.json")
    (folder / "notes.csv").write_text("a,b")
    code, out = run("validate", str(folder), "--lang", "en", "--format", "json")
    data = json.loads(out)
    assert code == 2
    by_source = {Path(r["source"]).name: r for r in data["results"]}
    assert set(by_source) == {"ok.json", "self", "gone.json", "l1.json", "l2.json"}
    assert by_source["ok.json"]["valid"]
    assert "dangling" in by_source["gone.json"]["findings"][0]["message_en"]
    assert "loop" in by_source["l1.json"]["findings"][0]["message_en"]
    assert "loop" in by_source["self"]["findings"][0]["message_en"]
    assert data["summary"]["skipped"] == [str(folder / "notes.csv")]


def test_json_lines_through_stdin_are_streamed(tmp_path: Path) -> None:
    line = SAMPLE.read_bytes().replace(b"\n", b"")
    code, out = run("validate", "-", "--format", "jsonl", stdin=b"\n" + line + b"\n\n{\"a\": 1}\n" + line + b"\n")
    results = [json.loads(x) for x in out.splitlines()]
    assert code == 1 and [(r["source"], r["valid"]) for r in results] == [
        ("<stdin>:2", True), ("<stdin>:4", False), ("<stdin>:5", True)]


def test_parse_reads_stdin(tmp_path: Path) -> None:
    code, out = run("parse", "-", "-o", str(tmp_path), stdin=SAMPLE_TXT.read_bytes())
    assert code == 0 and (tmp_path / "stdin.json").exists()


# ---- outputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["render", str(SAMPLE), "--to", "html"],
    ["convert", str(EXAMPLES / "valid" / "land-bureau-lawsuits-2020.json")],
])
def test_outputs_are_created_refused_or_forced(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "new" / "deeper" / "out.txt"
    code, out = run(*command, "-o", str(target))
    assert code == 0 and target.exists()
    before = target.read_bytes()
    target.write_text("keep me")
    code, out = run(*command, "-o", str(target), "--lang", "en")
    assert code == 2 and "already exists: not overwritten (use --force to overwrite it)" in out
    assert target.read_text() == "keep me"
    code, out = run(*command, "-o", str(target), "--force")
    assert code == 0 and target.read_bytes() == before
    a_file = write(tmp_path / "plain", "x")
    code, out = run(*command, "-o", str(a_file / "out.txt"), "--lang", "en")
    assert code == 2 and "is a file, not a folder" in out
    code, out = run(*command, "-o", str(tmp_path), "--lang", "en")
    assert code == 2 and "is a directory" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, out = run("render", str(SAMPLE), "--to", "html", "-o", str(folder / "x.html"), "--lang", "en")
        assert code == 2 and "read-only" in out
        code, out = run("parse", str(SAMPLE_TXT), "-o", str(folder), "--lang", "en")
        assert code == 2 and "read-only" in out
    finally:
        folder.chmod(0o755)


def test_parse_refuses_to_overwrite_and_a_file_as_its_folder(tmp_path: Path) -> None:
    assert run("parse", str(SAMPLE_TXT), "-o", str(tmp_path))[0] == 0
    code, out = run("parse", str(SAMPLE_TXT), "-o", str(tmp_path), "--lang", "en")
    assert code == 2 and "already exists" in out and "--force" in out
    assert run("parse", str(SAMPLE_TXT), "-o", str(tmp_path), "--force")[0] == 0
    code, out = run("parse", str(SAMPLE_TXT), "-o", str(write(tmp_path / "f", "x")), "--lang", "en")
    assert code == 2 and "is a file, not a folder" in out


def test_render_docx_without_python_docx_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # as on a plain install
    code, out = run("render", str(SAMPLE), "--to", "docx", "-o", str(tmp_path / "r.docx"))
    assert code == 2 and "pip install 'zfxxgk[documents]'" in out
    assert not (tmp_path / "r.docx").exists()


# ---- messages --------------------------------------------------------------------------------


def test_install_hints_have_one_form() -> None:
    hints = [line for path in (ROOT / "src").rglob("*.py") for line in path.read_text(encoding="utf-8").splitlines()
             if "pip install" in line]
    # One form, naming an extra the package declares: pip install 'zfxxgk[documents]', 'zfxxgk[serve]'.
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    form = re.compile(r"pip install 'zfxxgk\[(\w+)\]'")
    assert hints and all((m := form.search(line)) and m.group(1) in extras for line in hints), hints


def test_markup_in_file_names_is_printed_as_it_is(tmp_path: Path) -> None:
    named = write(tmp_path / "[red]report[documents].json", SAMPLE.read_bytes())
    code, out = run("validate", str(named), "--lang", "en", "--no-tables")
    assert code == 0 and "[red]report[documents].json: 0 errors, 6 warnings" in out
    code, out = run("validate", str(tmp_path / "[bold]gone.json"), "--lang", "en")
    assert code == 2 and "[bold]gone.json: no such file" in out
    code, out = run("parse", str(tmp_path / "[red]x.txt"), "-o", str(tmp_path / "o"), "--lang", "en")
    assert "[red]x.txt: no such file" in out


def test_values_in_structure_messages_are_whole_or_cut_with_an_ellipsis(tmp_path: Path) -> None:
    doc = sample()
    doc["schema_version"] = "版" * 200
    code, out = run("validate", str(write(tmp_path / "v.json", json.dumps(doc, ensure_ascii=False))), "--lang", "en")
    assert code == 1 and '"' + "版" * 79 + '…" does not match' in out and "版" * 80 not in out
    doc["schema_version"] = "2.0"
    code, out = run("validate", str(write(tmp_path / "w.json", json.dumps(doc, ensure_ascii=False))), "--lang", "en")
    assert '"Standard version": "2.0" does not match' in out


def test_plural_forms_and_both_editions_named(tmp_path: Path) -> None:
    doc = sample()
    doc["edition"] = "2020"
    code, out = run("validate", str(write(tmp_path / "e.json", json.dumps(doc, ensure_ascii=False))), "--lang", "en")
    assert code == 1 and "e.json: 1 error, " in out and "1 errors" not in out
    assert '"Edition of the layout": "2020" is not an edition of the standard' in out and "2019" in out and "2021" in out


def test_nan_says_it_is_not_a_number(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('"report_year": 2021', '"report_year": NaN', 1)
    code, out = run("validate", str(write(tmp_path / "n.json", text)), "--lang", "en", "--no-tables")
    assert code == 1 and "\"Report year\": NaN is not a number a report can hold" in out
    assert "null is not of type" not in out


def test_a_missing_path_without_extension_says_no_such_file(tmp_path: Path) -> None:
    code, out = run("validate", str(tmp_path / "nothing"), "--lang", "en")
    assert code == 2 and "nothing: no such file" in out and "unsupported" not in out


def test_version() -> None:
    from zfxxgk import __version__

    code, out = run("--version")
    assert code == 0 and out.strip() == f"zfxxgk {__version__}"


# ---- --previous --------------------------------------------------------------------------------


def test_previous_of_another_agency_or_year_is_said_to_be_wrong(tmp_path: Path) -> None:
    current = EXAMPLES / "invalid" / "X301-carry-over-broken.json"
    right = EXAMPLES / "invalid" / "X301-carry-over-broken.previous.json"
    code, out = run("validate", str(current), "--previous", str(right), "--lang", "en", "--no-tables")
    assert code == 1 and "X301" in out and "--previous is not" not in out

    code, out = run("validate", str(current), "--previous", str(current), "--lang", "en", "--no-tables")
    assert code == 2 and "X301 error" not in out
    assert "--previous is not last year's report of the same agency: last year's report should be for 2021, --previous is for 2022" in out

    other = json.loads(right.read_text(encoding="utf-8"))
    other["agency_name"] = "另一个机关"
    other.pop("agency_uscc", None)
    code, out = run("validate", str(current), "--previous", str(write(tmp_path / "o.json", json.dumps(other, ensure_ascii=False))),
                    "--lang", "en", "--no-tables")
    assert code == 2 and "the agency names differ" in out and "X301 error" not in out


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(report=reports(), data=st.data())
def test_a_key_given_twice_anywhere_is_found_on_either_path(report: dict, data: st.DataObject) -> None:
    from zfxxgk.loading import read_json

    colon = data.draw(st.sampled_from(["none", "plain", "escaped"]))  # a colon in the text, maybe as \u003a
    report["overview"] = ("" if colon == "none" else "时间:2021") + report.get("overview", "")
    raw = json.dumps(report, ensure_ascii=data.draw(st.booleans())).encode()
    if colon == "escaped":
        raw = raw.replace(b":2021", b"\\u003a2021", 1)
        assert b"\\u003a" in raw
    assert read_json(raw, "r.json", typed=True)[1] == () == read_json(raw, "r.json")[1]
    keys = [m for m in re.finditer(rb'"(\w+)": ', raw)]
    key = data.draw(st.sampled_from(keys))
    twice = raw[:key.start()] + key.group() + data.draw(st.sampled_from([b"0", b'":"', b"null"])) + b", " + raw[key.start():]
    for typed in (True, False):
        problems = read_json(twice, "r.json", typed=typed)[1]
        assert [p[0].rsplit("/", 1)[-1] for p in problems] == [key.group(1).decode()]


def test_yaml_keys_that_are_not_strings_are_named_not_a_crash(tmp_path: Path) -> None:
    import yaml

    text = yaml.safe_dump(sample(), allow_unicode=True, sort_keys=False) + "7: 2\n~: [1, {2: 3}]\n"
    code, out = run("validate", str(write(tmp_path / "k.yaml", text)), "--lang", "en", "--no-tables")
    assert code == 1 and 'has fields the standard does not define: "7", "null"' in out
