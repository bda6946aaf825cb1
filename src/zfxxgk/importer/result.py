"""What a parse gives back: the report, and a log of every place where the reading was not literal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zfxxgk.errors import InputError
from zfxxgk.resources import parse_log_schema

# Kinds of log entry, in the order a reader of the log meets them.
KINDS = ("inferred", "label_variant", "unit", "blank", "repair", "ambiguous", "warning")
# The code of an entry whose maker names none: the catalog's most general code of its kind
# (every code is declared in the schema with kind "parse"; zfxxgk rules P301 explains one).
DEFAULT_CODES = {"inferred": "P501", "label_variant": "P101", "unit": "P601", "blank": "P201", "repair": "P303",
                 "ambiguous": "P401", "warning": "P702"}


class UnsupportedEdition(InputError):
    """The document is a report in an edition of the format that the importer does not read (yet)."""

    def __init__(self, source: str, edition: str, evidence: list[str], where: str | None = None,
                 supported: tuple[str, ...] = ("2021",)) -> None:
        self.edition = edition
        self.evidence = evidence
        shown = "、".join(evidence[:4])
        readable = ", ".join(supported)
        super().__init__(
            source,
            f"this is a report in the {edition} edition of the format (labels such as {shown}); the importer "
            f"reads the {readable} edition only for now: {edition} support comes later",
            f"这是 {edition} 年版格式的报告（含有“{shown}”等栏目）；目前只能解析 {readable} 年版，"
            f"{edition} 年版的解析将在以后支持",
            where,
        )


@dataclass(frozen=True)
class LogEntry:
    """One thing the parser did that a reader of the report should be able to check.

    ``raw`` is the printed text it came from and ``where`` its place in the source ("line 57",
    "table 3 row 9"); ``value`` is what was recorded in the report; ``candidates`` lists the
    readings that could not be told apart (for "ambiguous").
    """

    kind: str
    pointer: str | None
    raw: str
    where: str | None
    message_en: str
    message_zh: str
    value: Any = None
    candidates: list[Any] = field(default_factory=list)
    code: str = ""  # the parse-log code (P101 …) of the rule catalog

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", DEFAULT_CODES[self.kind])

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "kind": self.kind, "pointer": self.pointer, "raw": self.raw, "where": self.where,
            "message_en": self.message_en, "message_zh": self.message_zh, "value": self.value,
            "candidates": list(self.candidates),
        }


@dataclass
class ParseResult:
    """A standard instance read from a published report, with the log of how it was read."""

    report: dict[str, Any]
    log: list[LogEntry]
    source: str
    format: str
    encoding: str | None
    # Where each cell of the report was read, for formats that have cells of their own (a
    # workbook: "/table3/new_requests/total" -> "表三!J5"); the validator's findings cite them.
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def ambiguous(self) -> bool:
        """True when some cell could not be decided (it is null and listed as "ambiguous")."""
        return any(entry.kind == "ambiguous" for entry in self.log)

    def entries(self, kind: str) -> list[LogEntry]:
        return [entry for entry in self.log if entry.kind == kind]

    def to_log_dict(self) -> dict[str, Any]:
        counts = {kind: 0 for kind in KINDS}
        for entry in self.log:
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
        return {
            "$schema": parse_log_schema()["$id"],
            "source": self.source, "format": self.format, "encoding": self.encoding,
            "edition": self.report.get("edition"), "ambiguous": self.ambiguous,
            "counts": counts, "entries": [entry.to_dict() for entry in self.log],
        }
