"""The shape of the code a newcomer reads: small modules, functions that read top to bottom."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "zfxxgk"
MAX_LINES = 400  # a module one can read in one sitting
MAX_COMPLEXITY = 15


def _sources() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "generated" not in p.relative_to(PACKAGE).parts]


def test_no_module_is_longer_than_one_sitting() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _sources() if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_function_is_more_complex_than_fifteen() -> None:
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is None:
        pytest.skip("ruff is not installed (pip install '.[test]')")
    result = subprocess.run(
        [ruff, "check", "--no-cache", "--isolated", "--select", "C901", "--config",
         f"lint.mccabe.max-complexity={MAX_COMPLEXITY}", "--output-format", "concise",
         "--exclude", "src/zfxxgk/generated", "src", "bench"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
