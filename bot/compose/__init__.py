"""compose: build digests from assessed articles and render them (Slack, Discord, plain text).

Takes StoryItems and destination settings; returns Digests and rendered messages. Pure:
no I/O, no clock (`now` is passed in). Escapes all feed text so nothing from a feed can
ping a channel or forge a link.
"""

from __future__ import annotations

from bot.compose.digest import build_digest
from bot.compose.discord_embeds import alert_discord, to_discord_messages
from bot.compose.plain_text import alert_text, to_plain_text
from bot.compose.slack_blocks import alert_slack, to_slack_messages

__all__ = [
    "alert_discord",
    "alert_slack",
    "alert_text",
    "build_digest",
    "to_discord_messages",
    "to_plain_text",
    "to_slack_messages",
]
