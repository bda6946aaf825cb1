"""A PDF's streams are mostly deflated: before the PDF reader inflates them (whole, in memory), make
sure they do not inflate beyond the unpacked size limit. An 800 KB PDF can hold a page of 800 MB.

Every ``stream`` keyword of the file is tried as a zlib stream and inflated piece by piece, counting
the bytes and stopping at the limit; a stream that is not zlib (images in other filters, plain
text) is passed over. Streams cannot nest (object streams hold no streams), so this finds them all.
"""

from __future__ import annotations

import re
import zlib

from zfxxgk.limits import LimitError, current

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PIECE = 1 << 16


def check_pdf(data: bytes, source: str) -> None:
    """Raise ``LimitError`` when the deflated streams of the PDF ``data`` inflate beyond the limit."""
    limit = current().unpacked_size
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)  # a stream is read no further than its end: linear in all
        end = len(data) if end < 0 else end
        inflate = zlib.decompressobj()
        pending = data[start:min(end, start + _PIECE)]
        at = start + len(pending)
        try:
            while pending and not inflate.eof:
                out = inflate.decompress(pending, _PIECE)
                total += len(out)
                if total > limit:
                    raise LimitError(source, "unpacked_size", f"the PDF's streams inflate to more than {total:,} bytes",
                                     f"PDF 的数据流解压后超过 {total:,} 字节")
                tail = inflate.unconsumed_tail
                if not out and len(tail) == len(pending):
                    break  # no progress: not a stream zlib can read on
                if not tail:
                    tail = data[at:min(end, at + _PIECE)]
                    at += len(tail)
                pending = tail
        except zlib.error:
            continue  # not a deflated stream (or a damaged one: the reader says so)
