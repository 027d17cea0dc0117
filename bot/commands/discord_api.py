"""Discord's HTTP API as /korea needs it: answering deferred interactions, registering commands.

The httpx client is passed in (its transport is the test seam); DISCORD_API_URL overrides the
base URL. 429s are honoured (`retry_after`, bounded); other failures raise DeliveryError.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from bot import compose
from bot.commands import replies
from bot.commands.context import Reply
from bot.errors import DeliveryError

log = logging.getLogger(__name__)

DISCORD_API = "https://discord.com/api/v10"
MAX_CONTENT = 2000
MAX_RETRIES = 3
MAX_WAIT_SECONDS = 10.0
EPHEMERAL = 1 << 6
SUBCOMMAND, STRING = 1, 3


class InteractionWebhook:
    """Edits a deferred answer and posts further follow-ups through the interaction webhook."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        api_url: str = DISCORD_API,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._api = api_url.rstrip("/")
        self._sleep = sleep

    def send(self, application_id: str, token: str, messages: Sequence[dict[str, Any]]) -> None:
        """First message replaces the 'thinking…' placeholder; the rest follow it."""
        hook = f"{self._api}/webhooks/{application_id}/{token}"
        for index, message in enumerate(messages):
            if index == 0:
                _request(self._client, "PATCH", f"{hook}/messages/@original", message, self._sleep)
            else:
                _request(self._client, "POST", hook, message, self._sleep)


def _request(
    client: httpx.Client,
    method: str,
    url: str,
    payload: Any,
    sleep: Callable[[float], None],
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    for _ in range(MAX_RETRIES + 1):
        try:
            response = client.request(method, url, json=payload, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"Discord did not answer: {exc}") from exc
        if response.status_code != 429:
            break
        sleep(min(_retry_after(response), MAX_WAIT_SECONDS))
    if response.is_error:
        raise DeliveryError(
            f"Discord refused {method} ({response.status_code}): {response.text[:200]}",
            retryable=response.status_code >= 500 or response.status_code == 429,
        )
    return response


def _retry_after(response: httpx.Response) -> float:
    try:
        return float(response.json().get("retry_after", 1.0))
    except (ValueError, AttributeError):
        return float(response.headers.get("retry-after", 1.0))


def to_discord_messages(reply: Reply, *, public: bool) -> list[dict[str, Any]]:
    """Reply -> webhook payloads: text in chunks of ≤ 2,000 characters, or a digest's embeds."""
    flags = {} if public else {"flags": EPHEMERAL}
    if reply.digest is not None:
        return [{**message, **flags} for message in compose.to_discord_messages(reply.digest)]
    return [
        {"content": chunk, "allowed_mentions": {"parse": []}, **flags}
        for chunk in chunks(reply.text, limit=MAX_CONTENT)
    ]


def chunks(text: str, *, limit: int) -> list[str]:
    """Split at line ends into pieces of at most `limit` characters (a long line is cut)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            pieces.extend([current] if current else [])
            pieces.append(line[:limit])
            current, line = "", line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            candidate = line
        current = candidate
    return [*pieces, current] if current or not pieces else pieces


def command_definitions() -> list[dict[str, Any]]:
    """/korea with one subcommand per grammar command, each taking its words as `args`."""
    options = []
    for name, (form, _, description) in replies.USAGE.items():
        option: dict[str, Any] = {"type": SUBCOMMAND, "name": name, "description": description}
        if form != name:
            arguments = form.removeprefix(name).strip()
            option["options"] = [
                {"type": STRING, "name": "args", "description": arguments[:100], "required": False}
            ]
        options.append(option)
    return [
        {"name": "korea", "type": 1, "description": replies.DISCORD_COMMAND, "options": options}
    ]


def register_commands_http(
    client: httpx.Client,
    *,
    application_id: str,
    token: str,
    api_url: str = DISCORD_API,
    guild_id: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict[str, Any]]:
    """PUT the /korea definition (global, or one guild's for instant updates); returns Discord's."""
    base = f"{api_url.rstrip('/')}/applications/{application_id}"
    url = f"{base}/guilds/{guild_id}/commands" if guild_id else f"{base}/commands"
    headers = {"Authorization": f"Bot {token}"}
    response = _request(client, "PUT", url, command_definitions(), sleep, headers=headers)
    log.info("discord.registered application=%s guild=%s", application_id, guild_id)
    registered: list[dict[str, Any]] = response.json()
    return registered
