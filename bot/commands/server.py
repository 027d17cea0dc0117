"""`peninsula serve`: one small threaded HTTP server for the chat platforms.

    POST /slack/events          Slack HTTP mode (slash commands, interactivity) -> the bolt App
    POST /discord/interactions  Discord interactions (Ed25519-verified)          -> DiscordEndpoint
    GET  /healthz               200 "ok" (for load balancers and container checks)

Each connection is served on its own thread (a warm one, see warm.py); the platforms'
signatures are checked by bolt and by DiscordEndpoint, never here. Bodies over MAX_BODY are
refused before they are read. The work behind acknowledged commands runs on a Backlog, held
from the moment a connection is accepted until its answer is sent, so acks go before work (see
backlog.py); `server_close()` closes the backlog, so every command acknowledged before a
shutdown is still answered.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, cast

from slack_bolt import App, BoltRequest

from bot.commands.backlog import Backlog
from bot.commands.discord import DiscordEndpoint
from bot.commands.warm import WarmThreadingServer

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000
SLACK_PATH = "/slack/events"
DISCORD_PATH = "/discord/interactions"
HEALTH_PATH = "/healthz"


def make_server(
    *,
    host: str,
    port: int,
    slack_app: App | None = None,
    discord: DiscordEndpoint | None = None,
    backlog: Backlog,
) -> HTTPServer:
    """A server bound to host:port (0 = any free port); call serve_forever() to run it.

    `backlog` is the one the apps queue their work on: server_close() lets it finish.
    """
    handler = type("PeninsulaHandler", (_Handler,), {"slack_app": slack_app, "discord": discord})
    server = _Server((host, port), handler)
    server.backlog = backlog
    log.info("serve.listening host=%s port=%d", host, server.server_address[1])
    return server


class _Server(WarmThreadingServer):
    # The stdlib's listen backlog of 5 resets connections when a channel fires a burst of
    # commands at once; Slack needs every one acked within 3 s.
    request_queue_size = 128
    backlog: Backlog

    def process_request(self, request: Any, client_address: Any) -> None:
        # Held here, in the accept loop, so no job starts between accept and the handler thread.
        self.hold()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.release()
            raise

    def hold(self) -> None:
        self.backlog.hold()

    def release(self) -> None:
        self.backlog.release()

    def server_close(self) -> None:
        super().server_close()
        self.backlog.close()


class _Handler(BaseHTTPRequestHandler):
    slack_app: App | None = None
    discord: DiscordEndpoint | None = None
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: don't wait 40 ms
    holding = True  # the server held the backlog when it accepted this connection

    def do_GET(self) -> None:
        self._hold()
        if self.path.partition("?")[0] == HEALTH_PATH:
            self._send(200, "ok", content_type="text/plain; charset=utf-8")
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self) -> None:
        self._hold()
        path, _, query = self.path.partition("?")
        body = self._body()
        if body is None:
            return
        if path == SLACK_PATH and self.slack_app is not None:
            self._slack(body, query)
        elif path == DISCORD_PATH and self.discord is not None:
            status, payload = self.discord.handle(body, headers=self._headers())
            self._send(status, payload)
        else:
            self._send(404, {"error": "not found"})

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY or length < 0:
            self.close_connection = True
            self._send(413, {"error": "request body too large"})
            return None
        return self.rfile.read(length)

    def _headers(self) -> dict[str, str]:
        return {name.lower(): value for name, value in self.headers.items()}

    def _slack(self, body: bytes, query: str) -> None:
        assert self.slack_app is not None
        received: dict[str, str | Sequence[str]] = dict(self._headers())
        text = body.decode("utf-8", errors="replace")
        response = self.slack_app.dispatch(BoltRequest(body=text, query=query, headers=received))
        sent = {name: ", ".join(values) for name, values in response.headers.items()}
        self._send(response.status, response.body, headers=sent)

    def _send(
        self,
        status: int,
        payload: Any,
        *,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = payload if isinstance(payload, str) else json.dumps(payload)
        raw = data.encode("utf-8")
        self.send_response(status)
        sent = {name.lower() for name in (headers or {})}
        for name, value in (headers or {}).items():
            if name.lower() != "content-length":
                self.send_header(name, value)
        if "content-type" not in sent:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)
        self._release()

    def finish(self) -> None:
        super().finish()
        self._release()  # a connection closed before any answer

    def _hold(self) -> None:
        """A second request on a kept-alive connection holds the backlog again."""
        if not self.holding:
            cast(_Server, self.server).hold()
            self.holding = True

    def _release(self) -> None:
        if self.holding:
            cast(_Server, self.server).release()
            self.holding = False

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("serve.request %s", format % args)
