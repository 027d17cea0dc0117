"""The Discord sink: webhook executes and bot channel messages over a plain httpx client.

Discord answers 429 with a JSON `retry_after` (seconds); we wait it out a bounded number of
times, and also pause when a bucket says it is empty (`X-RateLimit-Remaining: 0`). A 401,
403 or 404 will not heal by retrying, so it comes back `retryable=False` with a reason. A
webhook URL contains its secret token, so receipts name a webhook by its id only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.model import Receipt

log = logging.getLogger(__name__)

DISCORD_API = "https://discord.com/api/v10"
PERMANENT: dict[int, str] = {
    400: "Discord refused the message",
    401: "the Discord bot token is invalid: check DISCORD_BOT_TOKEN",
    403: "the Discord bot may not post here: give it Send Messages and Embed Links",
    404: "the Discord webhook or channel does not exist: recreate it or fix the id",
}


class DiscordPoster:
    """Posts rendered payloads to Discord webhooks or channels, one message after another."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        max_retries: int = 3,
        max_wait: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._max_retries = max_retries
        self._max_wait = max_wait
        self._sleep = sleep
        self._dm_channels: dict[str, str] = {}  # user id -> DM channel id, opened once

    def post_webhook(self, webhook_url: str, messages: Sequence[dict[str, Any]]) -> Receipt:
        """Payloads -> executed on the webhook with `?wait=true`; a Receipt with message ids."""
        name = "discord-webhook:" + urlsplit(webhook_url).path.rstrip("/").split("/")[-2]
        url = str(httpx.URL(webhook_url).copy_merge_params({"wait": "true"}))  # keeps thread_id
        return self._post_all(name, url, messages, headers={})

    def post_channel(
        self,
        channel_id: str,
        messages: Sequence[dict[str, Any]],
        *,
        token: str,
        api_url: str = DISCORD_API,
    ) -> Receipt:
        """Payloads -> posted by the bot in a channel; a Receipt with message ids."""
        url = f"{api_url.rstrip('/')}/channels/{channel_id}/messages"
        headers = {"Authorization": f"Bot {token}"}
        return self._post_all(f"discord:{channel_id}", url, messages, headers=headers)

    def post_direct(
        self,
        user_id: str,
        messages: Sequence[dict[str, Any]],
        *,
        token: str,
        api_url: str = DISCORD_API,
    ) -> Receipt:
        """Payloads -> a direct message from the bot to a user (opening the DM channel once)."""
        channel = self._dm_channels.get(user_id) or self._open_dm(
            user_id, token=token, api_url=api_url
        )
        if isinstance(channel, Receipt):
            return channel
        self._dm_channels[user_id] = channel
        return self.post_channel(channel, messages, token=token, api_url=api_url)

    def _open_dm(self, user_id: str, *, token: str, api_url: str) -> str | Receipt:
        url = f"{api_url.rstrip('/')}/users/@me/channels"
        headers = {"Authorization": f"Bot {token}"}
        outcome = self._send(url, {"recipient_id": user_id}, headers=headers)
        if isinstance(outcome, Receipt):
            return Receipt(f"discord:user:{user_id}", False, (), outcome.error, outcome.retryable)
        return outcome

    def _post_all(
        self,
        name: str,
        url: str,
        messages: Sequence[dict[str, Any]],
        *,
        headers: dict[str, str],
    ) -> Receipt:
        posted: list[str] = []
        for message in messages:
            outcome = self._send(url, message, headers=headers)
            if isinstance(outcome, Receipt):
                log.warning("deliver.failed", extra={"destination": name, "error": outcome.error})
                return Receipt(name, False, tuple(posted), outcome.error, outcome.retryable)
            posted.append(outcome)
        log.info("deliver.posted", extra={"destination": name, "messages": len(posted)})
        return Receipt(name, ok=True, message_ids=tuple(posted))

    def _send(self, url: str, message: dict[str, Any], *, headers: dict[str, str]) -> str | Receipt:
        """One message -> its id, or a failed Receipt (destination filled in by the caller)."""
        for attempt in range(self._max_retries + 1):
            try:
                response = self._client.post(url, json=message, headers=headers)
            except httpx.HTTPError as exc:  # maybe posted, maybe not: the caller decides
                return Receipt("", ok=False, error=f"cannot reach Discord: {exc!r}")
            if response.status_code != 429:
                return self._outcome(response)
            wait = retry_after(response)
            if attempt == self._max_retries or wait > self._max_wait:
                break
            log.info("deliver.rate_limited", extra={"retry_after": wait, "attempt": attempt + 1})
            self._sleep(wait)
        return Receipt("", ok=False, error="Discord kept answering 429 (rate limited)")

    def _outcome(self, response: httpx.Response) -> str | Receipt:
        if response.is_success:
            self._respect_bucket(response)
            return str(_json(response).get("id", ""))
        detail = str(_json(response).get("message") or response.reason_phrase)
        if response.status_code in PERMANENT:
            reason = f"{PERMANENT[response.status_code]} (HTTP {response.status_code}: {detail})"
            return Receipt("", ok=False, error=reason, retryable=False)
        return Receipt("", ok=False, error=f"Discord answered HTTP {response.status_code}")

    def _respect_bucket(self, response: httpx.Response) -> None:
        """An emptied bucket tells us how long to wait before the next message."""
        if response.headers.get("X-RateLimit-Remaining") == "0":
            reset = _seconds(response.headers.get("X-RateLimit-Reset-After"))
            if reset:
                self._sleep(min(reset, self._max_wait))


def retry_after(response: httpx.Response) -> float:
    """Seconds a 429 asks us to wait: JSON `retry_after`, else the Retry-After header, else 1."""
    from_body = _seconds(_json(response).get("retry_after"))
    return from_body or _seconds(response.headers.get("Retry-After")) or 1.0


def _seconds(value: Any) -> float:
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return 0.0


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
