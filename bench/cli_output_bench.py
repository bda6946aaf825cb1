"""Text output against JSON Lines output of `zfxxgk validate`, side by side on the same reports.

Writes generated reports as one JSON Lines file (one in a hundred with a broken identity, so that
findings are printed too), then runs `zfxxgk validate FILE --format jsonl` and `zfxxgk validate FILE`
(text) alternately, each with its output sent to /dev/null, and keeps the best of the rounds of
each. CPU time (user + system of the child) is what a shared machine disturbs least; wall time is
given beside it. The target (issue 16): text within 1.2x of jsonl. Figures go to
bench/out/cli_output.json.

    python bench/cli_output_bench.py                 # 100,000 reports, 3 rounds
    python bench/cli_output_bench.py --reports 20000 --rounds 5

Measured (2026-11-30, Python 3.11, shared 2-core machine, load average 7 to 9 from other work), with
`python bench/cli_output_bench.py --reports 50000 --rounds 3`, best of three:

    | output | CPU s | reports per CPU s | wall s |
    |---|---:|---:|---:|
    | jsonl | 5.19 | 9,632 | 12.36 |
    | text  | 5.41 | 9,240 | 13.12 |
    text / jsonl: 1.04x in CPU time, 1.06x in wall time

Before (each line printed through Rich's Console.print, as until issue 16), one run on the same
50,000 reports beside one of each format: text 14.59 CPU s, jsonl 5.35 (2.7x). A profile of the text
path showed Console.print taking half the time, and Console.is_terminal (read from the environment
on every call) 8% more.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

from zfxxgk.testing import random_report

OUT = Path(__file__).parent / "out" / "cli_output.json"


def write_reports(path: Path, n: int, seed: int = 20261130) -> int:
    """``n`` reports; every hundredth has table 3's first total off by one (E301 and E302). Returns how many."""
    rng = random.Random(seed)
    broken = 0
    with path.open("wb") as out:
        for i in range(n):
            report = random_report(rng)
            if i % 100 == 99 and isinstance(report["table3"]["new_requests"]["total"], int):
                report["table3"]["new_requests"]["total"] += 1
                broken += 1
            out.write(orjson.dumps(report) + b"\n")
    return broken


def run(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``command``, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run(command, stdout=sink, stderr=sink, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    exe = shutil.which("zfxxgk") or str(Path(sys.executable).with_name("zfxxgk"))
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        broken = write_reports(batch, args.reports)
        commands = {"jsonl": [exe, "validate", str(batch), "--format", "jsonl"],
                    "text": [exe, "validate", str(batch), "--lang", "en"]}
        best: dict[str, tuple[float, float]] = {}
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():  # alternately, so that both see the same load
                sample = run(command)
                samples[name].append(sample)
                best[name] = min(best.get(name, sample), sample)
    ratio_cpu = best["text"][0] / best["jsonl"][0]
    ratio_wall = best["text"][1] / best["jsonl"][1]
    print(f"{args.reports:,} reports ({broken:,} with findings), best of {args.rounds} rounds each")
    print("| output | CPU s | reports per CPU s | wall s |")
    print("|---|---:|---:|---:|")
    for name, (cpu, wall) in best.items():
        print(f"| {name} | {cpu:.2f} | {args.reports / cpu:,.0f} | {wall:.2f} |")
    print(f"text / jsonl: {ratio_cpu:.2f}x in CPU time, {ratio_wall:.2f}x in wall time (target: at most 1.2x)")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({
        "reports": args.reports, "with_findings": broken, "rounds": args.rounds,
        "best": {name: {"cpu_s": cpu, "wall_s": wall} for name, (cpu, wall) in best.items()},
        "samples": samples, "text_over_jsonl_cpu": ratio_cpu, "text_over_jsonl_wall": ratio_wall,
        "python": platform.python_version(), "load_average": os.getloadavg(),
    }, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
