"""generated/ is exactly what the generator makes from schema/ today."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zfxxgk.codegen.rules import RuleDeclarationError, build_rules

ROOT = Path(__file__).resolve().parents[2]


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zfxxgk.codegen", "--check"], cwd=root,
                          capture_output=True, text=True)


def test_generated_is_up_to_date() -> None:
    result = _check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_editing_the_schema_without_regenerating_is_caught(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    shutil.copytree(ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    schema = tmp_path / "schema" / "zfxxgk.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("title: 行政强制", "title: 行政强制措施"),
                      encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1
    assert "out of date" in result.stderr


def test_a_rule_naming_a_missing_cell_fails_generation() -> None:
    layout = {"schema_version": "1.0.0", "editions": {"2021": {"tables": [], "fields": [], "cells": []}}}
    bad = [{"code": "E999", "kind": "identity", "lhs": ["/table3/nowhere"], "rhs": []}]
    with pytest.raises(RuleDeclarationError, match="no cell"):
        build_rules(bad, layout, {})
