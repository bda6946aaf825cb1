"""The hand-decoded values of the real reports in tests/data/real/gold, by pointer, and a comparison
of a parse with them (tests/data/real/gold/README.md describes the files)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zfxxgk import pointers
from zfxxgk.importer import ParseResult
from zfxxgk.layout import Cell, layout

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
GOLD = REAL / "gold"
_MONEY = re.compile(r"^(?P<amount>\d+(?:\.\d+)?)(?P<unit>万元|元)?$")


def samples() -> list[Path]:
    return sorted(p for p in REAL.iterdir() if p.is_file() and p.name != "README.md")


def gold(sample: Path) -> dict[str, Any]:
    return json.loads((GOLD / f"{sample.stem}.json").read_text(encoding="utf-8"))


def _path(cell: Cell) -> tuple[str, ...]:
    """The gold file's keys of a cell: its title path below the table (table 4 with its group)."""
    path = cell.title_path[1:]
    if cell.table == "table4" and path[0] != "行政复议":
        path = ("行政诉讼", *path)
    return path


def _lookup(table: dict[str, Any], path: tuple[str, ...]) -> Any:
    if path[:-1] and " / ".join(path[:-1]) in table:  # table 3 rows are keyed by their joined path
        return table[" / ".join(path[:-1])][path[-1]]
    node: Any = table
    for key in path:
        node = node[key]
    return node


@dataclass
class Expected:
    """The gold values by pointer (amounts split into amount and unit) and the ambiguous rows."""

    values: dict[str, Any]
    ambiguous: dict[str, set[Any]]  # pointer -> the candidate values of the cell
    violations: list[str] = field(default_factory=list)


def expected(sample: Path) -> Expected:
    data = gold(sample)
    lay = layout(data["edition"])
    values: dict[str, Any] = {}
    by_path = {}
    for cell in lay.cells:
        path = _path(cell)
        by_path[(cell.table, " / ".join(path[:-1]), path[-1])] = cell
        value = _lookup(data[cell.table], path)
        if cell.is_amount and isinstance(value, str):
            m = _MONEY.match(value)
            assert m, value
            values[cell.pointer] = m.group("amount")
            if cell.unit_pointer:
                values[cell.unit_pointer] = m.group("unit")
        else:
            values[cell.pointer] = value
            if cell.unit_pointer:
                values[cell.unit_pointer] = None
    ambiguous: dict[str, set[Any]] = {}
    for entry in data["checks"]["ambiguous"]:
        for j, column in enumerate(entry["cells"]):
            cell = by_path[(entry["table"], entry["row"], column)]
            options = set()
            for candidate in entry["candidates"]:
                value = candidate[j]
                if isinstance(value, str):
                    value = _MONEY.match(value).group("amount")  # type: ignore[union-attr]
                options.add(value)
            ambiguous[cell.pointer] = options
    return Expected(values, ambiguous, data["checks"]["violations"])


@dataclass
class Comparison:
    right: list[str] = field(default_factory=list)  # read as the gold says
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)  # a value the gold does not have
    missed: list[tuple[str, Any]] = field(default_factory=list)  # null where the gold has a value
    undecided_right: list[str] = field(default_factory=list)  # null with the gold's candidates
    undecided_wrong: list[tuple[str, set[Any], set[Any]]] = field(default_factory=list)
    blank_right: list[str] = field(default_factory=list)


def compare(sample: Path, result: ParseResult) -> Comparison:
    want = expected(sample)
    logged: dict[str, set[Any]] = {}
    for entry in result.log:
        if entry.kind == "ambiguous" and entry.pointer:
            logged.setdefault(entry.pointer, set()).update(c for c in entry.candidates if c is not None)
    out = Comparison()
    for pointer, value in want.values.items():
        got = pointers.resolve(result.report, pointer, None)
        if pointer in want.ambiguous:
            if len(want.ambiguous[pointer]) == 1 and got in want.ambiguous[pointer]:
                out.right.append(pointer)  # every candidate of the row agrees on this cell
            elif got is None and _same(logged.get(pointer, set()), want.ambiguous[pointer]):
                out.undecided_right.append(pointer)
            else:
                out.undecided_wrong.append((pointer, want.ambiguous[pointer], logged.get(pointer, {got})))
        elif value is None:
            if got is None:
                out.blank_right.append(pointer)
            else:
                out.wrong.append((pointer, None, got))
        elif got == value:
            out.right.append(pointer)
        elif got is None:
            out.missed.append((pointer, value))
        else:
            out.wrong.append((pointer, value, got))
    return out


def _same(logged: set[Any], gold: set[Any]) -> bool:
    return {str(v).rstrip("元万") for v in logged} == {str(v) for v in gold}
