"""How a parse compares with the report that was rendered and made noisy (``noise``): the measure
of recovery used by the tests and bench/parse_bench.py."""

from __future__ import annotations

from dataclasses import dataclass

from zfxxgk import pointers
from zfxxgk.layout import layout


@dataclass
class Recovery:
    """How a parsed report compares with the report that was rendered and made noisy.

    ``wrong`` lists cells with a value that differs from the original, silently: never acceptable.
    ``unmarked`` lists cells left null without a log entry saying so: not acceptable either.
    ``marked`` lists cells left null and logged (blank, ambiguous, or a warning about their row or
    a group holding it). The unit stored beside an amount (2019 采购总金额) is compared as a cell;
    it is accounted for by the log entries of its amount too. A parse in another edition than the
    original's is wrong.
    ``flagged`` lists cells with a value that differs from the original in a row that the log says
    breaks the identities however it is read (kept as printed, as the repair rule requires; the
    validator reports it): noise can make a row print as another row.
    """

    exact: bool
    wrong: list[tuple[str, object, object]]
    unmarked: list[str]
    marked: list[str]
    flagged: list[tuple[str, object, object]]

    @property
    def honest(self) -> bool:
        return not self.wrong and not self.unmarked


def recovery(original: dict, parsed: dict, log: list) -> Recovery:
    """Compare the printed parts of ``original`` (tables, agency, year, texts) with ``parsed``."""
    lay = layout(original["edition"])
    logged = {(e.pointer or "") for e in log if e.kind in ("blank", "ambiguous", "warning")}
    warned_rows = {(e.pointer or "") for e in log if e.kind == "warning"}
    # Cells of an identity that the log says cannot hold as printed.
    warned_rows |= {p for e in log if e.kind == "warning" and isinstance(e.value, list) for p in e.value
                    if isinstance(p, str)}
    wrong: list[tuple[str, object, object]] = []
    flagged: list[tuple[str, object, object]] = []
    unmarked: list[str] = []
    marked: list[str] = []
    if parsed.get("edition") != original["edition"]:
        wrong.append(("/edition", original["edition"], parsed.get("edition")))

    def is_logged(pointer: str) -> bool:
        """A log entry names the cell, its row, or a group or sub-table holding it."""
        while pointer:
            if pointer in logged:
                return True
            pointer = pointer.rsplit("/", 1)[0]
        return False

    # Every cell, and the unit stored beside an amount (2019 采购总金额): its own pointer, and the
    # cells whose log entries also account for it (its amount, when the amount was not decided).
    checked: list[tuple[str, tuple[str, ...]]] = [(cell.pointer, (cell.pointer,)) for cell in lay.cells]
    checked += [(cell.unit_pointer, (cell.unit_pointer, cell.pointer)) for cell in lay.cells if cell.unit_pointer]
    for pointer, accounted in checked:
        want = pointers.resolve(original, pointer)
        got = pointers.resolve(parsed, pointer, None)
        if got == want:
            continue
        row = pointer.rsplit("/", 1)[0]
        if got is None:
            (marked if any(is_logged(p) for p in accounted) else unmarked).append(pointer)
        elif row in warned_rows or pointer in warned_rows or (row.startswith("/table4") and "/table4" in warned_rows):
            flagged.append((pointer, want, got))
        else:
            wrong.append((pointer, want, got))
    for name in ("agency_name", "report_year", "overview", "problems_and_improvements", "other_matters"):
        if original.get(name) != parsed.get(name):
            wrong.append((f"/{name}", original.get(name), parsed.get(name)))
    exact = not wrong and not unmarked and not marked and not flagged
    return Recovery(exact, wrong, unmarked, marked, flagged)
