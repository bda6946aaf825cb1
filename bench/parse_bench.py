"""Parse throughput per format, and recovery per kind of noise, on generated reports.

    .venv/bin/python bench/parse_bench.py                   # 1000 reports per format, 200 per noise kind
    .venv/bin/python bench/parse_bench.py --quick           # fewer, for a smoke run
    .venv/bin/python bench/parse_bench.py --edition 2019    # reports of the 2019 edition

Reports come from ``zfxxgk.testing.random_report`` (valid by construction, in the edition asked
for), are rendered with ``zfxxgk.render`` and, for recovery, made noisy with
``zfxxgk.testing.noise``. Throughput counts only ``parse_bytes`` (decode, read, locate, solve,
assemble), as CPU time of one process (one core). For recovery, each report gets one kind of noise
on up to three rows (a kind that changes nothing in the edition, such as fee_in_yuan for 2019, is
reported as not applying):

- exact: the parse equals the original (tables, agency, year, texts);
- complete: every printed value read right, nothing ambiguous (cells that the noise left without a
  value, such as a blank for a zero, are null and logged);
- honest: no cell has a wrong value silently (a wrong value only in a row the log flags as breaking
  the identities, as the repair rule requires, and every null logged);
- wrong: a silently wrong value (must be 0).

Writes bench/out/parse.json (2021 edition) or bench/out/parse-EDITION.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from zfxxgk import pointers
from zfxxgk.importer import parse_bytes
from zfxxgk.importer.edition import SUPPORTED
from zfxxgk.importer.memos import forget
from zfxxgk.layout import layout
from zfxxgk.render import render
from zfxxgk.testing import random_report
from zfxxgk.testing.noise import KINDS, inject, recovery, strip_hints

FORMATS = ("txt", "md", "html", "docx", "flat")  # flat: the txt rendering flattened onto one line
NOISE_FORMATS = ("txt", "md", "html")
DOCX_DISTINCT = 20
BATCH = 100
OUT = Path(__file__).resolve().parent / "out" / "parse.json"


def throughput(n: int, seed: int, edition: str = "2021") -> dict[str, dict[str, float]]:
    out = {}
    for fmt in FORMATS:
        # Writing Word files is slow (about a second each): a few distinct ones are parsed in turn.
        distinct = min(n, DOCX_DISTINCT) if fmt == "docx" else n
        try:
            made = [_made(random_report(random.Random(seed + i), edition), fmt, seed + i) for i in range(distinct)]
            docs = [made[i % distinct] for i in range(n)]
        except Exception as error:  # noqa: BLE001 - a writer that is missing is reported, not fatal
            out[fmt] = {"error": str(error)}
            continue
        kind = "txt" if fmt == "flat" else fmt
        parse_bytes(docs[0], f"warm.{kind}", kind)  # load the layout and compile the labels once
        # CPU time of this process, by batches: on a shared machine the slowest batches measure the
        # neighbours; the median and the best batch measure the parser.
        rates = []
        for first in range(0, n, BATCH):
            batch = docs[first:first + BATCH]
            start = time.process_time()
            for i, data in enumerate(batch):
                parse_bytes(data, f"r{first + i}.{kind}", kind)
            rates.append(len(batch) / max(time.process_time() - start, 1e-9))
        size = sum(len(d) for d in docs) / len(docs)
        median = statistics.median(rates)
        out[fmt] = {"reports": n, "reports_per_s": round(median, 1), "best_batch_reports_per_s": round(max(rates), 1),
                    "ms_per_report": round(1000 / median, 3), "mean_bytes": round(size)}
    return out


def _made(report: dict, fmt: str, seed: int) -> bytes:
    if fmt == "flat":
        return inject(render(report, "txt"), "txt", "flatten", random.Random(seed)).encode("utf-8")
    return _bytes(render(report, fmt), fmt)


def real_flattened(rounds: int = 5) -> dict[str, float]:
    """The real flattened pages of tests/data/real, each parsed as a page never seen before (CPU time
    of one process): the parser's memos are emptied, the other pages parsed (not timed), then the
    page. Parsing the same pages again would measure the memos of their rows and labels."""
    real = Path(__file__).resolve().parents[1] / "tests" / "data" / "real"
    docs = [p.read_bytes() for p in sorted(real.glob("*.txt"))]
    spent = 0.0
    for _ in range(rounds):
        for i, data in enumerate(docs):
            forget()
            for j, other in enumerate(docs):
                if j != i:
                    parse_bytes(other, "other.txt", "txt")
            gc.collect()  # the other pages' garbage is theirs, not this page's
            start = time.process_time()
            parse_bytes(data, "r.txt", "txt")
            spent += time.process_time() - start
    rate = rounds * len(docs) / max(spent, 1e-9)
    return {"reports": len(docs), "reports_per_s": round(rate, 1), "ms_per_report": round(1000 / rate, 3)}


def _bytes(content: str | bytes, fmt: str) -> bytes:
    return content if isinstance(content, bytes) else strip_hints(content, fmt).encode("utf-8")


def recovery_rates(n: int, seed: int, edition: str = "2021") -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for kind in KINDS:
        counts = {"reports": 0, "exact": 0, "complete": 0, "honest": 0, "wrong": 0, "errors": 0, "changed": 0}
        for i in range(n):
            rng = random.Random(seed * 7919 + i)
            report = random_report(rng, edition)
            fmt = NOISE_FORMATS[i % len(NOISE_FORMATS)]
            clean = render(report, fmt)
            text = inject(clean, fmt, kind, rng, rng.randint(1, 3))  # type: ignore[arg-type]
            counts["changed"] += text != strip_hints(clean, fmt)  # type: ignore[arg-type]
            counts["reports"] += 1
            try:
                result = parse_bytes(text.encode("utf-8"), f"r{i}.{fmt}", fmt)
            except Exception:  # noqa: BLE001 - counted: a noisy report must still parse
                counts["errors"] += 1
                continue
            check = recovery(report, result.report, result.log)
            counts["exact"] += check.exact
            counts["honest"] += check.honest
            counts["wrong"] += bool(check.wrong)
            nulls_from_noise = all(e.kind != "ambiguous" for e in result.log)
            counts["complete"] += check.honest and nulls_from_noise and not check.flagged
        total = counts["reports"]
        out[kind] = {**counts, **{f"{k}_rate": round(counts[k] / total, 3) for k in ("exact", "complete", "honest")},
                     "applies": counts["changed"] > 0}
    return out


def flattened_recovery(n: int, seed: int, edition: str) -> dict[str, object]:
    """Flattened pages of ``n`` generated reports, cell by cell: a decided cell must be right, an
    undecided one null with its candidates logged, the true value among them."""
    counts = {"reports": n, "exact_reports": 0, "cells": 0, "right": 0, "undecided": 0, "truth_in_candidates": 0,
              "null_logged": 0, "wrong": 0, "errors": 0}
    for i in range(n):
        rng = random.Random(seed * 104729 + i)
        report = random_report(rng, edition)
        text = inject(render(report, "txt"), "txt", "flatten", rng)  # type: ignore[arg-type]
        try:
            result = parse_bytes(text.encode("utf-8"), f"f{i}.txt", "txt")
        except Exception:  # noqa: BLE001 - counted: a flattened page must still parse
            counts["errors"] += 1
            continue
        check = recovery(report, result.report, result.log)
        cells = [w for w in check.wrong if w[0].startswith("/table")]
        counts["wrong"] += len(cells)
        counts["exact_reports"] += not cells and not check.marked and not check.unmarked
        candidates = {e.pointer: e.candidates for e in result.log if e.kind == "ambiguous"}
        for cell in layout(edition).cells:
            counts["cells"] += 1
            got = pointers.resolve(result.report, cell.pointer, None)
            want = pointers.resolve(report, cell.pointer)
            if got is not None:
                counts["right"] += got == want
            elif cell.pointer in candidates:
                counts["undecided"] += 1
                counts["truth_in_candidates"] += any(str(c) in (str(want), str(want) + "元", str(want) + "万元")
                                                     for c in candidates[cell.pointer])
            else:
                counts["null_logged"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000, help="reports per format for throughput")
    parser.add_argument("--noisy", type=int, default=200, help="reports per noise kind for recovery")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--quick", action="store_true", help="100 reports per format, 30 per noise kind")
    parser.add_argument("--edition", choices=SUPPORTED, default="2021", help="edition of the generated reports")
    parser.add_argument("--flattened", type=int, default=500, help="generated reports flattened, for recovery")
    args = parser.parse_args()
    if args.quick:
        args.reports, args.noisy, args.flattened = 100, 30, 60
    speed = throughput(args.reports, args.seed, args.edition)
    rates = recovery_rates(args.noisy, args.seed, args.edition)
    real = real_flattened()
    flattened = flattened_recovery(args.flattened, args.seed, args.edition)
    out = OUT if args.edition == "2021" else OUT.with_name(f"parse-{args.edition}.json")
    print(f"{args.edition} edition: parse throughput (CPU time of one process, {args.reports} generated reports "
          f"per format; median and best batch of {BATCH})")
    print(f"{'format':8} {'reports/s':>10} {'best':>8} {'ms/report':>10} {'bytes':>8}")
    for fmt, row in speed.items():
        if "error" in row:
            print(f"{fmt:8} {'-':>10} {'-':>8} {'-':>10} {'-':>8}  ({row['error']})")
        else:
            print(f"{fmt:8} {row['reports_per_s']:>10} {row['best_batch_reports_per_s']:>8} {row['ms_per_report']:>10} "
                  f"{row['mean_bytes']:>8}")
    print(f"\nreal flattened pages (tests/data/real, {real['reports']} saved web pages, each parsed 5 times as a page "
          f"never seen: memos emptied, the other pages parsed first): {real['reports_per_s']} reports/s, "
          f"{real['ms_per_report']} ms/report")
    f = flattened
    print(f"\nflattened pages of {f['reports']} generated reports: {f['exact_reports']} come back exactly; of "
          f"{f['cells']} cells {f['right']} decided and right, {f['undecided']} undecided (null, candidates logged; "
          f"the true value among them for {f['truth_in_candidates']}), {f['null_logged']} null and logged otherwise; "
          f"wrong: {f['wrong']}, errors: {f['errors']}")
    print(f"\nrecovery per kind of noise ({args.noisy} reports each, txt/md/html, 1-3 rows)")
    print(f"{'noise':18} {'exact':>7} {'complete':>9} {'honest':>7} {'wrong':>6} {'errors':>7}")
    for kind, row in rates.items():
        if not row["applies"]:
            print(f"{kind:18} {'(does not apply to this edition)':>40}")
            continue
        print(f"{kind:18} {row['exact_rate']:>7.1%} {row['complete_rate']:>9.1%} {row['honest_rate']:>7.1%} "
              f"{row['wrong']:>6} {row['errors']:>7}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "python": sys.version.split()[0], "machine": platform.machine(), "processor": platform.processor(),
        "edition": args.edition, "seed": args.seed, "throughput": speed, "real_flattened": real, "flattened_recovery": flattened, "recovery": rates,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
