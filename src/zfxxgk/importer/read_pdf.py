"""Read a PDF report into blocks from its text layer: text lines and table rows, page by page.

Reading is done in two steps. First PDFium is asked what each page prints and where: the words
with their positions, and the ruling lines that make the cells of ruled tables (``pdf_text``);
this is the only part that touches the file, so every failure of a damaged file is caught there.
Then the page is laid out from plain positions, each job in a module of its own:

- **Ruled tables** (a grid of lines, ``pdf_grid``): one row per grid row, each physical cell once, a cell
  continued from the row above as ``""`` — the same reading as a Word table.
- **Everything else** (``pdf_lines``): words on the same baseline form a line, and a line splits into cells where
  the gap between words is wide (a table drawn without lines); a line of one piece is text.
- **One character per line**: a narrow column prints a label one character per line ("结/果/维/持");
  such stacks are joined back ("结果维持"), in ruled cells and in free lines alike. Digits are
  never joined this way: two stacked numbers are two numbers.
- **Wrapped labels** (tables without lines, ``pdf_wrapped``): a row is its values and the cells of its labels,
  each read down its own column, whether the values stand beside the label's first, middle or
  last line, and even where two columns' lines alternate (a label centred on several rows beside
  a wrapped one). A blank cell prints nothing: where the full rows show where each column of
  values lies, a row's values are put under their columns and the blanks read as ``""``
  (``pdf_blanks``).
- **Page breaks**: header rows repeated at the top of the next page are read once (``pdf_header``),
  and the rest of a row that breaks over the page joins the row (``pdf_pages``).

Within a cell, printed lines are kept apart with ``"\\n"``. Page numbers in the top and bottom
margins are dropped. There is no OCR: a PDF without a text layer is refused.
"""

from __future__ import annotations

from zfxxgk.importer.blocks import Block, Property
from zfxxgk.importer.pdf_header import without_repeated_header
from zfxxgk.importer.pdf_pages import Entry, join_over_page_break, lay_out
from zfxxgk.importer.pdf_text import Page, check_text_layer, extract


def read_pdf(data: bytes, source: str, properties: list[Property] | None = None) -> list[Block]:
    """The text lines and table rows of a PDF file, page by page in reading order.

    When ``properties`` is given, the document information (Title, Author, CreationDate) is added to it.

    Raises ``InputError`` naming ``source`` when pypdfium2 or pdfplumber is missing, or the file is
    not a PDF, is damaged, is encrypted with a password, or has no usable text layer.
    """
    return blocks_of(extract(data, source, properties), source)


def blocks_of(pages: list[Page], source: str) -> list[Block]:
    """The blocks of pages as step 1 read them (the benchmark gives it pages read otherwise)."""
    check_text_layer(pages, source)
    laid_out: list[list[Entry]] = []
    printed: list[Entry] = []  # the page before as printed, its repeated header included
    for page in pages:
        entries = lay_out(page)
        if laid_out and laid_out[-1] and entries:
            shown, entries = entries, without_repeated_header(printed, entries)
            join_over_page_break(laid_out[-1], entries)
            printed = shown
        else:
            printed = list(entries)
        laid_out.append(entries)
    return [entry.block() for entries in laid_out for entry in entries]
