"""Characters where ECMA-262, Python's re and Rust's regex disagree, in every pattern of the schema.

Shared by the code-point tests of the generated structs (tests/validate/test_typed.py) and models
(tests/test_strictness.py): each must accept exactly what the JSON Schema accepts.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from tests.conftest import EXAMPLES, load
from zfxxgk.validate.structure import StructureChecker

# Every pattern of the schema, with the character under test where it alone decides.
PATTERN_CASES = [
    ("agency_name", "{c}"), ("agency_name", "{c}{c}"), ("source_url", "http://a{c}"), ("source_url", "http://{c}a"),
    ("schema_version", "1.0.0{c}"), ("agency_uscc", "91350100M000100Y4{c}"), ("agency_division_code", "41000{c}"),
    ("publication_date", "2022-01-2{c}"),
]


@cache
def interesting_characters() -> list[str]:
    """Whitespace of any engine, line terminators, controls, format characters, and a spread of the rest."""
    chars = set()
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if c.isspace() or unicodedata.category(c) in ("Zs", "Zl", "Zp", "Cc", "Cf") or cp % 499 == 0 or cp < 0x100:
            chars.add(c)
    return sorted(chars)


def disagreements_with_json_schema(accepts: Callable[[dict[str, Any]], bool]) -> list[tuple[str, str, bool]]:
    """(field, code point, what ``accepts`` said) wherever it differs from the JSON Schema."""
    structure = StructureChecker()
    sample = load(EXAMPLES / "valid" / "jiyuan-sfj-2021.json")
    out = []
    for field, template in PATTERN_CASES:
        for c in interesting_characters():
            doc = dict(sample, **{field: template.format(c=c)})
            verdict = accepts(doc)
            if verdict != structure.is_valid(doc):
                out.append((field, f"U+{ord(c):04X}", verdict))
    return out
