"""A local OpenAI-compatible server: POST /v1/chat/completions on 127.0.0.1, scripted per test.

The real `openai` client is pointed at it by base_url, so retries, Retry-After, timeouts and
response parsing are the client's own, exercised over real HTTP. Each test scripts the
replies in order (the last one repeats forever) and reads back the requests it received.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PATH = "/v1/chat/completions"


@dataclass(frozen=True, slots=True)
class Reply:
    """One scripted HTTP answer: status, JSON or raw body, headers, and a delay before it."""

    status: int = 200
    body: dict[str, Any] | bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


def completion(content: str, *, finish_reason: str = "stop", tokens: int = 100) -> Reply:
    """A 200 chat completion whose assistant message is `content`."""
    return Reply(
        body={
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": "fake-model",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": tokens, "completion_tokens": 0, "total_tokens": tokens},
        }
    )


def answer(**fields: Any) -> Reply:
    """A completion whose content is the JSON of `fields`, as structured output returns it."""
    return completion(json.dumps(fields))


def error(status: int, *, retry_after: str | None = None) -> Reply:
    """An OpenAI-style error body with the given status and optional Retry-After."""
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    body = {"error": {"message": f"fake {status}", "type": "fake", "code": None}}
    return Reply(status=status, body=body, headers=headers)


class FakeOpenAI:
    """The server: `script(...)` what to answer, `requests` is what arrived (parsed JSON)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._replies: list[Reply] = [error(500)]
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a slow reply must not hold up teardown

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies = list(replies)

    def user_messages(self) -> list[str]:
        """The user message of each request received, in order."""
        return [m["content"] for r in self.requests for m in r["messages"] if m["role"] == "user"]

    def next_reply(self, request: dict[str, Any], headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(request)
            self.headers.append(headers)
            return self._replies.pop(0) if len(self._replies) > 1 else self._replies[0]

    @contextmanager
    def running(self) -> Iterator[FakeOpenAI]:
        thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join()


def _handler_for(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            request = json.loads(self.rfile.read(length) or b"{}")
            if self.path != PATH:
                self._send(Reply(status=404, body={"error": {"message": "not found"}}))
                return
            reply = fake.next_reply(request, {k.lower(): v for k, v in self.headers.items()})
            time.sleep(reply.delay_s)
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): exactly what a slow-answer test wants

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
