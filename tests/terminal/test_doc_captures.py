"""docs/validate.md shows what `zfxxgk validate --tables` prints today, at 80 and 120 columns."""

from __future__ import annotations

from tests.terminal.captures import PAGE, capture, captures


def test_the_captures_in_the_docs_are_what_the_command_prints() -> None:
    found = captures(PAGE.read_text(encoding="utf-8"))
    assert {width for _, width, _ in found} == {80, 120}
    assert any("invalid/" in args for args, _, _ in found) and any("jiyuan-sfj-2021.txt" in args for args, _, _ in found)
    for args, width, block in found:
        assert f"```text\n{capture(args, width)}```" in block, (
            f"docs/validate.md: the capture of `zfxxgk {args}` at {width} columns is out of date; "
            "run python -m tests.terminal.captures")
