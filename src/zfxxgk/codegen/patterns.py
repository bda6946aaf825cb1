"""JSON Schema patterns (ECMA-262 regular expressions) rewritten for the engines of the generated code.

The JSON Schema's patterns have ECMA-262 semantics; the generated msgspec structs check them with
Python's ``re`` and the pydantic models with Rust's ``regex`` crate (pydantic-core). The three differ
exactly where it matters for a "must not be blank" or "no whitespace" pattern: ECMA's ``\\s`` is
TAB VT FF SP NBSP ZWNBSP, Zs and the line terminators; Python's also has U+001C-U+001F and U+0085
but not U+FEFF; Rust's has U+0085 but not U+FEFF. Python's ``$`` also matches before a final
newline. The rewrite spells every such construct out, so that all engines accept the same strings
(tests/codegen/test_patterns.py and the code-point tests of the structs and models check it). A
construct this module does not know stops generation rather than being passed on with another meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# ECMA-262 WhiteSpace and LineTerminator: TAB VT FF SP NBSP ZWNBSP, the Zs category, LF CR LS PS.
ECMA_WHITESPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
ECMA_LINE_TERMINATORS = r"\n\r\u2028\u2029"

# Where the input ends: Python's \Z, Rust's $ (which, like ECMA's, ignores a final newline).
END_OF_INPUT = {"python": r"\Z", "rust": "$"}

# Escapes that mean a literal character in every engine.
_LITERAL_ESCAPES = set(".-/\\^$*+?()[]{}|")


class UnsupportedPattern(ValueError):
    """A pattern construct whose meanings in ECMA-262 and the target engine this module cannot reconcile."""


def python_pattern(ecma: str) -> str:
    """``ecma`` with the same meaning under Python's ``re`` (no flags, ``re.search``)."""
    return "".join(_translate(ecma, "python"))


def rust_pattern(ecma: str) -> str:
    """``ecma`` with the same meaning under Rust's ``regex`` crate (pydantic-core's default engine)."""
    return "".join(_translate(ecma, "rust"))


_QUANTIFIER = re.compile(r"\{[0-9]+(,[0-9]*)?\}")


def _translate(ecma: str, engine: str) -> Iterator[str]:
    in_class = False
    i = 0
    while i < len(ecma):
        char = ecma[i]
        if char == "\\":
            escaped = ecma[i + 1:i + 2]
            if in_class and escaped == "s" and "-" in (ecma[i - 1], ecma[i + 2:i + 3]):
                raise UnsupportedPattern(f"pattern {ecma!r}: \\s next to '-' in a class")
            yield _escape(escaped, in_class, ecma)
            i += 2
            continue
        if not in_class:
            if char == "[":
                if ecma[i + 1:i + 2] == "]" or ecma[i + 1:i + 3] == "^]":
                    raise UnsupportedPattern(f"pattern {ecma!r}: an empty class means different things")
                in_class = True
            elif char == "{":
                quantifier = _QUANTIFIER.match(ecma, i)
                if not quantifier:  # ECMA reads "{,3}" or a lone "{" literally, Python as a quantifier
                    raise UnsupportedPattern(f"pattern {ecma!r}: '{{' that is not a quantifier {{n}}, {{n,}} or {{n,m}}")
                yield quantifier.group(0)
                i = quantifier.end()
                continue
            elif char == "$":
                char = END_OF_INPUT[engine]
            elif char == ".":
                char = f"[^{ECMA_LINE_TERMINATORS}]"
        elif char == "]":
            in_class = False
        elif char in "&-~" and ecma[i + 1:i + 2] == char:
            raise UnsupportedPattern(f"pattern {ecma!r}: {char * 2} in a class is a set operation in Rust")
        yield char
        i += 1


def _escape(escaped: str, in_class: bool, pattern: str) -> str:
    if escaped == "s":
        return ECMA_WHITESPACE if in_class else f"[{ECMA_WHITESPACE}]"
    if escaped == "S" and not in_class:
        return f"[^{ECMA_WHITESPACE}]"
    if escaped in _LITERAL_ESCAPES:
        return "\\" + escaped
    raise UnsupportedPattern(f"pattern {pattern!r}: \\{escaped} has no translation here")


def translate_patterns(node: Any, engine: str) -> Any:
    """A copy of a JSON Schema with every ``pattern`` rewritten for ``engine`` (python or rust)."""
    translate = {"python": python_pattern, "rust": rust_pattern}[engine]
    if isinstance(node, dict):
        return {k: translate(v) if k == "pattern" and isinstance(v, str) else translate_patterns(v, engine)
                for k, v in node.items()}
    if isinstance(node, list):
        return [translate_patterns(v, engine) for v in node]
    return node
