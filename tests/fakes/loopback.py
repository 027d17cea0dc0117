"""Run a fake API's HTTP handler on 127.0.0.1 (a free port) for the length of a `with` block."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler], *, name: str, stopping: threading.Event
) -> Iterator[int]:
    """Serve `handler` until the block ends; yields the port. `stopping` wakes slow answers."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), name=name, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
