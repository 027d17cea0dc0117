"""The names other packages may use from bot.commands; a change here is a change of contract."""

from __future__ import annotations

import bot.commands


def test_the_public_names_are_pinned() -> None:
    assert sorted(bot.commands.__all__) == [
        "CommandContext",
        "CommandServices",
        "DiscordEndpoint",
        "FeedCatalog",
        "FeedList",
        "InteractionWebhook",
        "Reply",
        "answer",
        "command_definitions",
        "make_server",
        "make_slack_app",
        "parse",
        "register_commands",
        "register_commands_http",
        "run",
        "run_socket_mode",
    ]
    for name in bot.commands.__all__:
        assert getattr(bot.commands, name) is not None
