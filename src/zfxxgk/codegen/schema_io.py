"""Small helpers to read LinkML elements."""

from __future__ import annotations

from typing import Any


ARTIFACT_ID = "https://w3id.org/zfxxgk/{version}/{name}"


def artifact_id(version: str, name: str) -> str:
    """The versioned ``$id`` of an artifact: every one carries the schema's ``version``, the one version source."""
    return ARTIFACT_ID.format(version=version, name=name)


def annotation_value(element: Any, tag: str, default: Any = None) -> Any:
    annotations = getattr(element, "annotations", None) or {}
    if tag not in annotations:
        return default
    return annotations[tag].value


def plain(value: Any) -> Any:
    """An annotation's value as plain JSON data (LinkML gives nested objects as JsonObj)."""
    from jsonasobj2 import JsonObj, as_dict

    if isinstance(value, JsonObj):
        return {k: plain(v) for k, v in as_dict(value).items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def base_range(sv: Any, slot: Any) -> str:
    """The slot's range, with a type derived from ``integer`` (Count, SignedCount) given as ``integer``:
    the layout tells counts from amounts by it."""
    name = slot.range
    while name in sv.all_types() and name != "integer":
        parent = sv.get_type(name).typeof
        if parent is None:
            break
        name = parent
    return "integer" if name == "integer" else slot.range


def minimum(sv: Any, slot: Any) -> Any:
    """The slot's lower bound, its own or its type's."""
    if slot.minimum_value is not None:
        return slot.minimum_value
    if slot.range in sv.all_types():
        return sv.induced_type(slot.range).minimum_value
    return None
