"""`peninsula serve` on 127.0.0.1 for tests, and correctly signed Slack and Discord requests."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

import httpx
from nacl.signing import SigningKey
from slack_bolt import App

from bot.commands.backlog import Backlog
from bot.commands.discord import DiscordEndpoint
from bot.commands.server import make_server

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@contextmanager
def serving(
    *,
    slack_app: App | None = None,
    discord: DiscordEndpoint | None = None,
    backlog: Backlog,
) -> Iterator[str]:
    """Run make_server on a free port; yields its base URL (the backlog is closed at the end)."""
    server = make_server(
        host="127.0.0.1", port=0, slack_app=slack_app, discord=discord, backlog=backlog
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def slack_command_body(text: str, *, response_url: str, user: str = "U1") -> str:
    return urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": user,
            "command": "/korea",
            "text": text,
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )


def slack_headers(body: str, *, secret: str = SIGNING_SECRET, age: float = 0) -> dict[str, str]:
    """Slack's v0 signature over 'v0:{timestamp}:{body}', made `age` seconds ago."""
    stamp = str(int(time.time() - age))
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
    }


def discord_headers(key: SigningKey, body: bytes, *, age: float = 0) -> dict[str, str]:
    """Discord's Ed25519 signature over timestamp + body, made `age` seconds ago."""
    stamp = str(int(time.time() - age))
    signature = key.sign(stamp.encode() + body).signature.hex()
    return {
        "Content-Type": "application/json",
        "X-Signature-Ed25519": signature,
        "X-Signature-Timestamp": stamp,
    }


def interaction(subcommand: str, args: str = "", *, user: str = "42") -> bytes:
    """A /korea application-command interaction as Discord sends it."""
    option: dict[str, Any] = {"type": 1, "name": subcommand}
    if args:
        option["options"] = [{"type": 3, "name": "args", "value": args}]
    payload = {
        "type": 2,
        "id": "900",
        "application_id": "777",
        "token": "interaction-token",
        "channel_id": "555",
        "member": {"user": {"id": user}},
        "data": {"name": "korea", "type": 1, "options": [option]},
    }
    return json.dumps(payload).encode()


def post(url: str, body: str | bytes, headers: dict[str, str]) -> tuple[httpx.Response, float]:
    """POST and time the answer (seconds)."""
    started = time.monotonic()
    response = httpx.post(url, content=body, headers=headers, timeout=10)
    return response, time.monotonic() - started


def wait_for(condition: Callable[[], Any], *, timeout: float = 10) -> Any:
    """Poll until `condition()` is truthy; its value, or AssertionError after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("the condition did not become true in time")
