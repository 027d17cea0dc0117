"""The feeds Peninsula polls: config/feeds.toml merged with what admins changed in chat.

Chat changes live in the store, so they survive a restart and every instance sees them.
Removing a configured feed stores it as disabled (config would otherwise bring it back on the
next start); adding its URL again enables it. A chat-added feed is simply forgotten on removal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot import store
from bot.model import FeedSource
from bot.pipeline.services import Services


def current_sources(services: Services) -> tuple[FeedSource, ...]:
    """The feeds to poll now: configured ones not removed in chat, then the chat-added ones."""
    if not services.added_feeds:
        return services.feeds
    return merge_sources(services.feeds, store.saved_sources(services.store))


def merge_sources(
    configured: Sequence[FeedSource], saved: Sequence[tuple[FeedSource, bool]]
) -> tuple[FeedSource, ...]:
    """Config + chat changes -> feeds; a saved row overrides the configured feed of its name.

    The store does not keep `full_text`: a configured feed saved again (moved for good) keeps
    the configured choice.
    """
    changed = {source.name for source, _ in saved}
    kept = [source for source in configured if source.name not in changed]
    chosen = {source.name: source.full_text for source in configured}
    added = [_choice_kept(source, chosen) for source, enabled in saved if enabled]
    return (*kept, *added)


def _choice_kept(saved: FeedSource, chosen: dict[str, bool | None]) -> FeedSource:
    if saved.full_text is not None or saved.name not in chosen:
        return saved
    return replace(saved, full_text=chosen[saved.name])


def next_poll(services: Services) -> datetime | None:
    """When the next of the current feeds is due (None before the first poll)."""
    urls = {source.url for source in current_sources(services)}
    due = [
        state.next_check
        for state in store.feed_states(services.store)
        if state.url in urls and state.next_check is not None and not state.gone
    ]
    return min(due, default=None)


class StoredFeeds:
    """A FeedCatalog for /korea feeds whose changes persist in the store (see module doc)."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def sources(self) -> Sequence[FeedSource]:
        return current_sources(self._services)

    def add(self, source: FeedSource) -> None:
        """Poll `source` from now on; a configured feed's URL re-enables that feed."""
        configured = self._configured(url=source.url)
        if configured is not None:
            store.delete_source(self._services.store, name=configured.name)
        else:
            store.save_source(self._services.store, source=source)

    def remove(self, name: str) -> bool:
        """Stop polling the feed `name`; False when no current feed has that name."""
        if name not in {source.name for source in self.sources()}:
            return False
        configured = next((s for s in self._services.feeds if s.name == name), None)
        if configured is not None:
            store.save_source(self._services.store, source=configured, enabled=False)
        else:
            store.delete_source(self._services.store, name=name)
        return True

    def _configured(self, *, url: str) -> FeedSource | None:
        return next((source for source in self._services.feeds if source.url == url), None)
