"""A long fuzz run: the mutations of tests/test_fuzz.py, many more of them, plus the hostile cases of
issue 10 in subprocesses with their peak memory and time.

    python bench/fuzz_bench.py [--cases 1000] [--seed 1] [--kinds json,docx,...]

For each kind of input, ``--cases`` mutated inputs go through ``validate`` (and ``parse`` for
published documents) in-process; every case must end with exit 0, 1 or 2, without an exception or
a traceback, and an unusable input must be named in the message. Inputs that break a rule are saved
under bench/out/fuzz-failures/. Then each hostile case runs in a subprocess under a 1.5 GB
address-space cap, measuring its exit status, wall time and peak memory. Figures are printed as
tables and written to bench/out/fuzz.json.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import platform
import random
import resource
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import typer.testing
import yaml
from typer.testing import CliRunner

from zfxxgk import limits
from zfxxgk.cli import app
from zfxxgk.limits import Limits
from zfxxgk.render import render
from zfxxgk.testing.bounded import run_bounded
from zfxxgk.testing.mutate import mutate_bytes, mutate_document, mutate_docx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "valid" / "jiyuan-sfj-2021.json"
MB = 1024 * 1024


def seeds() -> dict[str, bytes]:
    report = json.loads(SAMPLE.read_text(encoding="utf-8"))
    out = {fmt: (c if isinstance(c, bytes) else c.encode("utf-8")) for fmt in ("txt", "md", "html", "docx")
           for c in [render(report, fmt)]}
    out["yaml"] = yaml.safe_dump(report, allow_unicode=True, sort_keys=False).encode("utf-8")
    out["published.txt"] = (EXAMPLES / "jiyuan-sfj-2021.txt").read_bytes()
    try:
        sys.path.insert(0, str(ROOT))
        from tests.test_fuzz import _pdf

        out["pdf"] = _pdf(out["txt"].decode("utf-8"))
    except ImportError:  # reportlab is a test dependency
        pass
    return out


def json_seeds() -> list[bytes]:
    return [p.read_bytes() for p in sorted((EXAMPLES / "valid").glob("*.json")) + sorted((EXAMPLES / "invalid").glob("*.json"))]


Kind = Callable[[random.Random], tuple[bytes, str, list[str]]]  # -> data, suffix, extra args


def kinds(docs: dict[str, bytes]) -> dict[str, Kind]:
    js = json_seeds()
    out: dict[str, Kind] = {
        "json bytes": lambda rng: (mutate_bytes(rng.choice(js), rng), ".json", []),
        "json structure": lambda rng: (mutate_document(json.loads(rng.choice(js)), rng), ".json", []),
        "json lines": lambda rng: (mutate_bytes(b"\n".join(j.replace(b"\n", b"") for j in rng.sample(js, 3)), rng), ".jsonl", []),
        "yaml": lambda rng: (mutate_bytes(docs["yaml"], rng), ".yaml", []),
        "stdin": lambda rng: (mutate_bytes(rng.choice(js), rng), "-", []),
    }
    for fmt in ("txt", "md", "html", "published.txt", "pdf"):
        if fmt in docs:
            out[f"{fmt} validate"] = lambda rng, fmt=fmt: (mutate_bytes(docs[fmt], rng), "." + fmt.split(".")[-1], [])
            out[f"{fmt} parse"] = lambda rng, fmt=fmt: (mutate_bytes(docs[fmt], rng), "." + fmt.split(".")[-1], ["parse"])
    out["docx validate"] = lambda rng: (mutate_docx(docs["docx"], rng), ".docx", [])
    out["docx parse"] = lambda rng: (mutate_docx(docs["docx"], rng), ".docx", ["parse"])
    return out


def run_kind(name: str, make: Kind, cases: int, seed: int, work: Path) -> dict[str, object]:
    runner = CliRunner()
    rng = random.Random(f"{seed}:{name}")
    codes: Counter[int] = Counter()
    failures: list[str] = []
    slowest = 0.0
    start = time.perf_counter()
    for i in range(cases):
        data, suffix, extra = make(rng)
        stdin = None
        if suffix == "-":
            target, stdin, named = "-", data, "<stdin>"
        else:
            path = work / f"{name.replace(' ', '-')}-{i}{suffix}"
            path.write_bytes(data)
            target, named = str(path), path.name
        args = (["parse", target, "-o", str(work / "out"), "--force"] if extra == ["parse"]
                else ["validate", target, "--no-tables", "--lang", "en"])
        limits.set_limits(Limits())
        t = time.perf_counter()
        result = runner.invoke(app, args, input=stdin)
        slowest = max(slowest, time.perf_counter() - t)
        codes[result.exit_code] += 1
        broken = (result.exception is not None and not isinstance(result.exception, SystemExit)) \
            or result.exit_code not in (0, 1, 2) or "Traceback" in result.output \
            or (result.exit_code == 2 and named not in result.output)
        if broken:
            keep = OUT / "fuzz-failures"
            keep.mkdir(parents=True, exist_ok=True)
            saved = keep / f"{name.replace(' ', '-')}-{seed}-{i}{suffix if suffix != '-' else '.stdin'}"
            saved.write_bytes(data)
            failures.append(f"{saved}: {result.exception!r} exit {result.exit_code}")
    elapsed = time.perf_counter() - start
    return {"kind": name, "cases": cases, "exit": {str(k): v for k, v in sorted(codes.items())},
            "failures": failures, "seconds": round(elapsed, 2), "ms_per_case": round(1000 * elapsed / cases, 1),
            "slowest_ms": round(1000 * slowest, 1)}


def hostile(work: Path) -> list[tuple[str, Path, list[str]]]:
    """The memory and time cases of issue 10, as files."""
    out: list[tuple[str, Path, list[str]]] = []
    bomb = work / "bomb.yaml"
    bomb.write_bytes(b"\n".join([b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]".encode() for i in range(8)]) + b"\n")
    out.append(("YAML alias bomb (377 bytes)", bomb, []))
    docx = render(json.loads(SAMPLE.read_text(encoding="utf-8")), "docx")
    zbomb = work / "bomb.docx"
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(zbomb, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info, source.read(info))
        with package.open("word/media/pad.bin", "w", force_zip64=True) as part:
            for _ in range(4096):
                part.write(bytes(MB))
    out.append((f"docx zip bomb ({zbomb.stat().st_size // MB} MB, 4 GB unpacked)", zbomb, []))
    sys.path.insert(0, str(ROOT))
    from tests.test_hostile_input import pdf_bomb

    pbomb = work / "bomb.pdf"
    pbomb.write_bytes(pdf_bomb(800))
    out.append((f"PDF deflate bomb ({pbomb.stat().st_size // 1024} KB, 800 MB page)", pbomb, []))
    big = work / "big.html"
    with big.open("wb") as stream:
        stream.write(b"<html><body>")
        stream.truncate(200 * MB)
    out.append(("200 MB HTML", big, []))
    nested = work / "nested.html"
    nested.write_bytes(b"<html><body>" + b"<div>" * 2_200_000 + b"x</body></html>")
    out.append(("11 MB nested HTML", nested, []))
    page = render(json.loads(SAMPLE.read_text(encoding="utf-8")), "html")
    assert isinstance(page, str)
    at, end = page.index("<body>") + 6, page.index("</body>")
    deep = work / "deep300.html"
    deep.write_text(page[:at] + "<div>" * 300 + page[at:end] + "</div>" * 300 + page[end:], encoding="utf-8")
    out.append(("report in 300 <div> (must be read)", deep, []))
    long = work / "long.json"
    long.write_bytes(SAMPLE.read_bytes().replace(b'"report_year": 2021', b'"report_year": ' + b"9" * 100_000, 1))
    out.append(("JSON number of 100,000 digits", long, []))
    dup = work / "dup.json"
    dup.write_bytes(SAMPLE.read_bytes().replace(b'"report_year": 2021', b'"report_year": 1999, "report_year": 2021', 1))
    out.append(("duplicate JSON keys", dup, []))
    return out


def run_hostile(label: str, path: Path, extra: list[str]) -> dict[str, object]:
    run = run_bounded(["validate", str(path), "--no-tables", "--lang", "en", *extra], cap_mb=1500, timeout=120)
    message = next((line.strip() for line in run.output.splitlines() if "S001" in line or "S002" in line), "")
    return {"case": label, "exit": run.code, "seconds": round(run.seconds, 2), "peak_mb": round(run.peak_mb, 1),
            "traceback": "Traceback" in run.output, "message": message[:200]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases per kind of input")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default="", help="comma-separated kinds (default: all)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    typer.testing._get_command = functools.cache(typer.testing._get_command)  # build the command once
    docs = seeds()
    chosen = kinds(docs)
    if args.kinds:
        chosen = {k: v for k, v in chosen.items() if k in args.kinds.split(",")}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, make in chosen.items():
            row = run_kind(name, make, args.cases, args.seed, work)
            rows.append(row)
            print(f"{name:<24} {row['cases']:>6} cases  exit {row['exit']}  {row['ms_per_case']:>6} ms/case  "
                  f"slowest {row['slowest_ms']} ms  failures {len(row['failures'])}", flush=True)
        print()
        bombs = [run_hostile(*case) for case in hostile(work)]
    for b in bombs:
        print(f"{b['case']:<40} exit {b['exit']}  {b['seconds']:>5} s  peak {b['peak_mb']:>6} MB  "
              f"traceback {b['traceback']}\n    {b['message']}")
    in_process_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(int(r["cases"]) for r in rows)
    failures = sum(len(r["failures"]) for r in rows)  # type: ignore[arg-type]
    print(f"\n{total} fuzz cases, {failures} failures; peak memory of the in-process run {in_process_peak:.0f} MB")
    (OUT / "fuzz.json").write_text(json.dumps({
        "python": platform.python_version(), "cases_per_kind": args.cases, "seed": args.seed, "kinds": rows,
        "hostile": bombs, "total_cases": total, "failures": failures, "in_process_peak_mb": round(in_process_peak, 1),
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    raise SystemExit(1 if failures or any(b["traceback"] or b["exit"] not in (0, 1, 2) for b in bombs) else 0)


if __name__ == "__main__":
    main()
