"""mkdocs hook: the site's changelog page is the repository's CHANGELOG.md, read at build time.

It replaces a symlink (docs/changelog.md -> ../CHANGELOG.md), which Windows checkouts break.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

CHANGELOG = Path(__file__).resolve().parents[1] / "CHANGELOG.md"


def on_files(files: Files, config: Any) -> Files:
    files.append(File.generated(config, "changelog.md", content=CHANGELOG.read_text(encoding="utf-8")))
    return files
