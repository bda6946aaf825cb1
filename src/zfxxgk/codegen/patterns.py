"""JSON Schema patterns (ECMA-262 regular expressions) rewritten for Python's ``re``.

The typed structs check patterns with Python's ``re``, the JSON Schema with ECMA-262 semantics, and
the two differ exactly where it matters for a "must not be blank" or "no whitespace" pattern:
ECMA's ``\\s`` includes U+FEFF but not U+001C-U+001F or U+0085, and Python's ``$`` also matches
before a final newline. The rewrite spells every such construct out, so that both engines accept
the same strings (tests/codegen/test_patterns.py checks it code point by code point). A construct
this module does not know stops generation rather than being passed through with other meanings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# ECMA-262 WhiteSpace and LineTerminator: TAB VT FF SP NBSP ZWNBSP, the Zs category, LF CR LS PS.
ECMA_WHITESPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
ECMA_LINE_TERMINATORS = r"\n\r\u2028\u2029"

# Escapes that mean a literal character in both engines.
_LITERAL_ESCAPES = set(".-/\\^$*+?()[]{}|")


class UnsupportedPattern(ValueError):
    """A pattern construct whose ECMA and Python meanings this module cannot reconcile."""


def python_pattern(ecma: str) -> str:
    """``ecma`` with the same meaning under Python's ``re`` (no flags, ``re.search``)."""
    return "".join(_translate(ecma))


def _translate(ecma: str) -> Iterator[str]:
    in_class = False
    chars = iter(enumerate(ecma))
    for i, char in chars:
        if char == "\\":
            _, escaped = next(chars, (i, ""))
            yield _escape(escaped, in_class, ecma)
        elif char == "[" and not in_class:
            in_class = True
            yield char
        elif char == "]" and in_class:
            in_class = False
            yield char
        elif char == "$" and not in_class:
            yield r"\Z"  # ECMA's $ is the end of the input only; Python's also matches before a final newline
        elif char == "." and not in_class:
            yield f"[^{ECMA_LINE_TERMINATORS}]"
        else:
            yield char


def _escape(escaped: str, in_class: bool, pattern: str) -> str:
    if escaped == "s":
        return ECMA_WHITESPACE if in_class else f"[{ECMA_WHITESPACE}]"
    if escaped == "S" and not in_class:
        return f"[^{ECMA_WHITESPACE}]"
    if escaped in _LITERAL_ESCAPES:
        return "\\" + escaped
    raise UnsupportedPattern(f"pattern {pattern!r}: \\{escaped} has no translation to Python's re here")


def translate_patterns(node: Any) -> Any:
    """A copy of a JSON Schema with every ``pattern`` rewritten for Python."""
    if isinstance(node, dict):
        return {k: python_pattern(v) if k == "pattern" and isinstance(v, str) else translate_patterns(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [translate_patterns(v) for v in node]
    return node
