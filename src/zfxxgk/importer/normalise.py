"""Printed text to comparable keys (labels) and to typed tokens (cell values).

Labels are compared after NFKC (full-width brackets, digits and punctuation become half-width),
with whitespace and quote styles removed, so "(二) 部分公开(区分处理的, …)" and
"（二）部分公开（区分处理的，…）" are the same label. Values are read as printed: a count, an
exact decimal, a blank, or text; nothing is guessed here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

QUOTE_MARKS = "“”„‟\"'‘’‚‛「」『』"
# One kind of quote: a regular expression, as str.translate with a mapping is slow on Chinese text
# (one failed lookup per character that is not mapped).
QUOTE = re.compile(f"[{re.escape(QUOTE_MARKS)}]")
# The full-width forms of ASCII (U+FF01-FF5E) and the ideographic space: nearly all that NFKC
# changes in Chinese text. Their NFKC forms, one character each; the most frequent ones are
# replaced with str.replace (a fast scan), the others with one regular expression.
WIDE_FORMS = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in [*range(0xFF01, 0xFF5F), 0x3000]}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_FREQUENT_WIDE = "，：（）；！？　"


def narrowed(text: str) -> str:
    """``text`` with every full-width form of ASCII and the ideographic space as NFKC makes them."""
    text = frequent_narrowed(text)
    # A text in NFKC has no full-width form left (each one changes under NFKC): that check, in C,
    # costs a quarter of the pattern's search on a page of Chinese text.
    if not unicodedata.is_normalized("NFKC", text) and _WIDE.search(text):
        text = _WIDE.sub(lambda m: WIDE_FORMS[m.group()], text)
    return text


def frequent_narrowed(text: str) -> str:
    """``text`` with the frequent full-width forms (``_FREQUENT_WIDE``) as NFKC makes them: what
    ``narrowed`` gives whenever no other full-width form is left."""
    for ch in _FREQUENT_WIDE:
        if ch in text:
            text = text.replace(ch, WIDE_FORMS[ch])
    return text


_LONG = 64  # characters from which replacing quote marks one by one beats the pattern


def unquoted(text: str) -> str:
    """``text`` with one kind of quote ('"'). On a long text, each mark is looked for with a fast
    scan for one character, rather than the pattern tried at every character."""
    if len(text) < _LONG:
        return QUOTE.sub('"', text)
    for mark in QUOTE_MARKS:
        if mark in text:
            text = text.replace(mark, '"')
    return text


def unspaced(text: str) -> str:
    """``text`` without whitespace: what ``re.sub(r"\\s+", "", text)`` gives (``str.split`` and the
    pattern's ``\\s`` know the same whitespace), several times faster."""
    return "".join(text.split())


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about ten times faster on Chinese text.

    CPython's NFKC decomposes and recomposes every character once one needs it. Replacing
    characters by their NFKC forms leaves the string's NFKC unchanged (both decompose to the same
    sequence), so when the text with its full-width forms replaced is already in NFKC, that is
    the text's NFKC; otherwise the full normalisation runs.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    narrow = narrowed(text)
    if unicodedata.is_normalized("NFKC", narrow):
        return narrow
    return unicodedata.normalize("NFKC", text)
# An item number written "1、" or "1．" (NFKC turns the latter into "1.") is the same as "1.".
_ITEM = re.compile(r"^(\d+)[、,]")
# Ordinals that open a label: "一、", "(一)", "1.", "第一", used to compare label bodies.
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")
_NUMERALS = "一二三四五六七八九"
_SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十]+)、")


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The comparable form of a printed label."""
    text = unspaced(unquoted(nfkc(text)))
    if text[:1].isdigit():  # a sub with a template calls into Python even when nothing matches
        text = _ITEM.sub(r"\1.", text)
    return text.rstrip(":").lower()


def split_ordinal(key: str) -> tuple[str, str]:
    """("(三)", "不予公开") for "(三)不予公开"; ("", key) when the label has no ordinal."""
    m = _ORDINAL.match(key)
    if not m:
        return "", key
    return m.group(0), key[m.end():]


def section_number(text: str) -> int | None:
    """1 for "一、总体情况", 10 for "十、…"; None when the text does not open with a section numeral."""
    m = _SECTION_NUMBER.match(text)
    if not m:
        return None
    numeral = m.group(1)
    if "十" not in numeral:
        return _NUMERALS.index(numeral) + 1 if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1 or units == "十":
        return None  # no section numeral ("十十、", a misprint, is none either)
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(units) + 1 if units else 0)


# What published reports print instead of a number when a cell is blank.
BLANK_MARKS = frozenset({"", "-", "--", "—", "——", "–", "―", "─", "/", "\\", "无", "空", "…", "……", "·", "×"})
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_UNIT_SUFFIX = re.compile(r"^(.*?\d)(万元|元|件|个|项|条|次)$")
_INT = re.compile(r"^\d+$")
_DEC = re.compile(r"^\d+\.\d+$")
# A sign printed before a number (the 2019 edition's 本年增/减 can be negative). NFKC makes the
# full-width "－" and "＋" half-width; the minus sign U+2212 is not changed by NFKC.
_SIGN = re.compile(r"^([-+\u2212])(?=\d)")


@dataclass(frozen=True)
class Token:
    """One printed cell read as a value.

    ``kind`` is "int" (a whole number; ``text`` keeps its digits, for reading a row whose digits
    ran together), "dec" (a decimal; ``text`` is exact), "blank" (nothing or a dash; ``raw`` says
    which) or "text" (anything else: a label, a note). ``unit`` is a unit printed in the cell.
    A number printed with a sign ("-3", "－3", "+3") keeps it in ``text`` ("-3", "3"): only cells
    that may be negative (``Cell.signed``) accept a negative number.
    """

    kind: str
    text: str
    raw: str
    unit: str | None = None
    # Derived once (tokens are cached and read many times): a value cell, nothing printed at all
    # (as opposed to a dash, a printed blank), and something printed in a value cell.
    is_value: bool = field(init=False, compare=False, repr=False)
    is_empty: bool = field(init=False, compare=False, repr=False)
    is_printed_value: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        value = self.kind in ("int", "dec", "blank")
        empty = self.kind == "blank" and self.text == ""
        object.__setattr__(self, "is_value", value)
        object.__setattr__(self, "is_empty", empty)
        object.__setattr__(self, "is_printed_value", value and not empty)

    @property
    def number(self) -> int | None:
        return int(self.text) if self.kind == "int" else None

    @property
    def is_negative(self) -> bool:
        return self.text.startswith("-")

    @property
    def is_digits(self) -> bool:
        """A whole number printed as bare digits (no sign): what a run of digits can be cut into."""
        return self.kind == "int" and self.text.isdigit()


@lru_cache(maxsize=16384)
def read_token(raw: str) -> Token:
    """The value printed in a cell."""
    text = unspaced(nfkc(raw))
    if text in BLANK_MARKS:
        return Token("blank", "" if not text else text, raw)
    unit = None
    m = _UNIT_SUFFIX.match(text)
    if m:
        text, unit = m.group(1), m.group(2)
    printed, sign = text, ""
    s = _SIGN.match(text)
    if s:
        sign = "" if s.group(1) == "+" else "-"
        text = text[1:]
    if "," in text and _THOUSANDS.match(text):
        text = text.replace(",", "")
    if _INT.match(text):
        return Token("int", sign + text if int(text) else text, raw, unit)
    if _DEC.match(text):
        return Token("dec", sign + text, raw, unit)
    return Token("text", printed, raw)


@lru_cache(maxsize=16384)
def split_spaced_numbers(raw: str) -> tuple[str, ...] | None:
    """The parts of a cell that holds several numbers separated by spaces ("3 5"), else None."""
    parts = raw.split()
    if len(parts) < 2:
        return None
    if all(read_token(p).is_printed_value for p in parts):
        return tuple(parts)
    return None
