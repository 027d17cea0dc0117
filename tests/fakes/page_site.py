"""A publisher's website on 127.0.0.1 that answers article pages slowly and writes down when
each request started and ended, by the Host it was asked for.

Two names reach it as two hosts ("127.0.0.1" and "localhost"), so tests can see how many
requests one host had in flight at once and how far apart they started:

    with PageSite({"/a": html}, delay=0.2) as site:
        fetch(site.url("/a", host="localhost"))
        site.peak_in_flight("localhost")

A page can fail before it is served, as publishers do for a minute:

    site.fail_first("/a", 503, 503, retry_after="600")  # two 503s, then the page
"""

from __future__ import annotations

import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from types import TracebackType

from tests.fakes.loopback import serving


@dataclass(frozen=True, slots=True)
class Visit:
    """One request: the host it named, its path, and when it started and ended (monotonic)."""

    host: str
    path: str
    start: float
    end: float


class PageSite:
    """Serves `pages` (path -> HTML) after `delay` seconds each; 404 for anything else."""

    def __init__(self, pages: dict[str, bytes], *, delay: float = 0.0) -> None:
        self.pages, self.delay = pages, delay
        self.visits: list[Visit] = []
        self._failures: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self._lock = threading.Lock()
        self._stack = ExitStack()
        self._port = 0

    def url(self, path: str, *, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self._port}{path}"

    def fail_first(self, path: str, *statuses: int, retry_after: str | None = None) -> None:
        """Answer `path` with these statuses, one a request, before serving it."""
        headers = {"Retry-After": retry_after} if retry_after else {}
        with self._lock:
            self._failures.setdefault(path, []).extend((s, headers) for s in statuses)

    def paths_visited(self, path: str) -> int:
        """How many requests asked for `path` (on any host)."""
        with self._lock:
            return sum(1 for visit in self.visits if visit.path == path)

    def next_failure(self, path: str) -> tuple[int, dict[str, str]] | None:
        with self._lock:
            queued = self._failures.get(path)
            return queued.pop(0) if queued else None

    def hosts_visited(self, host: str) -> list[Visit]:
        with self._lock:
            return sorted((v for v in self.visits if v.host == host), key=lambda v: v.start)

    def peak_in_flight(self, host: str) -> int:
        """The most requests for `host` that were being answered at the same moment."""
        edges = [(v.start, 1) for v in self.hosts_visited(host)]
        edges += [(v.end, -1) for v in self.hosts_visited(host)]
        peak = current = 0
        for _, step in sorted(edges):  # an end sorts before a start at the same instant
            current += step
            peak = max(peak, current)
        return peak

    def record(self, visit: Visit) -> None:
        with self._lock:
            self.visits.append(visit)

    def __enter__(self) -> PageSite:
        running = serving(_handler_for(self), name="page-site", stopping=threading.Event())
        self._port = self._stack.enter_context(running)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.close()


def _handler_for(site: PageSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            start = time.monotonic()
            time.sleep(site.delay)
            # The end is taken before answering: the client cannot have its answer earlier.
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            site.record(Visit(host, self.path, start, time.monotonic()))
            failure = site.next_failure(self.path)
            body = site.pages.get(self.path) if failure is None else b"down for a moment"
            status, headers = failure or (200 if body is not None else 404, {})
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read `site.visits`."""

    return Handler
