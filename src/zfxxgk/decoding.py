"""Bytes to text: UTF-8 (with or without BOM) or GB18030, as published reports come."""

from __future__ import annotations

from zfxxgk.errors import InputError

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """The text and the encoding it was read with.

    UTF-8 is tried first because valid UTF-8 Chinese is almost never valid GB18030 of the same
    meaning; GB18030 (a superset of GBK and GB2312) is the common alternative in Chinese government
    files. Anything else is an error naming the first undecodable byte.
    """
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _undecodable(source, data, exc, encoding) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if b"\x00" in data:
            raise _undecodable(source, data, utf8_error, "utf-8") from None
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise _undecodable(source, data, utf8_error, "UTF-8 or GB18030") from None


def _undecodable(source: str, data: bytes, exc: UnicodeDecodeError, tried: str) -> InputError:
    offset = exc.start
    line = data.count(b"\n", 0, offset) + 1
    snippet = data[offset : offset + 8].hex(" ")
    return InputError(
        source,
        f"not text in {tried}: undecodable bytes {snippet} at byte {offset}",
        f"不是 {tried} 编码的文本：第 {offset} 字节处有无法解码的字节 {snippet}",
        where=f"line {line}",
    )
