"""Feeds changed in chat are remembered by name, survive a reopen, and paused destinations
are those whose newest finished delivery died."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.model import FeedSource
from bot.store import (
    Store,
    claim_deliveries,
    delete_source,
    enqueue_delivery,
    mark_delivered,
    mark_failed,
    open_store,
    paused_destinations,
    save_source,
    saved_sources,
)
from tests.store.examples import NOW, hours

NK_NEWS = FeedSource(name="nknews.org", url="https://www.nknews.org/feed/")
YONHAP = FeedSource(
    name="yonhap",
    url="https://en.yna.co.kr/RSS/nk.xml",
    interval_minutes=5,
    timezone="Asia/Seoul",
    outlet="Yonhap",
)


def test_nothing_is_saved_at_first(store: Store) -> None:
    assert saved_sources(store) == []


@pytest.mark.parametrize("enabled", [True, False], ids=["added", "removed"])
def test_a_saved_feed_reads_back_whole_with_its_state(store: Store, enabled: bool) -> None:
    save_source(store, source=YONHAP, enabled=enabled)
    assert saved_sources(store) == [(YONHAP, enabled)]


def test_saving_a_name_again_replaces_it(store: Store) -> None:
    save_source(store, source=YONHAP)
    moved = FeedSource(name="yonhap", url="https://en.yna.co.kr/RSS/all.xml")
    save_source(store, source=moved, enabled=False)
    assert saved_sources(store) == [(moved, False)]


def test_deleting_forgets_one_name_and_says_whether_it_was_there(store: Store) -> None:
    save_source(store, source=YONHAP)
    save_source(store, source=NK_NEWS)
    assert delete_source(store, name="yonhap") is True
    assert delete_source(store, name="yonhap") is False
    assert saved_sources(store) == [(NK_NEWS, True)]


def test_saved_feeds_survive_reopening(store_url: str) -> None:
    first = open_store(store_url)
    save_source(first, source=NK_NEWS)
    first.close()
    again = open_store(store_url)
    assert saved_sources(again) == [(NK_NEWS, True)]
    again.close()


def finish(store: Store, destination: str, *, error: str | None, at: datetime) -> None:
    """Enqueue one delivery for `destination` and finish it: delivered, or dead with `error`."""
    enqueue_delivery(
        store, key=f"{destination}:{at}", destination=destination, payload={}, story_ids=(), now=at
    )
    (delivery,) = claim_deliveries(store, worker="w", now=at)
    if error is None:
        mark_delivered(store, delivery_id=delivery.id, message_ids=["1"], now=at)
    else:
        mark_failed(store, delivery_id=delivery.id, error=error, retry_at=None, now=at)


GONE = "Slack channel not found: check the channel id and invite the bot"


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([], {}),
        ([None], {}),
        ([GONE], {"slack:channel:C1": GONE}),
        ([None, GONE], {"slack:channel:C1": GONE}),
        ([GONE, None], {}),  # a delivery that landed afterwards lifts the pause
    ],
)
def test_a_destination_is_paused_while_its_newest_finished_delivery_is_dead(
    store: Store, history: list[str | None], expected: dict[str, str]
) -> None:
    for n, error in enumerate(history):
        finish(store, "slack:channel:C1", error=error, at=NOW + hours(n))
    finish(store, "slack:channel:C2", error=None, at=NOW + hours(9))
    assert paused_destinations(store) == expected


def test_a_delivery_still_being_retried_does_not_pause(store: Store) -> None:
    enqueue_delivery(
        store, key="k", destination="slack:channel:C1", payload={}, story_ids=(), now=NOW
    )
    (delivery,) = claim_deliveries(store, worker="w", now=NOW)
    mark_failed(store, delivery_id=delivery.id, error="HTTP 503", retry_at=NOW + hours(1), now=NOW)
    assert paused_destinations(store) == {}
