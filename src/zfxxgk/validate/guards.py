"""What a JSON or YAML parser lets through silently, found while loading: a key given twice (the last
value would win unseen), a number too long to convert (Python stops at 4,300 digits), NaN or
Infinity (not JSON numbers), and YAML aliases that expand into a bomb.

Each becomes a ``Problem`` (pointer, English, Chinese) that the loader hands on with the document,
and that the command reports as a structure finding (S002); the value in question is left out of
the document (null), so nothing downstream converts it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import msgspec
import yaml
from msgspec import UNSET
from msgspec import inspect as mi

from zfxxgk import limits
from zfxxgk.errors import InputError

Problem = tuple[str, str, str]  # (JSON Pointer, English, Chinese)


def pointer(path: list[Any]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def quote(value: str, width: int = 60) -> str:
    """``value`` in double quotes, whole, or cut with an ellipsis inside the quotes."""
    shown = value if len(value) <= width else value[: width - 1] + "…"
    return json.dumps(shown, ensure_ascii=False)


class Bad:
    """A value a parser would have read wrongly or not at all: stands in the document until
    ``take_bad`` replaces it with null and turns it into a problem."""

    __slots__ = ("en", "zh")

    def __init__(self, en: str, zh: str) -> None:
        self.en, self.zh = en, zh


def long_number(text: str) -> Bad | None:
    """A Bad for a number with more digits than the limit, else None."""
    digits = sum(c.isdigit() for c in text) if len(text) > limits.current().number_digits else 0
    if digits <= limits.current().number_digits:
        return None
    head = text[:12] + "…" if len(text) > 12 else text
    limit = limits.LIMITS["number_digits"]
    value = limits.show("number_digits", limits.current().number_digits)
    return Bad(f"a number of {digits:,} digits ({head}), beyond {limit.what_en} of {value} "
               f"(raise it with {limit.option} or {limit.env})",
               f"数字长达 {digits:,} 位（{head}），超出{limit.what_zh} {value}（可用 {limit.option} 或环境变量 {limit.env} 调整）")


def not_a_number(text: str) -> Bad:
    return Bad(f"{text} is not a number a report can hold (JSON has no NaN or Infinity): write a number, or null for a blank cell",
               f"{text} 不是报告可用的数值（JSON 没有 NaN 或 Infinity）：请填写数字，空白单元格填 null")


def take_bad(document: Any) -> tuple[Any, list[Problem]]:
    """``document`` with every Bad replaced by None, and the problems they stood for."""
    problems: list[Problem] = []

    def walk(node: Any, path: list[Any]) -> Any:
        if isinstance(node, Bad):
            problems.append((pointer(path), node.en, node.zh))
            return None
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, (Bad, dict, list)):
                    node[key] = walk(value, [*path, key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, (Bad, dict, list)):
                    node[i] = walk(value, [*path, i])
        return node

    return walk(document, []), problems


class JsonHooks:
    """Hooks for ``json.loads`` that read long numbers and NaN as Bad instead of failing or passing."""

    def __init__(self) -> None:
        self.bad = False

    def parse_int(self, text: str) -> Any:
        if len(text) > 18 and (bad := long_number(text)) is not None:
            self.bad = True
            return bad
        return int(text)

    def parse_float(self, text: str) -> Any:
        if len(text) > 18 and (bad := long_number(text)) is not None:
            self.bad = True
            return bad
        return float(text)

    def parse_constant(self, text: str) -> Any:
        self.bad = True
        return not_a_number(text)

    def loads(self, text: str) -> Any:
        return json.loads(text, parse_int=self.parse_int, parse_float=self.parse_float,
                          parse_constant=self.parse_constant)


# --- duplicate keys in JSON -------------------------------------------------------------------------

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def duplicate_keys(text: str) -> list[Problem]:
    """Every key given twice in one object of the JSON ``text`` (which must parse), with both lines."""
    problems: list[Problem] = []
    # One frame per open object or array: [keys seen (None for an array), path, current key or index]
    frames: list[list[Any]] = []
    pending: tuple[str, int] | None = None  # a string that may be a key, and where it starts
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            pending = (token, match.start())
            continue
        if token == ":" and pending and frames and frames[-1][0] is not None:
            key = json.loads(pending[0])
            keys, path = frames[-1][0], frames[-1][1]
            if key in keys:
                en, zh = _places(text, keys[key], pending[1])
                problems.append((pointer([*path, key]),
                                 f"the key {quote(key)} is given twice in one object ({en}): a reader would keep only one of the values",
                                 f"同一对象中键 {quote(key)} 出现两次（{zh}）：读取时只会保留其中一个值"))
            else:
                keys[key] = pending[1]
            frames[-1][2] = key
        elif token in "{[":
            parent = frames[-1] if frames else None
            path = [*parent[1], parent[2]] if parent else []
            frames.append([{} if token == "{" else None, path, 0])
        elif token in "}]":
            if frames:
                frames.pop()
        elif token == "," and frames and frames[-1][0] is None:
            frames[-1][2] += 1
        pending = None
    return problems


def _places(text: str, first: int, again: int) -> tuple[str, str]:
    """Where the two keys stand: their lines, or their columns when on one line."""
    a, b = text.count("\n", 0, first) + 1, text.count("\n", 0, again) + 1
    if a != b:
        return f"lines {a} and {b}", f"第 {a} 行和第 {b} 行"
    start = text.rfind("\n", 0, first) + 1
    ca, cb = first - start + 1, again - start + 1
    return f"line {a}, columns {ca} and {cb}", f"第 {a} 行第 {ca} 列和第 {cb} 列"


class _Plan:
    """For one struct class: how many keys a decoded report has and which of its values are text,
    so that the colons of the bytes can be counted against them (see ``may_repeat_keys``)."""

    def __init__(self, cls: type) -> None:
        self.fixed = 0
        self.optional: list[str] = []
        self.texts: list[str] = []
        self.ok = True
        info = mi.type_info(cls)
        self.fixed += 1 if getattr(cls.__struct_config__, "tag", None) is not None else 0
        self._walk(info, "", top=True)
        from operator import attrgetter

        self.read_texts: Callable[[Any], tuple[Any, ...]] = attrgetter(*self.texts) if len(self.texts) > 1 else (
            (lambda r: (attrgetter(self.texts[0])(r),)) if self.texts else (lambda r: ()))
        self.read_optional: Callable[[Any], tuple[Any, ...]] = attrgetter(*self.optional) if len(self.optional) > 1 else (
            (lambda r: (getattr(r, self.optional[0]),)) if self.optional else (lambda r: ()))

    def _walk(self, info: Any, prefix: str, top: bool) -> None:
        for f in info.fields:
            kinds = _options(f.type)
            name = prefix + f.name
            structs = [k for k in kinds if isinstance(k, mi.StructType)]
            if structs and (len(kinds) > 1 or not f.required):
                self.ok = False  # a nullable or optional object: its keys vary, count them the slow way
                return
            if not f.required:
                if not top:
                    self.ok = False
                    return
                self.optional.append(f.name)
            else:
                self.fixed += 1
            if structs:
                self._walk(structs[0], name + ".", top=False)
            elif any(isinstance(k, mi.StrType) for k in kinds):
                self.texts.append(name)
            elif not all(isinstance(k, (mi.IntType, mi.NoneType, mi.FloatType, mi.BoolType, mi.EnumType))
                         for k in kinds):
                self.ok = False

    def keys(self, report: Any) -> int:
        """The keys of the decoded report."""
        return self.fixed + len(self.optional) - self.read_optional(report).count(UNSET)

    def colons(self, report: Any) -> int:
        """The colons inside the text of the decoded report."""
        colons = 0
        for value in self.read_texts(report):
            if value.__class__ is str and ":" in value:  # most texts hold none: skip the count
                colons += value.count(":")
        return colons


def _options(t: Any) -> list[Any]:
    while isinstance(t, mi.Metadata):
        t = t.type
    if isinstance(t, mi.UnionType):
        out = []
        for x in t.types:
            while isinstance(x, mi.Metadata):
                x = x.type
            out.append(x)
        return out
    return [t]


_PLANS: dict[type, _Plan] = {}
_encode = msgspec.json.Encoder().encode


def may_repeat_keys(data: bytes | str, document: Any) -> bool:
    """False when ``data`` certainly gives no key twice; True when it might (then look closely).

    Every key of a JSON object is followed by a colon, and outside strings nothing else is; so the
    colons of the bytes are the keys as written plus the colons inside text. The decoded document
    has one key per distinct key: when the two counts agree, no key was given twice. (An escaped
    colon, \\u003a, would upset the count: such bytes are looked at closely. When the bytes hold no
    more colons than the report has keys, none was given twice, escapes or not.)
    """
    colon, escaped = (b":", b"\\u003") if isinstance(data, bytes) else (":", "\\u003")
    written = data.count(colon)  # type: ignore[arg-type]
    cls = type(document)
    plan = _PLANS.get(cls)
    if plan is None and hasattr(cls, "__struct_config__"):
        plan = _PLANS[cls] = _Plan(cls)
    if plan is not None and plan.ok:
        keys = plan.keys(document)
        if written == keys:  # the common case: no colon in any text, so none was given twice
            return False
        colons = plan.colons(document)
        # Text without a colon cannot have held an escaped one: no need to look for escapes then.
        return written != keys + colons or (colons > 0 and escaped in data)  # type: ignore[operator]
    if escaped in data:  # type: ignore[operator]
        return True
    try:
        return written != _encode(document).count(b":")
    except (TypeError, ValueError, OverflowError):
        return True


# --- YAML --------------------------------------------------------------------------------------------

class SafeYamlLoader(yaml.SafeLoader):
    """YAML as plain data: no implicit timestamps (2022-01-20 stays the string the standard expects),
    aliases only as far as the node limit allows once expanded, keys given twice reported, long
    numbers and NaN read as Bad."""

    def __init__(self, stream: Any, source: str = "<yaml>") -> None:
        super().__init__(stream)
        self.source = source
        self.problems: list[Problem] = []
        self.bad = False

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        self._check(node)
        return self.construct_document(node)

    def _check(self, root: yaml.Node) -> None:
        """Count the nodes with every alias expanded (memoised over the shared nodes, so a bomb is
        measured without being built), refuse a recursive alias, and note keys given twice."""
        budget = limits.current().yaml_nodes
        sizes: dict[int, int] = {}
        open_nodes: set[int] = set()

        def size(node: yaml.Node, path: list[Any]) -> int:
            key = id(node)
            if key in sizes:
                return sizes[key]
            if key in open_nodes:
                raise InputError(self.source, "a YAML alias refers to the node that holds it (a recursive document)",
                                 "YAML 别名引用了包含它的节点（递归文档）", where=_mark(node))
            open_nodes.add(key)
            total = 1
            if isinstance(node, yaml.SequenceNode):
                for i, child in enumerate(node.value):
                    total += size(child, [*path, i])
                    if total > budget:
                        break
            elif isinstance(node, yaml.MappingNode):
                first: dict[Any, yaml.Node] = {}
                for k, v in node.value:
                    total += size(k, path) + size(v, [*path, k.value])
                    if isinstance(k, yaml.ScalarNode):
                        if k.value in first:
                            where = pointer([*path, k.value])
                            a, b = first[k.value].start_mark.line + 1, k.start_mark.line + 1
                            self.problems.append((where, f"the key {quote(k.value)} is given twice in one mapping "
                                                         f"(lines {a} and {b}): a reader would keep only one of the values",
                                                  f"同一映射中键 {quote(k.value)} 出现两次（第 {a} 行和第 {b} 行）：读取时只会保留其中一个值"))
                        else:
                            first[k.value] = k
                    if total > budget:
                        break
            open_nodes.discard(key)
            if total > budget:
                raise limits.LimitError(self.source, "yaml_nodes", "the YAML document has too many nodes once its aliases are expanded",
                                        "YAML 文档的别名展开后节点过多", where=_mark(node))
            sizes[key] = total
            return total

        size(root, [])

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        text = str(node.value)
        if (bad := long_number(text)) is not None:
            self.bad = True
            return bad
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        value = super().construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            self.bad = True
            return not_a_number(str(node.value))
        return value


def string_keys(node: Any) -> Any:
    """YAML data with every mapping key a string, as JSON has them: a key like ``1:``, ``yes:`` or
    ``~:`` becomes "1", "true", "null" (the schema then names it if the standard has no such field)."""
    if isinstance(node, dict):
        return {(k if isinstance(k, str) else _json_key(k)): string_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [string_keys(v) for v in node]
    return node


def _json_key(key: Any) -> str:
    try:
        return json.dumps(key, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(key)


def _mark(node: yaml.Node) -> str:
    return f"line {node.start_mark.line + 1} column {node.start_mark.column + 1}"


SafeYamlLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SafeYamlLoader.add_constructor("tag:yaml.org,2002:int", SafeYamlLoader.construct_yaml_int)
SafeYamlLoader.add_constructor("tag:yaml.org,2002:float", SafeYamlLoader.construct_yaml_float)
