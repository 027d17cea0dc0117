"""deliver: post rendered digests to the terminal, Slack (slack-sdk) and Discord (HTTP).

Takes rendered messages and a destination; returns a Receipt. Thin I/O only: never decides
what to post, never retries forever. A Receipt with `retryable=False` means retrying will
not help (missing channel, revoked token): pause the destination and show the reason.
"""

from __future__ import annotations

from bot.deliver.discord import DiscordPoster
from bot.deliver.slack import SlackPoster, make_slack_client
from bot.deliver.terminal import TerminalSink

__all__ = ["DiscordPoster", "SlackPoster", "TerminalSink", "make_slack_client"]
