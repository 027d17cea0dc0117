"""Teasers waiting for their article page: queued once, due in order, claimed by one caller at
a time, recorded (tries counted only for requests made), counted per feed, kept across a
restart and across migration 0007 of a store that already held articles."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store import (
    DuePage,
    PageCounts,
    PageOutcome,
    Store,
    claim_pages,
    due_pages,
    enqueue_delivery,
    open_store,
    page_counts,
    posted_anywhere,
    queue_pages,
    record_pages,
    save_assessments,
    save_new,
)
from bot.store.engine import connect_engine
from bot.store.migrate import upgrade
from tests.store.examples import NOW, article, assessment

LATER = NOW + timedelta(minutes=10)
LEASE = NOW + timedelta(minutes=15)


def queued(store: Store, *ids: str, feed: str = "ledger") -> None:
    save_new(store, articles=[article(i, feed=feed) for i in ids])
    queue_pages(store, article_ids=list(ids), now=NOW)


def due_ids(store: Store, *, at: object = NOW) -> list[str]:
    return [page.article.id for page in due_pages(store, now=at)]  # type: ignore[arg-type]


def test_a_queued_page_is_due_at_once_with_its_article_and_story(store: Store) -> None:
    queued(store, "a")
    save_assessments(store, assessments=[assessment("a", story="story-1")])
    [page] = due_pages(store, now=NOW)
    assert page == DuePage(article("a", feed="ledger"), tries=0, queued=NOW, story="story-1")


def test_queueing_again_changes_nothing(store: Store) -> None:
    queued(store, "a")
    record_pages(store, outcomes=[PageOutcome("a", "pending", next_try=LATER)], now=NOW)
    queue_pages(store, article_ids=["a"], now=NOW)
    assert due_ids(store) == []
    assert [p.tries for p in due_pages(store, now=LATER)] == [1]


def test_pages_come_due_soonest_first_and_only_when_pending(store: Store) -> None:
    queued(store, "a", "b", "c", "d")
    record_pages(
        store,
        outcomes=[
            PageOutcome("a", "pending", next_try=LATER, problem="HTTP 503"),
            PageOutcome("b", "pending", next_try=NOW + timedelta(minutes=5)),
            PageOutcome("c", "done"),
            PageOutcome("d", "given_up", problem="HTTP 404"),
        ],
        now=NOW,
    )
    assert due_ids(store) == []
    assert due_ids(store, at=LATER) == ["b", "a"]


def test_a_page_is_claimed_by_one_caller_until_its_lease_ends(store: Store) -> None:
    queued(store, "a", "b")
    first = claim_pages(store, article_ids=["a", "b"], now=NOW, until=LEASE)
    second = claim_pages(store, article_ids=["a", "b"], now=NOW, until=LEASE)
    assert (first, second) == ({"a", "b"}, set())
    assert due_ids(store) == []
    assert due_ids(store, at=LEASE) == ["a", "b"], "a crashed claimer's pages come due again"


def test_only_requests_count_as_tries(store: Store) -> None:
    queued(store, "a")
    held = PageOutcome("a", "pending", next_try=NOW, problem="host on hold", requested=False)
    record_pages(store, outcomes=[held], now=NOW)
    record_pages(store, outcomes=[PageOutcome("a", "pending", next_try=NOW)], now=NOW)
    assert [p.tries for p in due_pages(store, now=NOW)] == [1]


def test_counts_per_feed_say_what_waits_what_was_given_up_and_the_latest_why(
    store: Store,
) -> None:
    queued(store, "a", "b", "c", "d")
    queued(store, "e", feed="other")
    record_pages(store, outcomes=[PageOutcome("a", "given_up", problem="HTTP 404")], now=NOW)
    record_pages(store, outcomes=[PageOutcome("b", "pending", LATER, "HTTP 503")], now=LATER)
    record_pages(store, outcomes=[PageOutcome("c", "done"), PageOutcome("e", "done")], now=NOW)
    assert page_counts(store) == {
        "ledger": PageCounts(waiting=2, given_up=1, last_problem="HTTP 503")
    }


def test_the_state_survives_a_restart(store_url: str) -> None:
    first = open_store(store_url)
    queued(first, "a")
    record_pages(first, outcomes=[PageOutcome("a", "pending", LATER, "timed out")], now=NOW)
    first.close()
    again = open_store(store_url)
    [page] = due_pages(again, now=LATER)
    assert (page.article.id, page.tries, page.queued) == ("a", 1, NOW)
    assert page_counts(again)["ledger"].last_problem == "timed out"
    again.close()


def test_posted_anywhere_names_the_stories_some_destination_was_sent(store: Store) -> None:
    for destination, stories in (("desk", ["s1"]), ("team", ["s2", "s1"])):
        enqueue_delivery(
            store, key=destination, destination=destination, payload={}, story_ids=stories, now=NOW
        )
    assert posted_anywhere(store, story_ids=["s1", "s2", "s3"]) == {"s1", "s2"}
    assert posted_anywhere(store, story_ids=[]) == set()


@pytest.fixture
def upgraded(store_url: str) -> Store:
    old = Store(connect_engine(store_url))
    upgrade(old, revision="0006")
    save_new(old, articles=[article("held", feed="ledger")])
    old.close()
    return open_store(store_url)


def test_an_upgraded_store_queues_pages_of_articles_it_already_held(upgraded: Store) -> None:
    assert due_ids(upgraded) == [], "held articles were tried before 0007: nothing is queued"
    queue_pages(upgraded, article_ids=["held"], now=NOW)
    assert due_ids(upgraded) == ["held"]
    upgraded.close()
