"""Errors raised for unusable input: each names the source and, where known, the place."""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be used at all (unreadable bytes, malformed JSON, unsupported format).

    ``source`` names the file (or ``<stdin>``), ``where`` the place in it (line and column, byte
    offset, table row), and the message is given in Chinese and English.
    """

    def __init__(self, source: str, message_en: str, message_zh: str, where: str | None = None) -> None:
        self.source = source
        self.message_en = message_en
        self.message_zh = message_zh
        self.where = where
        super().__init__(self.describe("en"))

    def describe(self, lang: str = "en") -> str:
        message = self.message_zh if lang == "zh" else self.message_en
        place = f":{self.where}" if self.where else ""
        return f"{self.source}{place}: {message}"
