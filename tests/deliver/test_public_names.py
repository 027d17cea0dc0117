"""The deliver stage's public surface, pinned."""

from __future__ import annotations

import bot.deliver


def test_public_names() -> None:
    assert sorted(bot.deliver.__all__) == [
        "DiscordPoster",
        "SlackPoster",
        "TerminalSink",
        "make_slack_client",
    ]
