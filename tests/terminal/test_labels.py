"""Findings name cells as readers of the printed report do, in both languages; the pointer stays in JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, INVALID
from zfxxgk.cell_names import place_name
from zfxxgk.layout import EDITIONS, layout
from zfxxgk.loading import load_json
from zfxxgk.resources import layout_data
from zfxxgk.validate import Validator

VALIDATOR = Validator()


def _findings(name: str, previous: str | None = None) -> list:
    doc = load_json((EXAMPLES / "invalid" / name).read_bytes(), name)
    last = load_json((EXAMPLES / "invalid" / previous).read_bytes(), previous) if previous else None
    return list(VALIDATOR.iter_findings(doc, previous=last))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_place_of_the_layout_has_an_english_label(edition: str) -> None:
    lay = layout(edition)
    for cell in lay.cells:
        assert len(cell.title_path_en) == len(cell.title_path) and all(cell.title_path_en), cell.pointer
        assert (cell.group is None) == (cell.group_en is None), cell.pointer
    for table in lay.tables:
        for node in table.nodes():
            assert node.title_en and node.title_en.isascii(), node.pointer
            titles = [c.title_en if hasattr(c, "title_en") and c.title_en else c.title_path_en[-1] for c in node.children]
            assert len(set(titles)) == len(titles), f"two siblings share an English label under {node.pointer}"
    assert all(f.title_en for f in lay.fields)


def test_a_cell_is_named_by_table_row_path_and_column_in_both_languages() -> None:
    pointer = "/table3/results/withheld/third_party_rights/commercial_enterprise"
    assert place_name(pointer, "zh") == "表三“三、本年度办理结果 / （三）不予公开 / 4.保护第三方合法权益”行“商业企业”列"
    assert place_name(pointer, "en") == ('Table 3, row "3. Results of handling this year / (3) Not disclosed / '
                                         "4. Protecting a third party's lawful rights and interests\", "
                                         'column "Commercial enterprises"')


def test_rows_tables_fields_and_table4_groups_are_named_too() -> None:
    assert place_name("/table3/results/withheld", "zh") == "表三“三、本年度办理结果 / （三）不予公开”"
    assert place_name("/table4/litigation_direct/total", "en") == (
        'Table 4, row "Administrative litigation / Sued without reconsideration", column "Total"')
    assert place_name("/table2", "zh") == "表二" and place_name("/table2", "en") == "Table 2"
    assert place_name("/agency_name", "zh") == "“机关名称”" and place_name("/agency_name", "en") == '"Agency name"'
    assert place_name("/table2/article20_item9/procurement/total_amount", "en", "2019") == (
        'Table 2, row "Article 20, item (9) / Centralised government procurement", column "Total procurement amount"')
    assert place_name("/no_such_field", "en") == "/no_such_field"  # not in the layout: the pointer is all there is


def test_w106_names_the_blank_cell_by_its_labels_and_keeps_the_pointer() -> None:
    [finding] = [f for f in _findings("W106-blank-cell.json") if f.code == "W106"]
    assert finding.message_zh.startswith("表三“三、本年度办理结果 / （三）不予公开 / 4.保护第三方合法权益”行“商业企业”列为空白")
    assert finding.message_en.startswith('Table 3, row "3. Results of handling this year / (3) Not disclosed / ')
    assert 'column "Commercial enterprises" is blank' in finding.message_en
    assert "/" + "table3" not in finding.message_en and "commercial_enterprise" not in finding.message_en
    assert finding.to_dict()["pointers"] == ["/table3/results/withheld/third_party_rights/commercial_enterprise"]


@pytest.mark.parametrize(("name", "zh", "en"), [
    ("E301-column-balance-broken.json", "表三“自然人”列", 'Table 3, column "Natural persons"'),
    ("E302-row-total-not-sum-of-applicants.json", "表三“三、本年度办理结果 / （三）不予公开 / 4.保护第三方合法权益”行",
     'Table 3, row "3. Results of handling this year / (3) Not disclosed / 4. Protecting'),
    ("E401-table4-block-total-wrong.json", "表四“", 'Table 4, "Sued without reconsideration"'),
])
def test_identity_messages_name_rows_and_columns_by_labels(name: str, zh: str, en: str) -> None:
    finding = next(f for f in _findings(name) if f.code[0] == "E")
    assert zh in finding.message_zh and en in finding.message_en
    assert finding.instance is not None and finding.instance not in finding.message_en  # the JSON key stays in JSON


def test_structure_messages_name_the_cell_and_the_unchecked_identities_by_labels() -> None:
    [finding] = _findings("S002-count-as-string.json")
    assert finding.message_en.startswith(
        'Structure error: Table 3, row "1. New requests received this year", column "Natural persons": "241"')
    assert 'E301 "Natural persons", E302 "1. New requests received this year"' in finding.message_en
    assert finding.message_zh.startswith("结构错误：表三“一、本年新收政府信息公开申请数量”行“自然人”列 的值")
    assert "E301 “自然人”" in finding.message_zh
    assert finding.pointers == ("/table3/new_requests/natural_person",)
    assert ("E301", "natural_person") in finding.unchecked  # keys, for programs


def test_no_finding_of_any_example_lists_a_pointer_twice() -> None:
    seen = 0
    for path in INVALID:
        if path.name.endswith(".previous.json"):
            continue
        previous = path.with_name(path.name.replace(".json", ".previous.json"))
        for finding in _findings(path.name, previous.name if previous.exists() else None):
            assert len(set(finding.pointers)) == len(finding.pointers), (path.name, finding.code, finding.pointers)
            seen += 1
    assert seen > 30


def test_x201_names_the_cell_of_this_year_once() -> None:
    [finding] = _findings("X201-documents-in-force-discontinuous.json", "X201-documents-in-force-discontinuous.previous.json")
    assert finding.pointers.count("/table2/article20_item1/normative_documents/in_force") == 1
    documents = [c.document for c in finding.contributions if c.pointer.endswith("/in_force")]
    assert sorted(documents) == ["current", "previous"]  # both years still stated in the contributions
    assert 'Table 2, "Administrative normative documents"' in finding.message_en


def test_english_labels_are_declared_in_the_schema_beside_the_chinese_ones() -> None:
    """The generated layout carries what the schema declares; the codegen drift test keeps them equal."""
    schema = (Path(__file__).parents[2] / "schema" / "zfxxgk.yaml").read_text(encoding="utf-8")
    data = layout_data()
    cell = next(c for c in data["editions"]["2021"]["cells"] if c["pointer"] == "/table3/new_requests/natural_person")
    assert cell["title_path_en"] == ["3. Disclosure requests received and handled", "1. New requests received this year",
                                     "Natural persons"]
    assert 'title_en: "Natural persons"' in schema
