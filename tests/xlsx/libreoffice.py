"""Recalculate workbooks headless with LibreOffice, as a user's spreadsheet program would on opening.

``soffice --convert-to xlsx`` loads each file, computes its formulas and saves them with their
values, which openpyxl then reads (``data_only=True``). One call converts many files: LibreOffice
takes seconds to start, so the tests batch their cases.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _has_calc() -> bool:
    """LibreOffice's spreadsheet (Calc) beside soffice: a Writer-only install cannot open workbooks."""
    if SOFFICE is None:
        return False
    program = Path(SOFFICE).resolve().parent
    return any((program / name).exists() for name in ("libsclo.so", "libsclo.dylib", "sclo.dll"))


# Without LibreOffice Calc there is nothing to recalculate with; .ci/run installs it (libreoffice-calc-nogui).
needs_libreoffice = pytest.mark.skipif(not _has_calc(), reason="LibreOffice Calc is not installed "
                                       "(Debian: libreoffice-calc-nogui)")


def recalculate(paths: list[Path], out: Path, profile: Path, to: str = "xlsx") -> list[Path]:
    """The files of ``paths`` opened, recalculated and saved as ``to`` into ``out``, in order."""
    out.mkdir(parents=True, exist_ok=True)
    command = [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
               "--convert-to", to, "--outdir", str(out), *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    results = [out / f"{p.stem}.{to}" for p in paths]
    missing = [str(p) for p in results if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {done.stdout}{done.stderr}"
    return results
