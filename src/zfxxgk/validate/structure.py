"""Structure: the generated JSON Schema, with findings in both languages that carry their pointer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema_rs

from zfxxgk.resources import json_schema
from zfxxgk.validate.catalog import rule
from zfxxgk.validate.findings import Finding


def _pointer(path: list[Any]) -> str:
    return "".join(f"/{part}" for part in path)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:80]


def _detail(error: Any) -> tuple[str, str, list[str]]:
    """(Chinese, English, pointers) for one JSON Schema error."""
    kind = error.kind
    at = _pointer(error.instance_path)
    name = kind.name
    if name == "required":
        return f"{at or '/'} 缺少必填字段“{kind.property}”", f"{at or '/'} lacks the required field '{kind.property}'", [f"{at}/{kind.property}"]
    if name == "additionalProperties":
        extra = ", ".join(kind.unexpected)
        return f"{at or '/'} 含有标准未定义的字段：{extra}", f"{at or '/'} has fields the standard does not define: {extra}", [f"{at}/{u}" for u in kind.unexpected]
    if name == "type":
        types = " 或 ".join(kind.types)
        return f"{at} 的值 {_show(error.instance)} 类型错误，应为 {types}", f"{at}: {_show(error.instance)} is not of type {' or '.join(kind.types)}", [at]
    if name == "minimum":
        return f"{at} 的值 {_show(error.instance)} 小于最小值 {kind.limit}", f"{at}: {_show(error.instance)} is less than the minimum {kind.limit}", [at]
    if name == "maximum":
        return f"{at} 的值 {_show(error.instance)} 大于最大值 {kind.limit}", f"{at}: {_show(error.instance)} is more than the maximum {kind.limit}", [at]
    if name == "pattern":
        return f"{at} 的值 {_show(error.instance)} 格式不符（{kind.pattern}）", f"{at}: {_show(error.instance)} does not match {kind.pattern}", [at]
    if name == "enum":
        options = ", ".join(map(str, kind.options))
        return f"{at} 的值 {_show(error.instance)} 不在可选值 {options} 之中", f"{at}: {_show(error.instance)} is not one of {options}", [at]
    return f"{at} {error.message}", f"{at}: {error.message}", [at]


class StructureChecker:
    """The generated JSON Schema, compiled once with jsonschema-rs."""

    def __init__(self) -> None:
        self._validator = jsonschema_rs.validator_for(json_schema())

    def is_valid(self, document: Any) -> bool:
        return self._validator.is_valid(document)

    def findings(self, document: Any) -> Iterator[Finding]:
        if not isinstance(document, dict):
            yield _finding(f"报告应为 JSON 对象，实为 {type(document).__name__}",
                           f"a report is a JSON object, not {type(document).__name__}", [""])
            return
        for error in self._validator.iter_errors(document):
            zh, en, pointers = _detail(error)
            yield _finding(zh, en, pointers)


def _finding(zh: str, en: str, pointers: list[str]) -> Finding:
    r = rule("S002")
    return Finding(code=r.code, name=r.name, severity=r.severity,
                   message_zh=r.message_zh.format(detail=zh), message_en=r.message_en.format(detail=en),
                   pointers=tuple(pointers))


def decimal_counts(count_cells: list[str], vector: tuple[Any, ...]) -> Iterator[Finding]:
    """Counts written as 5.0: JSON Schema calls them integers, the standard does not (as pydantic)."""
    for pointer, value in zip(count_cells, vector):
        if type(value) is float:
            yield _finding(f"{pointer} 的值 {value!r} 是小数写法，件数应写为整数",
                           f"{pointer}: {value!r} is written as a decimal number; a count is written as an integer",
                           [pointer])
