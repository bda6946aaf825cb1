"""Typed reports: JSON bytes decoded straight into the structs generated from the schema.

Decoding into ``zfxxgk.generated.structs`` checks the structure in the same pass as the parse
(types, bounds, patterns, closed objects, the edition), so a well-formed report costs one call and
no separate JSON Schema run. The structs are generated from the same JSON Schema, and
tests/validate/test_typed.py holds them to it: whatever they accept, the JSON Schema accepts, with
the same values. Bytes they reject are read the careful way (orjson, then the JSON Schema), which
gives the precise findings; so the fast path changes how fast a report is checked, never the result.
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


def edition_of(report: Any) -> str | None:
    """The edition of a typed report; None for anything else (dicts included)."""
    return EDITION_OF.get(type(report))


def as_document(report: Any) -> Any:
    """Plain JSON data for a typed report (fields that were left out stay out); anything else as it is."""
    return msgspec.to_builtins(report) if type(report) in EDITION_OF else report
