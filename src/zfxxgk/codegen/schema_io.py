"""Small helpers to read LinkML elements."""

from __future__ import annotations

from typing import Any


def annotation_value(element: Any, tag: str, default: Any = None) -> Any:
    annotations = getattr(element, "annotations", None) or {}
    if tag not in annotations:
        return default
    return annotations[tag].value
