"""Compiled readers: cells of a report as one flat tuple, from plain JSON data or from typed structs.

The validator reads the same cells from two representations: the dicts of any JSON parser, and
the generated msgspec structs that JSON bytes decode into (``zfxxgk.validate.typed``). Both readers
are generated once per edition from the layout as straight-line code: every object on the way to a
row is looked up once, and the cells of a row come out of one C call (itemgetter or attrgetter).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from msgspec import UNSET

from zfxxgk import pointers

Reader = Callable[[Any], tuple[Any, ...]]


def compile_reader(cell_pointers: list[str], typed: bool = False) -> Reader:
    """A function that returns the values at ``cell_pointers``, in that order, from a well-formed
    report: a dict (``typed=False``) or a generated struct (``typed=True``)."""
    rows: dict[tuple[str, ...], list[str]] = {}
    for pointer in cell_pointers:
        *parent, name = pointers.split(pointer)
        rows.setdefault(tuple(parent), []).append(name)
    if ["/" + "/".join((*parent, name)) for parent, names in rows.items() for name in names] != cell_pointers:
        raise ValueError("the cells of a row must be contiguous in the layout")

    def step(name: str) -> str:
        return f".{name}" if typed else f"[{name!r}]"

    getter = attrgetter if typed else itemgetter
    namespace: dict[str, Any] = {}
    lines = ["def read(d):"]
    local = {(): "d"}

    def node(path: tuple[str, ...]) -> str:
        if path not in local:
            parent = node(path[:-1])
            local[path] = f"n{len(local)}"
            lines.append(f"    {local[path]} = {parent}{step(path[-1])}")
        return local[path]

    parts = []
    for i, (parent, names) in enumerate(rows.items()):
        if len(names) == 1:
            parts.append(f"{node(parent)}{step(names[0])}")
        else:
            namespace[f"g{i}"] = getter(*names)
            parts.append(f"*g{i}({node(parent)})")
    # One tuple display with every row unpacked into it: no intermediate tuples.
    lines.append(f"    return ({', '.join(parts)},)")
    exec("\n".join(lines), namespace)  # noqa: S102 - code built from the generated layout only
    return namespace["read"]


def compile_field_reader(field_pointers: list[str], typed: bool = False) -> Reader:
    """The values of optional top-level fields, None when absent (a missing key, or UNSET in a struct)."""
    names = [pointers.split(p) for p in field_pointers]
    if any(len(parts) != 1 for parts in names):
        raise ValueError("optional fields are read at the top level only")
    keys = [parts[0] for parts in names]
    if typed:
        get = attrgetter(*keys) if len(keys) > 1 else lambda d: (getattr(d, keys[0]),)

        def read(d: Any) -> tuple[Any, ...]:
            values = get(d)
            return values if UNSET not in values else tuple(None if v is UNSET else v for v in values)

        return read
    return lambda d: tuple(d.get(k) for k in keys)
