"""Subscriptions: one per destination and subject, updated in place, listed, removed."""

from __future__ import annotations

import pytest

from bot.model import Subscription
from bot.store import Store, add_subscription, remove_subscription, subscriptions
from tests.store.examples import NOW, hours

NUCLEAR = Subscription(
    id="sub-1",
    destination="slack:C1",
    kind="topic",
    value="nuclear",
    times=("08:00", "18:00"),
    timezone="Asia/Seoul",
    instant=True,
    quiet_hours=("22:00", "07:00"),
    created=NOW,
)
PHRASE = Subscription(
    id="", destination="discord:9", kind="phrase", value="Kaesong Industrial Park"
)


def test_a_subscription_reads_back_equal(store: Store) -> None:
    assert add_subscription(store, subscription=NUCLEAR) == NUCLEAR
    assert subscriptions(store) == [NUCLEAR]


def test_an_empty_id_and_created_are_filled_in(store: Store) -> None:
    stored = add_subscription(store, subscription=PHRASE)
    assert stored.id
    assert stored.created is not None
    assert subscriptions(store, destination="discord:9") == [stored]


def test_subscribing_again_updates_the_options_and_keeps_the_id(store: Store) -> None:
    first = add_subscription(store, subscription=PHRASE)
    again = Subscription(
        id="",
        destination="discord:9",
        kind="phrase",
        value="  kaesong industrial  PARK",
        times=("09:30",),
        instant=True,
    )
    updated = add_subscription(store, subscription=again)
    assert (updated.id, updated.value, updated.created) == (first.id, first.value, first.created)
    assert (updated.times, updated.instant) == (("09:30",), True)
    assert subscriptions(store) == [updated]


@pytest.mark.parametrize(
    ("destination", "expected"),
    [(None, ["sub-2", "sub-1", "sub-3"]), ("slack:C1", ["sub-1", "sub-3"]), ("nowhere", [])],
)
def test_subscriptions_list_by_destination_then_age(
    store: Store, destination: str | None, expected: list[str]
) -> None:
    later = Subscription(
        id="sub-3", destination="slack:C1", kind="topic", value="economy", created=NOW + hours(1)
    )
    other = Subscription(
        id="sub-2", destination="discord:9", kind="topic", value="nuclear", created=NOW + hours(2)
    )
    for subscription in (later, NUCLEAR, other):
        add_subscription(store, subscription=subscription)
    assert [s.id for s in subscriptions(store, destination=destination)] == expected


@pytest.mark.parametrize(
    ("destination", "kind", "value", "removed"),
    [
        ("slack:C1", "topic", "NUCLEAR", True),
        ("slack:C1", "phrase", "nuclear", False),
        ("discord:9", "topic", "nuclear", False),
    ],
)
def test_remove_subscription_says_whether_anything_was_followed(
    store: Store, destination: str, kind: str, value: str, removed: bool
) -> None:
    add_subscription(store, subscription=NUCLEAR)
    assert remove_subscription(store, destination=destination, kind=kind, value=value) is removed
    assert len(subscriptions(store)) == (0 if removed else 1)
