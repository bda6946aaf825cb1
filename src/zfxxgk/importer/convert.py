"""Legacy and other word-processor formats (.doc, .wps, .rtf, .odt) converted to .docx by LibreOffice.

Many agencies publish their report as a Word 97–2003 ``.doc`` or a WPS ``.wps`` attachment. No
Python library reads those binary formats well enough for tables with merged cells, while
LibreOffice's import filters are the reference outside Microsoft's own. So the file is converted
with LibreOffice headless (``soffice --convert-to docx``) and the ``.docx`` is read by the Word
reader, with all its limits.

The conversion is sandboxed as far as a command line allows: a fresh temporary profile per file
(nothing of the user's LibreOffice is read or written, and conversions do not share state), macros
disabled in that profile (security level "very high", macro execution off), no network lookups of
linked content, the input copied into a private temporary directory, and a time limit after which
the whole process group is killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from zfxxgk.errors import InputError

CONVERTED_FORMATS = ("doc", "wps", "rtf", "odt")
PACKAGE = "libreoffice-writer-nogui"  # the Debian/Ubuntu package with soffice and Writer's filters
TIMEOUT_SECONDS = 120.0  # a first start of LibreOffice with a new profile takes a few seconds
TIMEOUT_VARIABLE = "ZFXXGK_CONVERT_TIMEOUT"
NAMES = {"doc": "Word 97-2003 .doc", "wps": "WPS .wps", "rtf": "RTF .rtf", "odt": "OpenDocument .odt"}

# The profile's settings: macros never run, links to other files or the web are never updated.
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


# Where the installers put it when it is not on PATH (macOS, Windows).
INSTALLED = ("/Applications/LibreOffice.app/Contents/MacOS/soffice", r"C:\Program Files\LibreOffice\program\soffice.exe")


def soffice() -> str | None:
    """The LibreOffice executable: on PATH, else where its installer puts it; None when not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((path for path in INSTALLED if os.path.isfile(path)), None)


def to_docx(data: bytes, source: str, fmt: str) -> bytes:
    """The ``.docx`` LibreOffice makes of ``data`` (a file of format ``fmt``).

    Raises ``InputError`` naming ``source`` when LibreOffice is not installed, takes longer than
    the time limit, or cannot convert the file.
    """
    name = NAMES.get(fmt, fmt)
    executable = soffice()
    if executable is None:
        raise InputError(
            source, f"reading {name} files needs LibreOffice, which is not installed: install it (Debian/Ubuntu: "
            f"apt-get install {PACKAGE}) or save the file as .docx",
            f"读取 {name} 文件需要 LibreOffice，但未安装：请安装（Debian/Ubuntu：apt-get install {PACKAGE}），"
            "或将文件另存为 .docx")
    timeout = _timeout()
    with tempfile.TemporaryDirectory(prefix="zfxxgk-convert-") as work:
        root = Path(work)
        profile = root / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
        source_file = root / "in" / f"report.{fmt}"
        source_file.parent.mkdir()
        source_file.write_bytes(data)
        out = root / "out"
        command = [executable, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                   "--nologo", "--norestore", "--nolockcheck", "--nodefault",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source_file)]
        # HOME and TMPDIR point into the sandbox, so that nothing is left behind elsewhere.
        env = dict(os.environ, HOME=str(root), TMPDIR=str(root), SAL_USE_VCLPLUGIN="svp")
        try:
            finished = _run(command, env, timeout)
        except subprocess.TimeoutExpired:
            raise InputError(source, f"LibreOffice did not convert the {name} file within {timeout:g} s "
                             f"(time limit; set {TIMEOUT_VARIABLE} to change it)",
                             f"LibreOffice 未能在 {timeout:g} 秒内转换该 {name} 文件（时间限制，可用 "
                             f"{TIMEOUT_VARIABLE} 调整）") from None
        except OSError as error:
            raise InputError(source, f"cannot start LibreOffice ({executable}): {error.strerror or error}",
                             f"无法启动 LibreOffice（{executable}）：{error.strerror or error}") from None
        converted = out / "report.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            detail = _last_line(finished.stderr) or _last_line(finished.stdout) or f"exit status {finished.returncode}"
            raise InputError(source, f"LibreOffice could not read this as a {name} file ({detail})",
                             f"LibreOffice 无法将其作为 {name} 文件读取（{detail}）")
        return converted.read_bytes()


def _run(command: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run LibreOffice in a process group of its own, killed whole when the time is up (soffice
    starts a child process that a plain ``kill`` of the parent would leave running)."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, text=True, errors="replace", start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        raise
    finally:
        if process.poll() is None:
            _kill_group(process)
            process.wait()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[str]) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups of this kind
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass


def _timeout() -> float:
    value = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        seconds = float(value) if value else TIMEOUT_SECONDS
    except ValueError:
        return TIMEOUT_SECONDS
    return seconds if seconds > 0 else TIMEOUT_SECONDS


def _last_line(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    # LibreOffice prints a harmless warning about Java on machines without it.
    lines = [line for line in lines if "javaldx" not in line]
    return lines[-1][:200] if lines else ""
