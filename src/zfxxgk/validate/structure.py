"""Structure: the generated JSON Schema, with findings in both languages that carry their pointer."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema_rs

from zfxxgk.catalog import catalog, rule
from zfxxgk.cell_names import place_name
from zfxxgk.layout import EDITIONS
from zfxxgk.resources import json_schema
from zfxxgk.validate.findings import Finding
from zfxxgk.validate.guards import Problem, quote


def _pointer(path: list[Any]) -> str:
    return "".join(f"/{part}" for part in path)


def _value_at(document: Any, path: tuple[Any, ...], default: Any) -> Any:
    node = document
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return default
    return node


def _show(value: Any, width: int = 80) -> str:
    """A value as JSON, whole, or cut with an ellipsis (inside the quotes for a string)."""
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return str(value).replace("nan", "NaN").replace("inf", "Infinity")  # not JSON: say what it is
    if isinstance(value, str):
        return quote(value, width)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _names(document: Any, path: tuple[Any, ...]) -> tuple[str, str]:
    """(Chinese, English) name of the place at ``path``: its official labels where the layout of the
    report's edition has it (the pointer stays in the finding's ``pointers``), else its pointer."""
    if not path:
        return "报告", "the report"
    edition = document.get("edition") if isinstance(document, dict) else None
    pointer = _pointer(list(path))
    return place_name(pointer, "zh", edition), place_name(pointer, "en", edition)


def _detail(error: Any, document: Any = None) -> tuple[str, str, list[tuple[Any, ...]]]:
    """(Chinese, English, places) for one JSON Schema error; a place is the path of what is wrong.
    ``document`` gives the value as the report holds it (jsonschema-rs shows NaN as null)."""
    kind = error.kind
    path = tuple(error.instance_path)
    zh_at, en_at = _names(document, path)
    name = kind.name
    error_instance = error.instance if document is None else _value_at(document, path, error.instance)
    value = _show(error_instance)
    if name == "enum" and path == ("edition",) and error_instance not in EDITIONS:
        known = ", ".join(EDITIONS)
        return (f"{zh_at} 的值 {value} 不是本标准的版本（{known}）",
                f"{en_at}: {value} is not an edition of the standard ({known})", [path])
    if isinstance(error_instance, float) and not math.isfinite(error_instance):
        return (f"{zh_at} 的值 {value} 不是数值（JSON 没有 NaN 或 Infinity）",
                f"{en_at}: {value} is not a number a report can hold (JSON has no NaN or Infinity)", [path])
    if name == "required":
        zh_missing, en_missing = _names(document, (*path, kind.property))
        return (f"{zh_at} 缺少必填字段“{kind.property}”（{zh_missing}）",
                f"{en_at} lacks the required field '{kind.property}' ({en_missing})", [(*path, kind.property)])
    if name == "additionalProperties":
        shown = [quote(str(u), 40) for u in kind.unexpected[:10]]  # a key can be any length
        extra = ", ".join(shown) + (f" (+{len(kind.unexpected) - 10})" if len(kind.unexpected) > 10 else "")
        return f"{zh_at} 含有标准未定义的字段：{extra}", f"{en_at} has fields the standard does not define: {extra}", [(*path, u) for u in kind.unexpected]
    if name == "type":
        types = " 或 ".join(kind.types)
        return f"{zh_at} 的值 {value} 类型错误，应为 {types}", f"{en_at}: {value} is not of type {' or '.join(kind.types)}", [path]
    if name == "minimum":
        return f"{zh_at} 的值 {value} 小于最小值 {kind.limit}", f"{en_at}: {value} is less than the minimum {kind.limit}", [path]
    if name == "maximum":
        return f"{zh_at} 的值 {value} 大于最大值 {kind.limit}", f"{en_at}: {value} is more than the maximum {kind.limit}", [path]
    if name == "pattern":
        return f"{zh_at} 的值 {value} 格式不符（{kind.pattern}）", f"{en_at}: {value} does not match {kind.pattern}", [path]
    if name == "enum":
        options = ", ".join(map(str, kind.options))
        return f"{zh_at} 的值 {value} 不在可选值 {options} 之中", f"{en_at}: {value} is not one of {options}", [path]
    return f"{zh_at} {error.message}", f"{en_at}: {error.message}", [path]


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
            zh += f"；涉及的勾稽关系因此未核对：{_list(unchecked, '等共{n}项', 'zh')}"
            en += f"; the identities involving it were not checked: {_list(unchecked, 'and {more} more', 'en')}"
        return _finding(zh, en, list(self.pointers), unchecked)


_SHOWN = 6  # identities named in a message; the finding lists all of them


def _list(unchecked: tuple[tuple[str, str], ...], rest: str, lang: str) -> str:
    labels = instance_labels()
    quoted = "“{}”" if lang == "zh" else '"{}"'
    names = ", ".join(f"{code} " + quoted.format(labels.get((code, key), (key, key))[lang == "en"])
                      for code, key in unchecked[:_SHOWN])
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
        return [StructureError(zh, en, tuple(places)) for zh, en, places in (_detail(e, document) for e in self._validator.iter_errors(document))]

    def findings(self, document: Any) -> Iterator[Finding]:
        if not isinstance(document, dict):
            yield _finding(f"报告应为 JSON 对象，实为 {type(document).__name__}",
                           f"a report is a JSON object, not {type(document).__name__}", [""])
            return
        for error in self.errors(document):
            yield error.finding()


def _finding(zh: str, en: str, pointers: list[str], unchecked: tuple[tuple[str, str], ...] = ()) -> Finding:
    return rule("S002").finding(tuple(pointers), unchecked=unchecked, detail_zh=zh, detail_en=en)


@cache
def instance_labels() -> dict[tuple[str, str], tuple[str, str]]:
    """(code, instance key) -> (Chinese, English) labels of every identity instance, for naming the
    identities a structure error kept from being checked."""
    return {(i.code, i.key): (i.label_zh, i.label_en) for r in catalog() for i in r.instances}


def decimal_counts(count_cells: list[str], vector: tuple[Any, ...]) -> Iterator[StructureError]:
    """Counts written as 5.0: JSON Schema calls them integers, the standard does not (as pydantic)."""
    for pointer, value in zip(count_cells, vector):
        if type(value) is float:
            yield StructureError(f"{place_name(pointer, 'zh')} 的值 {value!r} 是小数写法，件数应写为整数",
                                 f"{place_name(pointer, 'en')}: {value!r} is written as a decimal number; a count is written as an integer",
                                 (tuple(pointer.split("/")[1:]),))


def problem_findings(problems: Iterable[Problem]) -> list[Finding]:
    """What loading found that a parser lets through (``zfxxgk.validate.guards``), as structure findings."""
    return [_finding(f"{place_name(pointer, 'zh')} {zh}", f"{place_name(pointer, 'en')}: {en}", [pointer])
            for pointer, en, zh in problems]
