"""Feed state: remembered per URL, replaced on save, carried over on a permanent redirect."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.model import FeedState
from bot.store import Store, feed_states, get_feed_state, move_feed, put_feed_state
from tests.store.examples import NOW

HEALTHY = FeedState(
    url="https://example.org/rss",
    etag='W/"abc"',
    last_modified="Wed, 06 Mar 2024 07:00:00 GMT",
    body_hash="sha256:1",
    last_status=200,
    last_success=NOW,
    next_check=NOW + timedelta(minutes=15),
)
FAILING = FeedState(
    url="https://example.org/rss", last_status=503, error_count=3, last_error="HTTP 503", gone=True
)


def test_an_unknown_feed_has_no_state(store: Store) -> None:
    assert get_feed_state(store, url="https://nowhere.example/rss") is None


@pytest.mark.parametrize("state", [HEALTHY, FAILING], ids=["healthy", "failing"])
def test_a_saved_state_reads_back_equal(store: Store, state: FeedState) -> None:
    put_feed_state(store, state=state)
    assert get_feed_state(store, url=state.url) == state


def test_saving_again_replaces_every_field(store: Store) -> None:
    put_feed_state(store, state=HEALTHY)
    put_feed_state(store, state=FAILING)
    assert get_feed_state(store, url=HEALTHY.url) == FAILING
    assert feed_states(store) == [FAILING]


def test_feed_states_lists_every_feed_by_url(store: Store) -> None:
    urls = ["https://b.example/rss", "https://a.example/rss", "https://c.example/rss"]
    for url in urls:
        put_feed_state(store, state=FeedState(url=url))
    assert [state.url for state in feed_states(store)] == sorted(urls)


@pytest.mark.parametrize("times", [1, 2])
def test_move_feed_carries_the_state_to_the_new_url(store: Store, times: int) -> None:
    put_feed_state(store, state=HEALTHY)
    for _ in range(times):
        move_feed(store, old_url=HEALTHY.url, new_url="https://example.org/feed.xml")
    moved = get_feed_state(store, url="https://example.org/feed.xml")
    assert moved is not None
    assert moved.etag == HEALTHY.etag
    assert get_feed_state(store, url=HEALTHY.url) is None


def test_move_feed_onto_a_known_url_keeps_the_newer_row(store: Store) -> None:
    newer = FeedState(url="https://example.org/feed.xml", etag="new")
    put_feed_state(store, state=HEALTHY)
    put_feed_state(store, state=newer)
    move_feed(store, old_url=HEALTHY.url, new_url=newer.url)
    assert feed_states(store) == [newer]
