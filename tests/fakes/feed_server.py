"""A real HTTP server on 127.0.0.1 that plays feed publishers, well and badly behaved.

Each path is a `Route`: a body and headers, plus the behaviours fetchers must survive
(ETag / Last-Modified answered with 304, gzip, redirects, status codes, trickling bytes).
Requests are recorded so tests can check what the client sent.

    with FeedServer() as server:
        server.route("/feed", Route(body=b"<rss/>", etag='"v1"'))
        httpx.get(server.url("/feed"))
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True, slots=True)
class Route:
    """How the server answers one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/rss+xml"
    etag: str | None = None  # answered with 304 when If-None-Match matches
    last_modified: str | None = None  # answered with 304 when If-Modified-Since matches
    gzip: bool = False  # gzip the body (or send `body` as-is when `raw_gzip`)
    raw_gzip: bool = False  # body is already gzip bytes (e.g. a bomb): just label it
    redirect_to: str | None = None  # Location header; use with a 3xx status
    trickle: float = 0.0  # seconds between single bytes of the body
    declare_length: bool = True

    @classmethod
    def file(cls, path: Path, **options: object) -> Route:
        return cls(body=path.read_bytes(), **options)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]


class FeedServer:
    """ThreadingHTTPServer on an ephemeral port, started and stopped by `with`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self._server.serve_forever(poll_interval=0.02)  # quick shutdown between tests

    def route(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(path)
            if route is None:
                self._send(404, {}, b"not found")
            elif _is_fresh(
                route, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            ):
                self._send(304, _validators(route), b"")
            else:
                self._answer(route)

        def _answer(self, route: Route) -> None:
            headers = {"Content-Type": route.content_type, **_validators(route), **route.headers}
            if route.redirect_to:
                headers["Location"] = route.redirect_to
            body = route.body
            if route.gzip or route.raw_gzip:
                body = body if route.raw_gzip else gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self._send(
                route.status, headers, body, trickle=route.trickle, length=route.declare_length
            )

        def _send(
            self,
            status: int,
            headers: dict[str, str],
            body: bytes,
            *,
            trickle: float = 0.0,
            length: bool = True,
        ) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            # The client may give up early, as it should for slow or huge bodies.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._write(body, trickle)

        def _write(self, body: bytes, trickle: float) -> None:
            if not trickle:
                self.wfile.write(body)
                return
            for index in range(len(body)):
                self.wfile.write(body[index : index + 1])
                self.wfile.flush()
                time.sleep(trickle)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read `server.requests` instead of stderr."""

    return Handler


def _validators(route: Route) -> dict[str, str]:
    headers = {}
    if route.etag:
        headers["ETag"] = route.etag
    if route.last_modified:
        headers["Last-Modified"] = route.last_modified
    return headers


def _is_fresh(route: Route, if_none_match: str | None, if_modified_since: str | None) -> bool:
    if route.etag and if_none_match:
        return route.etag in [tag.strip() for tag in if_none_match.split(",")]
    return bool(route.last_modified and if_modified_since == route.last_modified)
