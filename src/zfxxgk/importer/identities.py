"""The identities of an edition as linear equations over cells, read from the rule catalog once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from zfxxgk.resources import rules_catalog


@dataclass(frozen=True)
class Identity:
    """sum(weight × cell) = 0 over ``terms`` (left-hand side positive, right-hand side negative)."""

    code: str
    key: str
    terms: tuple[tuple[str, int], ...]

    @property
    def pointers(self) -> tuple[str, ...]:
        return tuple(p for p, _ in self.terms)


@cache
def identities(edition: str) -> tuple[Identity, ...]:
    """The identities of ``edition`` that involve this year's report only."""
    out = []
    for rule in rules_catalog()["rules"]:
        if rule["kind"] != "identity":
            continue
        for inst in rule["instances"]:
            terms = [(t, 1) for t in inst["lhs"]] + [(t, -1) for t in inst["rhs"]]
            if inst["edition"] != edition or any(t["document"] != "current" for t, _ in terms):
                continue
            out.append(Identity(rule["code"], inst["key"],
                                tuple((t["pointer"], t["weight"] * sign) for t, sign in terms)))
    return tuple(out)
