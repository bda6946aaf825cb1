"""Expand the rule declarations of the schema into explicit equations over cell pointers.

The schema states each identity once with variables (``each``) and wildcards (``*``); the rules
file that ships lists every instance with its cells, so that a validator in any language can
evaluate it without knowing the schema's structure.
"""

from __future__ import annotations

import itertools
from typing import Any

from zfxxgk.codegen.schema_io import annotation_value, plain


class RuleDeclarationError(ValueError):
    """A rule in the schema refers to something that does not exist."""


def _index(nodes: list[dict[str, Any]], out: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    for node in nodes:
        out[node["pointer"]] = node
        _index(node.get("children", []), out)
    return out


def _domain(spec: dict[str, str], layout: dict[str, Any], classes: dict[str, list[dict[str, Any]]],
            nodes: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Values a variable ranges over, as (substitution, Chinese label, English label)."""
    if "attributes_of" in spec:
        cls = spec["attributes_of"]
        if cls not in classes:
            raise RuleDeclarationError(f"each: unknown class {cls}")
        return [(a["name"], a["title"], _title_en(a)) for a in classes[cls]]
    if "instances_of" in spec:
        cls = spec["instances_of"]
        found = [n for n in nodes.values() if n.get("class") == cls]
        if not found:
            raise RuleDeclarationError(f"each: no instance of class {cls} in the layout")
        return [(n["pointer"], _title_path(n["pointer"], nodes), _title_path(n["pointer"], nodes, "title_en"))
                for n in found]
    raise RuleDeclarationError(f"each: unknown domain {spec}")


def _title_en(entry: dict[str, Any]) -> str:
    if not entry.get("title_en"):
        raise RuleDeclarationError(f"{entry['name']}: no English label (annotation title_en)")
    return str(entry["title_en"])


def _title_path(pointer: str, nodes: dict[str, dict[str, Any]], key: str = "title") -> str:
    """The labels from below the table down to ``pointer``: "三、本年度办理结果 / （一）予以公开"."""
    parts = pointer.strip("/").split("/")
    titles = [nodes["/" + "/".join(parts[: i + 1])][key] for i in range(1, len(parts))]
    return " / ".join(titles)


def _expand_term(term: str, nodes: dict[str, dict[str, Any]], cells: set[str]) -> list[dict[str, Any]]:
    weight = 1
    document = "current"
    if term.startswith("-"):
        weight, term = -1, term[1:]
    if term.startswith("previous:"):
        document, term = "previous", term[len("previous:"):]
    pointers = [term]
    while any("*" in p for p in pointers):
        expanded = []
        for p in pointers:
            if "*" not in p:
                expanded.append(p)
                continue
            head, tail = p.split("*", 1)
            parent = nodes.get(head.rstrip("/"))
            if parent is None or "children" not in parent:
                raise RuleDeclarationError(f"wildcard under unknown node: {term}")
            expanded.extend(child["pointer"] + tail for child in parent["children"])
        pointers = expanded
    for p in pointers:
        if p not in cells:
            raise RuleDeclarationError(f"term refers to no cell: {p}")
    return [{"pointer": p, "weight": weight, "document": document} for p in pointers]


def _expand_identity(rule: dict[str, Any], layout: dict[str, Any],
                     classes: dict[str, list[dict[str, Any]]], nodes: dict[str, dict[str, Any]],
                     cells: set[str]) -> list[dict[str, Any]]:
    each = rule.get("each", {})
    names = list(each)
    domains = [_domain(each[n], layout, classes, nodes) for n in names]
    instances = []
    for combo in itertools.product(*domains) if domains else [()]:
        subst = {name: value[0] for name, value in zip(names, combo)}
        instances.append({
            "key": ",".join(value[0] for value in combo),  # the JSON name or pointer: stable in output
            "label_zh": " / ".join(value[1] for value in combo),
            "label_en": ", ".join(value[2] for value in combo),
            "lhs": [t for term in rule["lhs"] for t in _expand_term(term.format(**subst), nodes, cells)],
            "rhs": [t for term in rule["rhs"] for t in _expand_term(term.format(**subst), nodes, cells)],
        })
    return instances


def build_rules(schema_rules: list[dict[str, Any]], layout: dict[str, Any],
                classes: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Every rule with its instances expanded for each edition it applies to."""
    codes = [r["code"] for r in schema_rules]
    if len(codes) != len(set(codes)):
        raise RuleDeclarationError("rule codes are not unique")
    out = []
    for declared in schema_rules:
        rule = {k: v for k, v in declared.items() if k not in ("each", "lhs", "rhs", "by_edition")}
        rule["description"] = " ".join(str(rule.get("description", "")).split())
        rule["editions"] = [str(e) for e in declared.get("editions", layout["editions"])]
        if declared["kind"] == "identity":
            rule["declaration"] = {k: declared[k] for k in ("each", "lhs", "rhs", "by_edition") if k in declared}
            rule["instances"] = []
        for edition in rule["editions"]:
            # An edition may state some parts of the rule differently (its rows differ).
            for_edition = {**declared, **declared.get("by_edition", {}).get(edition, {})}
            if edition not in layout["editions"]:
                raise RuleDeclarationError(f"{declared['code']}: unknown edition {edition}")
            edition_layout = layout["editions"][edition]
            nodes = _index(edition_layout["tables"], {})
            nodes.update({f["pointer"]: f for f in edition_layout["fields"]})
            cells = {c["pointer"] for c in edition_layout["cells"]} | {f["pointer"] for f in edition_layout["fields"]}
            if declared["kind"] == "identity":
                for instance in _expand_identity(for_edition, edition_layout, classes, nodes, cells):
                    rule["instances"].append({"edition": edition, **instance})
            pointers = list(declared.get("cells", []))
            pointers += [p for check in declared.get("checks", []) for p in check["cells"]]
            for pointer in pointers:
                if pointer not in cells:
                    raise RuleDeclarationError(f"{declared['code']}: no such cell {pointer} in edition {edition}")
        out.append(rule)
    return {"schema_version": layout["schema_version"], "rules": out}


def schema_rules(schema: Any) -> list[dict[str, Any]]:
    return plain(annotation_value(schema, "rules", []))
