"""Progress of a batch on standard error: how many reports of how many, at what rate, and how long
is left. Shown only in a terminal; the total is counted beside the work (one per file, one per
non-blank line of JSON Lines), so a long stream starts at once and the total appears when known.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskID, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from zfxxgk.inputs import KNOWN, walk
from zfxxgk.loading import DATA_FORMATS

_CHUNK = 1 << 20
T = TypeVar("T")


class RateColumn(ProgressColumn):
    """Reports per second, over Rich's recent samples."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f}/s", style="progress.data.speed")


def json_lines_count(path: Path) -> int:
    """Non-blank lines of a JSON Lines file, as the loader reads them (a blank line is no report);
    an empty file still gives one result (its S001)."""
    count = 0
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            lines = (tail + chunk).split(b"\n")
            tail = lines.pop()
            count += sum(1 for line in lines if line and not line.isspace())
    count += bool(tail and not tail.isspace())
    return max(count, 1)


def _path_count(path: Path) -> int:
    if path.is_dir():
        count = 0
        for entry in walk(path):
            if not isinstance(entry, Path):
                count += 1  # an unreadable entry: its own result
            elif entry.suffix.lower() in KNOWN:
                count += _file_count(entry)
        return max(count, 1)
    return _file_count(path)


def _file_count(path: Path) -> int:
    if DATA_FORMATS.get(path.suffix.lower()) == "jsonl":
        try:
            return json_lines_count(path)
        except OSError:
            return 1  # reading it will say what is wrong, as one result
    return 1


def expected_results(paths: Iterable[str]) -> int | None:
    """How many results the inputs give, or None when one is standard input (not known beforehand)."""
    total = 0
    for arg in paths:
        if arg == "-":
            return None
        total += _path_count(Path(arg))
    return total


def batch_progress(errors: Console, what: str) -> Progress:
    """A progress display on ``errors``, disabled unless standard error is a terminal."""
    return Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
                    TextColumn("eta"), TimeRemainingColumn(), console=errors, transient=True,
                    disable=not sys.stderr.isatty())


def tracked(items: Sequence[T], errors: Console, what: str) -> Iterator[T]:
    """``items`` one by one, with progress over their known number (the bar closes when they are done)."""
    with batch_progress(errors, what) as progress:
        task = progress.add_task("", total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def count_in_background(progress: Progress, task: TaskID, paths: list[str]) -> None:
    """Set the task's total once the inputs are counted, without holding up the work."""
    if progress.disable:
        return

    def count() -> None:
        try:
            total = expected_results(paths)
        except OSError:
            return  # no total: the bar still counts and shows the rate
        if total is not None:
            progress.update(task, total=total)

    threading.Thread(target=count, name="zfxxgk-count", daemon=True).start()
