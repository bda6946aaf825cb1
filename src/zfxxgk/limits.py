"""Limits on what an input may cost: every bound the readers keep, with its default, in one place.

Each limit can be changed for one run with an option of the ``zfxxgk`` command (given before the
command name: ``zfxxgk --max-input-size 200M parse big.pdf -o out``) or with an environment
variable; docs/limits.md lists them. An input beyond a limit is refused with a message that names
the limit and how to raise it (``LimitError``), and the rest of a batch goes on.

The defaults are far above any published report (the largest real report is a few megabytes, its
numbers a few digits long, its HTML nested a few dozen elements deep) and keep the peak memory of
one input well under 500 MB.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, fields, replace

from zfxxgk.errors import InputError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """How one limit is named to the user: its option, its environment variable, what it bounds."""

    name: str
    option: str
    env: str
    what_en: str
    what_zh: str
    size: bool  # a number of bytes, written 50M, 2G or a plain number


LIMITS: dict[str, Limit] = {
    "input_size": Limit("input_size", "--max-input-size", "ZFXXGK_MAX_INPUT_SIZE",
                        "the input size limit", "输入大小上限", size=True),
    "unpacked_size": Limit("unpacked_size", "--max-unpacked-size", "ZFXXGK_MAX_UNPACKED_SIZE",
                           "the unpacked size limit (Word parts, PDF streams)", "解压后大小上限（Word 部件、PDF 数据流）", size=True),
    "zip_members": Limit("zip_members", "--max-zip-members", "ZFXXGK_MAX_ZIP_MEMBERS",
                         "the limit on the number of parts of a Word (zip) file", "Word（zip）文件部件数上限", size=False),
    "html_depth": Limit("html_depth", "--max-html-depth", "ZFXXGK_MAX_HTML_DEPTH",
                        "the HTML nesting depth limit", "HTML 嵌套深度上限", size=False),
    "yaml_nodes": Limit("yaml_nodes", "--max-yaml-nodes", "ZFXXGK_MAX_YAML_NODES",
                        "the YAML node limit (aliases counted as expanded)", "YAML 节点数上限（别名按展开计）",
                        size=False),
    "number_digits": Limit("number_digits", "--max-number-digits", "ZFXXGK_MAX_NUMBER_DIGITS",
                           "the number length limit", "数字位数上限", size=False),
}


@dataclass(frozen=True)
class Limits:
    """The bounds in force. Defaults here; ``from_env`` and the command's options override them."""

    input_size: int = 50 * MiB  # bytes of one file, one stdin, one JSON Lines line
    unpacked_size: int = 100 * MiB  # bytes of all parts of a .docx, or all streams of a PDF, inflated
    zip_members: int = 10_000  # parts of a .docx (a Word file has a few dozen)
    html_depth: int = 1_000  # elements nested in one another
    yaml_nodes: int = 100_000  # nodes of a YAML document with every alias expanded
    number_digits: int = 1_000  # digits of one number (Python itself stops at 4,300)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        environ = dict(os.environ if environ is None else environ)
        values = {}
        for f in fields(cls):
            raw = environ.get(LIMITS[f.name].env)
            if raw is not None and raw.strip():
                values[f.name] = parse_value(f.name, raw, LIMITS[f.name].env)
        return cls(**values)


_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "k": 1024, "m": MiB, "g": 1024 * MiB, "t": 1024 * 1024 * MiB}


def parse_value(name: str, raw: str, given_as: str) -> int:
    """A limit from its text: a positive integer, with K/M/G/T (binary multiples) for sizes.

    Raises ``ValueError`` with a message naming ``given_as`` (the option or variable)."""
    limit = LIMITS[name]
    match = _SIZE.match(raw) if limit.size else re.match(r"^\s*(\d+)()\s*$", raw)
    if not match or len(match.group(1)) > 18:
        example = "50M, 2G or a number of bytes" if limit.size else "a positive integer"
        raise ValueError(f"{given_as}: {raw!r} is not {example}")
    value = int(match.group(1)) * _FACTORS[match.group(2).lower()]
    if value <= 0:
        raise ValueError(f"{given_as}: the limit must be positive, not {raw!r}")
    return value


def show(name: str, value: int) -> str:
    """A limit's value as a person reads it: 50 MiB, 1,000."""
    if LIMITS[name].size and value % MiB == 0:
        return f"{value // MiB:,} MiB"
    return f"{value:,}" + (" bytes" if LIMITS[name].size else "")


_current: list[Limits] = []


def current() -> Limits:
    """The limits in force: set by the command line, else read from the environment once."""
    if not _current:
        _current.append(Limits.from_env())
        _apply(_current[0])
    return _current[0]


def number_digits() -> int:
    """The number length limit in force (for readers that convert digits found in text)."""
    return current().number_digits


def set_limits(limits: Limits) -> None:
    """Put ``limits`` in force for the rest of the process (the command line does this once)."""
    _current[:] = [limits]
    _apply(limits)


def override(**values: int) -> Limits:
    """The limits in force with some of them changed, put in force."""
    limits = replace(current(), **values)
    set_limits(limits)
    return limits


def _apply(limits: Limits) -> None:
    # Python refuses to convert integers beyond 4,300 digits (a guard against quadratic time); a
    # limit raised beyond that must raise Python's too, or the reader would crash instead.
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(max(4300, limits.number_digits + 1))  # 4300: Python's default


class LimitError(InputError):
    """An input beyond one of the limits: the message names the limit, its value and how to raise it."""

    def __init__(self, source: str, name: str, found_en: str, found_zh: str, where: str | None = None) -> None:
        limit = LIMITS[name]
        value = show(name, getattr(current(), name))
        self.limit = name
        super().__init__(
            source,
            f"{found_en}: beyond {limit.what_en} of {value} (raise it with {limit.option} or {limit.env})",
            f"{found_zh}：超出{limit.what_zh} {value}（可用 {limit.option} 或环境变量 {limit.env} 调整）",
            where=where,
        )
