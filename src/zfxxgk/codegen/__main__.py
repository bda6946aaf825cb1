"""``python -m zfxxgk.codegen``: regenerate the artifacts from ``schema/zfxxgk.yaml``.

The package's artifacts go to ``src/zfxxgk/generated/`` (JSON Schema, models, rules, layout, parse-log
schema: they ship in the wheel), the site's schema and rule pages to ``docs/schema/`` and ``docs/rules/``
(built by mkdocs, not shipped). ``--check`` regenerates both into a temporary folder and exits 1 when
either differs from what is committed.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from zfxxgk.codegen.catalog_check import CatalogError
from zfxxgk.codegen.generate import generate
from zfxxgk.codegen.rules import RuleDeclarationError


def _differences(left: Path, right: Path) -> list[str]:
    if not right.is_dir():
        return [f"missing: {right}"]
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
    parser.add_argument("--out", type=Path, default=Path("src/zfxxgk/generated"))
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="where docs/schema and docs/rules go")
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (CatalogError, RuleDeclarationError) as error:
        print(f"error: {error}", file=sys.stderr)
        print("nothing was generated", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if not args.check:
        generate(args.schema, args.out, args.docs)
        print(f"generated {args.out}, {args.docs}/schema and {args.docs}/rules from {args.schema}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh, fresh_docs = Path(tmp) / "generated", Path(tmp) / "docs"
        generate(args.schema, fresh, fresh_docs)
        diffs = _differences(fresh, args.out)
        for sub in ("schema", "rules"):
            diffs += _differences(fresh_docs / sub, args.docs / sub)
    for line in diffs:
        print(line)
    if diffs:
        print(f"{args.out} or {args.docs} is out of date: run python -m zfxxgk.codegen", file=sys.stderr)
        return 1
    print(f"{args.out} and {args.docs}/schema, {args.docs}/rules are up to date with {args.schema}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
