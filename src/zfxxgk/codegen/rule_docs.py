"""One Markdown page per rule, and a catalog page, from the expanded rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _term(term: dict[str, Any]) -> str:
    sign = "−" if term["weight"] < 0 else ""
    prefix = "previous year " if term["document"] == "previous" else ""
    return f"{sign}{prefix}`{term['pointer']}`"


def rule_page(rule: dict[str, Any]) -> str:
    lines = [
        f"# {rule['code']} {rule['name']}",
        "",
        f"**{rule['title_zh']}**  ",
        f"*{rule['title_en']}*",
        "",
        "| | |",
        "|---|---|",
        f"| code | `{rule['code']}` |",
        f"| severity | {rule['severity']} |",
        f"| kind | {rule['kind']} |",
        f"| source | {rule['source']} |",
        "",
        rule["description"],
        "",
        "## Message",
        "",
        f"- zh: {rule['message_zh']}",
        f"- en: {rule['message_en']}",
        "",
    ]
    if rule.get("declaration"):
        decl = rule["declaration"]
        lines += ["## Declaration", "", "```yaml"]
        if "each" in decl:
            lines.append(f"each: {decl['each']}")
        lines += [f"lhs: {decl['lhs']}", f"rhs: {decl['rhs']}", "```", ""]
    if rule.get("instances"):
        lines += [f"## Instances ({len(rule['instances'])})", "", "| instance | reported (left) | computed (right) |",
                  "|---|---|---|"]
        for inst in rule["instances"]:
            lhs = " + ".join(_term(t) for t in inst["lhs"])
            rhs = " + ".join(_term(t) for t in inst["rhs"])
            lines.append(f"| {inst['label_zh']} | {lhs} | {rhs} |")
        lines.append("")
    for check in rule.get("checks", []):
        lines += [f"## {check['name']}", "", "cells: " + ", ".join(f"`{c}`" for c in check["cells"]), "",
                  "patterns:", ""]
        lines += [f"- `{p}`" for p in check["patterns"]]
        lines.append("")
    if rule.get("cells"):
        lines += ["## Cells", "", ", ".join(f"`{c}`" for c in rule["cells"]), ""]
    lines += ["## Explain from the command line", "", "```", f"zfxxgk rules {rule['code']}", "```", ""]
    return "\n".join(lines)


def write_rule_docs(rules: dict[str, Any], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    index = ["# Rule catalog", "", "| code | name | severity | source | 说明 |", "|---|---|---|---|---|"]
    for rule in rules["rules"]:
        (out_dir / f"{rule['code']}.md").write_text(rule_page(rule), encoding="utf-8")
        index.append(f"| [{rule['code']}]({rule['code']}.md) | {rule['name']} | {rule['severity']} "
                     f"| {rule['source']} | {rule['title_zh']} |")
    (out_dir / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
