"""Import published reports (plain text, Markdown, HTML, Word, PDF) into the standard.

    from zfxxgk.importer import parse_path
    result = parse_path("report.txt")
    result.report      # a standard instance (every cell present; null where blank or undecided)
    result.log         # what was repaired, inferred, left blank or ambiguous, with the raw text
    result.ambiguous   # True when some cell could not be decided

Readers turn each format into ``Block``s (``read``); everything after that is the same for every
format (``parse.parse_blocks``, one stage after another): ``locate`` finds the sections and rows by
their labels (from ``zfxxgk.layout``), ``candidates`` lists how each printed row can fill its
columns (``readings``, ``flat``), ``decide`` chooses with the identities (``solve``) and logs why,
and ``assemble`` writes the instance. docs/import.md, "How a report is read", describes the stages.
"""

from zfxxgk.importer.blocks import Block
from zfxxgk.importer.parse import FORMATS, parse_blocks, parse_bytes, parse_path, sniff
from zfxxgk.importer.result import LogEntry, ParseResult, UnsupportedEdition

__all__ = ["FORMATS", "Block", "LogEntry", "ParseResult", "UnsupportedEdition", "parse_blocks", "parse_bytes",
           "parse_path", "sniff"]
