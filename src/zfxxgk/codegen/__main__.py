"""``python -m zfxxgk.codegen``: regenerate ``generated/`` from ``schema/zfxxgk.yaml``.

``--check`` regenerates into a temporary folder and exits 1 when it differs from ``generated/``.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from zfxxgk.codegen.generate import generate


def _differences(left: Path, right: Path) -> list[str]:
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    out = [f"only in {left.name}: {cmp.left}/{n}" for n in cmp.left_only]
    out += [f"only in {right.name}: {cmp.right}/{n}" for n in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, cmp.common_files, shallow=False)
    out += [f"differs: {n}" for n in mismatch + errors]
    for sub in cmp.common_dirs:
        out += _differences(left / sub, right / sub)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zfxxgk.codegen", description=__doc__)
    parser.add_argument("--schema", type=Path, default=Path("schema/zfxxgk.yaml"))
    parser.add_argument("--out", type=Path, default=Path("generated"))
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    args = parser.parse_args(argv)
    if not args.check:
        generate(args.schema, args.out)
        print(f"generated {args.out} from {args.schema}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        generate(args.schema, fresh)
        diffs = _differences(fresh, args.out)
    for line in diffs:
        print(line)
    if diffs:
        print(f"{args.out} is out of date: run python -m zfxxgk.codegen", file=sys.stderr)
        return 1
    print(f"{args.out} is up to date with {args.schema}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
