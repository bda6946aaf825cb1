"""``zfxxgk serve``: the HTTP API (/v1) and the web checker page, on FastAPI and uvicorn.

    from zfxxgk.serve import create_app      # an ASGI application, to mount in another one
    app = create_app(workers=2, queue=8)

Nothing is stored: uploads are held in memory while they are processed (docs/serve.md).
"""

from __future__ import annotations

from zfxxgk.serve.app import create_app
from zfxxgk.serve.server import run

__all__ = ["create_app", "run"]
