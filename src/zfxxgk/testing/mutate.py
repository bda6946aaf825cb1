"""Broken and hostile variants of good inputs, for fuzzing the readers: byte-level damage (flips,
cuts, repeats, stray bytes) and structure-level damage that a byte flip rarely reaches (a key given
twice, a 5,000-digit number, NaN, a value of the wrong type, deep nesting, a damaged part inside a
Word package).

Every function takes a ``random.Random``, so the same mutations serve hypothesis tests
(``st.randoms()``) and the longer run in bench/fuzz_bench.py.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from typing import Any

# Tokens a hostile or broken file tends to hold, spliced in at random places.
HOSTILE: tuple[bytes, ...] = (
    b"NaN", b"-Infinity", b"9" * 5000, b"1e99999", b"-0", b"null", b"true", b'""', b"[]", b"{}",
    b'"report_year": 1999, ', b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe4\xb8", b"\r", b"\t", b"\\u0000",
    b"&a [1, 2]", b"*a", b"!!python/object:os.system", b"<div>" * 300, b"</table>", b"<table><tr><td>",
    b"<!--", b"]]>", b"&nbsp;", "（七）总计".encode(), "１２３".encode(), b"1,234,567", b"|---|", b"\n\n\n",
)

_NUMBER = re.compile(rb"(?<![\w.\"])-?\d+(?:\.\d+)?(?![\w.\"])")


def mutate_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` with one to four pieces of byte-level damage."""
    out = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        op = rng.randrange(8)
        at = rng.randint(0, len(out))
        if op == 0 and out:  # flip a byte
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # stray random bytes
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2 and out:  # cut a range
            end = min(len(out), at + rng.randint(1, 256))
            del out[at:end]
        elif op == 3 and out:  # repeat a range
            end = min(len(out), at + rng.randint(1, 512))
            out[at:at] = out[at:end] * rng.randint(1, 3)
        elif op == 4:  # truncate
            del out[at:]
        elif op == 5:  # splice a hostile token
            out[at:at] = rng.choice(HOSTILE)
        elif op == 6 and out:  # swap two ranges (a line moved)
            a, b = sorted(rng.randrange(len(out)) for _ in range(2))
            n = min(64, b - a)
            out[a:a + n], out[b:b + n] = out[b:b + n], out[a:a + n]
        else:  # replace a number with a hostile one
            numbers = list(_NUMBER.finditer(out))
            if numbers:
                m = rng.choice(numbers)
                out[m.start():m.end()] = rng.choice((b"9" * 5000, b"NaN", b"-1", b"18446744073709551617", b"1.5",
                                                     b'"1"', b"1e400", b"0" * 50))
    return bytes(out)


def _pointers(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += _pointers(value, (*path, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out += _pointers(value, (*path, i))
    return out


def _hostile_value(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(12)
    return [None, True, -1, 2**64 + 1, 1.5, float(rng.randint(0, 9)), "", "１２", "x" * rng.randint(1, 300),
            [1, "a", None], {"unexpected": 1},
            _nested(rng.randint(1, 200))][choice] if depth < 2 else None


def _nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


def mutate_document(doc: dict[str, Any], rng: random.Random) -> bytes:
    """JSON text of ``doc`` with structure-level damage: values replaced, removed or added, keys
    given twice, numbers made too long, NaN, deep nesting."""
    doc = json.loads(json.dumps(doc))
    for _ in range(rng.randint(1, 3)):
        places = [p for p in _pointers(doc) if p]
        if not places:
            break
        path = rng.choice(places)
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        op = rng.randrange(3)
        if op == 0:
            parent[last] = _hostile_value(rng)
        elif op == 1 and isinstance(parent, dict):
            del parent[last]
        elif isinstance(parent, dict):
            parent[f"{last}_extra"] = _hostile_value(rng)
    text = json.dumps(doc, ensure_ascii=False, indent=rng.choice((None, 1, 2)))
    data = text.encode()
    op = rng.randrange(4)
    if op == 0:  # a key given twice, the second value winning in most parsers
        m = rng.choice(list(re.finditer(rb'"(\w+)": ?', data)) or [None])
        if m is not None:
            data = data[:m.start()] + m.group() + b"0, " + data[m.start():]
    elif op == 1:
        data = mutate_bytes(data, rng, rounds=1)
    elif op == 2 and (numbers := list(_NUMBER.finditer(data))):
        m = rng.choice(numbers)
        data = data[:m.start()] + rng.choice((b"9" * 5000, b"NaN", b"Infinity")) + data[m.end():]
    return data


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """A Word package with a damaged part: its XML mutated, deeply nested, or a part made huge in
    its declared or real size; or the package's bytes damaged."""
    if rng.random() < 0.3:
        return mutate_bytes(data, rng)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                op = rng.randrange(3)
                if op == 0:
                    part = mutate_bytes(part, rng)
                elif op == 1:
                    at = part.find(b"<w:body>") + len(b"<w:body>")
                    n = rng.randint(100, 3000)
                    part = part[:at] + b"<w:sdt><w:sdtContent>" * n + part[at:].replace(
                        b"</w:body>", b"</w:sdtContent></w:sdt>" * n + b"</w:body>", 1)
                else:
                    part = part.replace(b"<w:t>", b"<w:t>" + rng.choice(HOSTILE).replace(b"<", b"&lt;"), rng.randint(1, 5))
            package.writestr(info, part)
    return out.getvalue()


MUTATORS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "bytes": mutate_bytes,
    "docx": mutate_docx,
}
