"""The thin Slack adapter: /korea through slack-bolt, in Socket Mode or over HTTP, one codebase.

Every command is acknowledged at once (Slack allows 3 seconds): help and bad input are answered
in the acknowledgement itself; everything else is queued on a Backlog, acknowledged empty, then
answered through the command's response_url (or, when the backlog is full, acknowledged with
"busy, try again"). Only this module sees a Slack payload.

Why process_before_response: by default bolt runs each listener on its 5-thread executor and
polls every 10 ms for the ack, so an ack cost >= 10 ms and, in a burst, waited for a free thread
behind other commands' searches (p99 451 ms for 50 at once). Here the listener runs on the
request's own thread, does only parse + queue + ack (~0.08 ms of CPU), and bolt returns the ack
as soon as it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot import compose
from bot.commands import replies
from bot.commands.backlog import Backlog
from bot.commands.command import Command
from bot.commands.context import CommandContext, CommandServices, Reply
from bot.commands.grammar import parse
from bot.commands.handlers import is_public, is_quick, run
from bot.errors import CommandError

log = logging.getLogger(__name__)

SLASH_COMMAND = "/korea"


def make_slack_app(
    *,
    token: str,
    signing_secret: str,
    services: CommandServices,
    api_url: str | None = None,
    verify_token: bool = True,
    backlog: Backlog,
) -> App:
    """A bolt App with /korea registered; `api_url` points the Web API elsewhere (SLACK_API_URL).

    Work after the ack runs on `backlog`, which its owner (the server) closes.
    """
    base_url = (api_url or WebClient.BASE_URL).rstrip("/") + "/"
    app = App(
        client=WebClient(token=token, base_url=base_url),
        signing_secret=signing_secret,
        token_verification_enabled=verify_token,
        process_before_response=True,  # the listener acks on the request thread, no 10 ms poll
    )
    register_commands(app, services, backlog=backlog)
    return app


def register_commands(app: App, services: CommandServices, *, backlog: Backlog) -> None:
    """Listen for /korea on `app`: ack within 3 s, answer through response_url from `backlog`."""
    app.command(SLASH_COMMAND)(_listener(services, backlog))


def run_socket_mode(app: App, *, app_token: str) -> None:
    """Serve `app` over Socket Mode (SLACK_APP_TOKEN): no public URL needed. Blocks."""
    SocketModeHandler(app, app_token).start()  # type: ignore[no-untyped-call]


def _listener(services: CommandServices, backlog: Backlog) -> Callable[..., None]:
    def on_korea(ack: Ack, respond: Respond, command: dict[str, Any], client: WebClient) -> None:
        ctx = to_context(command, services=services, client=client)
        try:
            parsed = parse(command.get("text") or "")
        except CommandError as exc:
            ack(text=str(exc), response_type="ephemeral")
            return
        if is_quick(parsed):
            ack(text=run(parsed, ctx).text, response_type="ephemeral")
            return
        if backlog.submit(partial(_answer, parsed, ctx, respond=respond)):
            ack()
        else:
            ack(text=replies.BUSY, response_type="ephemeral")

    return on_korea


def _answer(parsed: Command, ctx: CommandContext, *, respond: Respond) -> None:
    reply = run(parsed, ctx)
    public = is_public(parsed)
    for message in to_slack_responses(reply, public=public):
        try:
            respond(**message)
        except (SlackApiError, SlackRequestError, OSError) as exc:
            log.warning("slack.respond_failed user=%s error=%s", ctx.caller, exc)
            return
    log.info("slack.answered user=%s command=%s", ctx.caller, type(parsed).__name__)


def to_context(
    command: dict[str, Any], *, services: CommandServices, client: WebClient
) -> CommandContext:
    """A slash-command payload -> who asked, where, when (workspace admin asked only if needed)."""
    caller = str(command.get("user_id") or "")
    return CommandContext(
        services=services,
        now=services.clock(),
        caller=caller,
        channel=str(command.get("channel_id") or ""),
        platform="slack",
        is_platform_admin=lambda: is_workspace_admin(client, caller),
    )


def is_workspace_admin(client: WebClient, user: str) -> bool:
    """users.info says the user is a workspace admin or owner (needs users:read)."""
    try:
        info = client.users_info(user=user).get("user") or {}
    except (SlackApiError, SlackRequestError, OSError) as exc:
        log.warning("slack.users_info_failed user=%s error=%s", user, exc)
        return False
    return bool(info.get("is_admin") or info.get("is_owner"))


def to_slack_responses(reply: Reply, *, public: bool) -> list[dict[str, Any]]:
    """Reply -> response_url payloads: text, or a rendered digest (one payload per message)."""
    response_type = "in_channel" if public else "ephemeral"
    if reply.digest is None:
        return [{"text": reply.text, "response_type": response_type}]
    return [
        {"text": message["text"], "blocks": message["blocks"], "response_type": response_type}
        for message in compose.to_slack_messages(reply.digest)
    ]
