"""`peninsula serve` and the chat side of `peninsula run`: /korea on Slack and Discord.

Builds the command services from the same Services the pipeline uses, so a reader's query
sees exactly what the digests see. HTTP mode serves POST /slack/events, POST
/discord/interactions and GET /healthz; Socket Mode needs no public URL.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from http.server import HTTPServer

import httpx
from slack_bolt import App

from bot import commands, ingest, pipeline
from bot.commands.backlog import Backlog
from bot.commands.discord_api import DISCORD_API
from bot.errors import ConfigError, FetchError
from bot.model import FeedSource
from bot.pipeline import Services
from bot.settings import Settings

log = logging.getLogger(__name__)


def feed_checker(
    services: Services, *, allow_hosts: tuple[str, ...]
) -> Callable[[str], str | None]:
    """url -> None when it is a readable public feed, else the reason (for /korea feeds add)."""

    def check(url: str) -> str | None:
        try:
            ingest.check_public_url(url, allow_hosts=allow_hosts)
        except FetchError as exc:
            return str(exc)
        source = FeedSource(name="candidate", url=url)
        limits = ingest.FetchLimits(public_only=True, allow_hosts=allow_hosts)
        fetched, read = ingest.read_feed(
            services.http, source, None, now=datetime.now(UTC), limits=limits
        )
        if fetched.error:
            return fetched.error
        if not read.articles:
            return "; ".join(read.problems) or "no entries: this does not look like a feed"
        return None

    return check


def command_services(settings: Settings, services: Services) -> commands.CommandServices:
    """The /korea handlers' view of the running bot."""
    admins = frozenset(
        user.strip() for user in settings.secrets.peninsula_admin_users.split(",") if user.strip()
    )
    return commands.CommandServices(
        store=services.store,
        feeds=pipeline.StoredFeeds(services),
        check_feed=feed_checker(services, allow_hosts=settings.main.poll.allow_hosts),
        admins=admins,
        timezone=settings.main.digest.timezone,
        next_poll=partial(pipeline.next_poll, services),
        paused=partial(pipeline.paused, services),
    )


def slack_app(
    settings: Settings, chat: commands.CommandServices, *, backlog: Backlog
) -> App | None:
    """The bolt App when a bot token is set; None otherwise (logged)."""
    secrets = settings.secrets
    if not secrets.slack_bot_token:
        log.info("slack.commands_off reason=SLACK_BOT_TOKEN is not set")
        return None
    return commands.make_slack_app(
        token=secrets.slack_bot_token,
        signing_secret=secrets.slack_signing_secret or "",
        services=chat,
        api_url=secrets.slack_api_url,
        backlog=backlog,
    )


def discord_endpoint(
    settings: Settings,
    chat: commands.CommandServices,
    http: httpx.Client,
    *,
    backlog: Backlog,
) -> commands.DiscordEndpoint | None:
    """The interactions endpoint when a public key and application id are set."""
    secrets = settings.secrets
    if not (secrets.discord_public_key and secrets.discord_application_id):
        log.info("discord.commands_off reason=DISCORD_PUBLIC_KEY or DISCORD_APPLICATION_ID unset")
        return None
    return commands.DiscordEndpoint(
        public_key=secrets.discord_public_key,
        application_id=secrets.discord_application_id,
        services=chat,
        webhook=commands.InteractionWebhook(http, api_url=secrets.discord_api_url or DISCORD_API),
        backlog=backlog,
    )


@contextmanager
def socket_mode(settings: Settings, services: Services) -> Iterator[threading.Thread | None]:
    """Socket Mode on a daemon thread while the block runs, when SLACK_APP_TOKEN is set.

    Its commands are worked off a backlog of their own; leaving the block finishes every command
    already acknowledged, so stopping the bot never swallows an answer a user was promised.
    """
    token = settings.secrets.slack_app_token
    if not token:
        yield None
        return
    backlog = Backlog(name="socket-mode")
    try:
        app = slack_app(settings, command_services(settings, services), backlog=backlog)
        if app is None:
            yield None
            return
        thread = threading.Thread(
            target=commands.run_socket_mode, args=(app,), kwargs={"app_token": token}, daemon=True
        )
        thread.start()
        log.info("slack.socket_mode_started")
        yield thread
    finally:
        backlog.close()


def http_server(settings: Settings, services: Services, *, host: str, port: int) -> HTTPServer:
    """The HTTP server for Slack events, Discord interactions and health checks.

    Both platforms queue their work on one backlog, so a burst on one cannot double the
    database load; server_close() finishes what was acknowledged.
    """
    chat = command_services(settings, services)
    backlog = Backlog(name="commands")
    return commands.make_server(
        host=host,
        port=port,
        slack_app=slack_app(settings, chat, backlog=backlog),
        discord=discord_endpoint(settings, chat, services.http, backlog=backlog),
        backlog=backlog,
    )


def register_discord(settings: Settings, *, guild_id: str | None) -> int:
    """PUT the /korea command definition to Discord; returns how many commands it holds."""
    secrets = settings.secrets
    if not (secrets.discord_application_id and secrets.discord_bot_token):
        raise ConfigError(
            "set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN to register the /korea command",
            file="environment",
        )
    with httpx.Client(timeout=20) as client:
        registered = commands.register_commands_http(
            client,
            application_id=secrets.discord_application_id,
            token=secrets.discord_bot_token,
            api_url=secrets.discord_api_url or DISCORD_API,
            guild_id=guild_id,
        )
    return len(registered)
