"""A bounded load run of ``zfxxgk serve`` on loopback: concurrent uploads of standard JSON and of PDF
reports to /v1/validate, with throughput, p50/p95 latency, the server's memory, and a check that no
response is lost or mixed up with another's.

    python bench/serve_bench.py [--requests 200] [--concurrency 8] [--pdf-share 0.25] [--seconds 300]

Distinct reports (random valid reports, each with its own agency name, so that every body differs)
are uploaded as JSON and as PDF (Word printed to PDF by LibreOffice; without LibreOffice, JSON only).
Each distinct upload is first sent alone to get its reference answer; under load, every answer must be
200 and byte for byte the reference of the upload it answers. The server runs in its own process (its
resident memory sampled every 0.1 s from /proc, its peak read at the end); the run stops after
``--requests`` requests or ``--seconds``, whichever comes first. Figures are printed and written to
bench/out/serve.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from read_documents_bench import to_pdf  # LibreOffice, one batch

from zfxxgk.cli_output import json_bytes
from zfxxgk.render import render
from zfxxgk.testing import random_report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def uploads(n: int, seed: int = 20261130) -> list[tuple[str, str, bytes]]:
    """(kind, file name, bytes) of ``n`` distinct reports as JSON, and as PDF when LibreOffice is here."""
    rng = random.Random(seed)
    reports = []
    for i in range(n):
        report = random_report(rng)
        report["agency_name"] = f"压力测试第{i}局"
        reports.append(report)
    out = [("json", f"load-{i:03d}.json", json_bytes(r, indent=True)) for i, r in enumerate(reports)]
    pdfs = to_pdf([render(r, "docx") for r in reports])  # type: ignore[misc]
    if pdfs:
        out += [("pdf", f"load-{i:03d}.pdf", data) for i, data in enumerate(pdfs)]
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


async def wait_ready(client: httpx.AsyncClient, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: exit {server.returncode}")
        try:
            if (await client.get("/v1/health")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("the server did not answer /v1/health within 60 s")


async def post(client: httpx.AsyncClient, name: str, data: bytes) -> tuple[int, bytes, float]:
    before = time.perf_counter()
    response = await client.post("/v1/validate", files={"file": (name, data)})
    return response.status_code, response.content, time.perf_counter() - before


async def load(client: httpx.AsyncClient, plan: list[tuple[str, str, bytes]], reference: dict[str, bytes],
               concurrency: int, seconds: float) -> dict[str, Any]:
    gate = asyncio.Semaphore(concurrency)
    latencies: dict[str, list[float]] = {"json": [], "pdf": []}
    problems = {"lost": 0, "mixed": 0, "busy": 0, "other_status": 0}
    deadline = time.monotonic() + seconds

    async def one(kind: str, name: str, data: bytes) -> None:
        async with gate:
            if time.monotonic() > deadline:
                return  # past the time bound: not sent (counted below)
            try:
                status, body, took = await post(client, name, data)
            except httpx.HTTPError:
                problems["lost"] += 1
                return
        if status == 503:
            problems["busy"] += 1
        elif status != 200:
            problems["other_status"] += 1
        elif body != reference[name]:
            problems["mixed"] += 1
        else:
            latencies[kind].append(took)

    started = time.perf_counter()
    await asyncio.gather(*(one(*item) for item in plan))
    elapsed = time.perf_counter() - started
    answered = sum(len(v) for v in latencies.values())
    return {"elapsed_s": round(elapsed, 2), "sent": len(plan), "answered_ok": answered,
            "not_sent_time_bound": len(plan) - answered - sum(problems.values()), **problems,
            "throughput_per_s": round(answered / elapsed, 2),
            **{f"{kind}_{stat}": value for kind, times in latencies.items() for stat, value in percentiles(times).items()}}


def percentiles(times: list[float]) -> dict[str, Any]:
    if not times:
        return {"n": 0}
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"n": len(times), "p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def start_server(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], int]:
    """``zfxxgk serve`` in a process of its own, on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-c", "from zfxxgk.cli import main; main()", "serve", "--port", str(port),
               "--workers", str(args.workers), "--queue", str(args.queue)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port


async def run(args: argparse.Namespace, files: list[tuple[str, str, bytes]], server: subprocess.Popen[bytes],
              port: int) -> dict[str, Any]:
    peak_sampled = 0
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=120,
                                 limits=httpx.Limits(max_connections=args.concurrency)) as client:
        await wait_ready(client, server)
        idle_kb = memory_kb(server.pid, "VmRSS")
        reference = {}
        for _, name, data in files:  # alone, one at a time: the answer each must get under load
            status, body, _ = await post(client, name, data)
            assert status == 200, (name, status, body[:200])
            reference[name] = body
        rng = random.Random(args.seed)
        jsons = [f for f in files if f[0] == "json"]
        pdfs = [f for f in files if f[0] == "pdf"]
        plan = [rng.choice(pdfs if pdfs and rng.random() < args.pdf_share else jsons) for _ in range(args.requests)]

        async def sample() -> None:
            nonlocal peak_sampled
            while True:
                peak_sampled = max(peak_sampled, memory_kb(server.pid, "VmRSS"))
                await asyncio.sleep(0.1)

        sampler = asyncio.create_task(sample())
        figures = await load(client, plan, reference, args.concurrency, args.seconds)
        sampler.cancel()
        figures.update(idle_rss_mb=round(idle_kb / 1024, 1), peak_rss_sampled_mb=round(peak_sampled / 1024, 1),
                       peak_rss_mb=round(memory_kb(server.pid, "VmHWM") / 1024, 1))
    figures.update(machine=platform.platform(), python=platform.python_version(), cores=os.cpu_count(),
                   distinct_uploads={k: sum(1 for f in files if f[0] == k) for k in ("json", "pdf")},
                   pdf_kb=round(statistics.mean([len(f[2]) for f in files if f[0] == "pdf"] or [0]) / 1024, 1),
                   workers=args.workers, queue=args.queue, concurrency=args.concurrency, requests=args.requests)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8, help="uploads in flight at once")
    parser.add_argument("--pdf-share", type=float, default=0.25, help="share of the uploads that are PDFs")
    parser.add_argument("--reports", type=int, default=8, help="distinct reports (each as JSON and PDF)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queue", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=300, help="time bound of the load phase")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = uploads(args.reports)
    server, port = start_server(args)
    try:
        figures = asyncio.run(run(args, files, server, port))
    finally:
        server.terminate()
        server.wait(timeout=30)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "serve.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for key, value in figures.items():
        print(f"{key:24} {value}")
    bad = figures["lost"] + figures["mixed"] + figures["other_status"]
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
