"""Write conformance/suite.json from examples/ with this project's validator.

    python tools/make_conformance.py

Run once when an example is added or changed, then review the diff: the test suite checks the
validator against the written file (tests/test_conformance.py), so the file, not the validator, is the
reference from then on. Every JSON example of examples/valid and examples/invalid is a case, with its
previous year's report when there is one (``NAME.previous.json``); such an example is also a second
case without it, where the cross-year rules have nothing to compare.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zfxxgk import __version__  # noqa: E402
from zfxxgk.conformance import expected_finding  # noqa: E402
from zfxxgk.validate import Validator  # noqa: E402

SUITE_ID = "https://w3id.org/zfxxgk/{version}/conformance/suite.json"


def _case(validator: Validator, path: Path, previous: Path | None) -> dict[str, Any]:
    report = json.loads(path.read_text(encoding="utf-8"))
    before = json.loads(previous.read_text(encoding="utf-8")) if previous else None
    result = validator.validate(report, before)
    name = f"{path.parent.name}/{path.stem}" + ("" if previous or not _previous_of(path) else " (no previous year)")
    edition = report.get("edition") if isinstance(report, dict) else None
    return {"name": name, "source": str(path.relative_to(ROOT)), "edition": edition, "valid": result.valid,
            "report": report, "previous": before,
            "findings": [expected_finding(f.to_dict()) for f in result.findings]}


def _previous_of(path: Path) -> Path | None:
    previous = path.with_name(path.stem + ".previous.json")
    return previous if previous.exists() else None


def build() -> dict[str, Any]:
    validator = Validator()
    cases = []
    for folder in ("valid", "invalid"):
        for path in sorted((ROOT / "examples" / folder).glob("*.json")):
            if path.name.endswith(".previous.json"):
                continue
            previous = _previous_of(path)
            cases.append(_case(validator, path, previous))
            if previous:
                cases.append(_case(validator, path, None))
    return {
        "$id": SUITE_ID.format(version=__version__),
        "version": __version__,
        "description": "zfxxgk conformance suite: each case is a report (and last year's report, or null) with "
                       "the findings a conforming validator gives. Compare findings as a multiset on code, "
                       "severity, sorted pointers, reported and computed (docs/conformance.md).",
        "cases": cases,
    }


def main() -> int:
    out = ROOT / "conformance" / "suite.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
