"""Writing the files a command makes: never over an existing file unless asked (``--force``), never
two outputs of one batch onto one name, a missing folder created, and every failure a message
naming the file rather than a traceback."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from zfxxgk.errors import InputError


class OutputError(InputError):
    """An output that cannot be written: the message names the file and why."""

    def __init__(self, target: Path, en: str, zh: str) -> None:
        super().__init__(str(target), en, zh)


def check_target(target: Path, force: bool) -> None:
    """Raise ``OutputError`` when ``target`` cannot or may not be written, before any work is done."""
    if target.is_dir():
        raise OutputError(target, "is a directory: give a file name", "是一个目录：请给出文件名")
    if target.exists() or target.is_symlink():
        if not force:
            raise OutputError(target, "already exists: not overwritten (use --force to overwrite it)",
                              "已存在：未覆盖（如需覆盖请使用 --force）")
        if not os.access(target, os.W_OK):
            raise OutputError(target, "is read-only: not overwritten", "是只读文件：无法覆盖")


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents; ``OutputError`` when it cannot be."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, "is a file, not a folder for the output", "是文件，不是输出目录")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(folder, f"cannot create the folder: {exc.strerror or exc}",
                          f"无法创建目录：{exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(folder, "the folder is read-only: nothing can be written in it", "目录只读：无法写入")


def write(target: Path, content: bytes, force: bool) -> None:
    """Write ``content`` to ``target``: its folder created, an existing file kept unless ``force``."""
    make_folder(target.parent if str(target.parent) else Path("."))
    check_target(target, force)
    try:
        # "x": fails rather than overwrite a file that appeared since the check
        with target.open("wb" if force else "xb") as stream:
            stream.write(content)
    except FileExistsError:
        raise OutputError(target, "already exists: not overwritten (use --force to overwrite it)",
                          "已存在：未覆盖（如需覆盖请使用 --force）") from None
    except OSError as exc:
        raise OutputError(target, f"cannot be written: {exc.strerror or exc}", f"无法写入：{exc.strerror or exc}") from None


def distinct_names(sources: Iterable[str]) -> list[str]:
    """A base name per input, distinct within the batch: the file's stem (report.txt -> report); when
    two inputs share a stem, their whole file names (report.txt, report.html); when those clash too
    (a/report.txt, b/report.txt), a number after the later ones (report.txt-2)."""
    sources = list(sources)
    stems = [Path(s).stem if s != "-" else "stdin" for s in sources]
    names = [Path(s).name if s != "-" and stems.count(stem) > 1 else stem for s, stem in zip(sources, stems)]
    out: list[str] = []
    used: dict[str, int] = {}
    for name in names:
        used[name] = used.get(name, 0) + 1
        out.append(name if used[name] == 1 else f"{name}-{used[name]}")
    # a numbered name could equal another input's own name: number on until free
    taken: set[str] = set()
    final = []
    for name in out:
        candidate, n = name, 2
        while candidate in taken:
            candidate = f"{name}-{n}"
            n += 1
        taken.add(candidate)
        final.append(candidate)
    return final
