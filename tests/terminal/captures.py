"""The terminal captures in docs/validate.md: what `zfxxgk validate --tables` prints, at 80 and 120
columns, made with the command itself (Rich renders the tables; colours are left out).

    python -m tests.terminal.captures          # rewrite the captures in docs/validate.md
A test holds the page to what the command prints today.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "validate.md"
# <!-- capture 80: validate --tables --lang en examples/invalid/... --> ```text ... ``` <!-- /capture -->
BLOCK = re.compile(r"(<!-- capture (\d+): (.+?) -->\n)```text\n.*?```\n(<!-- /capture -->)", re.S)


def capture(args: str, width: int) -> str:
    """The output of ``zfxxgk <args>`` in a terminal ``width`` columns wide, run from the repository root."""
    from zfxxgk.cli import app

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args.split(), env={"COLUMNS": str(width), "LINES": "50"})
    finally:
        os.chdir(here)
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def captures(text: str) -> list[tuple[str, int, str]]:
    """(arguments, width, text shown) of every capture block of the page."""
    return [(m.group(3), int(m.group(2)), m.group(0)) for m in BLOCK.finditer(text)]


def rewrite(text: str) -> str:
    return BLOCK.sub(lambda m: f"{m.group(1)}```text\n{capture(m.group(3), int(m.group(2)))}```\n{m.group(4)}", text)


if __name__ == "__main__":
    PAGE.write_text(rewrite(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"{PAGE}: {len(captures(PAGE.read_text(encoding='utf-8')))} captures written\n")
