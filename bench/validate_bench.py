"""Validation throughput: zfxxgk against the validators a user would otherwise pick, in one run.

    python bench/validate_bench.py [--reports 10000] [--stream 1000000] [--linkml-sample 200]

Writes 10,000 generated reports as JSON Lines, then measures on one core:
- zfxxgk full validation (decode + structure + every identity + plausibility), the CLI's path:
  bytes decoded straight into the typed structs generated from the schema;
- the same validation of plain JSON data (decoded to dicts, then the JSON Schema with
  jsonschema-rs), the path of a report handed over as a dict;
- the same reports with a structure error (an empty agency name) beside a broken identity
  (table 4), which take the careful path: every structure error, then every identity whose cells
  are well-formed;
- orjson.loads alone (the floor: no validator can be faster than decoding);
- python-jsonschema with the generated JSON Schema (structure only), on a sample;
- linkml's validator with its JSON Schema plugin (structure only), on a sample;
and a stream of --stream reports through the same path, sampling peak memory as it goes.
Figures (reports per second of wall time, and per second of CPU time, which a shared machine
disturbs less) are printed as a table and written to bench/out/validate.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import orjson

from zfxxgk.testing import random_report
from zfxxgk.validate import Validator
from zfxxgk.loading import iter_json_lines

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_lines(n: int, seed: int = 20261129) -> list[bytes]:
    rng = random.Random(seed)
    return [orjson.dumps(random_report(rng)) for _ in range(n)]


def make_broken_lines(lines: list[bytes]) -> list[bytes]:
    """The same reports with an empty agency name (S002) and a table 4 that does not add up (E401)."""
    out = []
    for line in lines:
        report = orjson.loads(line)
        report["agency_name"] = ""
        report["table4"]["reconsideration"]["total"] += 1
        out.append(orjson.dumps(report))
    return out


def timed(label: str, lines: list[bytes], work: Callable[[bytes], object]) -> dict[str, float | str | int]:
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    for line in lines:
        work(line)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    # CPU time as well as wall time: on a shared machine the wall clock also counts the time spent
    # waiting for a core, CPU time only the work done.
    return {"validator": label, "reports": len(lines), "seconds": round(seconds, 4),
            "reports_per_second": round(len(lines) / seconds, 1),
            "reports_per_cpu_second": round(len(lines) / cpu_seconds, 1)}


def zfxxgk_full(validator: Validator, typed: bool = True) -> Callable[[bytes], object]:
    def work(line: bytes) -> object:
        loaded = next(iter_json_lines((line,), "bench", typed))
        return list(validator.iter_findings(loaded.document))

    return work


def python_jsonschema() -> Callable[[bytes], object]:
    import jsonschema

    from zfxxgk.resources import json_schema

    checker = jsonschema.Draft201909Validator(json_schema())
    return lambda line: list(checker.iter_errors(orjson.loads(line)))


def linkml_validator() -> Callable[[bytes], object] | None:
    try:
        from linkml.validator import Validator as LinkMLValidator
        from linkml.validator.plugins import JsonschemaValidationPlugin
    except ImportError:
        return None
    checker = LinkMLValidator(str(ROOT / "schema" / "zfxxgk.yaml"),
                              validation_plugins=[JsonschemaValidationPlugin(closed=True)])
    return lambda line: list(checker.iter_results(orjson.loads(line), target_class="Report"))


def stream(lines: list[bytes], n: int) -> Iterator[bytes]:
    for i in range(n):
        yield lines[i % len(lines)]


def run_stream(validator: Validator, lines: Iterable[bytes], n: int) -> dict[str, object]:
    samples = []
    start = time.perf_counter()
    findings = 0
    for i, loaded in enumerate(iter_json_lines(lines, "stream", typed=True), start=1):
        findings += len(list(validator.iter_findings(loaded.document)))
        if i % (n // 10 or 1) == 0:
            samples.append({"reports": i, "peak_rss_mb": round(peak_rss_mb(), 1)})
    seconds = time.perf_counter() - start
    return {"reports": n, "seconds": round(seconds, 2), "reports_per_second": round(n / seconds, 1),
            "findings": findings, "rss_samples": samples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--stream", type=int, default=1_000_000)
    parser.add_argument("--jsonschema-sample", type=int, default=1_000)
    parser.add_argument("--linkml-sample", type=int, default=200)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    lines = make_lines(args.reports)
    corpus = OUT / "reports.jsonl"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    size_kb = sum(map(len, lines)) / len(lines) / 1024
    print(f"{len(lines)} generated reports, {size_kb:.1f} KB each on average -> {corpus}")

    validator = Validator()
    rows = [
        timed("orjson.loads alone (floor)", lines, orjson.loads),
        timed("zfxxgk full validation", lines, zfxxgk_full(validator)),
        timed("zfxxgk full validation of plain JSON data (dicts)", lines, zfxxgk_full(validator, typed=False)),
        timed("zfxxgk, reports with a structure error and a broken identity", make_broken_lines(lines),
              zfxxgk_full(validator)),
        timed("python-jsonschema (structure only)", lines[: args.jsonschema_sample], python_jsonschema()),
    ]
    linkml = linkml_validator()
    if linkml is not None:
        rows.append(timed("linkml validator + jsonschema plugin (structure only)", lines[: args.linkml_sample], linkml))
    else:
        print("linkml is not installed (pip install '.[dev]'): its row is left out")

    ours = rows[1]["reports_per_second"]
    floor = rows[0]["reports_per_second"]
    print(f"\n{'validator':<62} {'reports':>8} {'reports/s':>11} {'per CPU s':>11} {'zfxxgk is':>10}")
    for row in rows:
        ratio = ours / row["reports_per_second"]
        print(f"{row['validator']:<62} {row['reports']:>8} {row['reports_per_second']:>11,.0f} "
              f"{row['reports_per_cpu_second']:>11,.0f} {ratio:>9.1f}x")
    print(f"\nzfxxgk reaches {100 * ours / floor:.0f}% of the orjson.loads floor")

    stream_figures = None
    if args.stream:
        print(f"\nstreaming {args.stream:,} reports through the same path ...")
        stream_figures = run_stream(validator, stream(lines, args.stream), args.stream)
        print(f"{stream_figures['reports_per_second']:,.0f} reports/s; peak RSS by reports seen:")
        for sample in stream_figures["rss_samples"]:
            print(f"  {sample['reports']:>10,}  {sample['peak_rss_mb']:>8.1f} MB")

    figures = {
        "machine": {"python": platform.python_version(), "processor": platform.processor() or platform.machine()},
        "report_kb": round(size_kb, 2),
        "results": rows,
        "zfxxgk_vs_floor": round(ours / floor, 3),
        "stream": stream_figures,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    (OUT / "validate.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\npeak RSS {figures['peak_rss_mb']} MB; figures written to {OUT / 'validate.json'}")


if __name__ == "__main__":
    main()
