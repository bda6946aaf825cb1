"""Word files: how often a report comes back exactly through Word, and what a converted .doc costs.

    .venv/bin/python bench/word_bench.py             # 2021 and 2019 editions, writes bench/out/word.json
    .venv/bin/python bench/word_bench.py --quick

For each edition, generated reports (``zfxxgk.testing.random_report``) with a few cells made blank
are rendered to .docx, and each one is read back as rendered and after each edit agencies make to
their tables (``zfxxgk.testing.word``: blank cells merged, a table split in two ``w:tbl``
on a coarser or finer grid, a label merged down over a split row); a parse is exact when every cell
comes back, blanks blank, and nothing is left ambiguous. Then a few rendered reports are saved as
.doc by LibreOffice and read back: the wall time of the conversion (LibreOffice starts afresh for
each file, with a new profile) and of the whole parse.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from zfxxgk.importer import parse_bytes
from zfxxgk.importer.convert import soffice, to_docx
from zfxxgk.render import render
from zfxxgk.testing import random_report
from zfxxgk.testing.noise import recovery
from zfxxgk.testing.word import EDITS, edit, with_blanks

ROOT = Path(__file__).resolve().parents[1]

OUT = ROOT / "bench" / "out" / "word.json"


def exact_rates(n: int, seed: int, edition: str) -> dict[str, dict[str, float]]:
    counts = {kind: [0, 0] for kind in ("as rendered", *EDITS)}
    for i in range(n):
        rng = random.Random(seed * 7919 + i)
        report = with_blanks(random_report(rng, edition), [rng.randrange(10**6) for _ in range(rng.randint(0, 10))])
        rendered = render(report, "docx")
        for kind in counts:
            data = rendered if kind == "as rendered" else edit(rendered, [kind], rng)  # type: ignore[arg-type]
            result = parse_bytes(data, f"r{i}.docx", "docx")  # type: ignore[arg-type]
            check = recovery(report, result.report, result.log)
            counts[kind][0] += 1
            counts[kind][1] += check.exact and not result.ambiguous
    return {kind: {"reports": total, "exact": exact, "exact_rate": round(exact / total, 3)}
            for kind, (total, exact) in counts.items()}


def doc_times(n: int, seed: int) -> dict[str, float] | None:
    executable = soffice()
    if executable is None:
        return None
    convert, parse = [], []
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        for i in range(n):
            source = root / f"r{i}.docx"
            source.write_bytes(render(random_report(random.Random(seed + i)), "docx"))  # type: ignore[arg-type]
            subprocess.run([executable, f"-env:UserInstallation={(root / 'p').as_uri()}", "--headless",
                            "--convert-to", "doc", "--outdir", str(root), str(source)], check=True,
                           capture_output=True, timeout=300)
            data = (root / f"r{i}.doc").read_bytes()
            start = time.perf_counter()
            to_docx(data, f"r{i}.doc", "doc")
            convert.append(time.perf_counter() - start)
            start = time.perf_counter()
            parse_bytes(data, f"r{i}.doc", "doc")
            parse.append(time.perf_counter() - start)
        shutil.rmtree(root / "p", ignore_errors=True)
    return {"files": n, "convert_s_median": round(statistics.median(convert), 2),
            "parse_s_median": round(statistics.median(parse), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100, help="reports per edition")
    parser.add_argument("--docs", type=int, default=5, help=".doc files converted")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--quick", action="store_true", help="20 reports per edition, 2 .doc files")
    args = parser.parse_args()
    if args.quick:
        args.reports, args.docs = 20, 2
    results: dict[str, object] = {}
    for edition in ("2021", "2019"):
        rates = exact_rates(args.reports, args.seed, edition)
        results[edition] = rates
        print(f"{edition} edition, {args.reports} reports with 0-10 blank cells, read back through Word:")
        for kind, row in rates.items():
            print(f"  {kind:14} exact {row['exact_rate']:>7.1%}")
    times = doc_times(args.docs, args.seed)
    results["doc"] = times
    if times is None:
        print("\n.doc: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    else:
        print(f"\n.doc ({times['files']} files, wall time): conversion {times['convert_s_median']} s, "
              f"whole parse {times['parse_s_median']} s (median)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
