"""A local Slack-compatible Web API on 127.0.0.1 for tests that use the real slack_sdk client.

    with running_slack_api() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.base_url)
        ...
        assert [post.text for post in slack.posts] == [...]

It records every request (`calls`) and every message that landed (`posts`), keeps channel
history for `conversations.history`, and injects faults per method: `fail` (ok=false with a
Slack error such as channel_not_found), `rate_limit` (429 + Retry-After), `server_error`
(5xx) and `slow` (answer after a delay). Unknown methods answer `{"ok": true}` unless a
canned answer was set with `answer`.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Call:
    """One HTTP request as the server received it."""

    method: str  # Slack API method, e.g. "chat.postMessage"
    params: dict[str, Any]
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival


@dataclass(frozen=True)
class SlackPost:
    """A message that landed in a channel."""

    channel: str
    ts: str
    text: str | None
    blocks: list[dict[str, Any]] | None
    thread_ts: str | None
    metadata: dict[str, Any] | None
    params: dict[str, Any]


@dataclass
class Fault:
    """What to do instead of a normal answer, for the next `times` calls of a method."""

    times: int
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    then_answer: bool = False  # after the delay, answer normally (a slow but good answer)
    after: int = 0  # let this many calls through first (fail message 2 of a thread)


class SlackApi:
    """State and fault plan of a running fake; `base_url` ends with `/api/`."""

    def __init__(self, *, token: str | None = None) -> None:
        self.token = token
        self.base_url = ""
        self.calls: list[Call] = []
        self.posts: list[SlackPost] = []
        self._faults: dict[str, list[Fault]] = {}
        self._answers: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._last_ts = 0.0
        self.stopping = threading.Event()

    # -- fault injection -------------------------------------------------------------
    def fail(self, method: str, error: str, *, times: int = 1, after: int = 0) -> None:
        """The next `times` calls of `method` (after `after` good ones) answer ok=false."""
        self._add(method, Fault(times, body={"ok": False, "error": error}, after=after))

    def rate_limit(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` calls answer 429 with `Retry-After: retry_after`."""
        body = {"ok": False, "error": "ratelimited"}
        self._add(method, Fault(times, 429, body, {"Retry-After": str(retry_after)}))

    def server_error(self, method: str, *, status: int = 500, times: int = 1) -> None:
        """The next `times` calls answer an HTTP 5xx with a non-JSON body."""
        self._add(method, Fault(times, status=status))

    def slow(self, method: str, seconds: float, *, times: int = 1, answer: bool = True) -> None:
        """The next `times` calls wait `seconds` first (then answer normally if `answer`)."""
        self._add(method, Fault(times, delay=seconds, then_answer=answer))

    def answer(self, method: str, body: dict[str, Any]) -> None:
        """A canned answer for `method` (used for methods this fake does not model)."""
        self._answers[method] = body

    # -- queries ---------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        """Every recorded call of one method, in arrival order."""
        return [call for call in self.calls if call.method == method]

    # -- the server side ---------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any], headers: dict[str, str]) -> Reply:
        """Record the call and decide its answer (status, headers, body)."""
        with self._lock:
            self.calls.append(Call(method, params, headers, time.monotonic()))
            fault = self._take_fault(method)
        if fault and fault.delay:
            self.stopping.wait(fault.delay)
        if fault and not fault.then_answer:
            return Reply(fault.status, fault.headers, fault.body)
        if self.token and headers.get("authorization") != f"Bearer {self.token}":
            return Reply(200, {}, {"ok": False, "error": "invalid_auth"})
        with self._lock:
            return Reply(200, {}, self._answer(method, params))

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "chat.postMessage":
            return self._post(params)
        if method == "conversations.history":
            return self._history(params)
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "team_id": "T1", "bot_id": "B1"}
        return self._answers.get(method, {"ok": True})

    def _post(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        self._last_ts = max(time.time(), self._last_ts + 0.001)  # real, strictly increasing
        post = SlackPost(
            channel=channel,
            ts=f"{self._last_ts:.6f}",
            text=params.get("text"),
            blocks=_json_field(params.get("blocks")),
            thread_ts=params.get("thread_ts"),
            metadata=_json_field(params.get("metadata")),
            params=params,
        )
        self.posts.append(post)
        return {"ok": True, "channel": channel, "ts": post.ts, "message": {"text": post.text}}

    def _history(self, params: dict[str, Any]) -> dict[str, Any]:
        oldest = float(params.get("oldest") or 0)
        with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
        found = [
            _as_message(post, with_metadata=with_metadata)
            for post in reversed(self.posts)
            if post.channel == params.get("channel")
            and post.thread_ts in (None, post.ts)
            and float(post.ts) > oldest
        ]
        return {"ok": True, "messages": found, "has_more": False}

    def _add(self, method: str, fault: Fault) -> None:
        with self._lock:
            self._faults.setdefault(method, []).append(fault)

    def _take_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method) or []
        if not queue:
            return None
        fault = queue[0]
        if fault.after > 0:
            fault.after -= 1
            return None
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: dict[str, Any] | None


@contextmanager
def running_slack_api(*, token: str | None = None) -> Iterator[SlackApi]:
    """Serve a fake Slack Web API on 127.0.0.1 (a free port) for the duration of the block.

    With `token`, calls carrying another bearer token are answered `invalid_auth`.
    """
    api = SlackApi(token=token)
    with serving(_handler_for(api), name="fake-slack", stopping=api.stopping) as port:
        api.base_url = f"http://127.0.0.1:{port}/api/"
        yield api


def _handler_for(api: SlackApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def _serve(self) -> None:
            url = urlsplit(self.path)
            method = url.path.removeprefix("/api/")
            params: dict[str, Any] = dict(parse_qsl(url.query))
            params.update(self._body())
            headers = {key.lower(): value for key, value in self.headers.items()}
            reply = api.handle(method, params, headers)
            self._send(reply)

        def _body(self) -> dict[str, Any]:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if not raw:
                return {}
            if "json" in (self.headers.get("Content-Type") or ""):
                loaded = json.loads(raw)
                return loaded if isinstance(loaded, dict) else {}
            return dict(parse_qsl(raw.decode()))

        def _send(self, reply: Reply) -> None:
            body = b"upstream error" if reply.body is None else json.dumps(reply.body).encode()
            kind = "text/plain" if reply.body is None else "application/json; charset=utf-8"
            try:
                self.send_response(reply.status)
                for key, value in {**reply.headers, "Content-Type": kind}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test); nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: tests read `calls`, not the access log."""

    return Handler


def _json_field(value: Any) -> Any:
    """Form-encoded calls carry JSON fields as strings; JSON calls carry them as objects."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _as_message(post: SlackPost, *, with_metadata: bool) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "message", "ts": post.ts, "text": post.text}
    if post.thread_ts:
        message["thread_ts"] = post.thread_ts
    if with_metadata and post.metadata:
        message["metadata"] = post.metadata
    return message
