"""Subscriber destinations: `slack:channel:C1`, `slack:user:U1`, `discord:channel:123` as the
chat commands store them, turned into Destinations with the bot-token posters from Services.

A destination whose platform has no credentials here is skipped, and said once per process,
not every minute. Discord users get direct messages from the bot.
"""

from __future__ import annotations

import logging
import threading

from bot import store
from bot.pipeline.services import DISCORD_API, ChatPosters, Destination, Services

log = logging.getLogger(__name__)

_said: set[str] = set()
_said_lock = threading.Lock()


def find_destination(services: Services, name: str, *, timezone: str = "UTC") -> Destination | None:
    """A configured destination by name, else a subscriber destination, else None."""
    configured = next((d for d in services.destinations if d.name == name), None)
    return configured or subscriber_destination(services, name, timezone=timezone)


def subscriber_destination(services: Services, name: str, *, timezone: str) -> Destination | None:
    """'slack:user:U1' -> a Slack Destination posting to U1 (a DM from the app), or None."""
    platform, _, rest = name.partition(":")
    scope, _, target = rest.partition(":")
    reason = unusable(services.chat, platform=platform, scope=scope, target=target)
    if reason is not None:
        _say_once(name, reason)
        return None
    chat = services.chat
    if platform == "slack":
        return Destination(name, "slack", timezone, slack=chat.slack, channel=target)
    return Destination(
        name,
        "discord_user" if scope == "user" else "discord_channel",
        timezone,
        discord=chat.discord,
        channel=target,
        token=chat.discord_token,
        api_url=chat.discord_api_url or DISCORD_API,
    )


def unusable(chat: ChatPosters, *, platform: str, scope: str, target: str) -> str | None:
    """Why we cannot post to this subscriber destination, or None when we can."""
    if not target or scope not in ("channel", "user"):
        return "not a subscriber destination name"
    if platform == "slack":
        return None if chat.slack is not None else "SLACK_BOT_TOKEN is not set"
    if platform != "discord":
        return f"unknown platform {platform!r}"
    has_bot = chat.discord is not None and bool(chat.discord_token)
    return None if has_bot else "DISCORD_BOT_TOKEN is not set"


def _say_once(name: str, reason: str) -> None:
    with _said_lock:
        if name in _said:
            return
        _said.add(name)
    log.warning("subscriber.skipped destination=%s reason=%s", name, reason)


def paused(services: Services) -> dict[str, str]:
    """Destination -> why its deliveries stopped (for /korea status)."""
    return store.paused_destinations(services.store)
