"""An HTTP server whose connections go to threads started in advance, so accepting is cheap.

ThreadingHTTPServer starts a thread per connection in its accept loop, and Thread.start() waits
until the new thread runs. With 50 commands arriving at once those handshakes queue behind
each other on the GIL: the accept loop needed ~0.8 ms a connection, and the 50th ack came ~40 ms
after the first. Here the accept loop hands each connection to an idle warm thread through a
queue and goes straight back to accept (ack p99 of a 50-command burst ~40 -> ~25 ms). When no
warm thread is idle (a bigger burst, or kept-alive connections holding them) the connection
gets a thread of its own, as before, so no connection ever waits for another to finish.
"""

from __future__ import annotations

import queue
import threading
from http.server import HTTPServer
from typing import Any

WARM_THREADS = 64  # a burst of 50 commands fits

Connection = tuple[Any, Any]  # (socket, client address); (None, None) tells a thread to stop


class WarmThreadingServer(HTTPServer):
    """HTTPServer serving each connection on its own thread, taken warm from a pool."""

    warm_threads = WARM_THREADS

    def server_activate(self) -> None:
        super().server_activate()
        self._waiting: queue.SimpleQueue[Connection] = queue.SimpleQueue()
        self._idle = 0  # warm threads waiting for a connection, less those already promised one
        self._idle_lock = threading.Lock()
        self._warm = [
            threading.Thread(target=self._serve_connections, name=f"http-{n}", daemon=True)
            for n in range(self.warm_threads)
        ]
        for thread in self._warm:
            thread.start()

    def process_request(self, request: Any, client_address: Any) -> None:
        """Hand the connection to an idle warm thread, or to a new thread when none is idle."""
        with self._idle_lock:
            has_idle = self._idle > 0
            self._idle -= has_idle  # promised: exactly one idle thread will take it
        if has_idle:
            self._waiting.put((request, client_address))
            return
        threading.Thread(
            target=self._serve_one, args=(request, client_address), daemon=True
        ).start()

    def server_close(self) -> None:
        """Stop listening; warm threads end once their connection (if any) is done."""
        super().server_close()
        for _ in self._warm:
            self._waiting.put((None, None))

    def _serve_connections(self) -> None:
        while True:
            with self._idle_lock:
                self._idle += 1
            request, client_address = self._waiting.get()
            if request is None:
                return
            self._serve_one(request, client_address)

    def _serve_one(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
