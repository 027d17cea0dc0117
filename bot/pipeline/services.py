"""What the pipeline is given and what it reports: Services (wired once by bot.app),
Destinations with their sinks, the digest policy, and one poll cycle's CycleReport.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from bot import deliver, ingest, store
from bot.analyze.cluster import ProfileCache
from bot.analyze.llm import StoryWriter
from bot.analyze.rules import RelevanceRules
from bot.model import FeedSource

DISCORD_API = "https://discord.com/api/v10"


@dataclass(frozen=True, slots=True)
class Destination:
    """Where digests go, with the sink that posts there (built by app, or from a subscriber)."""

    name: str
    kind: str  # "terminal" | "slack" | "discord_webhook" | "discord_channel" | "discord_user"
    timezone: str
    terminal: deliver.TerminalSink | None = None
    slack: deliver.SlackPoster | None = None
    discord: deliver.DiscordPoster | None = None
    channel: str | None = None  # Slack channel or user id; Discord channel id
    webhook_url: str | None = None
    token: str | None = None  # Discord bot token, for discord_channel and discord_user
    api_url: str = DISCORD_API


@dataclass(frozen=True, slots=True)
class ChatPosters:
    """The bot-token posters subscriber destinations use; None where credentials are missing."""

    slack: deliver.SlackPoster | None = None
    discord: deliver.DiscordPoster | None = None
    discord_token: str | None = None
    discord_api_url: str | None = None  # None: Discord's own API


def _no_next(now: datetime, timezone: str) -> datetime | None:
    return None


@dataclass(frozen=True, slots=True)
class DigestPolicy:
    max_stories: int = 10
    first_run_lookback: timedelta = timedelta(hours=12)
    story_window_hours: float = 48
    next_digest: Callable[[datetime, str], datetime | None] = _no_next  # (now, tz) -> when


@dataclass(frozen=True, slots=True)
class Services:
    """Everything the pipeline needs, wired once by bot.app."""

    store: store.Store
    http: httpx.Client
    feeds: tuple[FeedSource, ...]  # from config; chat-added feeds live in the store
    limits: ingest.FetchLimits
    rules: RelevanceRules
    destinations: tuple[Destination, ...]
    policy: DigestPolicy = DigestPolicy()
    writer: StoryWriter | None = None
    worker: str = "peninsula"
    concurrency: int = 16
    per_host: int = 2
    rng: random.Random = field(default_factory=random.Random)
    chat: ChatPosters = ChatPosters()
    added_feeds: bool = True  # poll chat-added feeds too (off when feeds come from the CLI)
    profiles: ProfileCache = field(default_factory=ProfileCache)  # story profiles between polls
    full_text: ingest.FullTextLimits = field(default_factory=ingest.FullTextLimits)  # teaser pages
    full_text_default: bool = False  # for feeds that do not say (FeedSource.full_text None)


@dataclass(frozen=True, slots=True)
class CycleReport:
    """What one poll cycle did, for the logs and /korea status."""

    polled: int = 0
    not_modified: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    new: int = 0
    korea: int = 0
    problems: tuple[tuple[str, str], ...] = field(default=())
    alerts: int = 0
