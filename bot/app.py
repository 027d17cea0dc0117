"""Composition root: reads settings once, builds the clients, wires the stages into Services."""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Callable, MutableMapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

import httpx
from apscheduler.triggers.cron import CronTrigger

from bot import deliver, ingest, store
from bot.analyze.cluster import ProfileCache
from bot.analyze.llm import LLMConfig, StoryWriter, make_llm
from bot.analyze.rules import RelevanceRules
from bot.errors import ConfigError
from bot.model import FeedSource
from bot.pipeline import ChatPosters, Destination, DigestPolicy, Services
from bot.settings import DestinationConfig, Settings, load_toml

log = logging.getLogger(__name__)

USER_AGENT = "Peninsula/0.1 (+https://github.com/peninsula-bot; Korea news briefing bot)"


def load_rules(config_dir: Path) -> RelevanceRules:
    """config/relevance.toml -> RelevanceRules; a missing or bad file names itself."""
    path = config_dir / "relevance.toml"
    if not path.exists():
        raise ConfigError(
            "missing: relevance rules are needed; restore config/relevance.toml from the repo "
            "or set PENINSULA_CONFIG_DIR",
            file=str(path),
        )
    try:
        return RelevanceRules.from_mapping(load_toml(path))
    except ConfigError as exc:
        raise ConfigError(str(exc), file=str(path)) from exc


def build_limits(settings: Settings) -> ingest.FetchLimits:
    poll = settings.main.poll
    return ingest.FetchLimits(
        max_bytes=poll.max_bytes,
        timeout=poll.timeout_seconds,
        deadline=poll.deadline_seconds,
        user_agent=USER_AGENT,
        allow_hosts=poll.allow_hosts,  # used where the address guard is on: article pages
    )


def build_http(limits: ingest.FetchLimits) -> httpx.Client:
    """One pooled HTTP client for all feed fetches."""
    return httpx.Client(
        timeout=limits.timeout,
        headers={"User-Agent": limits.user_agent},
        limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
    )


def build_llm(
    settings: Settings, *, cache: MutableMapping[str, str] | None = None
) -> StoryWriter | None:
    """The LLM writer when a key or base URL is set; None (offline) otherwise, said once.

    `cache` keeps answers by content hash (the store's, in the running bot), so a story is
    never summarized twice, even across restarts.
    """
    if not settings.llm_enabled:
        log.info(
            "llm.offline reason=no OPENAI_API_KEY or PENINSULA_LLM_BASE_URL; extractive summaries"
        )
        return None
    secrets, section = settings.secrets, settings.main.llm
    return make_llm(
        LLMConfig(
            api_key=secrets.openai_api_key or "not-needed",
            base_url=secrets.peninsula_llm_base_url,
            model=secrets.peninsula_llm_model or section.model,
            timeout_s=section.timeout_seconds,
            token_budget_per_digest=section.token_budget_per_digest,
        ),
        cache=cache,
    )


def build_destination(
    config: DestinationConfig, settings: Settings, *, stream: TextIO, http: httpx.Client
) -> Destination | None:
    """A configured destination with its sink, or None (logged) when its credentials are missing."""
    tz = config.timezone or settings.main.digest.timezone
    if config.kind == "slack":
        token = settings.secrets.slack_bot_token
        if not token:
            log.warning(
                "destination.skipped name=%s reason=SLACK_BOT_TOKEN is not set", config.name
            )
            return None
        client = deliver.make_slack_client(token, base_url=settings.secrets.slack_api_url)
        return Destination(
            config.name, "slack", tz, slack=deliver.SlackPoster(client), channel=config.channel
        )
    if config.kind == "discord_webhook":
        url = os.environ.get(config.webhook_env or "")
        if not url:
            log.warning(
                "destination.skipped name=%s reason=%s is not set", config.name, config.webhook_env
            )
            return None
        return Destination(
            config.name, "discord_webhook", tz, discord=deliver.DiscordPoster(http), webhook_url=url
        )
    return Destination(config.name, "terminal", tz, terminal=deliver.TerminalSink(stream))


def build_destinations(
    settings: Settings, *, stream: TextIO, http: httpx.Client
) -> tuple[Destination, ...]:
    """All usable destinations; with none usable, the terminal (so digests are never lost)."""
    built = [
        build_destination(config, settings, stream=stream, http=http)
        for config in settings.main.destinations
    ]
    usable = tuple(destination for destination in built if destination is not None)
    if usable:
        return usable
    tz = settings.main.digest.timezone
    return (Destination("terminal", "terminal", tz, terminal=deliver.TerminalSink(stream)),)


def build_chat(settings: Settings, *, http: httpx.Client) -> ChatPosters:
    """The bot-token posters for chat subscribers (/korea subscribe); None where unset."""
    secrets = settings.secrets
    slack = None
    if secrets.slack_bot_token:
        client = deliver.make_slack_client(secrets.slack_bot_token, base_url=secrets.slack_api_url)
        slack = deliver.SlackPoster(client)
    token = secrets.discord_bot_token
    return ChatPosters(
        slack=slack,
        discord=deliver.DiscordPoster(http) if token else None,
        discord_token=token,
        discord_api_url=secrets.discord_api_url,
    )


def next_digest_time(cron: str) -> Callable[[datetime, str], datetime | None]:
    """(now, timezone) -> when the digest cron fires next in that timezone."""

    def upcoming(now: datetime, timezone: str) -> datetime | None:
        fire: datetime | None = CronTrigger.from_crontab(
            cron, timezone=timezone
        ).get_next_fire_time(None, now)
        return fire

    return upcoming


def build_services(
    settings: Settings,
    *,
    feeds: Sequence[FeedSource] | None = None,
    database_url: str | None = None,
    stream: TextIO | None = None,  # None: sys.stdout as it is at call time, not import time
) -> Services:
    """Settings -> Services: the one place clients are constructed."""
    limits = build_limits(settings)
    http = build_http(limits)
    opened = store.open_store(database_url or settings.database_url)
    digest = settings.main.digest
    return Services(
        store=opened,
        http=http,
        feeds=tuple(feeds if feeds is not None else settings.feeds),
        limits=limits,
        rules=load_rules(settings.config_dir),
        destinations=build_destinations(settings, stream=stream or sys.stdout, http=http),
        policy=DigestPolicy(
            max_stories=digest.max_stories,
            first_run_lookback=timedelta(hours=digest.first_run_lookback_hours),
            story_window_hours=digest.story_window_hours,
            next_digest=next_digest_time(digest.schedule),
        ),
        writer=build_llm(settings, cache=store.AnswerCache(opened)),
        worker=f"{socket.gethostname()}:{os.getpid()}",
        concurrency=settings.main.poll.concurrency,
        per_host=settings.main.poll.per_host,
        chat=build_chat(settings, http=http),
        added_feeds=feeds is None,  # feeds given on the command line are all that is polled
        profiles=ProfileCache(limit=digest.story_profiles_max),
        full_text=ingest.FullTextLimits(
            max_per_feed=settings.main.poll.full_text_max_per_cycle,
            spacing=settings.main.poll.full_text_spacing_seconds,
            retry=ingest.PageRetryPolicy(
                max_tries=settings.main.poll.full_text_retries,
                first_retry_minutes=settings.main.poll.full_text_retry_minutes,
                give_up_hours=settings.main.poll.full_text_give_up_hours,
            ),
        ),
        full_text_default=settings.main.poll.full_text,
    )


def close_services(services: Services) -> None:
    services.http.close()
    services.store.close()
