"""The thin Discord adapter: /korea through the HTTP interactions endpoint.

Every request is verified first (Ed25519 over timestamp + body with the application's public
key, PyNaCl; stale timestamps refused as replays). PING gets PONG. Help and bad input are
answered at once; anything else is queued on a Backlog and deferred within Discord's 3 seconds,
then answered by editing the deferred message through the interaction webhook. When the backlog
is full the caller is told at once that the bot is busy. Only this module and discord_api.py see
a Discord payload. (Ed25519 verification costs ~0.04 ms: the ack path is cheap already.)
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from bot.commands import replies
from bot.commands.backlog import Backlog
from bot.commands.command import Command
from bot.commands.context import CommandContext, CommandServices
from bot.commands.discord_api import DISCORD_API, InteractionWebhook, to_discord_messages
from bot.commands.grammar import parse
from bot.commands.handlers import is_public, is_quick, run
from bot.errors import CommandError

log = logging.getLogger(__name__)

PING, APPLICATION_COMMAND = 1, 2
PONG, ANSWER, DEFERRED = 1, 4, 5
EPHEMERAL = 1 << 6
MAX_AGE_SECONDS = 300  # older signed requests are replays


class DiscordEndpoint:
    """POST /discord/interactions: (body, headers) -> (HTTP status, JSON response)."""

    def __init__(
        self,
        *,
        public_key: str,
        application_id: str,
        services: CommandServices,
        webhook: InteractionWebhook,
        backlog: Backlog,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Follow-ups run on `backlog`, shared with the server that acknowledges them."""
        self._key = VerifyKey(bytes.fromhex(public_key))
        self._application_id = application_id
        self._services = services
        self._webhook = webhook
        self._clock = clock
        self._backlog = backlog

    def handle(self, body: bytes, *, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        """Verify, then answer: 401 for a bad or stale signature, PONG, an answer or a deferral."""
        if not self.is_verified(body, headers=headers):
            return 401, {"error": "invalid request signature"}
        try:
            interaction = _json(body)
        except ValueError:
            return 400, {"error": "body is not a JSON object"}
        if interaction.get("type") == PING:
            return 200, {"type": PONG}
        if interaction.get("type") == APPLICATION_COMMAND:
            return 200, self._command(interaction)
        return 400, {"error": "unsupported interaction type"}

    def is_verified(self, body: bytes, *, headers: Mapping[str, str]) -> bool:
        """X-Signature-Ed25519 signs X-Signature-Timestamp + body, and the timestamp is fresh."""
        signature = headers.get("x-signature-ed25519", "")
        stamp = headers.get("x-signature-timestamp", "")
        try:
            fresh = abs(self._clock() - int(stamp)) <= MAX_AGE_SECONDS
            self._key.verify(stamp.encode() + body, bytes.fromhex(signature))
        except (ValueError, BadSignatureError):
            return False
        return fresh

    def close(self) -> None:
        """Finish the follow-ups accepted so far, then stop the workers."""
        self._backlog.close()

    def _command(self, interaction: dict[str, Any]) -> dict[str, Any]:
        ctx = to_context(interaction, services=self._services)
        try:
            parsed = parse(command_text(interaction.get("data") or {}))
        except CommandError as exc:
            return _answer(str(exc))
        if is_quick(parsed):
            return _answer(run(parsed, ctx).text)
        public = is_public(parsed)
        token = str(interaction.get("token") or "")
        job = partial(self._follow_up, parsed, ctx, token=token, public=public)
        if not self._backlog.submit(job):
            return _answer(replies.BUSY)
        return {"type": DEFERRED, "data": {} if public else {"flags": EPHEMERAL}}

    def _follow_up(self, parsed: Command, ctx: CommandContext, *, token: str, public: bool) -> None:
        try:
            messages = to_discord_messages(run(parsed, ctx), public=public)
            self._webhook.send(self._application_id, token, messages)
        except Exception:  # a worker thread: log it with who asked, or nobody ever will
            log.exception("discord.follow_up_failed user=%s", ctx.caller)


def command_text(data: Mapping[str, Any]) -> str:
    """/korea search args:"kim since:7d" -> 'search kim since:7d' (subcommand + its args)."""
    words: list[str] = []
    for option in data.get("options") or []:
        if option.get("type") == 1:  # a subcommand and its options
            words.append(str(option.get("name", "")))
            words.extend(str(inner.get("value", "")) for inner in option.get("options") or [])
        else:
            words.append(str(option.get("value", "")))
    return " ".join(word for word in words if word)


def to_context(interaction: Mapping[str, Any], *, services: CommandServices) -> CommandContext:
    """An interaction -> who asked (guild member or DM user), where, when."""
    member = interaction.get("member") or {}
    user = member.get("user") or interaction.get("user") or {}
    return CommandContext(
        services=services,
        now=services.clock(),
        caller=str(user.get("id") or ""),
        channel=str(interaction.get("channel_id") or ""),
        platform="discord",
    )


def _answer(text: str) -> dict[str, Any]:
    content = text if len(text) <= 2000 else text[:1999] + "…"
    data = {"content": content, "flags": EPHEMERAL, "allowed_mentions": {"parse": []}}
    return {"type": ANSWER, "data": data}


def _json(body: bytes) -> dict[str, Any]:
    value = json.loads(body)  # JSONDecodeError is a ValueError
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value


__all__ = ["DISCORD_API", "DiscordEndpoint", "command_text", "to_context"]
