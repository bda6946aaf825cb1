"""Building a dataset on Dask: every source file read and checked on the cluster's workers, the
records written in batches, then the checks across the corpus.

The client lists and hashes the sources (a file whose content the dataset holds is skipped),
submits small batches of files to the cluster, keeping only a few batches in flight per worker
thread (memory stays flat whatever the corpus size), and writes the records as they come back.
Workers read the files by path: on a cluster of several machines the sources must be on storage
every worker sees at the same path.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zfxxgk.corpus import store
from zfxxgk.corpus.work import process_many
from zfxxgk.export.records import Record, expand, file_hash

IN_FLIGHT = 4  # batches submitted per worker thread beyond those running: workers never wait


@dataclass
class Options:
    scheduler: str | None = None  # address of a running Dask scheduler; None: a local cluster
    workers: int | None = None  # local cluster: worker processes (default: the machine's cores)
    in_process: bool = False  # local cluster: workers as threads of this process (small runs, tests)
    seconds: float | None = 120.0  # per-document time limit
    batch: int = 500  # documents per part file
    files_per_task: int = 4


@dataclass
class Outcome:
    """What a build did: every source accounted for."""

    sources: int = 0
    skipped_known: int = 0  # content the dataset held already
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, path with the same content)
    dropped: int = 0  # reports of sources whose content changed, removed
    status: dict[str, int] = field(default_factory=lambda: {"valid": 0, "invalid": 0, "unusable": 0})
    timed_out: int = 0
    other_files: list[str] = field(default_factory=list)
    corpus_findings: int = 0
    seconds: float = 0.0
    seconds_documents: float = 0.0  # listing, hashing, reading and checking every document, writing parts
    workers: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "skipped_known": self.skipped_known, "dropped_changed": self.dropped,
                "documents": dict(self.status), "timed_out": self.timed_out,
                "duplicates": [{"path": a, "same_as": b} for a, b in self.duplicates],
                "other_files_skipped": self.other_files, "corpus_findings": self.corpus_findings,
                "seconds": round(self.seconds, 2), "seconds_documents": round(self.seconds_documents, 2),
                "workers": self.workers}


@contextmanager
def client(options: Options) -> Iterator[Any]:
    """A Dask client: on the scheduler given, else on a local cluster sized to the machine."""
    from distributed import Client, LocalCluster

    if options.scheduler:
        with Client(options.scheduler) as connected:
            yield connected
        return
    workers = options.workers or os.cpu_count() or 1
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=not options.in_process,
                      dashboard_address=None) as cluster, Client(cluster) as connected:
        yield connected


def build(sources: list[Path], dataset: Path, options: Options,
          progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Read every document under ``sources`` into ``dataset``; ``progress(done, total)`` is called as
    files are done."""
    started = time.perf_counter()
    outcome = Outcome()
    dataset.mkdir(parents=True, exist_ok=True)
    found = expand(sources)
    outcome.other_files = found.skipped
    todo = _plan(found.files, dataset, outcome)
    pending: list[Record] = list(found.unusable)
    with client(options) as dask:
        outcome.workers = len(dask.scheduler_info().get("workers", {})) or 1
        for records in _run(dask, todo, options, outcome.workers, progress):
            pending += records
            if len(pending) >= options.batch:
                _flush(dataset, pending, outcome)
        _flush(dataset, pending, outcome)
        outcome.seconds_documents = time.perf_counter() - started
        from zfxxgk.corpus.checks import corpus_findings

        rows = corpus_findings(dataset, dask)
    store.write_corpus_findings(dataset, rows)
    outcome.corpus_findings = len(rows)
    store.write_descriptor(dataset)
    outcome.seconds = time.perf_counter() - started
    store.write_log(dataset, outcome.to_dict())
    return outcome


def _plan(files: list[Path], dataset: Path, outcome: Outcome) -> list[str]:
    """The files to read: not those whose content the dataset holds, nor a second copy of one."""
    held = store.known(dataset)
    todo: list[str] = []
    seen: dict[str, str] = {}
    changed: list[str] = []
    for path in files:
        outcome.sources += 1
        try:
            digest = file_hash(path)
        except OSError:
            todo.append(str(path))  # the worker says why it cannot be read
            continue
        if digest in seen:
            outcome.duplicates.append((str(path), seen[digest]))
            continue
        seen[digest] = str(path)
        before = held.sources.get(str(path))
        if before is not None and before != digest:
            changed += held.hashes.get(before, [])
        if digest in held.hashes:
            outcome.skipped_known += 1
            continue
        todo.append(str(path))
    outcome.dropped = store.drop_reports(dataset, changed)
    return todo


def _run(dask: Any, paths: list[str], options: Options, workers: int,
         progress: Callable[[int, int], None] | None) -> Iterator[list[Record]]:
    """Records of every path, batch by batch as the cluster finishes them."""
    from distributed import as_completed

    size = max(1, options.files_per_task)
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    window = max(1, workers * IN_FLIGHT)
    queue = iter(batches)
    sizes: dict[str, int] = {}

    def submit(batch: list[str]) -> Any:
        future = dask.submit(process_many, batch, options.seconds, pure=False)
        sizes[future.key] = len(batch)
        return future

    running = as_completed([submit(b) for b in _take(queue, window)])
    done = 0
    for future in running:
        records = future.result()
        done += sizes.pop(future.key)
        future.release()
        if progress is not None:
            progress(done, len(paths))
        for more in _take(queue, 1):
            running.add(submit(more))
        yield records


def _take(queue: Iterator[list[str]], n: int) -> list[list[str]]:
    out = []
    for item in queue:
        out.append(item)
        if len(out) == n:
            break
    return out


def _flush(dataset: Path, records: list[Record], outcome: Outcome) -> None:
    if not records:
        return
    for record in records:
        outcome.status[record.status] = outcome.status.get(record.status, 0) + 1
        outcome.timed_out += record.timed_out
    store.write_batch(dataset, records)
    records.clear()
