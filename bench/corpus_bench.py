"""``corpus build`` throughput on generated documents of mixed forms, with 1 and 2 workers.

    python bench/corpus_bench.py [--count 2000] [--workers 1 2] [--pdf-sources 6] [--sources DIR]

Generates ``--count`` documents from random valid reports (``zfxxgk.testing.random_report``), in
mixed forms: JSON instances, JSON Lines files of several reports, and published documents rendered
with ``zfxxgk.render`` as text, Markdown, HTML, Word, and PDF (a few reports printed by LibreOffice,
each copy made distinct by a trailing comment, when ``soffice`` is installed). Then builds a fresh
dataset with each number of local worker processes and prints, side by side: documents per second
(of the whole build, and of its document phase alone: reading and checking every document, without
the checks across the corpus that follow), the speed-up over one worker, and the peak memory (RSS) of
each worker, sampled every half second; with the machine's load average, since a busy neighbour
takes cores from the workers. ``--sources DIR`` keeps the generated documents there and reuses them
on the next run. Figures are written to bench/out/corpus.json; docs/corpus.md plans a national
corpus with them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import orjson

from zfxxgk.corpus.build import Options, build, client
from zfxxgk.render import render
from zfxxgk.testing import random_report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

# Share of each form among the documents (PDF falls back to Word without LibreOffice); a JSON Lines
# file holds PER_JSONL of them.
MIX = (("json", 0.30), ("jsonl", 0.10), ("txt", 0.15), ("md", 0.10), ("html", 0.15), ("docx", 0.12), ("pdf", 0.08))
PER_JSONL = 10  # reports in one JSON Lines file


def generate(folder: Path, count: int, pdf_sources: int, seed: int = 20261130) -> dict[str, int]:
    rng = random.Random(seed)
    pdfs = _pdfs(pdf_sources, rng)
    made: dict[str, int] = {}
    n = 0
    while n < count:
        form = rng.choices([f for f, _ in MIX], [w / (PER_JSONL if f == "jsonl" else 1) for f, w in MIX])[0]
        if form == "pdf" and not pdfs:
            form = "docx"
        name = folder / form / f"d{n:06d}.{form}"
        name.parent.mkdir(exist_ok=True)
        if form == "jsonl":
            reports = [random_report(rng) for _ in range(min(PER_JSONL, count - n))]
            name.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in reports))
            n += len(reports)
            made[form] = made.get(form, 0) + len(reports)
            continue
        if form == "pdf":
            name.write_bytes(rng.choice(pdfs) + b"\n%% copy %d\n" % n)
        elif form == "json":
            name.write_bytes(orjson.dumps(random_report(rng)))
        else:
            name.write_bytes(_rendered(random_report(rng), form))
        n += 1
        made[form] = made.get(form, 0) + 1
    return made


def _rendered(report: dict[str, Any], form: str) -> bytes:
    out = render(report, form)
    return out if isinstance(out, bytes) else out.encode("utf-8")


def _pdfs(n: int, rng: random.Random) -> list[bytes]:
    if n <= 0 or shutil.which("soffice") is None:
        return []
    from read_documents_bench import to_pdf

    return to_pdf([render(random_report(rng), "docx") for _ in range(n)]) or []


class Sampler:
    """Peak RSS of each worker, asked of the cluster every half second while a build runs."""

    def __init__(self, dask: Any) -> None:
        self.dask, self.peak, self.stop = dask, {}, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self.stop.is_set():
            try:
                for worker, rss in self.dask.run(lambda: psutil.Process().memory_info().rss).items():
                    self.peak[worker] = max(self.peak.get(worker, 0), rss)
            except Exception:  # noqa: BLE001  (a worker closing at the end)
                pass
            self.stop.wait(0.5)


def run(sources: Path, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        options = Options(workers=workers)
        with client(options) as dask:
            sampler = Sampler(dask)
            sampler.thread.start()
            options.scheduler = dask.scheduler.address  # the build uses this cluster, already started
            started = time.perf_counter()
            outcome = build([sources], Path(folder) / "dataset", options)
            seconds = time.perf_counter() - started
            sampler.stop.set()
            sampler.thread.join()
        documents = sum(outcome.status.values())
        return {"workers": workers, "documents": documents, "seconds": round(seconds, 1),
                "documents_per_s": round(documents / seconds, 1),
                "document_phase_s": round(outcome.seconds_documents, 1),
                "document_phase_per_s": round(documents / outcome.seconds_documents, 1),
                "load_average": [round(x, 1) for x in os.getloadavg()], "status": outcome.status,
                "corpus_findings": outcome.corpus_findings,
                "peak_rss_mb_per_worker": sorted(round(v / 2**20) for v in sampler.peak.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000, help="documents to generate (a smaller count: a quick run)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pdf-sources", type=int, default=6, help="reports printed to PDF by LibreOffice")
    parser.add_argument("--sources", type=Path, help="keep the generated documents here (reused when present)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        sources = args.sources or Path(folder)
        started = time.perf_counter()
        listing = sources.parent / f"{sources.name}.made.json"  # beside the sources, not read as a report
        made = json.loads(listing.read_text()) if listing.exists() else None
        if made is None:
            sources.mkdir(parents=True, exist_ok=True)
            made = generate(sources, args.count, args.pdf_sources)
            listing.write_text(json.dumps(made))
            print(f"generated {sum(made.values())} documents in {time.perf_counter() - started:.0f} s: {made}")
        runs = []
        for workers in args.workers:
            runs.append(run(sources, workers))
            print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    base = runs[0]["document_phase_per_s"] / runs[0]["workers"]
    print(f"{'workers':>8} {'docs/s':>8} {'doc phase/s':>12} {'speed-up':>9} {'seconds':>8}  load  "
          "peak RSS per worker (MB)")
    for r in runs:
        print(f"{r['workers']:>8} {r['documents_per_s']:>8} {r['document_phase_per_s']:>12} "
              f"{r['document_phase_per_s'] / base:>9.2f} {r['seconds']:>8}  {r['load_average'][0]:>4}  "
              f"{r['peak_rss_mb_per_worker']}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "corpus.json").write_text(json.dumps({
        "machine": platform.platform(), "python": platform.python_version(), "cores": _cores(),
        "documents": made, "runs": runs}, ensure_ascii=False, indent=2) + "\n")


def _cores() -> int:
    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
