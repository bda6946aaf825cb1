"""What every reader produces from a document: its text lines and table rows, in reading order.

Readers (plain text, Markdown, HTML, Word, PDF) only turn a file into blocks; locating sections,
matching labels to the layout and assigning numbers to cells is done once, on blocks, whatever the
format.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """A paragraph of text (``cells`` has one item) or a table row (one string per printed cell).

    ``where`` locates it in the source for messages: "line 42", "table 2 row 7", "page 3".
    Cell strings are as printed (whitespace trimmed): nothing is normalised here.
    """

    kind: str  # "text" or "row"
    cells: tuple[str, ...]
    where: str
    # A row read from run-together text (``zfxxgk.importer.unflatten``): its last cell holds the
    # printed numbers exactly as they ran together, to be split with the identities.
    flat: bool = False

    @property
    def text(self) -> str:
        return "\t".join(self.cells)
