"""The parser's memos: a page parses the same with them and without, and ``forget`` empties them
(a benchmark of pages never seen relies on it)."""

from __future__ import annotations

from pathlib import Path

from zfxxgk.importer import flat, normalise, parse_bytes
from zfxxgk.importer.memos import forget

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def test_forget_empties_the_memos_and_a_page_parses_the_same_after_it() -> None:
    page = min(REAL.glob("*.txt")).read_bytes()
    first = parse_bytes(page, "page.txt", "txt")
    assert normalise.read_token.cache_info().currsize > 0
    assert flat._CACHE
    forget()
    assert normalise.read_token.cache_info().currsize == 0
    assert not flat._CACHE
    again = parse_bytes(page, "page.txt", "txt")
    assert again.report == first.report
    assert [e.to_dict() for e in again.log] == [e.to_dict() for e in first.log]
