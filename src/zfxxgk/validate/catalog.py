"""The rule catalog as objects: codes, severities and bilingual message templates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from zfxxgk.resources import rules_catalog
from zfxxgk.validate.findings import Contribution, Finding


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    source: str
    title_zh: str
    title_en: str
    message_zh: str
    message_en: str
    description: str
    data: dict[str, Any]

    def finding(self, pointers: tuple[str, ...] = (), *, reported: Any = None, computed: Any = None,
                contributions: tuple[Contribution, ...] = (), instance: str | None = None,
                **values: Any) -> Finding:
        """A finding of this rule, its messages filled from ``values`` and the numbers."""
        fill = _Blank(values, reported=_show(reported), computed=_show(computed))
        return Finding(
            code=self.code, name=self.name, severity=self.severity,
            message_zh=self.message_zh.format_map(fill), message_en=self.message_en.format_map(fill),
            pointers=pointers, reported=reported, computed=computed, contributions=contributions,
            instance=instance,
        )


def _show(value: Any) -> Any:
    return "null" if value is None else value


@cache
def rules() -> dict[str, Rule]:
    """Every rule of the catalog by code, in catalog order."""
    out = {}
    for r in rules_catalog()["rules"]:
        out[r["code"]] = Rule(
            code=r["code"], name=r["name"], kind=r["kind"], severity=r["severity"], source=r["source"],
            title_zh=r["title_zh"], title_en=r["title_en"], message_zh=r["message_zh"],
            message_en=r["message_en"], description=r["description"], data=r,
        )
    return out


def rule(code: str) -> Rule:
    return rules()[code]
