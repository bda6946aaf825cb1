"""The parse log: every entry carries a code of the catalog, the log follows the generated JSON
Schema, and validating a published document reports the entries as findings with their source."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest

from tests.importer.gold import samples
from zfxxgk.importer import parse_bytes, parse_path
from zfxxgk.importer.result import DEFAULT_CODES
from zfxxgk.render import render
from zfxxgk.resources import parse_log_schema, rules_catalog
from zfxxgk.testing import random_report
from zfxxgk.testing.noise import KINDS, inject
from zfxxgk.validate import Validator
from zfxxgk.validate.parse_findings import parse_findings, with_parse_findings

ROOT = Path(__file__).resolve().parents[2]
PARSE = {r["code"]: r for r in rules_catalog()["rules"] if r["kind"] == "parse"}


def documents() -> list[tuple[str, bytes, str]]:
    """Real reports, the bundled sample, and generated reports with every kind of noise."""
    out = [(p.name, p.read_bytes(), p.suffix[1:]) for p in samples()]
    out.append(("jiyuan", (ROOT / "examples" / "jiyuan-sfj-2021.txt").read_bytes(), "txt"))
    for i, kind in enumerate(KINDS):
        for edition in ("2021", "2019"):
            rng = random.Random(i * 31 + len(edition))
            text = inject(render(random_report(rng, edition), "txt"), "txt", kind, rng, 3)  # type: ignore[arg-type]
            out.append((f"{kind}-{edition}", text.encode("utf-8"), "txt"))
    return out


DOCUMENTS = documents()


@pytest.fixture(scope="module")
def logs() -> list[dict]:
    return [parse_bytes(data, name, fmt).to_log_dict() for name, data, fmt in DOCUMENTS]


def test_every_log_follows_the_generated_schema(logs: list[dict]) -> None:
    validator = jsonschema.Draft201909Validator(parse_log_schema())
    for log in logs:
        errors = list(validator.iter_errors(log))
        assert not errors, (log["source"], errors[0].message)
        assert log["$schema"] == parse_log_schema()["$id"]


def test_every_code_is_in_the_catalog_with_the_kind_of_its_entries(logs: list[dict]) -> None:
    seen = set()
    for log in logs:
        for entry in log["entries"]:
            assert entry["code"] in PARSE, entry
            seen.add(entry["code"])
    assert {"P101", "P201", "P301", "P302", "P303", "P304", "P401", "P501", "P701"} <= seen
    for kind, code in DEFAULT_CODES.items():
        assert PARSE[code]["log_kind"] == kind


def test_validating_a_document_reports_its_repairs_and_undecided_cells_with_their_source() -> None:
    sample = next(p for p in samples() if p.name == "pingtan-gwh-2021.txt")
    parse = parse_path(sample)
    result = with_parse_findings(Validator().validate(parse.report, source=str(sample)), parse)
    undecided = [f for f in result.findings if f.code == "P401"]
    assert len(undecided) == 3 and all(f.severity == "warning" for f in undecided)
    assert all(f.source_text and f.where and f.candidates for f in undecided)
    assert {p for f in undecided for p in f.pointers} == {
        f"/table2/article20_item1/normative_documents/{c}" for c in ("issued", "repealed", "in_force")}
    document = result.to_dict()
    assert any(f["code"] == "P401" and "candidates" in f and "source_text" in f for f in document["findings"])


def test_blank_cells_are_left_to_the_validators_w106() -> None:
    parse = parse_path(ROOT / "examples" / "jiyuan-sfj-2021.txt")
    assert any(e.code == "P201" for e in parse.log)
    assert not any(f.code == "P201" for f in parse_findings(parse))


def test_rules_explains_a_parse_code() -> None:
    from typer.testing import CliRunner

    from zfxxgk.cli import app

    out = CliRunner().invoke(app, ["rules", "P301", "--lang", "en"])
    assert out.exit_code == 0
    assert "digits-cut" in out.output and "identities" in out.output
    catalog = json.loads(CliRunner().invoke(app, ["rules", "--format", "json"]).output)
    assert {r["code"] for r in catalog} >= set(PARSE)
