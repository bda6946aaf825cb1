"""What the parser remembers from one document to the next, and how to make it forget.

The parser keeps memos of what it derives from short printed texts: a cell's token, a label's key,
the readings of a row of numbers. Real reports repeat them (every report prints the same labels,
most print rows of zeros), so a corpus parses faster than its documents one by one. A measure of
the parse of a document never seen before must not count them: ``forget()`` empties every memo of
the package; the next parse builds again what it needs (the layout's tables too).
"""

from __future__ import annotations

import sys


def forget() -> None:
    """Empty every memo of the package (functions memoised with ``functools.lru_cache``, and the
    readings of flattened rows and their values)."""
    from zfxxgk.importer import candidates, flat

    for name, module in list(sys.modules.items()):
        if name == "zfxxgk" or name.startswith("zfxxgk."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and hasattr(value, "cache_info"):
                    clear()
    flat.forget_rows()
    candidates.forget_values()
