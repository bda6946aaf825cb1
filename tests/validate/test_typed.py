"""The typed fast path: JSON bytes decoded into the generated structs must change how fast a report
is validated, never what is found.

Soundness is the property that matters: whatever the structs accept, the JSON Schema accepts, and
the validator's findings for the typed report equal its findings for the same bytes read as plain
JSON. (The structs may reject more; such bytes simply take the careful path.)
"""

from __future__ import annotations

import copy
import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import pointers
from zfxxgk.testing import reports
from zfxxgk.catalog import rule
from zfxxgk.validate import Validator
from zfxxgk.loading import iter_json_lines, load_json
from zfxxgk.validate.structure import StructureChecker
from zfxxgk.validate.typed import EDITION_OF, as_document, edition_of, read_typed
from tests.conftest import EXAMPLES, INVALID, VALID, load
from tests.pattern_cases import disagreements_with_json_schema

VALIDATOR = Validator()
STRUCTURE = StructureChecker()

ODD_VALUES: list[Any] = [
    "5", True, False, -1, 0, 7, 1.5, 5.0, -0.0, None, 2**63, 2**64, -(2**63) - 1, 10**30, "", " ", "\ufeff", "x\n",
    "\u3000", [], {}, [1], {"total": 1}, "2021", "2019", "元", "万元", "0.5", "1.00000", "01", "1e3", "1.0.0",
    "1.2.3\n", "https://example.org/a b", "https://example.org/\n", "91350100M000100Y43", "410000", "2022-02-30",
]


def _paths(node: Any, prefix: str = "") -> list[str]:
    """Every JSON Pointer in a document, objects and leaves."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append(f"{prefix}/{key}")
            out += _paths(value, f"{prefix}/{key}")
    return out


def _json(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()  # integers beyond 64 bits too, unlike orjson


def _plain(data: bytes) -> Any:
    # The standard library's reader: independent of msgspec, which both of the package's paths use.
    return json.loads(data.decode("utf-8"))


def _exactly(doc: Any) -> str:
    return json.dumps(doc, sort_keys=True)  # 1 and 1.0 differ here, unlike under ==


def assert_same_findings(data: bytes) -> None:
    """The typed path, when the structs take ``data``, finds exactly what the plain path finds."""
    report = read_typed(data)
    if report is None:
        return  # rejected by the structs: validated the careful way only, nothing to compare
    plain = _plain(data)
    assert STRUCTURE.is_valid(plain), "the structs accepted what the JSON Schema rejects"
    assert _exactly(as_document(report)) == _exactly(plain) == _exactly(load_json(data, "<test>"))
    assert list(VALIDATOR.iter_findings(report)) == list(VALIDATOR.iter_findings(plain))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(reports))
def test_every_generated_report_decodes_typed_and_back(report: dict) -> None:
    typed = read_typed(orjson.dumps(report))
    assert typed is not None
    assert edition_of(typed) == report["edition"]
    assert as_document(typed) == report
    findings = list(VALIDATOR.iter_findings(typed))
    assert findings == list(VALIDATOR.iter_findings(report))
    assert not any(f.is_error for f in findings)


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.name)
def test_examples_give_the_same_findings_both_ways(path: Any) -> None:
    assert_same_findings(path.read_bytes())


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(reports), st.data())
def test_any_value_anywhere_gives_the_same_findings(report: dict, data: st.DataObject) -> None:
    doc = copy.deepcopy(report)
    for _ in range(data.draw(st.integers(1, 3))):
        pointer = data.draw(st.sampled_from(_paths(doc)))
        value = data.draw(st.one_of(st.sampled_from(ODD_VALUES), st.integers(-5, 10**7), st.text(max_size=8)))
        pointers.assign(doc, pointer, value)
    assert_same_findings(_json(doc))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(reports), st.data())
def test_missing_and_unknown_fields_are_never_taken(report: dict, data: st.DataObject) -> None:
    doc = copy.deepcopy(report)
    pointer = data.draw(st.sampled_from(_paths(doc)))
    *parent, name = pointers.split(pointer)
    node = pointers.resolve(doc, "/" + "/".join(parent)) if parent else doc
    if data.draw(st.booleans()):
        del node[name]
    else:
        node[name + "_x"] = 0
    typed = read_typed(orjson.dumps(doc))
    optional = {"agency_uscc", "agency_division_code", "publication_date", "source_url"}
    assert typed is None or (not parent and name in optional)
    assert_same_findings(_json(doc))


@settings(max_examples=60, deadline=None)
@given(reports(), st.sampled_from(["agency_name", "report_year", "table3", "edition"]))
def test_a_repeated_key_reads_as_json_parsers_read_it(report: dict, key: str) -> None:
    # The first occurrence is a decoy; JSON parsers in Python keep the last one.
    body = orjson.dumps(report)
    decoy = orjson.dumps({key: "2019" if key == "edition" else ODD_VALUES[0]})[1:-1]
    assert_same_findings(b"{" + decoy + b"," + body[1:])


def test_edition_decides_the_struct() -> None:
    assert set(EDITION_OF.values()) == {"2021", "2019"}
    sample = load(EXAMPLES / "valid" / "jiyuan-sfj-2021.json")
    for edition in ("2019", "1999", None):
        doc = dict(sample, edition=edition)
        assert read_typed(orjson.dumps(doc)) is None
        assert not VALIDATOR.is_valid(doc)


@given(st.binary(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_a_report_or_none(data: bytes) -> None:
    assert_same_findings(data)


def test_bytes_that_are_not_utf8_are_left_to_the_careful_path() -> None:
    sample = (EXAMPLES / "valid" / "jiyuan-sfj-2021.json").read_text(encoding="utf-8")
    gb = sample.encode("gb18030")
    assert read_typed(gb) is None
    assert read_typed(b"\xef\xbb\xbf" + sample.encode()) is None
    assert STRUCTURE.is_valid(load_json(gb, "gb.json"))


def test_patterns_accept_the_same_characters_as_the_json_schema() -> None:
    assert disagreements_with_json_schema(lambda doc: read_typed(orjson.dumps(doc)) is not None) == []


def test_the_overview_checks_read_count_cells_only() -> None:
    # The numbers_in_text check reads its cells from the vector of counts: each must be one, in every edition.
    for compiled in VALIDATOR._editions.values():
        for check in rule("T101").data["checks"]:
            assert set(check["cells"]) <= set(compiled.identities.index)


def test_json_lines_come_back_typed_only_when_asked(tmp_path: Any) -> None:
    sample = (EXAMPLES / "valid" / "jiyuan-sfj-2021.json").read_bytes()
    line = orjson.dumps(json.loads(sample))
    [plain] = iter_json_lines([line], "x.jsonl")
    [typed] = iter_json_lines([line], "x.jsonl", typed=True)
    assert isinstance(plain.document, dict) and edition_of(typed.document) == "2021"
    result = VALIDATOR.validate(typed.document)
    assert result.valid and result.document == plain.document


@pytest.mark.parametrize("typed", [False, True])
def test_an_integer_beyond_the_bound_is_quoted_exactly(typed: bool) -> None:
    # orjson would read it as a float, and the finding would misquote it as 1.8446744073709552e+19.
    sample = load(EXAMPLES / "valid" / "jiyuan-sfj-2021.json")
    sample["table3"]["new_requests"]["other"] = 18446744073709551617
    report = load_json(_json(sample), "big.json", typed=typed)
    assert isinstance(report, dict)  # the structs reject it: the careful path says why
    findings = list(VALIDATOR.iter_findings(report))
    [finding] = [f for f in findings if f.is_error]
    assert finding.code == "S002" and finding.pointers == ("/table3/new_requests/other",)
    assert "18446744073709551617" in finding.message_en
    # The rest of the report is still checked: the sample's six blank cells are reported beside it.
    assert [f.code for f in findings if not f.is_error] == ["W106"] * 6


@pytest.mark.parametrize("data", [b"[" * 100_000, b'{"a":' * 5_000])
def test_nesting_too_deep_is_an_input_error(data: bytes) -> None:
    from zfxxgk.errors import InputError

    with pytest.raises(InputError):
        load_json(data, "deep.json", typed=True)
    [loaded] = iter_json_lines([data], "deep.jsonl", typed=True)
    assert loaded.error is not None


def test_typed_reports_cannot_be_changed_after_the_check() -> None:
    report = read_typed((EXAMPLES / "valid" / "jiyuan-sfj-2021.json").read_bytes())
    with pytest.raises(AttributeError):
        report.agency_name = ""  # type: ignore[misc]
    with pytest.raises(AttributeError):
        report.table3.new_requests.total = "5"  # type: ignore[misc]


def test_struct_attributes_are_the_json_names() -> None:
    # The typed readers reach cells by attribute with the JSON names of the layout.
    import msgspec

    from zfxxgk.generated import structs

    classes = [c for c in vars(structs).values() if isinstance(c, type) and issubclass(c, msgspec.Struct)]
    assert classes
    for cls in classes:
        assert cls.__struct_fields__ == cls.__struct_encode_fields__, cls.__name__
