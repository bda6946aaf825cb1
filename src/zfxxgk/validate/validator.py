"""The validator: built once, then ``iter_findings(report)`` for every report, in the style of
python-jsonschema.

Layers, in order: structure (the generated JSON Schema), identities (errors), plausibility and
text-versus-table checks (warnings), and cross-year checks when last year's report is given.

A report is either plain JSON data (a dict from any parser) or a typed report that JSON bytes
decoded into (``zfxxgk.validate.typed``): the decoding already checked its structure, so it goes
straight to the identities. Both give the same findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zfxxgk.layout import EDITIONS, layout
from zfxxgk.validate import plausibility, typed
from zfxxgk.validate.catalog import rule
from zfxxgk.validate.findings import Finding, Result
from zfxxgk.validate.identities import IdentityChecker
from zfxxgk.validate.reading import Reader, compile_field_reader, compile_reader
from zfxxgk.validate.structure import StructureChecker, decimal_counts


def _field_pointers() -> list[str]:
    """The optional top-level fields the plausibility checks read, from the rules that declare them:
    统一社会信用代码, 行政区划代码, 报告年度 and 发布日期, and the overview text."""
    year, date = rule("W103").data["cells"]
    return [rule("W101").data["cells"][0], rule("W102").data["cells"][0], year, date, rule("T101").data["text"]]


@dataclass(frozen=True)
class _Readers:
    """What the checks read from a report of one edition, in one representation."""

    counts: Reader
    amounts: Reader
    fields: Reader

    @classmethod
    def compile(cls, counts: list[str], amounts: list[str], fields: list[str], typed: bool) -> _Readers:
        return cls(compile_reader(counts, typed), compile_reader(amounts, typed), compile_field_reader(fields, typed))


class _Edition:
    """Everything the validator compiles for one edition."""

    def __init__(self, edition: str) -> None:
        self.layout = layout(edition)
        self.identities = IdentityChecker(edition)
        self.amount_cells = [c.pointer for c in self.layout.cells if c.is_amount]
        # W104 is about the fee in 万元: only the cells it declares, in the editions it covers.
        w104 = rule("W104").data
        fees = w104["cells"] if edition in w104["editions"] else []
        self.fees = [(p, self.amount_cells.index(p)) for p in fees]
        cells = (self.identities.count_cells, self.amount_cells, _field_pointers())
        self.plain = _Readers.compile(*cells, typed=False)
        self.typed = _Readers.compile(*cells, typed=True)


class Validator:
    """Checks reports against the structure and every rule of the catalog.

    >>> validator = Validator()
    >>> result = validator.validate(report)
    >>> result.valid, [f.code for f in result.findings]
    """

    def __init__(self) -> None:
        self._structure = StructureChecker()
        self._editions = {edition: _Edition(edition) for edition in EDITIONS}
        self._text = plausibility.TextChecks()

    def iter_findings(self, report: Any, previous: Any = None) -> Iterator[Finding]:
        """Every finding for ``report``; ``previous`` is last year's report of the same agency."""
        edition = typed.edition_of(report)
        if edition is not None:
            readers = self._editions[edition].typed
        elif isinstance(report, dict) and self._structure.is_valid(report):
            edition = report["edition"]
            readers = self._editions[edition].plain
        else:
            yield from self._structure.findings(report)
            return  # identities are only meaningful on a well-formed report
        compiled = self._editions[edition]
        checker = compiled.identities
        vector = readers.counts(report)
        try:
            total = sum(vector)
        except TypeError:  # a blank (null) cell: the slow path says which identities it hides
            total = None
        if type(total) is not int or not checker.holds(vector):
            floats = list(decimal_counts(checker.count_cells, vector))
            yield from floats
            if not floats:
                yield from checker.findings(vector)
        yield from self._plausibility(compiled, readers, report, vector, total)
        if previous is not None:
            yield from self._cross_year(report, previous)

    def _plausibility(self, compiled: _Edition, readers: _Readers, report: Any, vector: tuple[Any, ...],
                      total: Any) -> Iterator[Finding]:
        amounts = readers.amounts(report)
        if total is None or None in amounts:
            yield from plausibility.blank_cells(vector, compiled.layout, compiled.identities.count_cells,
                                                dict(zip(compiled.amount_cells, amounts)))
        uscc, division, year, published, text = readers.fields(report)
        # Each check runs only when its field is there: most reports leave most of them out.
        if uscc is not None:
            yield from plausibility.uscc(uscc)
        if division is not None:
            yield from plausibility.division_code(division)
        if published is not None:
            yield from plausibility.publication_date(year, published)
        for pointer, index in compiled.fees:
            yield from plausibility.fee_precision(amounts[index], pointer)
        if not total:
            yield from plausibility.all_zero(vector, list(amounts))
        index = compiled.identities.index
        yield from self._text.findings(text, lambda pointer: vector[index[pointer]])

    def _cross_year(self, report: Any, previous: Any) -> Iterator[Finding]:
        if typed.edition_of(previous) is None and not (isinstance(previous, dict) and self._structure.is_valid(previous)):
            return  # the caller validates the previous report on its own and reports it
        current = typed.as_document(report)
        yield from self._editions[current["edition"]].identities.cross_year_findings(current, typed.as_document(previous))

    def validate(self, report: Any, previous: Any = None, source: str = "<report>") -> Result:
        keep = isinstance(report, dict) or typed.edition_of(report) is not None
        return Result(source=source, findings=list(self.iter_findings(report, previous)),
                      report=report if keep else None)

    def is_valid(self, report: Any, previous: Any = None) -> bool:
        return not any(f.is_error for f in self.iter_findings(report, previous))
