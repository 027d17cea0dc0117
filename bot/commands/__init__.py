"""commands: the /korea chat grammar, its handlers, and thin Slack and Discord adapters.

Takes the text a user typed after /korea (from Slack or Discord) and who typed it where;
returns the reply they see. `grammar.parse` and `replies` are pure; handlers read and write
through bot.store and shape stories with bot.compose. Only slack.py sees a Slack payload and
only discord.py a Discord interaction. Must never import bot.app or bot.settings, speak SQL,
or leave a user without an answer.
"""

from bot.commands.context import CommandContext, CommandServices, FeedCatalog, FeedList, Reply
from bot.commands.discord import DiscordEndpoint
from bot.commands.discord_api import InteractionWebhook, command_definitions, register_commands_http
from bot.commands.grammar import parse
from bot.commands.handlers import answer, run
from bot.commands.server import make_server
from bot.commands.slack import make_slack_app, register_commands, run_socket_mode

__all__ = [
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
