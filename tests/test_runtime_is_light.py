"""Installing the package to validate reports does not bring in the LinkML toolchain."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_runtime_dependencies_exclude_generation_tools() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert not [d for d in deps if d.startswith(("linkml", "datamodel-code-generator"))]


def test_runtime_modules_do_not_import_linkml() -> None:
    code = (
        "import sys, zfxxgk, zfxxgk.layout, zfxxgk.resources, zfxxgk.generated.models, zfxxgk.generated.structs, zfxxgk.cli, zfxxgk.validate;"
        "bad = [m for m in sys.modules if m.startswith(('linkml', 'datamodel_code_generator'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
