"""A local Discord-compatible HTTP API on 127.0.0.1 for tests that use a real httpx client.

    with running_discord_api() as discord:
        url = discord.webhook_url()          # http://127.0.0.1:PORT/api/v10/webhooks/1/token
        ...                                  # post with httpx to url or discord.api_url
        assert [m.payload["content"] for m in discord.messages] == [...]

Models what Peninsula uses: webhook executes (`POST /webhooks/{id}/{token}`, `?wait=true`
returns the message, else 204), bot channel messages (`POST /channels/{id}/messages`, needs
`Authorization: Bot …`) and interaction follow-ups (the same webhook route; `PATCH
…/messages/@original`). Records every request (`requests`) and every message that landed
(`messages`). Faults, matched by a substring of the path: `rate_limit` (429 with JSON
`retry_after`), `fail` (an HTTP error with Discord's JSON error body), `slow`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.loopback import serving

API_PREFIX = "/api/v10"


@dataclass(frozen=True)
class Request:
    """One HTTP request as the server received it."""

    method: str
    path: str  # without the /api/v10 prefix, e.g. "/webhooks/1/token"
    query: dict[str, str]
    payload: Any
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival


@dataclass(frozen=True)
class Message:
    """A message that landed: where (`webhook:{id}` or `channel:{id}`), its id and payload."""

    target: str
    id: str
    payload: dict[str, Any]


@dataclass
class Fault:
    times: int
    path: str  # substring of the request path this fault applies to ("" = any)
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    after: int = 0  # let this many matching requests through first


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: Any


class DiscordApi:
    """State and fault plan of a running fake; `api_url` ends with `/api/v10`."""

    def __init__(self, *, bot_token: str | None = None) -> None:
        self.bot_token = bot_token
        self.api_url = ""
        self.requests: list[Request] = []
        self.messages: list[Message] = []
        self.stopping = threading.Event()
        self._faults: list[Fault] = []
        self._ids = itertools.count(1_000_000_000_000_000_001)
        self._lock = threading.Lock()

    def webhook_url(self, webhook_id: str = "1", token: str = "webhook-token") -> str:
        """The URL of a webhook on this server."""
        return f"{self.api_url}/webhooks/{webhook_id}/{token}"

    # -- fault injection -------------------------------------------------------------
    def rate_limit(self, *, retry_after: float = 0.1, path: str = "", times: int = 1) -> None:
        """The next `times` matching requests answer 429 with Discord's JSON `retry_after`."""
        body = {
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": False,
        }
        headers = {"Retry-After": str(max(int(retry_after), 1)), "X-RateLimit-Scope": "user"}
        self._add(Fault(times, path, 429, body, headers))

    def fail(
        self,
        status: int,
        *,
        code: int = 0,
        message: str = "",
        path: str = "",
        times: int = 1,
        after: int = 0,
    ) -> None:
        """The next `times` matching requests (after `after` good ones) answer `status`."""
        body = {"code": code, "message": message or f"HTTP {status}"}
        self._add(Fault(times, path, status, body if status < 500 else None, after=after))

    def slow(self, seconds: float, *, path: str = "", times: int = 1) -> None:
        """The next `times` matching requests wait `seconds`, then answer normally."""
        self._add(Fault(times, path, delay=seconds))

    # -- the server side ---------------------------------------------------------------
    def handle(self, request: Request) -> Reply:
        """Record the request and decide its answer."""
        with self._lock:
            self.requests.append(request)
            fault = self._take_fault(request.path)
        if fault and fault.delay:
            self.stopping.wait(fault.delay)
        if fault and fault.status != 200:
            return Reply(fault.status, fault.headers, fault.body)
        with self._lock:
            return self._answer(request)

    def _answer(self, request: Request) -> Reply:
        parts = request.path.strip("/").split("/")
        if request.method == "POST" and parts[0] == "webhooks" and len(parts) == 3:
            return self._create(f"webhook:{parts[1]}", request, wait=_wait(request))
        if request.method == "POST" and parts[0] == "channels" and parts[2:] == ["messages"]:
            if self.bot_token and request.headers.get("authorization") != f"Bot {self.bot_token}":
                return Reply(401, {}, {"code": 0, "message": "401: Unauthorized"})
            return self._create(f"channel:{parts[1]}", request, wait=True)
        if request.method == "POST" and parts == ["users", "@me", "channels"]:
            if self.bot_token and request.headers.get("authorization") != f"Bot {self.bot_token}":
                return Reply(401, {}, {"code": 0, "message": "401: Unauthorized"})
            user = str((request.payload or {}).get("recipient_id", ""))
            return Reply(200, {}, {"id": f"dm-{user}", "type": 1})
        if request.method == "PATCH" and parts[0] == "webhooks":
            return Reply(200, {}, {"id": "original", **(request.payload or {})})
        return Reply(404, {}, {"code": 0, "message": "404: Not Found"})

    def _create(self, target: str, request: Request, *, wait: bool) -> Reply:
        message = Message(target, str(next(self._ids)), request.payload or {})
        self.messages.append(message)
        if not wait:
            return Reply(204, {}, None)
        return Reply(200, {}, {"id": message.id, "channel_id": target, **message.payload})

    def _add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.path in path and fault.after > 0:
                fault.after -= 1
                return None
            if fault.path in path:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None


@contextmanager
def running_discord_api(*, bot_token: str | None = None) -> Iterator[DiscordApi]:
    """Serve a fake Discord API on 127.0.0.1 (a free port) for the duration of the block.

    With `bot_token`, channel posts carrying another `Authorization: Bot …` get 401.
    """
    api = DiscordApi(bot_token=bot_token)
    with serving(_handler_for(api), name="fake-discord", stopping=api.stopping) as port:
        api.api_url = f"http://127.0.0.1:{port}{API_PREFIX}"
        yield api


def _handler_for(api: DiscordApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def do_PATCH(self) -> None:
            self._serve()

        def _serve(self) -> None:
            url = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            request = Request(
                method=self.command,
                path=url.path.removeprefix(API_PREFIX),
                query=dict(parse_qsl(url.query)),
                payload=json.loads(raw) if raw else None,
                headers={key.lower(): value for key, value in self.headers.items()},
                at=time.monotonic(),
            )
            self._send(api.handle(request))

        def _send(self, reply: Reply) -> None:
            body = b"" if reply.body is None else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: tests read `requests`, not the access log."""

    return Handler


def _wait(request: Request) -> bool:
    return request.query.get("wait", "").lower() == "true"
