"""The labels a line of run-together text is searched for (``zfxxgk.importer.unflatten``).

Every edition's official labels (sections, sub-tables, groups, rows, columns and the table
furniture, with their variants, all from the layouts), each with the roles it can play, and one
regular expression that finds any of them in a line (a trie: linear in the label's length, spaces
allowed between characters). A line is compared in its NFKC form, character for character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from zfxxgk.importer.labels import TableIndex, index
from zfxxgk.importer.normalise import (
    QUOTE_MARKS,
    frequent_narrowed,
    label_key,
    narrowed,
    split_ordinal,
    unquoted,
)
from zfxxgk.layout import EDITIONS

_QUOTES = str.maketrans({c: '"' for c in QUOTE_MARKS})
SECTION, CONTEXT, HEADER = "section", "context", "header"  # the kinds of a label in a line (Vocabulary.kind)
_ROLE_CONTEXT = frozenset({"subtable", "group"})
_ROLE_HEADER = frozenset({"column", "furniture"})


@dataclass(frozen=True)
class Vocabulary:
    pattern: re.Pattern[str]
    roles: dict[str, frozenset[str]]  # label key -> "section", "subtable", "group", "row", "column", "furniture"
    headings: tuple[tuple[int, str], ...]  # (section number, body key) of every edition's sections
    # The body keys of each section number, in the order of ``headings``.
    bodies: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False)
    # The kind (``SECTION``, ``CONTEXT`` or ``HEADER``) of each text the pattern matched, found once
    # (the same labels come back in every report): all that splitting a line needs of its roles.
    kinds: dict[str, str] = field(default_factory=dict, compare=False)

    def kind(self, text: str) -> str:
        """What a text the pattern matched opens in a line: a section, a sub-table or group (context
        of the rows after it), or else a row or header label."""
        kind = self.kinds.get(text)
        if kind is None:
            roles = self.roles.get(label_key(text), frozenset())
            if "section" in roles:
                kind = SECTION
            elif not roles.isdisjoint(_ROLE_CONTEXT) and roles.isdisjoint(_ROLE_HEADER):
                kind = CONTEXT
            else:
                kind = HEADER
            self.kinds[text] = kind
        return kind


@cache
def vocabulary() -> Vocabulary:
    roles: dict[str, set[str]] = {}
    headings = []
    for edition in EDITIONS:
        labels = index(edition)
        for section in labels.sections:
            _add(roles, section.title, "section")
            headings.extend((section.number, body) for body in section.bodies)
        for table in labels.tables.values():
            _table_roles(table, roles)
    frozen = {key: frozenset(r) for key, r in roles.items()}
    unique = tuple(dict.fromkeys(headings))
    bodies = {n: tuple(body for m, body in unique if m == n) for n, _ in unique}
    return Vocabulary(re.compile(_trie_pattern(sorted(frozen))), frozen, unique, bodies)


def _add(roles: dict[str, set[str]], text: str, role: str) -> None:
    key = label_key(text)
    if len(key) >= 2:
        roles.setdefault(key, set()).add(role)


def _table_roles(table: TableIndex, roles: dict[str, set[str]]) -> None:
    """The roles of a table's labels: its rows (also without their ordinal), columns and furniture."""
    for key, refs in table.labels.items():
        for ref, _ in refs:
            roles.setdefault(key, set()).add(ref.kind if ref.kind != "row" or table.shape != "side_by_side"
                                             else "group")
            # A row printed without its ordinal ("予以公开" for "（一）予以公开").
            if ref.kind == "row":
                body = split_ordinal(key)[1]
                if len(body) >= 4 and len(table.bodies.get(body, [])) == 1:
                    roles.setdefault(body, set()).add("row")
    for key in table.renamed:
        roles.setdefault(key, set()).add("row")
    for columns in table.columns.values():
        for key in columns.keys:
            roles.setdefault(key, set()).add("column")
            bare = re.sub(r"\([^)]*\)$", "", key)
            if bare != key and len(bare) >= 2:
                roles.setdefault(bare, set()).add("column")
        for key in columns.groups:
            roles.setdefault(key, set()).add("furniture")
    for node in table.node.nodes():
        for text in node.furniture.values():
            _add(roles, text, "furniture")
        if node.group:
            _add(roles, node.group, "furniture")


def _trie_pattern(keys: list[str]) -> str:
    """One regular expression matching any of ``keys`` (longest first), spaces allowed between
    characters, "1." also printed "1、". A trie keeps matching linear in the label's length."""
    trie: dict[str, dict] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        return "[.、]" if ch == "." else re.escape(ch)

    # The spaces after a character are taken possessively (``\s*+``): what follows them is a
    # character that is no space, or nothing (a key that ends there), so giving some back can never
    # make a match; the engine then keeps no place to come back to.
    def build(node: dict[str, dict]) -> str:
        branches = []
        ends = "" in node
        for ch in sorted(k for k in node if k):
            branches.append(char(ch) + r"\s*+" + build(node[ch]) if node[ch] != {"": {}} else char(ch))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    # Strip the trailing \s* of complete keys: a match ends on the label's last character.
    return build(trie)


def normalised(line: str) -> str:
    """The line as labels are compared (NFKC, one kind of quote), position for position: a
    character whose NFKC form is longer ("…") stays as it is.

    Each character of a string in NFKC is its own NFKC form: so when the line, with its
    full-width forms and quotes replaced (nearly all that changes in Chinese text) and its "…"
    set aside, is in NFKC, nothing else changes. That is checked in C; translating character by
    character (the general way) costs about ten times more on a page of Chinese text.
    """
    narrow = unquoted(frequent_narrowed(line))
    if _in_nfkc(narrow):
        # No full-width form is left (each one changes under NFKC): ``narrowed`` would have found
        # none either, and its own test of the whole line is spared.
        return narrow
    narrow = unquoted(narrowed(line))
    if _in_nfkc(narrow):
        return narrow
    return line.translate(_NORMAL)


def _in_nfkc(text: str) -> bool:
    """``text`` is in NFKC but for its "…" (kept: its NFKC form is three characters)."""
    return unicodedata.is_normalized("NFKC", text.replace("…", ".") if "…" in text else text)


class _Normal(dict[int, str]):
    """Each character's NFKC form, one character for one, found once and kept."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        form = unicodedata.normalize("NFKC", ch)
        form = (form if len(form) == 1 else ch).translate(_QUOTES)
        self[code] = form
        return form


_NORMAL = _Normal()
