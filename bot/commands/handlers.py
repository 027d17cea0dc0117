"""Handlers: a parsed Command and its CommandContext -> the Reply the user sees.

`run` never raises: a CommandError becomes its message, a StoreError or any other failure a
short apology (logged with the stack), so a user never meets a stack trace or silence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.commands import replies
from bot.commands.command import (
    Command,
    DigestNow,
    Feeds,
    Help,
    Latest,
    Quotes,
    Search,
    Status,
    Subscribe,
    Subscriptions,
    Topics,
    Unsubscribe,
)
from bot.commands.context import CommandContext, Reply
from bot.commands.following import subscribe, subscriptions, unsubscribe
from bot.commands.grammar import parse
from bot.commands.operating import feeds, status
from bot.commands.reading import digest_now, latest, quotes, search, topics
from bot.errors import CommandError, PeninsulaError

log = logging.getLogger(__name__)

HANDLERS: dict[type[Any], Callable[[Any, CommandContext], Reply]] = {
    Help: lambda command, ctx: Reply(replies.help_text(command.command)),
    Latest: latest,
    Search: search,
    Quotes: quotes,
    DigestNow: digest_now,
    Topics: topics,
    Subscribe: subscribe,
    Unsubscribe: unsubscribe,
    Subscriptions: subscriptions,
    Feeds: feeds,
    Status: status,
}


def is_quick(command: Command) -> bool:
    """Commands answered inside the 3-second acknowledgement; the rest answer later."""
    return isinstance(command, Help)


def is_public(command: Command) -> bool:
    """Only a `digest … public` is shown to the whole channel; other answers to the caller."""
    return isinstance(command, DigestNow) and command.public


def run(command: Command, ctx: CommandContext) -> Reply:
    """Command -> Reply; every failure becomes a readable reply, never an exception."""
    try:
        return HANDLERS[type(command)](command, ctx)
    except CommandError as exc:
        return Reply(str(exc))
    except PeninsulaError as exc:
        log.warning("command.failed command=%s error=%s", type(command).__name__, exc)
        return Reply(replies.FAILED)
    except Exception:
        log.exception("command.crashed command=%s", type(command).__name__)
        return Reply(replies.CRASHED)


def answer(text: str, ctx: CommandContext) -> Reply:
    """The text after /korea -> Reply: parse, then run; bad input gets its usage."""
    try:
        command = parse(text)
    except CommandError as exc:
        return Reply(str(exc))
    return run(command, ctx)
