"""Inputs → documents (with the parse logs of published reports) → results: the library API that the
command line, the benchmarks, the web checker and users all call, so that each gets the same
findings for the same input.

    from zfxxgk.pipeline import Pipeline

    pipeline = Pipeline()                       # compiles the validator once
    for result in pipeline.validate(["reports/", "draft.docx"]):
        print(result.source, result.valid, [f.code for f in result.findings])

A result's findings are, in order: what loading found that a parser would let through (keys given
twice, numbers too long, NaN; S002), the validator's findings, and what the importer did while
reading a published document (P101 …). An input that cannot be used at all gives one result with
one S001 finding: nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zfxxgk.catalog import rule
from zfxxgk.errors import InputError
from zfxxgk.inputs import Inputs, load_bytes, load_path
from zfxxgk.validate.findings import Result
from zfxxgk.loading import Loaded
from zfxxgk.validate.parse_findings import with_parse_findings

if TYPE_CHECKING:
    from zfxxgk.importer.metadata import Stated
    from zfxxgk.validate import Validator


class ReportError(Exception):
    """A single report was expected and could not be used: ``result`` holds the findings that say
    why (S001 when it could not be read, S002 when it does not conform), None when the input held
    no report or several."""

    def __init__(self, source: str, message_en: str, message_zh: str, result: Result | None = None) -> None:
        self.source = source
        self.message_en = message_en
        self.message_zh = message_zh
        self.result = result
        super().__init__(message_en)

    def describe(self, lang: str = "en") -> str:
        return self.message_zh if lang == "zh" else self.message_en


def unusable(loaded: Loaded) -> Result:
    """An input that could not be read: a result with one S001 finding naming the file and the place."""
    exc = loaded.error
    assert exc is not None
    finding = rule("S001").finding(detail_zh=exc.describe("zh"), detail_en=exc.describe("en"))
    return Result(source=loaded.source, findings=[finding])


@dataclass
class Mismatch:
    """A previous-year report given for a report of another agency or year: why, in both languages."""

    source: str
    zh: str
    en: str

    def describe(self, lang: str = "en") -> str:
        return f"{self.source}: {self.zh if lang == 'zh' else self.en}"


@dataclass
class Pipeline:
    """Reads inputs of any form the package knows and validates every report in them.

    ``stated`` is the metadata (agency, year) to use for published reports that do not print it.
    ``mismatches`` collects, while results are produced, each report whose ``previous`` was not last
    year's report of the same agency (its cross-year checks are then not run).
    """

    stated: Stated | None = None
    mismatches: list[Mismatch] = field(default_factory=list)
    _validator: Validator | None = field(default=None, repr=False)

    @property
    def validator(self) -> Validator:
        if self._validator is None:
            self._validator = shared_validator()
        return self._validator

    def inputs(self, paths: Iterable[str]) -> Inputs:
        """The documents of files, directories, JSON Lines files and ``-`` (stdin), read lazily."""
        return Inputs(list(paths), typed=True, stated=self.stated)

    def validate(self, paths: Iterable[str] | Inputs, previous: Any = None) -> Iterator[Result]:
        """A result for every document under ``paths``, in order; ``previous`` is last year's report
        (a document) for the cross-year checks."""
        inputs = paths if isinstance(paths, Inputs) else self.inputs(paths)
        return self.results(inputs, previous)

    def validate_bytes(self, data: bytes, source: str, fmt: str | None = None, previous: Any = None) -> list[Result]:
        """The results for the documents in ``data`` (``fmt``: json, jsonl, yaml, txt, md, html,
        docx, pdf, xlsx …; None to sniff it, as for stdin)."""
        return list(self.results(load_bytes(data, source, fmt, typed=True, stated=self.stated), previous))

    def results(self, documents: Iterable[Loaded], previous: Any = None) -> Iterator[Result]:
        for loaded in documents:
            if loaded.error is not None:
                yield unusable(loaded)
                continue
            paired = previous
            if previous is not None and (why := pairing_problem(loaded.document, previous)) is not None:
                self.mismatches.append(Mismatch(loaded.source, *why))
                paired = None  # cross-year checks between unrelated reports would only mislead
            yield self.check(loaded, paired)

    def check(self, loaded: Loaded, previous: Any = None) -> Result:
        """The result for one readable document: the validator's findings, with what loading found
        (keys given twice, numbers too long, NaN) and what parsing did and could not decide."""
        from zfxxgk.validate.structure import problem_findings

        result = self.validator.validate(loaded.document, previous, source=loaded.source)
        if loaded.problems:
            # The value of each problem was left out (null): what the checks say of that null only repeats it.
            left_out = {pointer for pointer, _, _ in loaded.problems}
            kept = [f for f in result.findings if not (f.pointers and set(f.pointers) <= left_out)]
            result.findings[:] = [*problem_findings(loaded.problems), *kept]
        return with_parse_findings(result, loaded.parse)

    def load_one(self, path: Path) -> Result:
        """The result for the one report at ``path``; ``ReportError`` when it holds no readable
        report or several."""
        loaded = list(load_path(path, stated=self.stated))
        if len(loaded) != 1:
            raise ReportError(str(path), f"{path}: one report expected, found {len(loaded)}",
                              f"{path}：应为一份报告，实有 {len(loaded)} 份")
        if loaded[0].error is not None:
            result = unusable(loaded[0])
            message = result.findings[0]
            raise ReportError(str(path), message.message_en, message.message_zh, result)
        return self.check(loaded[0])

    def load_report(self, path: Path) -> Result:
        """The one report at ``path``, usable as data (no structure error): what rendering and
        converting need. ``ReportError`` (with the result) otherwise."""
        result = self.load_one(path)
        if any(f.code == "S002" for f in result.findings):
            raise ReportError(str(path), f"{path}: the report does not conform to the standard",
                              f"{path}：报告不符合标准的结构", result)
        return result

    def load_previous(self, path: Path) -> Any:
        """Last year's report at ``path`` for the cross-year checks: it must itself be valid."""
        result = self.load_one(path)
        if not result.valid:
            raise ReportError(str(path), f"{path}: last year's report has errors:",
                              f"{path}：上年度报告本身有错误：", result)
        return result.report


_VALIDATOR: Validator | None = None


def shared_validator() -> Validator:
    """One validator per process: it holds only what it compiled, so every pipeline shares it."""
    global _VALIDATOR
    if _VALIDATOR is None:
        from zfxxgk.validate import Validator

        _VALIDATOR = Validator()
    return _VALIDATOR


def pairing_problem(report: Any, previous: Any) -> tuple[str, str] | None:
    """(Chinese, English) saying why ``previous`` is not last year's report of the same agency as
    ``report`` (same 统一社会信用代码 when both give one, else the same agency name; the year before),
    or None when it is."""
    from zfxxgk.validate.typed import as_document

    now, before = as_document(report), as_document(previous)
    if not isinstance(now, dict) or not isinstance(before, dict):
        return None  # the structure findings say what is wrong
    zh: list[str] = []
    en: list[str] = []
    year, last = now.get("report_year"), before.get("report_year")
    if isinstance(year, int) and isinstance(last, int) and last != year - 1:
        zh.append(f"上年度报告应为 {year - 1} 年度，--previous 为 {last} 年度")
        en.append(f"last year's report should be for {year - 1}, --previous is for {last}")
    _same_agency(now, before, zh, en)
    if not en:
        return None
    return ("--previous 不是本机关上一年度的报告：" + "；".join(zh) + "。未做跨年度核对",
            "--previous is not last year's report of the same agency: " + "; ".join(en) + ". Cross-year checks not run")


def _same_agency(now: dict[str, Any], before: dict[str, Any], zh: list[str], en: list[str]) -> None:
    uscc, last_uscc = now.get("agency_uscc"), before.get("agency_uscc")
    if uscc and last_uscc:
        if uscc != last_uscc:
            zh.append(f"统一社会信用代码不同（{uscc} 与 {last_uscc}）")
            en.append(f"the agencies' USCC differ ({uscc} and {last_uscc})")
        return
    name, last_name = now.get("agency_name"), before.get("agency_name")
    if isinstance(name, str) and isinstance(last_name, str) and "".join(name.split()) != "".join(last_name.split()):
        zh.append(f"机关名称不同（“{name}”与“{last_name}”）")
        en.append(f"the agency names differ ('{name}' and '{last_name}')")


def validate_paths(paths: Iterable[str], previous: Any = None, stated: Stated | None = None) -> list[Result]:
    """Every result for ``paths`` at once (``Pipeline.validate`` streams them)."""
    return list(Pipeline(stated=stated).validate(paths, previous))


__all__ = ["InputError", "Mismatch", "Pipeline", "ReportError", "pairing_problem", "unusable", "validate_paths"]
