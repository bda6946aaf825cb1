"""The validator: built once, then ``iter_findings(report)`` for every report, in the style of
python-jsonschema.

Layers, in order: structure (the generated JSON Schema), identities (errors), plausibility and
text-versus-table checks (warnings), and cross-year checks when last year's report is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zfxxgk.layout import EDITIONS, layout
from zfxxgk.validate import plausibility
from zfxxgk.validate.catalog import rule
from zfxxgk.validate.findings import Finding, Result
from zfxxgk.validate.identities import IdentityChecker, compile_extract
from zfxxgk.validate.structure import StructureChecker, decimal_counts


class Validator:
    """Checks reports against the structure and every rule of the catalog.

    >>> validator = Validator()
    >>> result = validator.validate(report)
    >>> result.valid, [f.code for f in result.findings]
    """

    def __init__(self) -> None:
        self._structure = StructureChecker()
        self._identities = {edition: IdentityChecker(edition) for edition in EDITIONS}
        self._amounts = {e: [c.pointer for c in layout(e).cells if c.is_amount] for e in EDITIONS}
        self._amount_extract = {e: compile_extract(self._amounts[e]) for e in EDITIONS}
        # W104 is about the fee in 万元: only the cells it declares, in the editions it covers.
        w104 = rule("W104").data
        self._fees = {e: list(w104["cells"]) if e in w104["editions"] else [] for e in EDITIONS}
        self._text = plausibility.TextChecks()

    def iter_findings(self, report: Any, previous: Any = None) -> Iterator[Finding]:
        """Every finding for ``report``; ``previous`` is last year's report of the same agency."""
        if not (isinstance(report, dict) and self._structure.is_valid(report)):
            yield from self._structure.findings(report)
            return  # identities are only meaningful on a well-formed report
        edition = report["edition"]
        checker = self._identities[edition]
        vector = checker.extract(report)
        try:
            total = sum(vector)
        except TypeError:  # a blank (null) cell: the slow path says which identities it hides
            total = None
        if type(total) is not int or not checker.holds(vector):
            floats = list(decimal_counts(checker.count_cells, vector))
            yield from floats
            if not floats:
                yield from checker.findings(vector)
        yield from self._plausibility(report, edition, vector, total)
        if previous is not None:
            yield from self._cross_year(report, previous)

    def _plausibility(self, report: dict[str, Any], edition: str, vector: tuple[Any, ...], total: Any) -> Iterator[Finding]:
        # Each check runs only when its field is there: most reports leave most of them out.
        amount_cells = self._amounts[edition]
        amounts = self._amount_extract[edition](report)
        if total is None or None in amounts:
            yield from plausibility.blank_cells(vector, layout(edition), self._identities[edition].count_cells,
                                                dict(zip(amount_cells, amounts)))
        if report.get("agency_uscc") is not None:
            yield from plausibility.uscc(report)
        if report.get("agency_division_code") is not None:
            yield from plausibility.division_code(report)
        if report.get("publication_date") is not None:
            yield from plausibility.publication_date(report)
        for fee in self._fees[edition]:
            yield from plausibility.fee_precision(report, fee)
        if not total:
            yield from plausibility.all_zero(vector, list(amounts))
        yield from self._text.findings(report)

    def _cross_year(self, report: dict[str, Any], previous: Any) -> Iterator[Finding]:
        if not (isinstance(previous, dict) and self._structure.is_valid(previous)):
            return  # the caller validates the previous report on its own and reports it
        yield from self._identities[report["edition"]].cross_year_findings(report, previous)

    def validate(self, report: Any, previous: Any = None, source: str = "<report>") -> Result:
        return Result(source=source, findings=list(self.iter_findings(report, previous)),
                      report=report if isinstance(report, dict) else None)

    def is_valid(self, report: Any, previous: Any = None) -> bool:
        return not any(f.is_error for f in self.iter_findings(report, previous))

