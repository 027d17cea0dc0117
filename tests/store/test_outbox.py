"""The outbox: enqueue once per key, claim exclusively, retry, expire leases, give up."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from bot.store import (
    Store,
    claim_deliveries,
    delivery_counts,
    enqueue_delivery,
    get_cursor,
    mark_delivered,
    mark_failed,
    open_store,
    posted_story_ids,
    set_cursor,
)
from tests.store.examples import NOW, hours

PAYLOAD = {"blocks": [{"type": "header", "text": "Korea brief"}], "text": "Korea brief ✓"}


def enqueue(store: Store, key: str, *, stories: tuple[str, ...] = ("s1", "s2")) -> str | None:
    return enqueue_delivery(
        store, key=key, destination="slack:C1", payload=PAYLOAD, story_ids=stories, now=NOW
    )


def test_no_cursor_until_one_is_set_then_the_latest_wins(store: Store) -> None:
    assert get_cursor(store, destination="slack:C1") is None
    set_cursor(store, destination="slack:C1", at=NOW)
    set_cursor(store, destination="slack:C1", at=NOW + hours(10))
    set_cursor(store, destination="discord:1", at=NOW - hours(1))
    assert get_cursor(store, destination="slack:C1") == NOW + hours(10)
    assert get_cursor(store, destination="discord:1") == NOW - hours(1)


def test_the_same_key_enqueued_twice_yields_one_row(store: Store) -> None:
    first = enqueue(store, "digest:slack:C1:2024-03-06T08")
    again = enqueue(store, "digest:slack:C1:2024-03-06T08", stories=("s3",))
    assert first is not None
    assert again is None
    assert delivery_counts(store)["pending"] == 1
    assert posted_story_ids(store, destination="slack:C1", story_ids=["s1", "s3"]) == {"s1"}


@pytest.mark.parametrize(
    ("destination", "asked", "expected"),
    [
        ("slack:C1", ["s1", "s2", "s9"], {"s1", "s2"}),
        ("slack:C1", [], set()),
        ("discord:1", ["s1"], set()),
    ],
)
def test_posted_story_ids_are_per_destination(
    store: Store, destination: str, asked: list[str], expected: set[str]
) -> None:
    enqueue(store, "k1")
    assert posted_story_ids(store, destination=destination, story_ids=asked) == expected


def test_a_claim_returns_what_was_enqueued(store: Store) -> None:
    delivery_id = enqueue(store, "k1")
    [claimed] = claim_deliveries(store, worker="w1", now=NOW)
    assert (claimed.id, claimed.destination, claimed.payload) == (delivery_id, "slack:C1", PAYLOAD)
    assert (claimed.attempts, claimed.story_ids) == (1, ("s1", "s2"))
    assert delivery_counts(store) == {"pending": 0, "claimed": 1, "delivered": 0, "dead": 0}


def test_nothing_is_due_before_its_time(store: Store) -> None:
    enqueue(store, "k1")
    assert claim_deliveries(store, worker="w1", now=NOW - timedelta(seconds=1)) == []


def test_a_claim_is_exclusive_until_the_lease_expires(store: Store) -> None:
    enqueue(store, "k1")
    [first] = claim_deliveries(store, worker="w1", now=NOW, lease_seconds=60)
    assert claim_deliveries(store, worker="w2", now=NOW + timedelta(seconds=59)) == []
    [again] = claim_deliveries(store, worker="w2", now=NOW + timedelta(seconds=60))
    assert again.id == first.id
    assert again.attempts == 2


def test_claims_take_at_most_limit_oldest_first(store: Store) -> None:
    ids = [enqueue(store, f"k{n}") for n in range(5)]
    claimed = claim_deliveries(store, worker="w1", now=NOW, limit=3)
    rest = claim_deliveries(store, worker="w2", now=NOW, limit=3)
    assert len(claimed) == 3
    assert len(rest) == 2
    assert {d.id for d in claimed + rest} == set(ids)


def test_two_workers_racing_never_claim_the_same_row(store_url: str) -> None:
    stores = [open_store(store_url) for _ in range(3)]
    for n in range(40):
        enqueue(stores[0], f"k{n}", stories=(f"s{n}",))
    claimed: list[list[str]] = [[] for _ in stores]
    barrier = threading.Barrier(len(stores))

    def work(index: int) -> None:
        barrier.wait()
        while batch := claim_deliveries(stores[index], worker=f"w{index}", now=NOW, limit=3):
            claimed[index] += [d.id for d in batch]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for opened in stores:
        opened.close()
    everything = [i for ids in claimed for i in ids]
    assert len(everything) == len(set(everything)) == 40


def test_a_delivered_row_is_never_claimed_again(store: Store) -> None:
    enqueue(store, "k1")
    [claimed] = claim_deliveries(store, worker="w1", now=NOW, lease_seconds=60)
    mark_delivered(store, delivery_id=claimed.id, message_ids=["1709712000.0001"], now=NOW)
    assert claim_deliveries(store, worker="w1", now=NOW + hours(24)) == []
    assert delivery_counts(store)["delivered"] == 1


def test_a_failure_with_a_retry_time_is_claimed_again_then(store: Store) -> None:
    enqueue(store, "k1")
    [claimed] = claim_deliveries(store, worker="w1", now=NOW)
    retry_at = NOW + timedelta(minutes=5)
    mark_failed(store, delivery_id=claimed.id, error="ratelimited", retry_at=retry_at, now=NOW)
    assert delivery_counts(store)["pending"] == 1
    assert claim_deliveries(store, worker="w1", now=retry_at - timedelta(seconds=1)) == []
    [again] = claim_deliveries(store, worker="w1", now=retry_at)
    assert again.attempts == 2


def test_a_failure_without_retry_is_dead_and_kept_with_its_reason(store: Store) -> None:
    enqueue(store, "k1")
    [claimed] = claim_deliveries(store, worker="w1", now=NOW)
    mark_failed(store, delivery_id=claimed.id, error="channel_not_found", retry_at=None, now=NOW)
    assert claim_deliveries(store, worker="w1", now=NOW + hours(48)) == []
    assert delivery_counts(store) == {"pending": 0, "claimed": 0, "delivered": 0, "dead": 1}
    with store.engine.connect() as connection:  # the reason stays for `status` to show
        reason = connection.exec_driver_sql("SELECT last_error FROM deliveries").scalar()
    assert reason == "channel_not_found"
