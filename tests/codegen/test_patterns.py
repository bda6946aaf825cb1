"""ECMA-262 patterns rewritten for Python's re (the typed structs check patterns with re)."""

from __future__ import annotations

import re

import pytest

from zfxxgk.codegen.patterns import ECMA_WHITESPACE, UnsupportedPattern, python_pattern, rust_pattern, translate_patterns

# ECMA-262 WhiteSpace and LineTerminator code points, listed from the specification.
ECMA_SPACE = {0x9, 0xA, 0xB, 0xC, 0xD, 0x20, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F,
              0x3000, 0xFEFF}


def test_whitespace_is_ecma_whitespace_code_point_by_code_point() -> None:
    space = re.compile(f"[{ECMA_WHITESPACE}]")
    found = {cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and space.fullmatch(chr(cp))}
    assert found == ECMA_SPACE


@pytest.mark.parametrize(("ecma", "matches", "does_not_match"), [
    (r"\S", ["a", " a", "\u001c", "\u0085"], ["", " ", "\ufeff", "\u3000\n"]),
    (r"^https?://[^\s]+$", ["http://a", "https://例子.中国/x"], ["http://a\n", "http://a b", "http://\ufeff"]),
    (r"^1\.[0-9]+\.[0-9]+$", ["1.0.0", "1.12.3"], ["1.0.0\n", "1x0.0", "2.0.0"]),
    (r"^a.b$", ["a-b", "a\tb"], ["a\nb", "a\u2028b", "a\rb"]),
    (r"^[0-9]{2,}x{1}$", ["12x", "123x"], ["1x", "12xx"]),
])
def test_translation_keeps_the_ecma_meaning(ecma: str, matches: list[str], does_not_match: list[str]) -> None:
    pattern = re.compile(python_pattern(ecma))
    assert all(pattern.search(s) for s in matches)
    assert not any(pattern.search(s) for s in does_not_match)


@pytest.mark.parametrize("ecma", [
    r"\d+", r"\w", r"\bword", r"[\S]", r"\p{L}", r"\u0041",  # escapes with other meanings
    "a{,3}", "a{", "{x}",  # literal braces in ECMA, quantifiers in Python
    r"[\s-z]", r"[a-\s]",  # a range around an expanded \s
    "[a&&b]", "[a--b]", "[a~~b]",  # set operations in Rust
    "[]", "[^]",  # an empty class
])
def test_constructs_without_a_known_translation_stop_generation(ecma: str) -> None:
    for translate in (python_pattern, rust_pattern):
        with pytest.raises(UnsupportedPattern):
            translate(ecma)


def test_rust_keeps_its_own_end_anchor() -> None:
    # Rust's $ already means the end of the input, as ECMA's does; \Z is not Rust syntax.
    assert rust_pattern(r"^a\s$") == f"^a[{ECMA_WHITESPACE}]$"


def test_only_pattern_strings_are_rewritten() -> None:
    schema = {"properties": {"pattern": {"type": "string", "pattern": "^a$"}}, "description": "$"}
    assert translate_patterns(schema, "python") == {
        "properties": {"pattern": {"type": "string", "pattern": r"^a\Z"}}, "description": "$"}
