"""Cell values of a workbook as the standard reads them, shared by the template reader
(``zfxxgk.importer.xlsx_template``) and the reader of any workbook (``zfxxgk.importer.xlsx_sheets``):
opening a workbook, blank marks, counts, exact amounts, and a value as the text a sheet shows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from zfxxgk.errors import InputError
from zfxxgk.importer.normalise import BLANK_MARKS

INSTALL_HINT_EN = "reading Excel workbooks needs openpyxl: pip install 'zfxxgk[documents]'"
INSTALL_HINT_ZH = "读取 Excel 工作簿需要 openpyxl：pip install 'zfxxgk[documents]'"

_INTEGER = re.compile(r"^[+-]?\d+$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


def open_workbook(data: bytes, source: str, data_only: bool = False) -> Any:
    """The workbook of ``data``; ``InputError`` naming ``source`` when it is not a readable .xlsx."""
    try:
        import openpyxl
    except ImportError:
        raise InputError(source, INSTALL_HINT_EN, INSTALL_HINT_ZH) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(source, "not an Excel .xlsx workbook (not a ZIP package; old .xls files are not supported: "
                         "save as .xlsx)", "不是 Excel .xlsx 工作簿（不是 ZIP 包；不支持旧的 .xls 格式，请另存为 .xlsx）")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    # A damaged package fails in the ZIP, XML or openpyxl layers with exceptions of their own; all
    # mean the same to the user.
    except Exception as error:
        reason = f"{type(error).__name__}: {str(error).strip().splitlines()[0]}" if str(error).strip() else type(error).__name__
        raise InputError(source, f"not a readable Excel .xlsx workbook ({reason})",
                         f"无法读取的 Excel .xlsx 工作簿（{reason}）") from None


def is_workbook(data: bytes) -> bool:
    """A ZIP package holding a spreadsheet (xl/workbook.xml): told apart from a Word file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "xl/workbook.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def is_blank(text: str) -> bool:
    """Printed instead of a number in a blank cell (-, —, /, 无 …: the importer's own list)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)) in BLANK_MARKS


def norm(text: Any) -> str:
    return re.sub(r"\s+", "", str(text)) if text is not None else ""


@dataclass(frozen=True)
class Formula:
    text: str
    computed: Any


def shown(value: Any) -> str:
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def as_integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))  # full-width digits read as digits
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        return int(text) if _INTEGER.match(text) else None
    return None


def as_amount(value: Any) -> str | None:
    """An amount as the exact decimal string of the standard: text as typed, a number as it reads."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, float):
        # The shortest text that reads back as this number: what the user typed, short of a
        # trailing zero a number cannot keep (the template's amount cells are text, so they keep it).
        try:
            text = format(Decimal(repr(value)), "f")
        except InvalidOperation:
            return None
        return text if _DECIMAL.match(text) else None
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        return text if _DECIMAL.match(text) else None
    return None


def is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?[\d,]+(\.\d+)?", text))


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return shown(value) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
