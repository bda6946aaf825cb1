"""The rule catalog as objects: the one reader of the generated ``rules.json``.

Every part of the package that needs a rule reads it here: the validator (which rules to run for an
edition, their cells and messages), the importer (the identities that choose between readings of
a printed row), the test strategies (the identities a constructed report must satisfy), the Excel
template (its live checks) and the CLI (``zfxxgk rules``). A rule is declared once, in
``schema/zfxxgk.yaml``; the generator expands each identity into explicit cell equations per
edition (its *instances*), and this module turns them into frozen objects once per process.

Check functions for rules that are not identities are registered by the name the schema gives in
``check:`` (``zfxxgk.validate.checks``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from zfxxgk.resources import rules_catalog

if TYPE_CHECKING:
    from zfxxgk.validate.findings import Contribution, Finding

CURRENT, PREVIOUS = "current", "previous"


class Term(NamedTuple):
    """``weight`` × the cell at ``pointer`` of this year's report or last year's (``document``)."""

    pointer: str
    weight: int
    document: str = CURRENT


@dataclass(frozen=True)
class Instance:
    """One equation of an identity in one edition: sum(lhs) = sum(rhs)."""

    code: str
    key: str
    edition: str
    label_zh: str
    label_en: str
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]

    @property
    def rule(self) -> Rule:
        return rule(self.code)

    @property
    def cross_year(self) -> bool:
        """It involves last year's report too."""
        return any(t.document != CURRENT for t in self.lhs + self.rhs)

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term with the sign that makes the equation sum(terms) = 0."""
        return self.lhs + tuple(Term(t.pointer, -t.weight, t.document) for t in self.rhs)

    @property
    def pointers(self) -> tuple[str, ...]:
        return tuple(t.pointer for t in self.lhs + self.rhs)


class _Blank(dict[str, Any]):
    """Message values: a placeholder the caller did not fill reads "?" rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Rule:
    """A rule of the catalog: code, name, severity, bilingual messages, and what it checks."""

    code: str
    name: str
    kind: str  # identity, check, text_vs_table, parse
    severity: str  # error, warning, info
    source: str
    title_zh: str
    title_en: str
    message_zh: str
    message_en: str
    description: str
    editions: tuple[str, ...]
    check: str | None  # the registered check function (``zfxxgk.validate.checks``), for kind check
    cells: tuple[str, ...]  # the cells a check reads
    data: dict[str, Any] = field(repr=False, compare=False)  # the rule as rules.json gives it
    instances: tuple[Instance, ...] = ()

    def applies_to(self, edition: str) -> bool:
        return edition in self.editions

    def instances_of(self, edition: str) -> tuple[Instance, ...]:
        return tuple(i for i in self.instances if i.edition == edition)

    def finding(self, pointers: tuple[str, ...] = (), *, reported: Any = None, computed: Any = None,
                contributions: tuple[Contribution, ...] = (), instance: str | None = None,
                source_text: str | None = None, where: str | None = None, candidates: tuple[Any, ...] = (),
                unchecked: tuple[tuple[str, str], ...] = (), **values: Any) -> Finding:
        """A finding of this rule, its messages filled from ``values`` and the numbers. A value named
        ``x_zh`` or ``x_en`` also fills ``{x}`` in the message of that language."""
        from zfxxgk.validate.findings import Finding

        fill = _Blank(values, reported=_show(reported), computed=_show(computed))
        return Finding(
            code=self.code, name=self.name, severity=self.severity,
            message_zh=self.message_zh.format_map(_in(fill, "_zh")), message_en=self.message_en.format_map(_in(fill, "_en")),
            pointers=pointers, reported=reported, computed=computed, contributions=contributions,
            instance=instance, source_text=source_text, where=where, candidates=candidates, unchecked=unchecked,
        )


def _in(fill: _Blank, suffix: str) -> _Blank:
    """The values with those of one language also under their plain name."""
    own = {k.removesuffix(suffix): v for k, v in fill.items() if k.endswith(suffix)}
    return _Blank({**fill, **own}) if own else fill


def _show(value: Any) -> Any:
    return "null" if value is None else value


@dataclass(frozen=True)
class Catalog:
    """Every rule by code, in catalog order, with the views the package iterates."""

    schema_version: str
    rules: dict[str, Rule]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __getitem__(self, code: str) -> Rule:
        return self.rules[code]

    def get(self, code: str) -> Rule | None:
        return self.rules.get(code)

    def of_kind(self, kind: str) -> list[Rule]:
        return [r for r in self if r.kind == kind]

    def for_edition(self, edition: str, kind: str | None = None) -> list[Rule]:
        """The rules that apply to reports of ``edition`` (of one ``kind`` if given)."""
        return [r for r in self if r.applies_to(edition) and (kind is None or r.kind == kind)]

    def instances(self, edition: str, cross_year: bool | None = None) -> list[Instance]:
        """Every identity instance of ``edition``; only the single-report ones (``cross_year=False``)
        or only the cross-year ones (``True``) when asked."""
        return [i for r in self.of_kind("identity") if r.applies_to(edition) for i in r.instances_of(edition)
                if cross_year is None or i.cross_year == cross_year]

    def lookup(self, key: str) -> Rule | None:
        """A rule by its code (E301, e301) or its name (table3-column-balance)."""
        wanted = key.strip()
        return self.rules.get(wanted.upper()) or next((r for r in self if r.name == wanted.lower()), None)


def _terms(terms: list[dict[str, Any]]) -> tuple[Term, ...]:
    return tuple(Term(t["pointer"], t["weight"], t["document"]) for t in terms)


def _rule(data: dict[str, Any]) -> Rule:
    instances = tuple(
        Instance(code=data["code"], key=i["key"], edition=i["edition"], label_zh=i["label_zh"],
                 label_en=i["label_en"], lhs=_terms(i["lhs"]), rhs=_terms(i["rhs"]))
        for i in data.get("instances", ()))
    return Rule(
        code=data["code"], name=data["name"], kind=data["kind"], severity=data["severity"], source=data["source"],
        title_zh=data["title_zh"], title_en=data["title_en"], message_zh=data["message_zh"],
        message_en=data["message_en"], description=data["description"], editions=tuple(data["editions"]),
        check=data.get("check"), cells=tuple(data.get("cells", ())), data=data, instances=instances,
    )


@cache
def catalog() -> Catalog:
    """The rule catalog, read once per process."""
    data = rules_catalog()
    return Catalog(schema_version=data["schema_version"], rules={r["code"]: _rule(r) for r in data["rules"]})


def rule(code: str) -> Rule:
    """The rule with ``code``; KeyError for a code the catalog does not have."""
    return catalog().rules[code]
