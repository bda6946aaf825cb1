"""Structure: the generated JSON Schema, with findings in both languages that carry their pointer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from zfxxgk.resources import json_schema
from zfxxgk.validate.catalog import rule
from zfxxgk.validate.findings import Finding


def _pointer(path: list[Any]) -> str:
    return "".join(f"/{part}" for part in path)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:80]


def _detail(error: Any) -> tuple[str, str, list[tuple[Any, ...]]]:
    """(Chinese, English, places) for one JSON Schema error; a place is the path of what is wrong."""
    kind = error.kind
    path = tuple(error.instance_path)
    at = _pointer(list(path))
    name = kind.name
    if name == "required":
        return f"{at or '/'} 缺少必填字段“{kind.property}”", f"{at or '/'} lacks the required field '{kind.property}'", [(*path, kind.property)]
    if name == "additionalProperties":
        extra = ", ".join(kind.unexpected)
        return f"{at or '/'} 含有标准未定义的字段：{extra}", f"{at or '/'} has fields the standard does not define: {extra}", [(*path, u) for u in kind.unexpected]
    if name == "type":
        types = " 或 ".join(kind.types)
        return f"{at} 的值 {_show(error.instance)} 类型错误，应为 {types}", f"{at}: {_show(error.instance)} is not of type {' or '.join(kind.types)}", [path]
    if name == "minimum":
        return f"{at} 的值 {_show(error.instance)} 小于最小值 {kind.limit}", f"{at}: {_show(error.instance)} is less than the minimum {kind.limit}", [path]
    if name == "maximum":
        return f"{at} 的值 {_show(error.instance)} 大于最大值 {kind.limit}", f"{at}: {_show(error.instance)} is more than the maximum {kind.limit}", [path]
    if name == "pattern":
        return f"{at} 的值 {_show(error.instance)} 格式不符（{kind.pattern}）", f"{at}: {_show(error.instance)} does not match {kind.pattern}", [path]
    if name == "enum":
        options = ", ".join(map(str, kind.options))
        return f"{at} 的值 {_show(error.instance)} 不在可选值 {options} 之中", f"{at}: {_show(error.instance)} is not one of {options}", [path]
    return f"{at} {error.message}", f"{at}: {error.message}", [path]


@dataclass(frozen=True, slots=True)
class StructureError:
    """One structure problem: its description, and the places (paths) it makes malformed."""

    zh: str
    en: str
    places: tuple[tuple[Any, ...], ...]

    @property
    def pointers(self) -> tuple[str, ...]:
        return tuple(_pointer(list(p)) for p in self.places)

    def finding(self, unchecked: tuple[tuple[str, str], ...] = (), note_zh: str = "", note_en: str = "") -> Finding:
        """The S002 finding; ``unchecked`` are the identities (code, instance) that this error keeps
        from being evaluated, named in the message and listed in the finding."""
        zh, en = self.zh + note_zh, self.en + note_en
        if unchecked:
            zh += f"；涉及的勾稽关系因此未核对：{_list(unchecked, '等共{n}项')}"
            en += f"; the identities involving it were not checked: {_list(unchecked, 'and {more} more')}"
        return _finding(zh, en, list(self.pointers), unchecked)


_SHOWN = 6  # identities named in a message; the finding lists all of them


def _list(unchecked: tuple[tuple[str, str], ...], rest: str) -> str:
    names = ", ".join(f"{code} {key}" for code, key in unchecked[:_SHOWN])
    if len(unchecked) > _SHOWN:
        names += " " + rest.format(n=len(unchecked), more=len(unchecked) - _SHOWN)
    return names


class StructureChecker:
    """The generated JSON Schema, compiled once with jsonschema-rs."""

    def __init__(self) -> None:
        self._validator = jsonschema_rs.validator_for(json_schema())

    def is_valid(self, document: Any) -> bool:
        return self._validator.is_valid(document)

    def errors(self, document: dict[str, Any]) -> list[StructureError]:
        """Every structure error of a JSON object, in the order the JSON Schema finds them."""
        return [StructureError(zh, en, tuple(places)) for zh, en, places in map(_detail, self._validator.iter_errors(document))]

    def findings(self, document: Any) -> Iterator[Finding]:
        if not isinstance(document, dict):
            yield _finding(f"报告应为 JSON 对象，实为 {type(document).__name__}",
                           f"a report is a JSON object, not {type(document).__name__}", [""])
            return
        for error in self.errors(document):
            yield error.finding()


def _finding(zh: str, en: str, pointers: list[str], unchecked: tuple[tuple[str, str], ...] = ()) -> Finding:
    r = rule("S002")
    return Finding(code=r.code, name=r.name, severity=r.severity,
                   message_zh=r.message_zh.format(detail=zh), message_en=r.message_en.format(detail=en),
                   pointers=tuple(pointers), unchecked=unchecked)


def decimal_counts(count_cells: list[str], vector: tuple[Any, ...]) -> Iterator[StructureError]:
    """Counts written as 5.0: JSON Schema calls them integers, the standard does not (as pydantic)."""
    for pointer, value in zip(count_cells, vector):
        if type(value) is float:
            yield StructureError(f"{pointer} 的值 {value!r} 是小数写法，件数应写为整数",
                                 f"{pointer}: {value!r} is written as a decimal number; a count is written as an integer",
                                 (tuple(pointer.split("/")[1:]),))
