"""The feed catalog: config feeds plus chat changes kept in the store, polled by refresh and
surviving a restart (new Services on the same database)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot import commands, ingest, pipeline, store
from bot.app import load_rules
from bot.model import FeedSource
from bot.pipeline import Services, StoredFeeds
from bot.pipeline.feeds import merge_sources

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)

A = FeedSource(name="a", url="https://a.example/rss")
B = FeedSource(name="b", url="https://b.example/rss")
C = FeedSource(name="c", url="https://c.example/rss")
B_MOVED = FeedSource(name="b", url="https://b.example/new")


@pytest.mark.parametrize(
    ("saved", "expected"),
    [
        ([], (A, B)),
        ([(C, True)], (A, B, C)),
        ([(B, False)], (A,)),  # a configured feed removed in chat
        ([(B_MOVED, True)], (A, B_MOVED)),  # a saved row overrides the configured one
        ([(C, False)], (A, B)),
    ],
)
def test_config_and_chat_changes_merge_by_name(
    saved: list[tuple[FeedSource, bool]], expected: tuple[FeedSource, ...]
) -> None:
    assert merge_sources((A, B), saved) == expected


def test_a_configured_feed_saved_again_keeps_its_full_text_choice() -> None:
    """The store does not keep full_text: a moved feed must not lose it (nor a chat one gain it)."""
    configured = replace(B, full_text=True)
    merged = merge_sources((A, configured), [(B_MOVED, True), (C, True)])
    assert merged == (A, replace(B_MOVED, full_text=True), C)


def make_services(db: Path, configured: tuple[FeedSource, ...], http: httpx.Client) -> Services:
    return Services(
        store=store.open_store(f"sqlite:///{db}"),
        http=http,
        feeds=configured,
        limits=ingest.FetchLimits(),
        rules=load_rules(ROOT / "config"),
        destinations=(),
        rng=random.Random(7),
    )


def names(catalog: StoredFeeds) -> list[str]:
    return [source.name for source in catalog.sources()]


def test_a_feed_added_in_chat_is_polled_next_and_survives_a_restart(
    tmp_path: Path, feeds: tuple[FeedSource, ...], http: httpx.Client
) -> None:
    configured, extra = feeds[:2], feeds[2]
    first = make_services(tmp_path / "p.db", configured, http)
    assert pipeline.refresh(first, now=NOW).polled == 2
    StoredFeeds(first).add(FeedSource(name="added", url=extra.url))
    report = pipeline.refresh(first, now=NOW + timedelta(minutes=1))
    first.store.close()

    again = make_services(tmp_path / "p.db", configured, http)
    catalog = StoredFeeds(again)
    listed = names(catalog)
    polled = pipeline.refresh(again, now=NOW + timedelta(hours=1), force=True).polled
    again.store.close()

    assert report.polled == 1 and report.new > 0, "only the new feed was due"
    assert listed == [configured[0].name, configured[1].name, "added"]
    assert polled == 3


def test_a_configured_feed_removed_in_chat_stays_removed_until_added_again(
    tmp_path: Path, feeds: tuple[FeedSource, ...], http: httpx.Client
) -> None:
    services = make_services(tmp_path / "p.db", feeds, http)
    removed = StoredFeeds(services).remove(feeds[0].name)
    services.store.close()

    again = make_services(tmp_path / "p.db", feeds, http)
    catalog = StoredFeeds(again)
    after_restart = names(catalog)
    polled = pipeline.refresh(again, now=NOW).polled
    catalog.add(FeedSource(name="whatever", url=feeds[0].url))  # its URL brings it back
    restored = names(catalog)
    again.store.close()

    assert removed is True
    assert after_restart == [source.name for source in feeds[1:]]
    assert polled == len(feeds) - 1
    assert restored == [source.name for source in feeds]


@pytest.mark.parametrize("name", ["nope", ""])
def test_removing_an_unknown_feed_says_so(tmp_path: Path, http: httpx.Client, name: str) -> None:
    services = make_services(tmp_path / "p.db", (A, B), http)
    catalog = StoredFeeds(services)
    assert catalog.remove(name) is False
    assert names(catalog) == ["a", "b"]
    services.store.close()


def test_a_chat_added_feed_is_forgotten_when_removed(tmp_path: Path, http: httpx.Client) -> None:
    services = make_services(tmp_path / "p.db", (A,), http)
    catalog = StoredFeeds(services)
    catalog.add(C)
    assert (names(catalog), catalog.remove("c"), names(catalog)) == (["a", "c"], True, ["a"])
    assert store.saved_sources(services.store) == []
    services.store.close()


def test_next_poll_is_the_earliest_check_among_current_feeds(
    tmp_path: Path, feeds: tuple[FeedSource, ...], http: httpx.Client
) -> None:
    services = make_services(tmp_path / "p.db", feeds, http)
    before = pipeline.next_poll(services)
    pipeline.refresh(services, now=NOW)
    states = {s.url: s.next_check for s in store.feed_states(services.store)}
    StoredFeeds(services).remove(feeds[0].name)
    after_removal = pipeline.next_poll(services)
    services.store.close()

    assert before is None
    assert after_removal == min(states[source.url] for source in feeds[1:])


def feeds_command(services: Services, text: str) -> str:
    """/korea feeds … by an admin, answered by the real handlers over the stored catalog."""
    chat = commands.CommandServices(
        store=services.store,
        feeds=StoredFeeds(services),
        check_feed=lambda url: None,
        admins=frozenset({"U0ADMIN"}),
    )
    ctx = commands.CommandContext(chat, now=NOW, caller="U0ADMIN", channel="C1", platform="slack")
    return commands.answer(text, ctx).text


def test_korea_feeds_add_and_remove_persist_across_a_restart(
    tmp_path: Path, feeds: tuple[FeedSource, ...], http: httpx.Client
) -> None:
    first = make_services(tmp_path / "p.db", feeds[:1], http)
    feeds_command(first, f"feeds add {feeds[1].url}")
    feeds_command(first, f"feeds remove {feeds[0].name}")
    first.store.close()

    again = make_services(tmp_path / "p.db", feeds[:1], http)
    urls = [source.url for source in StoredFeeds(again).sources()]
    polled = pipeline.refresh(again, now=NOW).polled
    again.store.close()

    assert urls == [feeds[1].url]
    assert polled == 1
