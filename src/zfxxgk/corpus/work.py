"""What a Dask worker does with one source file: read and check every document in it, within a
time limit.

A parse that overruns the limit cannot be stopped from outside in Python; it is left to finish in
a background thread (every input is bounded by the limits, so it does finish) and the document is
recorded as unusable with the reason, so that the build goes on and accounts for it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from zfxxgk.export.records import Record, file_hash, records_of_path, unusable_record


def process(path: str, seconds: float | None) -> list[Record]:
    """The records of the file at ``path``; one unusable record when reading it takes longer than
    ``seconds`` (None: no limit)."""
    if seconds is None:
        return _records(path)
    done: list[list[Record]] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(_records(path))
        except BaseException as error:  # noqa: BLE001  (handed back to the caller's thread)
            failed.append(error)

    worker = threading.Thread(target=run, name=f"zfxxgk {path}", daemon=True)
    worker.start()
    worker.join(seconds)
    if failed:
        raise failed[0]
    if done:
        return done[0]
    try:
        digest = file_hash(Path(path))
    except OSError:
        digest = ""
    record = unusable_record(path, digest, f"{path}: not read within the time limit of {seconds:g} s",
                             f"{path}：未能在 {seconds:g} 秒时限内读取完成")
    record.timed_out = True
    return [record]


def _records(path: str) -> list[Record]:
    """The records of the file; a failure of the reader itself (a bug) makes the document
    unusable with the reason, never stops the build."""
    try:
        return records_of_path(Path(path))
    except Exception as error:  # noqa: BLE001
        try:
            digest = file_hash(Path(path))
        except OSError:
            digest = ""
        reason = f"{type(error).__name__}: {error}"
        return [unusable_record(path, digest, f"{path}: internal error while reading ({reason})",
                                f"{path}：读取时内部错误（{reason}）")]


def process_many(paths: list[str], seconds: float | None) -> list[Record]:
    """The records of several small files: one task for a batch keeps the scheduler's work per
    document low when documents are quick to read."""
    return [record for path in paths for record in process(path, seconds)]
