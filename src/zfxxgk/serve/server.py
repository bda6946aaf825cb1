"""Running the application with uvicorn: one process, its workers threads (the limits in force are the
CLI's, set before the application starts)."""

from __future__ import annotations

import uvicorn

from zfxxgk.serve.app import create_app


def run(host: str = "127.0.0.1", port: int = 8000, workers: int = 2, queue: int = 8, log_level: str = "info") -> None:
    """Serve until interrupted (Ctrl-C)."""
    # A body larger than the input size limit is refused while it arrives (zfxxgk.serve.uploads); uvicorn's
    # own h11 parser holds no more than one chunk of it at a time.
    uvicorn.run(create_app(workers=workers, queue=queue), host=host, port=port, log_level=log_level,
                server_header=False)
