"""Import published reports (plain text, Markdown, HTML, Word, PDF) into the standard.

    from zfxxgk.importer import parse_path
    result = parse_path("report.txt")
    result.report      # a standard instance (every cell present; null where blank or undecided)
    result.log         # what was repaired, inferred, left blank or ambiguous, with the raw text
    result.ambiguous   # True when some cell could not be decided

Readers turn each format into ``Block``s; everything after that is the same for every format:
``locate`` finds the sections and rows by their labels (from ``zfxxgk.layout``), ``readings``
lists how each printed row can fill its columns, ``solve`` chooses with the identities, and
``assemble`` writes the instance and the log.
"""

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.parse import FORMATS, parse_blocks, parse_bytes, parse_path, sniff
from zfxxgk.importer.result import LogEntry, ParseResult, UnsupportedEdition

__all__ = ["FORMATS", "Block", "LogEntry", "ParseResult", "UnsupportedEdition", "parse_blocks", "parse_bytes",
           "parse_path", "sniff"]
