"""The warm-thread HTTP server: every connection is served at once, even with the pool in use,
and closing it ends its threads."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler

import httpx

from bot.commands.warm import WarmThreadingServer
from tests.commands.serving import wait_for


class Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class TwoWarmThreads(WarmThreadingServer):
    warm_threads = 2


@contextmanager
def running(server_class: type[WarmThreadingServer]) -> Iterator[str]:
    server = server_class(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_many_connections_at_once_are_all_answered() -> None:
    with running(WarmThreadingServer) as address, httpx.Client() as client:
        results: list[str] = []

        def get() -> None:
            connection = http.client.HTTPConnection(address, timeout=10)
            connection.request("GET", "/")
            results.append(connection.getresponse().read().decode())
            connection.close()

        threads = [threading.Thread(target=get) for _ in range(100)]  # more than are warm
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == ["hello"] * 100
        assert client.get(f"http://{address}/").text == "hello"


def test_a_connection_is_served_while_idle_ones_hold_every_warm_thread() -> None:
    with running(TwoWarmThreads) as address, ExitStack() as idle:
        host, port = address.split(":")
        for _ in range(3):  # opened and never used: each keeps a thread waiting for a request
            idle.enter_context(socket.create_connection((host, int(port))))
        response = httpx.get(f"http://{address}/", timeout=2)
        assert response.text == "hello"


def test_closing_the_server_ends_its_warm_threads() -> None:
    # Compare thread objects, not counts: threads of earlier tests may end meanwhile.
    before = set(threading.enumerate())
    with running(WarmThreadingServer) as address:
        assert httpx.get(f"http://{address}/").text == "hello"
        started = set(threading.enumerate()) - before
        assert len(started) >= WarmThreadingServer.warm_threads
    wait_for(lambda: not any(thread.is_alive() for thread in started))
