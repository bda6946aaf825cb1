"""Check characters and shapes of the official identification codes."""

from __future__ import annotations

# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, Z, S, V), weights 3^(i) mod 31.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB/T 2260: the first two digits name a province-level division.
PROVINCE_PREFIXES = frozenset(
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
     "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
     "71", "81", "82"]
)


def uscc_check_char(first17: str) -> str:
    """The 18th character that GB 32100-2015 requires after these 17."""
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def division_code_problem(code: str) -> tuple[str, str] | None:
    """Why a 行政区划代码 is implausible, in Chinese and English; None when it looks right."""
    if len(code) not in (6, 9, 12) or not code.isdigit():
        return ("应为6位、9位或12位数字", "it should be 6, 9 or 12 digits")
    if code[:2] not in PROVINCE_PREFIXES:
        return (f"前两位{code[:2]}不是省级行政区划代码", f"{code[:2]} is not a province-level prefix")
    if code[2:6] == "0000" and len(code) > 6:
        return ("省级代码之后不应再有乡级代码", "a township part follows a province-level code")
    return None
