"""send_digest: store.korea_items -> compose.build_digest -> [analyze.llm] -> compose.to_*
-> store.enqueue_delivery -> flush_outbox. The digests of configured destinations.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import compose, store
from bot.model import Digest, StoryItem
from bot.pipeline.outbox import flush_outbox
from bot.pipeline.services import Destination, Services

log = logging.getLogger(__name__)


def send_digest(
    services: Services,
    destination: Destination,
    *,
    now: datetime,
    since: datetime | None = None,
    key: str | None = None,
) -> Digest | None:
    """Queue the new Korea stories since this destination's last digest, then flush the outbox.

    `since` overrides the cursor (the demo and a first `run --once` show all they fetched).
    Returns the digest queued, or None when there was nothing new.
    """
    items = _pending_items(services, destination, now=now, since=since)
    digest = queue_digest(
        services, destination, items, now=now, key=key or f"{destination.name}:{now.isoformat()}"
    )
    flush_outbox(services, now=now)
    return digest


def queue_digest(
    services: Services,
    destination: Destination,
    items: list[StoryItem],
    *,
    now: datetime,
    key: str,
) -> Digest | None:
    """Items -> one digest in the outbox under `key` (once), cursor at `now`; None if empty."""
    digest = compose.build_digest(
        items,
        destination=destination.name,
        now=now,
        timezone=destination.timezone,
        max_stories=services.policy.max_stories,
        since=store.get_cursor(services.store, destination=destination.name),
        footer=health_line(services, destination, now=now),
    )
    if not digest.stories:
        store.set_cursor(services.store, destination=destination.name, at=now)
        log.info("digest.empty destination=%s", destination.name)
        return None
    digest = _write_with_llm(services, digest)
    store.enqueue_delivery(
        services.store,
        key=key,
        destination=destination.name,
        payload=render(destination, digest),
        story_ids=[story.id for story in digest.stories],
        now=now,
    )
    store.set_cursor(services.store, destination=destination.name, at=now)
    return digest


def health_line(services: Services, destination: Destination, *, now: datetime) -> str:
    """`12 feeds polled · 1 failing (see /korea status) · next digest 18:00 KST`."""
    states = store.feed_states(services.store)
    failing = sum(1 for state in states if state.error_count or state.gone)
    parts = [f"{len(states)} feed{'s' if len(states) != 1 else ''} polled"]
    if failing:
        parts.append(f"{failing} failing (see /korea status)")
    upcoming = services.policy.next_digest(now, destination.timezone)
    if upcoming is not None:
        local = upcoming.astimezone(ZoneInfo(destination.timezone))
        parts.append(f"next digest {local:%H:%M} {local.tzname()}")
    return " · ".join(parts)


def unposted(services: Services, destination: str, items: list[StoryItem]) -> list[StoryItem]:
    """The items whose story has not been enqueued for `destination` yet."""
    posted = store.posted_story_ids(
        services.store, destination=destination, story_ids=sorted({story_id(i) for i in items})
    )
    return [item for item in items if story_id(item) not in posted]


def story_id(item: StoryItem) -> str:
    """The id compose gives the item's story (its story key, or the article's own)."""
    return item.assessment.story or f"article:{item.article.id}"


def _pending_items(
    services: Services, destination: Destination, *, now: datetime, since: datetime | None
) -> list[StoryItem]:
    # Reach back past the cursor: a story published before the last digest but polled after
    # it must still go out; what was already posted is filtered by story, not by time.
    cursor = store.get_cursor(services.store, destination=destination.name)
    reach = since or (cursor or now) - services.policy.first_run_lookback
    return unposted(services, destination.name, store.korea_items(services.store, since=reach))


def _write_with_llm(services: Services, digest: Digest) -> Digest:
    if services.writer is None:
        return digest
    writer = services.writer.for_digest()  # a fresh token budget, and a down endpoint retried
    stories = tuple(writer.brief(story) for story in digest.stories)
    return replace(digest, stories=stories, top_line=writer.top_line(stories))


def render(destination: Destination, digest: Digest) -> dict[str, Any]:
    """Digest -> the stored outbox payload for this destination's kind."""
    if destination.kind == "slack":
        return {"kind": "slack", "messages": compose.to_slack_messages(digest)}
    if destination.kind in ("discord_webhook", "discord_channel", "discord_user"):
        return {"kind": "discord", "messages": compose.to_discord_messages(digest)}
    return {"kind": "terminal", "text": compose.to_plain_text(digest)}
