"""Typed reports: JSON bytes decoded straight into the structs generated from the schema.

Decoding into ``zfxxgk.generated.structs`` checks the structure in the same pass as the parse
(types, bounds, patterns, closed objects, the edition), so a well-formed report costs one call and
no separate JSON Schema run. The structs are generated from the same JSON Schema, and
tests/validate/test_typed.py holds them to it: whatever they accept, the JSON Schema accepts, with
the same values. Bytes they reject are read the careful way (plain JSON, then the JSON Schema),
which gives the precise findings; so the fast path changes how fast a report is checked, never the
result.

The validator trusts the structure of a typed report, so a typed report is one that ``read_typed``
returned: the structs are frozen, so it cannot be changed afterwards. (Their constructors do not
check anything: a report built by hand is validated as a dict, e.g. ``as_document(report)``.)
"""

from __future__ import annotations

from typing import Any, get_args

import msgspec

from zfxxgk.generated import structs

_UNION = get_args(structs.Zfxxgk)[0]
EDITION_OF: dict[type, str] = {cls: cls.__struct_config__.tag for cls in get_args(_UNION)}
_decoder = msgspec.json.Decoder(structs.Zfxxgk)


def read_typed(data: bytes | str) -> Any | None:
    """The typed report ``data`` holds, or None when it is not a well-formed report (or not JSON)."""
    try:
        return _decoder.decode(data)
    except (msgspec.MsgspecError, ValueError, RecursionError):  # ValueError: bytes that are not UTF-8
        return None  # the careful path reads it again and says precisely what is wrong


def convert(document: Any) -> Any | None:
    """The typed report for plain JSON data that is a well-formed report, else None: the same
    structs decide the structure of a dict as of bytes, so both take one path through the validator."""
    if type(document) is not dict:
        return None
    try:
        return msgspec.convert(document, structs.Zfxxgk, strict=True)
    except (msgspec.MsgspecError, ValueError, TypeError, RecursionError):
        return None


def edition_of(report: Any) -> str | None:
    """The edition of a typed report; None for anything else (dicts included)."""
    return EDITION_OF.get(type(report))


def as_document(report: Any) -> Any:
    """Plain JSON data for a typed report, its fields in the schema's order (fields that were left out
    stay out); anything else as it is."""
    return msgspec.to_builtins(report) if type(report) in EDITION_OF else report
