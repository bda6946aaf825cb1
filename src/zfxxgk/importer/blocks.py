"""What every reader produces from a document: its text lines and table rows, in reading order.

Readers (plain text, Markdown, HTML, Word, PDF) only turn a file into blocks; locating sections,
matching labels to the layout and assigning numbers to cells is done once, on blocks, whatever the
format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Block(NamedTuple):
    """A paragraph of text (``cells`` has one item) or a table row (one string per printed cell).

    ``where`` locates it in the source for messages: "line 42", "table 2 row 7", "page 3".
    Cell strings are as printed (whitespace trimmed): nothing is normalised here. Immutable; a
    named tuple rather than a frozen dataclass, as a page makes about a hundred and a frozen
    dataclass costs three times more to make.
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


@dataclass(frozen=True)
class Property:
    """What a file says about itself beside its printed text: a PDF's document information, a Word
    file's core properties, an HTML page's ``<title>`` and ``<meta>`` tags.

    ``name`` is one of ``PROPERTY_NAMES``; ``value`` is as stored (a date as the format writes it:
    ``D:20220110093000+08'00'``, ``2022-01-10T09:30:00``); ``where`` names the property for the log
    ("PDF document information /Title"). Readers fill a list of these when the caller passes one.
    """

    name: str
    value: str
    where: str


# title: the document's title; author: who made it (an agency, a person, an application);
# published: when it was published; created: when the file was made; url: where it was published.
PROPERTY_NAMES = ("title", "author", "published", "created", "url")
