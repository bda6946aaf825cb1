"""The generated artifacts and docs pages are exactly what the generator makes from schema/ today."""

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


def _copy_checkout(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    shutil.copytree(ROOT / "src" / "zfxxgk" / "generated", tmp_path / "src" / "zfxxgk" / "generated",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for sub in ("schema", "rules"):
        shutil.copytree(ROOT / "docs" / sub, tmp_path / "docs" / sub)


def test_editing_the_schema_without_regenerating_is_caught(tmp_path: Path) -> None:
    _copy_checkout(tmp_path)
    assert _check(tmp_path).returncode == 0
    schema = tmp_path / "schema" / "zfxxgk.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("title: 行政强制", "title: 行政强制措施"),
                      encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1
    assert "out of date" in result.stderr


def test_a_hand_edited_docs_page_is_caught(tmp_path: Path) -> None:
    _copy_checkout(tmp_path)
    page = tmp_path / "docs" / "rules" / "E301.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nedited by hand\n", encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1
    assert "E301.md" in result.stdout


def test_every_artifact_id_carries_the_one_version() -> None:
    import zfxxgk
    from zfxxgk import resources

    version = zfxxgk.__version__
    assert f"version: {version}\n" in resources.linkml_schema_text()
    for artifact in (resources.json_schema(), resources.rules_catalog(), resources.layout_data(),
                     resources.parse_log_schema()):
        assert artifact["$id"].startswith(f"https://w3id.org/zfxxgk/{version}/")
    assert len({a["$id"] for a in (resources.json_schema(), resources.rules_catalog(), resources.layout_data(),
                                   resources.parse_log_schema())}) == 4


def test_the_repository_holds_no_symlink() -> None:
    # Windows checkouts turn symlinks into text files; the package and the docs must not need one.
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [line for line in listed.splitlines() if line.startswith("120000")] == []


def test_a_rule_naming_a_missing_cell_fails_generation() -> None:
    layout = {"schema_version": "1.0.0", "editions": {"2021": {"tables": [], "fields": [], "cells": []}}}
    bad = [{"code": "E999", "kind": "identity", "lhs": ["/table3/nowhere"], "rhs": []}]
    with pytest.raises(RuleDeclarationError, match="no cell"):
        build_rules(bad, layout, {})


def test_the_schema_catalog_fits_its_meta_schema() -> None:
    from linkml_runtime import SchemaView

    from zfxxgk.codegen.catalog_check import check_catalog
    from zfxxgk.codegen.rules import schema_rules

    import json

    from jsonschema import Draft202012Validator

    for meta in ("rule-catalog.schema.json", "parse-log-catalog.schema.json"):
        Draft202012Validator.check_schema(json.loads((ROOT / "schema" / meta).read_text(encoding="utf-8")))
    rules = schema_rules(SchemaView(str(ROOT / "schema" / "zfxxgk.yaml")).schema)
    check_catalog(rules, ROOT / "schema", ROOT / "schema" / "zfxxgk.yaml")
    assert {r["kind"] for r in rules} == {"identity", "text_vs_table", "check", "parse"}


@pytest.mark.parametrize(("before", "after", "message"), [
    ("      lhs: ['{row}/total']\n", "", "rules[3] (E302): 'lhs' is a required property"),
    ("      log_kind: label_variant\n", "      log_kind: label-variant\n",
     "(P101) at log_kind: 'label-variant' is not one of"),
    ("      check: uscc_check_digit\n      severity: warning\n",
     "      check: uscc_check_digit\n      severity: grave\n", "(W101) at severity: 'grave' is not one of"),
])
def test_a_bad_rule_annotation_fails_generation_with_a_clear_message(tmp_path: Path, before: str, after: str,
                                                                    message: str) -> None:
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    schema = tmp_path / "schema" / "zfxxgk.yaml"
    text = schema.read_text(encoding="utf-8")
    assert text.count(before) == 1
    schema.write_text(text.replace(before, after), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zfxxgk.codegen", "--out", "out", "--docs", "site"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_linkml_lint_finds_only_the_documented_exceptions() -> None:
    # docs/index.md explains each: the permissible values are the data values instances hold.
    result = subprocess.run([sys.executable, "-m", "linkml.linter.cli", "--format", "tsv", "--max-warnings", "100",
                             str(ROOT / "schema" / "zfxxgk.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line.split("\t")[2:] for line in result.stdout.splitlines()[1:] if line.strip()]
    assert sorted(problems) == sorted(
        ["standard_naming", "warning", f"Permissible value of Enum '{enum}' has name '{value}'"]
        for enum, value in (("Edition2021", "2021"), ("Edition2019", "2019"), ("AmountUnit", "元"),
                            ("AmountUnit", "万元")))
