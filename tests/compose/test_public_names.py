"""The compose stage's public surface, pinned."""

from __future__ import annotations

import bot.compose


def test_public_names() -> None:
    assert sorted(bot.compose.__all__) == [
        "alert_discord",
        "alert_slack",
        "alert_text",
        "build_digest",
        "to_discord_messages",
        "to_plain_text",
        "to_slack_messages",
    ]
    assert all(callable(getattr(bot.compose, name)) for name in bot.compose.__all__)
