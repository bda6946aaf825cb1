"""The schema (through its derived layout) against the official labels of the 2021 spec."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from zfxxgk.layout import Node, layout
from zfxxgk.resources import rules_catalog

SPEC = yaml.safe_load((Path(__file__).parent / "data" / "official_labels_2021.yaml").read_text(encoding="utf-8"))


def _titles(node: Node) -> list[str]:
    return [child.title if isinstance(child, Node) else child.title_path[-1] for child in node.children]


def test_sections_in_order() -> None:
    lay = layout()
    titles = {f.name: f.title for f in lay.fields} | {t.name: t.title for t in lay.tables}
    order = ["overview", "table2", "table3", "table4", "problems_and_improvements", "other_matters"]
    assert [titles[name] for name in order] == SPEC["sections"]


def _check_table2(edition: str, spec: dict) -> None:
    table2 = layout(edition).table("table2")
    assert [sub.title for sub in table2.children] == list(spec)
    for sub in table2.children:
        expected = spec[sub.title]
        assert [row.title for row in sub.children] == expected["rows"]
        for row in sub.children:
            assert [cell.title_path[-1] for cell in row.children] == expected["columns"]


def test_table2_subtables_rows_and_columns() -> None:
    _check_table2("2021", SPEC["table2"])


def test_table3_has_25_rows_of_7_official_columns() -> None:
    rows = layout().table("table3").rows()
    assert [list(row.cells()[0].title_path[1:-1]) for row in rows] == SPEC["table3"]["rows"]
    for row in rows:
        assert [cell.title_path[-1] for cell in row.cells()] == SPEC["table3"]["columns"]
        groups = {cell.title_path[-1] for cell in row.cells() if cell.group == "法人或其他组织"}
        assert groups == set(SPEC["table3"]["column_group"]["法人或其他组织"])


def test_table4_three_blocks_of_five() -> None:
    table4 = layout().table("table4")
    assert [block.title for block in table4.children] == SPEC["table4"]["blocks"]
    assert {b.title for b in table4.children if b.group == "行政诉讼"} == set(SPEC["table4"]["block_group"]["行政诉讼"])
    for block in table4.children:
        assert _titles(block) == SPEC["table4"]["columns"]


def test_every_official_label_names_exactly_one_slot_in_its_place() -> None:
    """Within each table, a label path leads to exactly one cell: no label is used twice."""
    lay = layout()
    paths = Counter(cell.title_path for cell in lay.cells)
    assert all(count == 1 for count in paths.values())
    assert len(lay.cells) == 10 + 25 * 7 + 15


@pytest.mark.parametrize(("variant", "official"), sorted(SPEC["variants"].items()))
def test_known_variants_are_aliases_of_their_label(variant: str, official: str) -> None:
    lay = layout()
    owners = {cell.title_path[-1] for cell in lay.cells if variant in cell.aliases}
    owners |= {n.title for t in lay.tables for n in t.nodes() if variant in n.aliases}
    assert owners == {official}


@pytest.mark.parametrize("identity", SPEC["identities"], ids=lambda i: i["code"])
def test_every_identity_of_the_spec_is_declared(identity: dict) -> None:
    rules = {r["code"]: r for r in rules_catalog()["rules"]}
    rule = dict(rules[identity["code"]])
    rule["instances"] = [i for i in rule.get("instances", []) if i["edition"] == "2021"]
    assert rule["source"] == identity["source"]
    assert rule["severity"] == identity["severity"]
    assert rule["message_zh"] and rule["message_en"]
    if "instances" in identity:
        assert len(rule["instances"]) == identity["instances"]
        cells = set(layout().by_pointer)
        for inst in rule["instances"]:
            for term in inst["lhs"] + inst["rhs"]:
                assert term["pointer"] in cells
    if "terms" in identity:
        assert {len(i["rhs"]) for i in rule["instances"]} == {identity["terms"]}


def test_official_identity_instance_is_exactly_the_printed_one() -> None:
    rule = next(r for r in rules_catalog()["rules"] if r["code"] == "E301")
    inst = next(i for i in rule["instances"] if i["key"] == "natural_person" and i["edition"] == "2021")
    assert [t["pointer"] for t in inst["lhs"]] == ["/table3/new_requests/natural_person",
                                                   "/table3/carried_over/natural_person"]
    assert [t["pointer"] for t in inst["rhs"]] == ["/table3/results/total/natural_person",
                                                   "/table3/carried_forward/natural_person"]


def test_rule_codes_are_unique_and_stable_shape() -> None:
    codes = [r["code"] for r in rules_catalog()["rules"]]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 4 and c[0] in "SEXTWP" and c[1:].isdigit() for c in codes)


SPEC_2019 = yaml.safe_load((Path(__file__).parent / "data" / "official_labels_2019.yaml").read_text(encoding="utf-8"))


def test_2019_table2_has_five_subtables_with_its_own_columns() -> None:
    _check_table2("2019", SPEC_2019["table2"])


def test_2019_table3_has_the_single_other_handling_row_and_the_same_columns() -> None:
    rows = layout("2019").table("table3").rows()
    assert len(rows) == SPEC_2019["table3_rows"]
    paths = [list(row.cells()[0].title_path[1:-1]) for row in rows]
    assert SPEC_2019["table3_other_handling"] in paths
    expected_2021 = [p for p in SPEC["table3"]["rows"] if p[:2] != SPEC_2019["table3_other_handling"]]
    assert [p for p in paths if p != SPEC_2019["table3_other_handling"]] == expected_2021
    for row in rows:
        assert [cell.title_path[-1] for cell in row.cells()] == SPEC["table3"]["columns"]


def test_2019_change_may_be_negative_and_procurement_keeps_its_unit() -> None:
    lay = layout("2019")
    assert {c.title_path[-1] for c in lay.cells if c.signed} == {"本年增/减"}
    amount = next(c for c in lay.cells if c.is_amount)
    assert amount.title_path[-1] == "采购总金额" and amount.unit_pointer.endswith("total_amount_unit")


def test_the_same_identities_are_declared_for_2019() -> None:
    counts = {r["code"]: len([i for i in r.get("instances", []) if i["edition"] == "2019"])
              for r in rules_catalog()["rules"]}
    assert (counts["E301"], counts["E302"], counts["E303"], counts["E401"], counts["X301"]) == (7, 23, 7, 3, 7)
    e303 = next(r for r in rules_catalog()["rules"] if r["code"] == "E303")
    inst = next(i for i in e303["instances"] if i["edition"] == "2019" and i["key"] == "total")
    assert len(inst["rhs"]) == 2 + 8 + 3 + 5 + 1
