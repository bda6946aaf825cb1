"""What the validator reports: findings that point at cells, and the result for one report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zfxxgk.validate.typed import as_document


@dataclass(frozen=True, slots=True)
class Contribution:
    """One cell that enters a sum: where it is, what it holds, and with which sign."""

    pointer: str
    value: Any
    weight: int = 1
    document: str = "current"

    def to_dict(self) -> dict[str, Any]:
        return {"pointer": self.pointer, "value": self.value, "weight": self.weight, "document": self.document}


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule in one place.

    ``pointers`` are the JSON Pointers of every cell involved; for sums ``reported`` is the value
    the report states (the left-hand side), ``computed`` what its parts add up to, and
    ``contributions`` every cell of the equation with its value. A structure error lists in
    ``unchecked`` the identities that a malformed or missing cell kept from being evaluated.
    """

    code: str
    name: str
    severity: str
    message_zh: str
    message_en: str
    pointers: tuple[str, ...] = ()
    reported: Any = None
    computed: Any = None
    contributions: tuple[Contribution, ...] = ()
    instance: str | None = None
    # For a finding of the parse of a published document: the printed text it is about, where it
    # stands in the document, and the values an undecided cell could have.
    source_text: str | None = None
    where: str | None = None
    candidates: tuple[Any, ...] = ()
    # For a structure error (S002): the identities (code, instance) it kept from being evaluated.
    unchecked: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # A cell named twice (X201 reads /in_force of this year and of last year) is one place to look.
        if len(set(self.pointers)) != len(self.pointers):
            object.__setattr__(self, "pointers", tuple(dict.fromkeys(self.pointers)))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def message(self, lang: str = "en") -> str:
        return self.message_zh if lang == "zh" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code, "name": self.name, "severity": self.severity,
            "message_zh": self.message_zh, "message_en": self.message_en, "pointers": list(self.pointers),
        }
        if self.instance is not None:
            out["instance"] = self.instance
        if self.reported is not None or self.computed is not None:
            out["reported"] = self.reported
            out["computed"] = self.computed
        if self.contributions:
            out["contributions"] = [c.to_dict() for c in self.contributions]
        if self.source_text is not None:
            out["source_text"] = self.source_text
        if self.source_text is not None or self.where is not None:
            out["where"] = self.where  # the place in the source document (a line, a page, 表三!D12)
        if self.candidates:
            out["candidates"] = list(self.candidates)
        if self.unchecked:
            out["unchecked"] = [{"code": code, "instance": key} for code, key in self.unchecked]
        return out


@dataclass(slots=True)
class Result:
    """The findings for one report (or one unreadable input)."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    report: Any = None  # the report as it was validated: plain JSON data, or a typed report

    @property
    def document(self) -> dict[str, Any] | None:
        """The report as plain JSON data (a typed report converted), None for an unusable input."""
        return as_document(self.report)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_warning]

    @property
    def notes(self) -> list[Finding]:
        """Findings that tell how a published document was read (severity info): not problems."""
        return [f for f in self.findings if f.severity == "info"]

    @property
    def valid(self) -> bool:
        """No error; warnings allowed."""
        return not any(f.is_error for f in self.findings)

    def passes(self, strict: bool = False) -> bool:
        """``valid``, and with ``strict`` also no warning."""
        return not (self.errors or self.warnings) if strict else self.valid

    @property
    def usable(self) -> bool:
        """The input could be read as a report at all (no S001)."""
        return not any(f.code == "S001" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "valid": self.valid, "findings": [f.to_dict() for f in self.findings]}
