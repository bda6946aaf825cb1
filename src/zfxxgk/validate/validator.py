"""The validator: built once, then ``iter_findings(report)`` for every report, in the style of
python-jsonschema.

Layers, in order: structure (the generated JSON Schema), identities (errors), plausibility and
text-versus-table checks (warnings), and cross-year checks when last year's report is given.
Structure errors do not stop the other layers: every check whose values are well-formed is still
made (``zfxxgk.validate.broken`` says how the edition and the well-formed values are found).

One engine decides the structure: the structs generated from the schema (``zfxxgk.validate.typed``).
JSON bytes decode straight into them; a dict from any parser is converted into them. A typed
report goes straight to the identities; anything the structs reject takes the careful path, where
the JSON Schema (jsonschema-rs) names every structure error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from zfxxgk import pointers
from zfxxgk.catalog import catalog
from zfxxgk.layout import EDITIONS, Layout, Node, layout
from zfxxgk.validate import typed
from zfxxgk.validate.broken import MALFORMED, Path, Values, edition_by_shape
from zfxxgk.validate.checks import Facts, compile_checks, field_pointers
from zfxxgk.validate.findings import Finding, Result
from zfxxgk.validate.identities import IdentityChecker
from zfxxgk.validate.reading import Reader, compile_field_reader, compile_reader
from zfxxgk.validate.structure import StructureChecker, StructureError, decimal_counts

Value = Callable[[str], Any]  # the value at a pointer of a report


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
        # The rules of the catalog that apply to this edition and are not identities, compiled.
        rules = [r for r in catalog().for_edition(edition) if r.kind != "identity"]
        self.checks = compile_checks(self.layout, rules)
        self.field_pointers = field_pointers(self.layout, rules)
        self.amount_index = {p: i for i, p in enumerate(self.amount_cells)}
        cells = (self.identities.count_cells, self.amount_cells, self.field_pointers)
        self.plain = _Readers.compile(*cells, typed=False)  # for reports with structure errors
        self.typed = _Readers.compile(*cells, typed=True)
        # For reports with structure errors: the same values, found by the places that hold them,
        # every place of the edition's tables (its shape), and the count cells of each identity.
        self.counts = Values(cells[0], self.plain.counts)
        self.amounts = Values(cells[1], self.plain.amounts)
        self.fields = Values(cells[2], self.plain.fields)
        self.places = _places(self.layout)
        index = self.identities.index
        self.operands = [((i.rule.code, i.key), i.cross_year, {index[p] for p, _, doc in i.lhs + i.rhs if doc == "current"})
                         for i in self.identities.instances + self.identities.cross_year]

    def unchecked(self, places: tuple[tuple[Any, ...], ...], cross_year: bool) -> tuple[tuple[str, str], ...]:
        """The identities (code, instance) with an operand at or below one of ``places``."""
        damaged = self.counts.damaged(places)
        if not damaged:
            return ()
        return tuple(key for key, across, operands in self.operands
                     if (cross_year or not across) and not damaged.isdisjoint(operands))


def _path(pointer: str) -> Path:
    return tuple(pointers.split(pointer))


def _places(lay: Layout) -> frozenset[Path]:
    """Every table, row, cell and unit field of an edition, as paths."""
    out: set[Path] = set()

    def walk(node: Node) -> None:
        out.add(_path(node.pointer))
        out.update(_path(u) for u in node.units)
        for child in node.children:
            if isinstance(child, Node):
                walk(child)
            else:
                out.add(_path(child.pointer))

    for table in lay.tables:
        walk(table)
    return frozenset(out)


def _without_floats(vector: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(MALFORMED if type(v) is float else v for v in vector)


class Validator:
    """Checks reports against the structure and every rule of the catalog.

    >>> validator = Validator()
    >>> result = validator.validate(report)
    >>> result.valid, [f.code for f in result.findings]
    """

    def __init__(self) -> None:
        self._structure = StructureChecker()
        self._editions = {edition: _Edition(edition) for edition in EDITIONS}
        self._shapes = {edition: compiled.places for edition, compiled in self._editions.items()}

    def iter_findings(self, report: Any, previous: Any = None) -> Iterator[Finding]:
        """Every finding for ``report``; ``previous`` is last year's report of the same agency."""
        typed_report = report if typed.edition_of(report) is not None else typed.convert(report)
        if typed_report is None:
            yield from self._broken(report, previous)
            return
        compiled = self._editions[typed.edition_of(typed_report)]
        readers = compiled.typed
        checker = compiled.identities
        vector = readers.counts(typed_report)
        try:
            total = sum(vector)
        except TypeError:  # a blank (null) cell: the slow path says which identities it hides
            total = None
        if type(total) is not int or not checker.holds(vector):
            yield from checker.findings(vector)
        yield from self._plausibility(compiled, vector, total, readers.amounts(typed_report), readers.fields(typed_report))
        if previous is not None:
            document = typed.as_document(report)
            yield from self._cross_year(compiled, lambda p: pointers.resolve(document, p, None), previous)

    def _broken(self, report: Any, previous: Any) -> Iterator[Finding]:
        """A report that does not conform to the JSON Schema: its structure errors, each naming the
        identities it keeps from being checked, then every check whose values are well-formed."""
        if not isinstance(report, dict):
            yield from self._structure.findings(report)
            return
        reading = self._read_broken(report)
        if reading is None:  # no edition to check it as: the structure is all there is to say
            for error in self._structure.errors(report):
                note = error.pointers == ("/edition",)
                yield error.finding(note_zh="（表格的形状也不能确定格式版本，因此未核对任何勾稽关系）" if note else "",
                                    note_en=" (nor does the shape of the tables tell the edition, so no identity was checked)"
                                    if note else "")
            return
        edition, errors = reading
        compiled = self._editions[edition]
        places = [place for error in errors for place in error.places]
        vector = compiled.counts.read(report, compiled.counts.damaged(places))
        floats = list(decimal_counts(compiled.identities.count_cells, vector))
        if floats:
            vector = _without_floats(vector)
        stated = report.get("edition") == edition
        for error in errors + floats:
            shape = not stated and error.pointers == ("/edition",)
            yield error.finding(
                compiled.unchecked(error.places, previous is not None),
                note_zh=f"（按表格的形状作为{edition}年版核对）" if shape else "",
                note_en=f" (checked as the {edition} edition, which the shape of its tables shows)" if shape else "",
            )
        yield from compiled.identities.findings(vector)
        amounts = compiled.amounts.read(report, compiled.amounts.damaged(places))
        fields = tuple(None if v is MALFORMED else v for v in compiled.fields.read(report, compiled.fields.damaged(places)))
        try:
            total = sum(vector)
        except TypeError:  # a blank or malformed cell
            total = None
        yield from self._plausibility(compiled, vector, total, amounts, fields)
        if previous is not None:
            index = compiled.identities.index
            yield from self._cross_year(compiled, lambda p: vector[index[p]] if p in index else MALFORMED, previous)

    def _read_broken(self, report: dict[str, Any]) -> tuple[str, list[StructureError]] | None:
        """The edition to check a report with structure errors as, and its structure errors as that
        edition; None when it states no valid edition and the shape of its tables shows none."""
        stated = report.get("edition")
        if type(stated) is str and stated in self._editions:
            return stated, self._structure.errors(report)
        edition = edition_by_shape(report, self._shapes)
        if edition is None:
            return None
        # The JSON Schema checks a report without a valid edition as the newest one: check it again
        # as the edition its tables have, and keep only what it said about the edition itself.
        about_edition = [e for e in self._structure.errors(report) if e.pointers == ("/edition",)]
        return edition, about_edition + self._structure.errors({**report, "edition": edition})

    def _values(self, report: Any) -> Value | None:
        """The well-formed values of a report by pointer (else None or MALFORMED); None when it has
        no edition to read it as."""
        if typed.edition_of(report) is not None:
            report = typed.as_document(report)
        elif not isinstance(report, dict):
            return None
        elif typed.convert(report) is None:
            reading = self._read_broken(report)
            if reading is None:
                return None
            edition, errors = reading
            counts = self._editions[edition].counts
            values = dict(zip(self._editions[edition].identities.count_cells,
                              counts.read(report, counts.damaged(p for e in errors for p in e.places))))
            return lambda p: values.get(p, MALFORMED)
        return lambda p: pointers.resolve(report, p, None)

    def _plausibility(self, compiled: _Edition, vector: tuple[Any, ...], total: Any, amounts: tuple[Any, ...],
                      fields: tuple[Any, ...]) -> Iterator[Finding]:
        facts = Facts(vector, total, amounts, dict(zip(compiled.field_pointers, fields)),
                      compiled.identities.index, compiled.amount_index)
        for check in compiled.checks:
            yield from check(facts)

    def _cross_year(self, compiled: _Edition, current: Value, previous: Any) -> Iterator[Finding]:
        previous_value = self._values(previous)
        if previous_value is None:
            return  # the caller validates the previous report on its own and reports it
        yield from compiled.identities.cross_year_findings(current, previous_value)

    def validate(self, report: Any, previous: Any = None, source: str = "<report>") -> Result:
        keep = isinstance(report, dict) or typed.edition_of(report) is not None
        return Result(source=source, findings=list(self.iter_findings(report, previous)),
                      report=report if keep else None)

    def is_valid(self, report: Any, previous: Any = None) -> bool:
        return not any(f.is_error for f in self.iter_findings(report, previous))
