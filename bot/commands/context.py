"""What a handler is given: the services wired once by bot.app, and who asked, where and when.

Handlers receive plain values, never a Slack payload or a Discord interaction; the adapters
build a CommandContext from those and hand it over.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from bot.model import Digest, FeedSource
from bot.store import Store


class FeedCatalog(Protocol):
    """The feeds Peninsula reads; admins change them with /korea feeds."""

    def sources(self) -> Sequence[FeedSource]: ...

    def add(self, source: FeedSource) -> None: ...

    def remove(self, name: str) -> bool: ...


class FeedList:
    """A thread-safe in-memory FeedCatalog, seeded from config/feeds.toml by bot.app."""

    def __init__(self, sources: Sequence[FeedSource] = ()) -> None:
        self._sources = list(sources)
        self._lock = threading.Lock()

    def sources(self) -> Sequence[FeedSource]:
        with self._lock:
            return tuple(self._sources)

    def add(self, source: FeedSource) -> None:
        with self._lock:
            self._sources = [s for s in self._sources if s.name != source.name] + [source]

    def remove(self, name: str) -> bool:
        with self._lock:
            kept = [s for s in self._sources if s.name != name]
            removed = len(kept) != len(self._sources)
            self._sources = kept
            return removed


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _no_time() -> datetime | None:
    return None


def _not_admin() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class CommandServices:
    """Everything the /korea handlers need, wired once by bot.app."""

    store: Store
    feeds: FeedCatalog
    check_feed: Callable[[str], str | None]  # url -> None if it is a feed, else the reason
    admins: frozenset[str] = frozenset()  # platform user ids allowed to change feeds
    timezone: str = "Asia/Seoul"
    default_times: tuple[str, ...] = ("08:00", "18:00")
    digest_hours: float = 24  # how far back /korea digest reaches
    clock: Callable[[], datetime] = _utc_now
    next_poll: Callable[[], datetime | None] = _no_time  # from the scheduler, when known
    paused: Callable[[], dict[str, str]] = dict  # destination -> why deliveries stopped


@dataclass(frozen=True, slots=True)
class CommandContext:
    """One command's circumstances: who asked, in which channel, on which platform, when."""

    services: CommandServices
    now: datetime
    caller: str
    channel: str
    platform: str  # "slack" | "discord"
    is_platform_admin: Callable[[], bool] = _not_admin  # asked only when it matters (feeds)

    def destination(self, target: str) -> str:
        """'here' -> 'slack:channel:C1'; 'me' -> 'slack:user:U1' (direct messages)."""
        if target == "me":
            return f"{self.platform}:user:{self.caller}"
        return f"{self.platform}:channel:{self.channel}"

    def is_admin(self) -> bool:
        """A configured admin, or (Slack) a workspace admin."""
        return self.caller in self.services.admins or self.is_platform_admin()


@dataclass(frozen=True, slots=True)
class Reply:
    """What the user sees: text, or a digest the adapter renders for its platform."""

    text: str
    public: bool = False  # in the channel for everyone, or only for the caller
    digest: Digest | None = None
