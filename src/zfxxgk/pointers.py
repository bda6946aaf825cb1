"""JSON Pointers (RFC 6901) into report documents.

The standard's field names never contain "/" or "~", so pointers need no escaping.
"""

from __future__ import annotations

from typing import Any

_MISSING = object()


def split(pointer: str) -> list[str]:
    return pointer.strip("/").split("/") if pointer.strip("/") else []


def resolve(document: Any, pointer: str, default: Any = _MISSING) -> Any:
    """The value at ``pointer``; ``default`` (or KeyError) when a step is missing."""
    node = document
    for part in split(pointer):
        if not isinstance(node, dict) or part not in node:
            if default is _MISSING:
                raise KeyError(pointer)
            return default
        node = node[part]
    return node


def assign(document: dict[str, Any], pointer: str, value: Any) -> None:
    """Set the value at ``pointer``, creating the objects on the way."""
    parts = split(pointer)
    node = document
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
