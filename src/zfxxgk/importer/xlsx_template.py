"""Read a filled template of ``zfxxgk template`` cell by cell: every value comes from the cell the
template puts it in (``zfxxgk.xlsx.positions``), so nothing is inferred, and every log entry names
its cell (``表三!D12``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zfxxgk import pointers
from zfxxgk.importer.result import LogEntry
from zfxxgk.importer.xlsx_cells import Formula, as_amount, as_integer, is_blank, norm, open_workbook, shown
from zfxxgk.layout import EDITIONS, Field, layout
from zfxxgk.xlsx.positions import Input, Place, WorkbookLayout, workbook_layout

if TYPE_CHECKING:
    from zfxxgk.importer.metadata import Stated


def template_edition(wb: Any) -> str | None:
    """The edition whose template ``wb`` is: every sheet and label of that edition at its place."""
    for edition in EDITIONS:
        book = workbook_layout(edition)
        if all(t.name in wb.sheetnames for t in book.tables) and all(
                norm(wb[p.place.sheet].cell(p.place.row, p.place.col).value) == norm(p.text)
                for t in book.tables for p in t.printed):
            return edition
    return None


@dataclass
class TemplateReader:
    wb: Any
    data: bytes
    source: str
    book: WorkbookLayout
    log: list[LogEntry] = field(default_factory=list)
    _computed: Any = None  # the workbook's computed values, loaded when a cell holds a formula

    def raw(self, place: Place) -> Any:
        value = self.wb[place.sheet].cell(place.row, place.col).value
        if isinstance(value, str) and value.startswith("="):
            if self._computed is None:
                self._computed = open_workbook(self.data, self.source, data_only=True)
            computed = self._computed[place.sheet].cell(place.row, place.col).value
            return Formula(value, computed)
        return value

    def read(self) -> dict[str, Any]:
        lay = layout(self.book.edition)
        report = lay.blank_document()
        for lf, place in self.book.fields:
            self._field(report, lf, place)
        for table in self.book.tables:
            for inp in table.inputs:
                pointers.assign(report, inp.pointer, self._input(inp))
        return report

    def apply_stated(self, report: dict[str, Any], stated: Stated) -> None:
        """The agency and year the user states replace the workbook's, logged as the importer does
        for any document (P501), with what the workbook says when it differs."""
        places = dict((lf.name, place) for lf, place in self.book.fields)
        agency = stated.agency.strip() if stated.agency else ""
        for name, flag, value in (("agency_name", "--agency", agency or None), ("report_year", "--year", stated.year)):
            if value is None:
                continue
            pointer, said = f"/{name}", report.get(name)
            title = next(lf.title for lf, _ in self.book.fields if lf.name == name)
            en = f"{name} is stated on the command line ({flag}): {value}"
            zh = f"{title}由命令行指定（{flag}）：{value}"
            if said is not None and said != value:
                en += f"; the workbook says {said} ({places[name].ref})"
                zh += f"；工作簿中为“{said}”（{places[name].ref}）"
            self.log = [e for e in self.log if e.pointer != pointer]
            self.log.append(LogEntry("inferred", pointer, f"{flag} {value}", "command line", en, zh, value=value,
                                     code="P501"))
            report[name] = value

    def _warn(self, pointer: str, raw: Any, place: Place, en: str, zh: str, code: str, kind: str = "warning") -> None:
        self.log.append(LogEntry(kind, pointer, shown(raw), place.ref, en, zh, code=code))

    def _field(self, report: dict[str, Any], lf: Field, place: Place) -> None:
        raw = self.raw(place)
        value = raw.computed if isinstance(raw, Formula) else raw
        if lf.name in ("edition", "schema_version"):
            return  # the workbook's own: blank_document set them
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if value is None or (isinstance(value, str) and not value.strip()):
            if lf.required and lf.name not in ("agency_name", "report_year"):
                report[lf.name] = ""
                self._warn(lf.pointer, "", place, f"{lf.title} is blank: its text is empty",
                           f"“{lf.title}”未填写：其内容为空", "P701")
            else:
                report[lf.name] = None
                if lf.required:
                    self._warn(lf.pointer, "", place, f"{lf.title} is blank", f"“{lf.title}”未填写", "P502")
            return
        if lf.name == "report_year":
            number = as_integer(value)
            if number is None:
                self._warn(lf.pointer, value, place, f"{lf.title}: {shown(value)} is not a year: left null",
                           f"“{lf.title}”：“{shown(value)}”不是年份，留空", "P703")
            report[lf.name] = number
            return
        report[lf.name] = value if isinstance(value, str) else shown(value)

    def _input(self, inp: Input) -> Any:
        raw = self.raw(inp.place)
        label = " / ".join(inp.cell.title_path)
        value = raw.computed if isinstance(raw, Formula) else raw
        if isinstance(raw, Formula) and value is None:
            self._warn(inp.pointer, raw.text, inp.place, f"{label}: a formula without a computed value (open and save "
                       "the workbook in Excel, WPS or LibreOffice): left null",
                       f"“{label}”：公式没有计算结果（请在 Excel、WPS 或 LibreOffice 中打开并保存）：留空", "P703")
            return None
        text = value.strip() if isinstance(value, str) else value
        if text is None or (isinstance(text, str) and is_blank(text)):
            self.log.append(LogEntry("blank", inp.pointer, text or "", inp.place.ref,
                                     f"blank cell ({text or 'empty'}): null (unknown, not zero)",
                                     f"空白单元格（{text or '空'}）：记为空（未知，而非零）"))
            return None
        if inp.is_unit:
            return text if isinstance(text, str) else shown(text)
        if inp.cell.is_amount:
            amount = as_amount(text)
            if amount is None:
                self._bad(inp, text, label, "not an amount")
            return amount
        number = as_integer(text)
        problem = None
        if number is None:
            problem = "not a whole number"
        elif number < 0 and not inp.cell.signed:
            problem = "a negative count"
        if problem:
            self._bad(inp, text, label, problem)
            return None
        return number

    def _bad(self, inp: Input, raw: Any, label: str, problem: str) -> None:
        zh = {"not an amount": "不是金额", "not a whole number": "不是整数", "a negative count": "数量不能为负"}[problem]
        self._warn(inp.pointer, raw, inp.place, f"{label}: {shown(raw)} is {problem}: left null",
                   f"“{label}”：“{shown(raw)}”{zh}，留空", "P703")
