"""The identities of one edition compiled into small Python functions.

The instances come from the rule model (``zfxxgk.catalog``). A reader (``zfxxgk.validate.reading``) takes every count cell of a report into a flat tuple (the
vector of DESIGN.md), and ``holds`` evaluates every single-report identity over it in one
expression. Both are generated once from the rules file, so the common case, a report with no
finding, costs two calls; only reports that fail take the slow path that builds findings with every
contributing cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zfxxgk.catalog import Instance, catalog
from zfxxgk.layout import layout
from zfxxgk.validate.findings import Contribution, Finding


def _compile_holds(instances: list[Instance], index: dict[str, int]) -> Callable[[tuple[Any, ...]], bool]:
    """All identities as one boolean expression over local names (faster than indexing)."""
    def side(terms: tuple[tuple[str, int, str], ...]) -> str:
        return "".join(f"{'+' if w > 0 else '-'}c{index[p]}" for p, w, _ in terms) or "0"

    names = ", ".join(f"c{i}" for i in range(len(index)))
    checks = [f"({side(i.lhs)})==({side(i.rhs)})" for i in instances]
    source = f"def holds(v):\n    ({names},) = v\n    return " + (" and ".join(checks) or "True")
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # noqa: S102 - code built from the generated rules file only
    return namespace["holds"]


def _compile_each(instances: list[Instance], index: dict[str, int]) -> list[Callable[[tuple[Any, ...]], bool]]:
    """One function per identity: True when it holds over counts; False when it fails or an operand
    is not a count (None or a malformed value make the sum raise), for the slow path to say which."""
    out = []
    for inst in instances:
        def side(terms: tuple[tuple[str, int, str], ...]) -> str:
            return "".join(f"{'+' if w > 0 else '-'}v[{index[p]}]" for p, w, _ in terms) or "0"

        source = (f"def holds(v):\n    try:\n        return ({side(inst.lhs)})==({side(inst.rhs)})\n"
                  "    except TypeError:\n        return False")
        namespace: dict[str, Any] = {}
        exec(source, namespace)  # noqa: S102 - code built from the generated rules file only
        out.append(namespace["holds"])
    return out


class IdentityChecker:
    """Every identity of one edition, compiled."""

    def __init__(self, edition: str) -> None:
        self.edition = edition
        lay = layout(edition)
        self.count_cells = [c.pointer for c in lay.cells if not c.is_amount]
        self.index = {p: i for i, p in enumerate(self.count_cells)}
        self.instances = catalog().instances(edition, cross_year=False)
        self.cross_year = catalog().instances(edition, cross_year=True)
        self.holds = _compile_holds(self.instances, self.index)
        self._each = _compile_each(self.instances, self.index)

    def findings(self, vector: tuple[Any, ...]) -> list[Finding]:
        """The slow path: a finding for every identity that fails; identities with blanks are skipped."""
        out = []
        for inst, holds in zip(self.instances, self._each):
            if holds(vector):
                continue
            lhs = [(p, vector[self.index[p]], w) for p, w, _ in inst.lhs]
            rhs = [(p, vector[self.index[p]], w) for p, w, _ in inst.rhs]
            finding = _evaluate(inst, lhs, rhs)
            if finding:
                out.append(finding)
        return out

    def cross_year_findings(self, current: Callable[[str], Any], previous: Callable[[str], Any]) -> list[Finding]:
        """The cross-year identities over two reports, each given as a function from a pointer to the
        value there (anything but a count, e.g. None for a missing cell, leaves the identity unchecked)."""
        value = {"current": current, "previous": previous}
        out = []
        for inst in self.cross_year:
            lhs = [(p, value[d](p), w, d) for p, w, d in inst.lhs]
            rhs = [(p, value[d](p), w, d) for p, w, d in inst.rhs]
            finding = _evaluate(inst, lhs, rhs)
            if finding:
                out.append(finding)
        return out


def _is_count(value: Any) -> bool:
    return type(value) is int


def _evaluate(inst: Instance, lhs: list[tuple[Any, ...]], rhs: list[tuple[Any, ...]]) -> Finding | None:
    terms = lhs + rhs
    if not all(_is_count(t[1]) for t in terms):
        return None  # a blank or malformed cell: reported by W106 or S002, the identity is unknown
    reported = sum(t[1] * t[2] for t in lhs)
    computed = sum(t[1] * t[2] for t in rhs)
    if reported == computed:
        return None
    contributions = tuple(Contribution(t[0], t[1], t[2], t[3] if len(t) > 3 else "current") for t in terms)
    return inst.rule.finding(
        tuple(t[0] for t in terms), reported=reported, computed=computed, contributions=contributions,
        instance=inst.key, instance_zh=inst.label_zh, instance_en=inst.label_en,
    )
