"""`zfxxgk rules`: the rule catalog listed, or rules looked up by code or name, as text, JSON or
JSON Lines. Names and titles are printed whole at any width (wrapped, never cut)."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from zfxxgk.cli_output import json_bytes
from zfxxgk.catalog import Rule, catalog


def find_rules(query: str) -> list[Rule]:
    """The rules ``query`` names: a code (any case), a name (several rules may share one: W106 and
    P201 are both ``blank-cell``), else every rule whose name contains it."""
    wanted = query.strip()
    found = catalog().get(wanted.upper())
    if found is not None:
        return [found]
    by_name = [r for r in catalog() if r.name == wanted.lower()]
    return by_name or [r for r in catalog() if wanted and wanted.lower() in r.name]


def write_json(found: list[Rule], output_format: str, one: bool) -> None:
    """JSON: one document (the rule itself when one was asked for, else an array); JSON Lines: one rule a line."""
    if output_format == "jsonl":
        sys.stdout.buffer.write(b"".join(json_bytes(r.data) + b"\n" for r in found))
    elif one and len(found) == 1:
        sys.stdout.buffer.write(json_bytes(found[0].data, indent=True) + b"\n")
    else:
        sys.stdout.buffer.write(json_bytes([r.data for r in found], indent=True) + b"\n")


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_catalog(console: Console, found: list[Rule], lang: str) -> None:
    """Each rule on a line of its own (code, full name, severity, source), its title below, wrapped."""
    for r in found:
        console.print(Text.assemble((r.code, "bold"), "  ", (r.name, "bold"), "  ",
                                    (r.severity, _SEVERITY_STYLE.get(r.severity, "")), "  ", (r.source, "dim")))
        console.print(Padding(Text(r.title_zh if lang == "zh" else r.title_en), (0, 0, 0, 6), expand=False))


def print_rule(console: Console, r: Rule) -> None:
    """One rule explained: titles, description, message templates, instances per edition, its page."""
    console.print(Text.assemble((f"{r.code} {r.name}", "bold"), f"  ({r.severity}, {r.kind}, {r.source})"))
    console.print(Text(f"{r.title_zh}\n{r.title_en}\n"))
    console.print(Text(r.description + "\n"))
    console.print(Text(f"message (zh): {r.message_zh}\nmessage (en): {r.message_en}"))
    instances = r.data.get("instances", [])
    for edition in r.data["editions"]:
        here = [i for i in instances if i["edition"] == edition]
        if not here:
            continue
        console.print(Text(f"\nedition {edition}: {len(here)} instances, e.g.:"))
        for inst in here[:3]:
            console.print(Text(f"  [{inst['label_zh']} / {inst['label_en']}] {_equation(inst)}"))
    console.print(Text(f"\ndocs: docs/rules/{r.code}.md"))


def _equation(inst: dict[str, Any]) -> str:
    lhs = " + ".join(t["pointer"] for t in inst["lhs"])
    rhs = " + ".join(("-" if t["weight"] < 0 else "") + ("previous:" if t["document"] == "previous" else "")
                     + t["pointer"] for t in inst["rhs"])
    return f"{lhs} = {rhs}"


def unknown(query: str, lang: str) -> str:
    codes = ", ".join(r.code for r in catalog())
    if lang == "zh":
        return f"没有代码或名称为“{query}”的规则；规则代码：{codes}（zfxxgk rules 列出全部规则及名称）"
    return f"no rule has the code or name {query!r}; codes: {codes} (zfxxgk rules lists every rule with its name)"
