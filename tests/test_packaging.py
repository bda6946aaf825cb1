"""The wheel carries the standard and its artifacts as package data, and not the docs pages.

Built without build isolation (the backend is in the test extra), which takes about two seconds.
Installing the wheel in a clean virtual environment and running the README command takes about a
minute (dependencies included), so it runs in CI after the tests: tools/check_wheel.py.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
                             str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("zfxxgk-*.whl")
    return built


def test_wheel_carries_the_schema_and_every_artifact(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("schema/zfxxgk.yaml", "generated/zfxxgk.schema.json", "generated/rules.json",
                 "generated/layout.json", "generated/parse-log.schema.json", "generated/models.py",
                 "generated/structs.py", "generated/__init__.py", "conformance/suite.json"):
        assert f"zfxxgk/{name}" in names, name
    for name in (ROOT / "schema").iterdir():
        assert f"zfxxgk/schema/{name.name}" in names, name.name
    # The LinkML schema in the wheel is the repository's, byte for byte.
    packaged = zipfile.ZipFile(wheel).read("zfxxgk/schema/zfxxgk.yaml")
    assert packaged == (ROOT / "schema" / "zfxxgk.yaml").read_bytes()


def test_wheel_leaves_out_the_docs_pages(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert [n for n in names if n.endswith(".md") or "/docs/" in n] == []


def test_wheel_and_its_metadata_pass_twine_check(wheel: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(wheel)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_wheel_version_is_the_schema_version(wheel: Path) -> None:
    import zfxxgk

    assert wheel.name.startswith(f"zfxxgk-{zfxxgk.__version__}-")
    assert f"\nversion: {zfxxgk.__version__}\n" in (ROOT / "schema" / "zfxxgk.yaml").read_text(encoding="utf-8")
