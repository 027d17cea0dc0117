"""What subscribers receive: scheduled digests of the stories they follow, and instant alerts.

send_subscriber_digests: store.subscriptions -> [slot due, not quiet] -> store.recent_items
    -> analyze.compile_interests -> queue_digest (compose + store.enqueue_delivery) -> flush_outbox
send_alerts:             new Korea items -> analyze.compile_interests -> compose.build_digest
    -> compose.alert_* -> store.enqueue_delivery -> flush_outbox

Once only, across restarts: a digest's outbox key is destination + slot, an alert's is
destination + story, and a story enqueued for a destination (alert or digest) is never
enqueued there again. A digest time that falls inside quiet hours waits for their end; an
alert inside quiet hours is not sent (the story goes into the next digest instead).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from itertools import groupby
from typing import Any, TypeVar

from bot import analyze, compose, store
from bot.errors import ConfigError
from bot.model import Digest, Story, StoryItem, Subscription
from bot.pipeline.digests import queue_digest, story_id, unposted
from bot.pipeline.outbox import flush_outbox
from bot.pipeline.services import Destination, Services
from bot.pipeline.slots import EPOCH, due_slot, is_quiet
from bot.pipeline.subscribers import subscriber_destination

log = logging.getLogger(__name__)

Following = dict[str, list[Subscription]]
T = TypeVar("T")


def send_subscriber_digests(services: Services, *, now: datetime) -> list[Digest]:
    """Queue one digest for each subscriber destination whose time has come, then post them."""
    digests = [
        digest
        for name, subs in following(services).items()
        if (digest := _guarded(name, partial(_digest_for, services, name, subs, now=now)))
    ]
    if digests:
        flush_outbox(services, now=now)
    return digests


def send_alerts(services: Services, items: Sequence[StoryItem], *, now: datetime) -> int:
    """New Korea items -> one alert per story per destination following it instantly; count."""
    if not items:
        return 0
    queued = sum(
        _guarded(name, partial(_alerts_for, services, name, subs, items, now=now)) or 0
        for name, subs in following(services).items()
        if any(sub.instant for sub in subs)
    )
    if queued:
        flush_outbox(services, now=now)
    return queued


def following(services: Services) -> Following:
    """Destination name -> its subscriptions."""
    found = store.subscriptions(services.store)
    return {name: list(subs) for name, subs in groupby(found, key=lambda s: s.destination)}


def _guarded(name: str, work: Callable[[], T]) -> T | None:
    """One destination's work; its bad subscription (a time or zone we cannot read) is logged
    and skipped so the other destinations still get theirs."""
    try:
        return work()
    except (ValueError, KeyError, ConfigError) as exc:
        log.warning("following.destination_failed destination=%s error=%s", name, exc)
        return None


def _digest_for(
    services: Services, name: str, subs: list[Subscription], *, now: datetime
) -> Digest | None:
    since = _since(services, name, subs)
    slot = due_slot(subs, since=since, now=now)
    if slot is None:
        return None
    if is_quiet(subs, now=now):
        log.info("following.digest_deferred destination=%s reason=quiet hours", name)
        return None
    destination = subscriber_destination(services, name, timezone=_timezone(subs))
    if destination is None:
        return None
    interests = analyze.compile_interests(subs)
    items = [i for i in store.recent_items(services.store, since=since) if interests.triggered(i)]
    key = f"{name}:digest:{slot.astimezone(UTC).isoformat()}"
    return queue_digest(services, destination, unposted(services, name, items), now=now, key=key)


def _since(services: Services, name: str, subs: Sequence[Subscription]) -> datetime:
    """From when this destination's digest reaches back: its last digest, or its first follow."""
    start = min((sub.created or EPOCH for sub in subs), default=EPOCH)
    cursor = store.get_cursor(services.store, destination=name)
    return max(cursor, start) if cursor else start


def _timezone(subs: Sequence[Subscription]) -> str:
    scheduled = [sub for sub in subs if sub.times] or list(subs)
    return scheduled[0].timezone


def _alerts_for(
    services: Services,
    name: str,
    subs: list[Subscription],
    items: Sequence[StoryItem],
    *,
    now: datetime,
) -> int:
    if is_quiet(subs, now=now):
        log.info("following.alerts_quiet destination=%s", name)
        return 0
    interests = analyze.compile_interests([sub for sub in subs if sub.instant])
    triggers = _first_triggers(interests, items)
    matched = [item for item in items if story_id(item) in triggers]
    destination = (
        subscriber_destination(services, name, timezone=_timezone(subs)) if matched else None
    )
    if destination is None:
        return 0
    fresh = unposted(services, name, matched)
    stories = compose.build_digest(
        fresh, destination=name, now=now, timezone=destination.timezone, max_stories=len(fresh)
    ).stories
    for story in stories:
        _enqueue_alert(services, destination, story, trigger=triggers[story.id], now=now)
    return len(stories)


def _first_triggers(
    interests: analyze.Interests, items: Sequence[StoryItem]
) -> dict[str, Subscription]:
    """Story id -> the first subscription one of its items triggered."""
    triggers: dict[str, Subscription] = {}
    for item in items:
        found = interests.triggered(item)
        if found:
            triggers.setdefault(story_id(item), found[0])
    return triggers


def _enqueue_alert(
    services: Services,
    destination: Destination,
    story: Story,
    *,
    trigger: Subscription,
    now: datetime,
) -> None:
    store.enqueue_delivery(
        services.store,
        key=f"{destination.name}:alert:{story.id}",
        destination=destination.name,
        payload=render_alert(destination, story, trigger=trigger_text(trigger)),
        story_ids=[story.id],
        now=now,
    )
    log.info("following.alert destination=%s story=%s", destination.name, story.id)


def trigger_text(subscription: Subscription) -> str:
    """What the alert is prefixed with: the topic, or the phrase in quotes."""
    value = subscription.value.strip()
    return f"“{value}”" if subscription.kind == "phrase" else value


def render_alert(destination: Destination, story: Story, *, trigger: str) -> dict[str, Any]:
    """One story -> the outbox payload of an alert for this destination's kind."""
    if destination.kind == "slack":
        return {"kind": "slack", "messages": [compose.alert_slack(story, trigger=trigger)]}
    if destination.kind in ("discord_webhook", "discord_channel", "discord_user"):
        return {"kind": "discord", "messages": [compose.alert_discord(story, trigger=trigger)]}
    return {"kind": "terminal", "text": compose.alert_text(story, trigger=trigger)}
