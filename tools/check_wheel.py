"""CI check of the release artifacts: build, twine check, install the wheel alone, run the README command.

    python tools/check_wheel.py

Builds the sdist and the wheel the way a release does (``python -m build``, isolated), checks both with
``twine check --strict``, installs the wheel into a fresh virtual environment (no source tree on its
path) and runs the README's main command there, from a folder outside the repository:
``zfxxgk validate examples/jiyuan-sfj-2021.txt`` must find the report valid with its six blank cells
(W106), and the conformance suite shipped in the wheel passes with the installed validator
(``python -m zfxxgk.conformance``). About a minute (59 s measured on an idle machine), most of it
installing the dependencies, which is why it runs here (``.ci/run``) and not in the test suite.
Exits 0 when all pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path | None = None) -> str:
    print("$", " ".join(args), flush=True)
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(args)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        dist = tmp / "dist"
        _run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)])
        built = sorted(dist.iterdir())
        _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, built)])
        (wheel,) = dist.glob("*.whl")
        venv = tmp / "venv"
        _run([sys.executable, "-m", "venv", str(venv)])
        bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
        _run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)])
        # The README command, on a copy of the example outside the repository.
        work = tmp / "work"
        shutil.copytree(ROOT / "examples", work / "examples")
        out = _run([str(bindir / "zfxxgk"), "validate", "--format", "json", "examples/jiyuan-sfj-2021.txt"], cwd=work)
        (result,) = json.loads(out)["results"]
        warnings = sorted(f["code"] for f in result["findings"] if f["severity"] == "warning")
        if not result["valid"] or warnings != ["W106"] * 6:
            sys.exit(f"the README command gave another result: valid={result['valid']}, warnings={warnings}")
        # The package reads its own data, not the repository's.
        where = _run([str(bindir / "python"), "-c",
                      "from zfxxgk import resources; print(resources.source_dir('schema'))"], cwd=work)
        if not where.strip().startswith(str(venv)):
            sys.exit(f"the installed package reads its schema from {where.strip()}")
        # The conformance suite shipped in the wheel, run by the installed validator.
        print(_run([str(bindir / "python"), "-m", "zfxxgk.conformance"], cwd=work).strip())
    print(f"wheel checked in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
