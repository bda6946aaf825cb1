"""What the parser remembers from one document to the next, and how to make it forget.

The parser keeps memos of what it derives from short printed texts: a cell's token, a label's key,
the readings of a row of numbers. Real reports repeat them (every report prints the same labels,
most print rows of zeros), so a corpus parses faster than its documents one by one. A measure of
the parse of a document never seen before must not count them: ``forget()`` empties every memo of
the package; the next parse builds again what it needs (the layout's tables too).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

_BY_IDENTITY: list[ByIdentity[Any]] = []


class ByIdentity(Generic[V]):
    """A bounded memo of what is derived from an object that is made once and reused (an edition's
    label index or identities, a layout row's identities, a row's cached readings), known by its
    identity: hashing its contents would cost more than deriving. Each entry keeps its object
    alive, so that its ``id`` is not given to another object while the entry stands."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: dict[tuple[int, Hashable], tuple[object, V]] = {}
        _BY_IDENTITY.append(self)

    def get(self, owner: object, part: Hashable, make: Callable[[], V]) -> V:
        """What ``make`` derives from ``owner`` (and ``part``, a hashable detail), made once."""
        key = (id(owner), part)
        hit = self.entries.get(key)
        if hit is not None and hit[0] is owner:
            return hit[1]
        if len(self.entries) >= self.size:
            self.entries.clear()
        value = make()
        self.entries[key] = (owner, value)
        return value


def forget() -> None:
    """Empty every memo of the package (functions memoised with ``functools.lru_cache``, the memos
    by identity, and the readings of flattened rows)."""
    from zfxxgk.importer import flat

    for name, module in list(sys.modules.items()):
        if name == "zfxxgk" or name.startswith("zfxxgk."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and hasattr(value, "cache_info"):
                    clear()
    for memo in _BY_IDENTITY:
        memo.entries.clear()
    flat.forget_rows()
