"""Word 97–2003 .doc, WPS .wps, RTF and OpenDocument files, read through LibreOffice.

``tests/data/jiyuan-sfj-2021.doc`` is ``examples/valid/jiyuan-sfj-2021.json`` rendered to .docx by
``zfxxgk render --to docx`` and saved as a Word 97 .doc by LibreOffice 7.4
(``soffice --headless --convert-to doc``): a binary file as agencies attach them, with merged
cells and the row of six blank cells and a total of 1. A WPS Writer ``.wps`` is the same binary
format (a compound file with a WordDocument stream), so the same bytes stand in for one.

The tests that convert need LibreOffice (``apt-get install libreoffice-writer-nogui``; CI installs
it); each conversion takes a few seconds.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from zfxxgk.errors import InputError
from zfxxgk.importer import parse_bytes, parse_path
from zfxxgk.importer.convert import PACKAGE, soffice
from zfxxgk.testing.noise import recovery

from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "tests/data/jiyuan-sfj-2021.doc"
REPORT = json.loads((ROOT / "examples/valid/jiyuan-sfj-2021.json").read_text(encoding="utf-8"))

needs_libreoffice = pytest.mark.skipif(soffice() is None, reason=f"LibreOffice is not installed ({PACKAGE})")


def assert_exact(result) -> None:  # type: ignore[no-untyped-def]
    check = recovery(REPORT, result.report, result.log)
    assert check.exact, (check.wrong[:3], check.unmarked[:3], check.marked[:3])
    assert not result.ambiguous


@needs_libreoffice
def test_a_word_97_doc_reads_back_exactly_blank_cells_included() -> None:
    result = parse_path(DOC)

    assert result.format == "doc"
    assert_exact(result)
    granted = result.report["table3"]["results"]["granted"]
    assert granted["total"] == 1 and granted["natural_person"] is None


@needs_libreoffice
def test_a_wps_file_and_a_doc_named_docx_are_read_as_what_they_are(tmp_path: Path) -> None:
    wps = tmp_path / "年度报告.wps"
    wps.write_bytes(DOC.read_bytes())
    misnamed = tmp_path / "report.docx"
    misnamed.write_bytes(DOC.read_bytes())

    for path, fmt in ((wps, "wps"), (misnamed, "doc")):
        result = parse_path(path)
        assert result.format == fmt
        assert_exact(result)


@needs_libreoffice
@pytest.mark.parametrize("fmt", ["odt", "rtf"])
def test_opendocument_and_rtf_files_are_read(tmp_path: Path, fmt: str) -> None:
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(tmp_path), str(DOC)], check=True, capture_output=True,
                   timeout=120)
    data = (tmp_path / f"jiyuan-sfj-2021.{fmt}").read_bytes()

    assert_exact(parse_bytes(data, f"report.{fmt}", fmt))
    assert parse_bytes(data, "attachment", None).format == fmt  # told by the content alone


@needs_libreoffice
def test_the_cli_parses_a_doc_and_the_conversion_leaves_nothing_behind(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))

    code, out = run("parse", str(DOC), "-o", str(tmp_path / "out"), "--lang", "en")

    assert code == 0, out
    assert json.loads((tmp_path / "out/jiyuan-sfj-2021.json").read_text(encoding="utf-8"))["table3"] == REPORT["table3"]
    assert list(scratch.iterdir()) == []  # the profile, the copy and the .docx are removed


@needs_libreoffice
def test_a_doc_on_standard_input_is_told_by_its_content() -> None:
    code, out = run("validate", "-", "--lang", "en", "--no-tables", stdin=DOC.read_bytes())

    assert code == 0 and "0 errors, 6 warnings" in out, out


@needs_libreoffice
def test_a_file_libreoffice_cannot_load_is_an_input_error_naming_it() -> None:
    broken = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # a compound file header and nothing else

    with pytest.raises(InputError) as caught:
        parse_bytes(broken, "broken.doc", "doc")
    assert caught.value.source == "broken.doc"
    assert "LibreOffice could not read this as a Word 97-2003 .doc file" in caught.value.message_en
    assert "LibreOffice" in caught.value.message_zh


@needs_libreoffice
def test_a_conversion_over_the_time_limit_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZFXXGK_CONVERT_TIMEOUT", "0.05")

    with pytest.raises(InputError) as caught:
        parse_path(DOC)
    assert "within 0.05 s" in caught.value.message_en and "ZFXXGK_CONVERT_TIMEOUT" in caught.value.message_en


def test_without_libreoffice_the_message_names_the_package_and_the_exit_status_is_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it

    with pytest.raises(InputError) as caught:
        parse_path(DOC)
    assert caught.value.source == str(DOC)
    assert f"apt-get install {PACKAGE}" in caught.value.message_en
    assert PACKAGE in caught.value.message_zh and "LibreOffice" in caught.value.message_zh

    code, out = run("parse", str(DOC), "-o", str(tmp_path / "out"), "--lang", "en")
    assert code == 2
    assert str(DOC) in out and PACKAGE in out.replace("\n", "")
