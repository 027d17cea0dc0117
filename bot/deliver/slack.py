"""The Slack sink: chat.postMessage through slack_sdk, threaded, paced, and checkable.

slack_sdk's own retry handlers honour 429 + Retry-After and retry dropped connections; what
is left is translated into a Receipt: errors that will not heal by retrying (a missing or
archived channel, a revoked token) come back `retryable=False` with a reason an operator
can act on. Every message carries our delivery id in its metadata, so an uncertain send can
be checked with `already_posted` before it is resent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.errors import DeliveryError
from bot.model import Receipt

log = logging.getLogger(__name__)

EVENT_TYPE = "peninsula_delivery"
PERMANENT: dict[str, str] = {
    "channel_not_found": "Slack channel not found: check the channel id and invite the bot",
    "not_in_channel": "the bot is not in this channel: /invite it, then resume",
    "is_archived": "the Slack channel is archived: unarchive it or pick another",
    "invalid_auth": "the Slack token is invalid: check SLACK_BOT_TOKEN",
    "not_authed": "no Slack token was sent: set SLACK_BOT_TOKEN",
    "account_inactive": "the Slack token belongs to a deactivated account or app",
    "token_revoked": "the Slack token was revoked: reinstall the app",
    "missing_scope": "the Slack app lacks a scope (chat:write, channels:history)",
    "restricted_action": "the workspace does not allow the bot to post here",
    "invalid_blocks": "Slack refused the message layout (a bug: please report it)",
    "msg_too_long": "Slack refused the message as too long (a bug: please report it)",
}


def make_slack_client(token: str, *, base_url: str | None = None, timeout: int = 30) -> WebClient:
    """A WebClient that waits out 429 + Retry-After and retries dropped connections."""
    handlers = [
        RateLimitErrorRetryHandler(max_retry_count=3),
        ConnectionErrorRetryHandler(max_retry_count=2),
    ]
    if base_url is None:
        return WebClient(token=token, timeout=timeout, retry_handlers=handlers)
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=handlers)


class SlackPoster:
    """Posts rendered digests to Slack channels, about one message a second per channel."""

    def __init__(
        self,
        client: WebClient,
        *,
        interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._interval = interval
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}

    def post(
        self, channel: str, messages: Sequence[dict[str, Any]], *, delivery_id: str
    ) -> Receipt:
        """Messages -> posted in order, 2.. as thread replies under the first; a Receipt."""
        posted: list[str] = []
        for message in messages:
            try:
                posted.append(self._post_one(channel, message, delivery_id, posted[:1]))
            except (SlackClientError, OSError) as exc:
                return _failed(channel, exc, posted=posted, delivery_id=delivery_id)
        log.info(
            "deliver.posted",
            extra={"destination": channel, "delivery_id": delivery_id, "messages": len(posted)},
        )
        return Receipt(channel, ok=True, message_ids=tuple(posted))

    def already_posted(self, channel: str, *, delivery_id: str, since: datetime) -> list[str]:
        """Timestamps of top-level messages in `channel` since `since` carrying `delivery_id`."""
        found: list[str] = []
        cursor: str | None = None
        while True:
            page = self._history(channel, since=since, cursor=cursor)
            found.extend(m["ts"] for m in page.get("messages", []) if _carries(m, delivery_id))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return found

    def _post_one(
        self, channel: str, message: dict[str, Any], delivery_id: str, parent: list[str]
    ) -> str:
        self._pace(channel)
        response = self._client.chat_postMessage(
            channel=channel,
            text=message.get("text", ""),
            blocks=message.get("blocks"),
            thread_ts=parent[0] if parent else None,
            unfurl_links=False,
            unfurl_media=False,
            metadata={"event_type": EVENT_TYPE, "event_payload": {"delivery_id": delivery_id}},
        )
        return str(response["ts"])

    def _pace(self, channel: str) -> None:
        """Slack allows about one message a second per channel; wait out the rest of it."""
        last = self._last.get(channel)
        if last is not None:
            wait = self._interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[channel] = self._clock()

    def _history(self, channel: str, *, since: datetime, cursor: str | None) -> dict[str, Any]:
        try:
            response = self._client.conversations_history(
                channel=channel,
                oldest=f"{since.timestamp():.6f}",
                include_all_metadata=True,
                limit=200,
                cursor=cursor,
            )
        except (SlackClientError, OSError) as exc:
            reason, retryable = _reason(exc)
            message = f"cannot read {channel} history: {reason}"
            raise DeliveryError(message, retryable=retryable) from exc
        return dict(response.data) if isinstance(response.data, dict) else {}


def _carries(message: dict[str, Any], delivery_id: str) -> bool:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return bool(
        metadata.get("event_type") == EVENT_TYPE and payload.get("delivery_id") == delivery_id
    )


def _reason(exc: Exception) -> tuple[str, bool]:
    """(readable reason, retryable) for a failed Slack call."""
    if isinstance(exc, SlackApiError):
        code = str(exc.response.get("error") or f"HTTP {exc.response.status_code}")
        if code in PERMANENT:
            return f"{PERMANENT[code]} ({code})", False
        return f"Slack answered {code} (HTTP {exc.response.status_code})", True
    return f"cannot reach Slack: {exc or type(exc).__name__}", True


def _failed(channel: str, exc: Exception, *, posted: list[str], delivery_id: str) -> Receipt:
    reason, retryable = _reason(exc)
    log.warning(
        "deliver.failed",
        extra={
            "destination": channel,
            "delivery_id": delivery_id,
            "error": reason,
            "retryable": retryable,
        },
    )
    return Receipt(channel, ok=False, message_ids=tuple(posted), error=reason, retryable=retryable)
