"""Handlers against a real SQLite store: what each command answers, and what it changes."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot import store
from bot.commands import replies
from bot.commands.context import CommandServices
from bot.commands.handlers import answer
from bot.model import Article, FeedState
from tests.commands.conftest import NOW, context


@pytest.mark.parametrize(
    ("text", "shown", "hidden"),
    [
        (
            "latest",
            ["Koreas agree to summit", "North fires missile", "Kim Yo-jong signals"],
            ["Football", "Old nuclear"],
        ),
        ("latest 1", ["North fires missile"], ["Koreas agree to summit"]),
        ("latest missiles", ["North fires missile"], ["summit"]),
        ("latest nuclear", ["No Korea stories about nuclear in the last 7 days"], []),
        (
            "digest",
            ["Koreas agree to summit  (Yonhap; also Reuters)", "— Kim Yo-jong, the sister"],
            ["Football"],
        ),
        ("digest sports", ["Nothing new about sports in the last 24 hours"], []),
        (
            "topics",
            [
                "*missiles* — launches",
                "<https://news.example/a3|North fires missile into sea>",
                "no story this month",
            ],
            [],
        ),
        (
            "search summit",
            [
                "*Search* “summit” · page 1",
                "<https://news.example/a1|Koreas agree to summit>",
                "*summit*",
            ],
            [],
        ),
        ("search summit source:reuters", ["Summit agreed"], ["Koreas agree to summit"]),
        ("search zeppelin", ["No stored articles match “zeppelin”"], []),
        (
            "quotes Kim Yo Jong",
            [
                "> “We will open the door to talks.”",
                "— *Kim Yo-jong*, the sister of the leader · Yonhap, 6 Mar 2018",
            ],
            [],
        ),
        ("quotes kimyojong", ["We will open the door"], []),
        ("quotes door talks", ["We will open the door"], []),
        ("quotes Moon Jae-in", ["No stored quotes by or containing “Moon Jae-in”"], []),
        ("feeds", ["*Feeds* (1)", "*yonhap* — not polled yet"], []),
        (
            "status",
            ["Today: 5 articles, 3 Korea stories", "Feeds: 0 healthy, 0 failing, 1 not polled yet"],
            [],
        ),
        ("help", [replies.help_text()], []),
        ("nonsense", ["I don't know the command “nonsense”"], []),
    ],
)
def test_reading_commands_answer_from_the_store(
    services: CommandServices, text: str, shown: list[str], hidden: list[str]
) -> None:
    reply = answer(text, context(services))
    for fragment in shown:
        assert fragment in reply.text
    for fragment in hidden:
        assert fragment not in reply.text


def test_latest_is_newest_first_and_one_entry_per_story(services: CommandServices) -> None:
    reply = answer("latest", context(services))
    assert reply.digest is not None
    headlines = [story.headline for story in reply.digest.stories]
    assert headlines == [
        "North fires missile into sea",
        "Kim Yo-jong signals talks",
        "Koreas agree to summit",  # the lead compose chose; Reuters' newer copy is the same story
    ]


@pytest.mark.parametrize(
    ("text", "public"), [("digest", False), ("digest public", True), ("latest", False)]
)
def test_only_a_public_digest_is_shown_to_the_channel(
    services: CommandServices, text: str, public: bool
) -> None:
    assert answer(text, context(services)).public is public


def test_subscribe_stores_one_subscription_per_destination_and_subject(
    services: CommandServices,
) -> None:
    ctx = context(services, caller="U7", channel="C9")
    answer("subscribe nuclear", ctx)
    again = answer("subscribe Nuclear at 07:30 tz UTC", ctx)
    answer('subscribe "Kim Yo Jong" me instant quiet 22:00-07:00', ctx)
    stored = store.subscriptions(services.store)
    assert [(s.destination, s.kind, s.value, s.times, s.timezone) for s in stored] == [
        ("slack:channel:C9", "topic", "nuclear", ("07:30",), "UTC"),
        ("slack:user:U7", "phrase", "Kim Yo Jong", (), "Asia/Seoul"),
    ]
    assert stored[1].instant and stored[1].quiet_hours == ("22:00", "07:00")
    assert "next Tue 6 Mar 2018, 07:30 UTC" in again.text


def test_subscriptions_lists_this_channel_and_the_caller_only(services: CommandServices) -> None:
    answer("subscribe missiles", context(services, caller="U1", channel="C1"))
    answer("subscribe economy me", context(services, caller="U1", channel="C1"))
    answer("subscribe sports", context(services, caller="U2", channel="C2"))
    text = answer("subscriptions", context(services, caller="U1", channel="C1")).text
    assert "This channel:\n• topic missiles" in text
    assert "Your direct messages:\n• topic economy" in text
    assert "sports" not in text


def test_unsubscribe_removes_and_says_when_there_was_nothing(services: CommandServices) -> None:
    ctx = context(services)
    answer("subscribe missiles", ctx)
    assert answer("unsubscribe missiles", ctx).text.startswith("Unsubscribed this channel")
    assert "had no subscription" in answer("unsubscribe missiles", ctx).text
    assert store.subscriptions(services.store) == []


@pytest.mark.parametrize(
    ("caller", "text", "says", "added"),
    [
        ("U1", "feeds add https://a.example/rss.xml", replies.ADMINS_ONLY, False),
        ("UADMIN", "feeds add https://a.example/rss.xml", "Added feed “a.example”", True),
        ("UADMIN", "feeds add https://a.example/page", "the page is HTML, not RSS or Atom", False),
        ("UADMIN", "feeds add https://en.yna.co.kr/rss/nk.xml", "already read, as “yonhap”", False),
    ],
)
def test_only_admins_add_feeds_and_only_real_feeds(
    services: CommandServices, caller: str, text: str, says: str, added: bool
) -> None:
    reply = answer(text, context(services, caller=caller))
    assert says in reply.text
    names = [source.name for source in services.feeds.sources()]
    assert ("a.example" in names) is added


def test_admins_remove_feeds_by_name(services: CommandServices) -> None:
    assert (
        "no feed named “nope”"
        in answer("feeds remove nope", context(services, caller="UADMIN")).text
    )
    assert replies.ADMINS_ONLY in answer("feeds remove yonhap", context(services)).text
    assert (
        "Removed feed “yonhap”"
        in answer("feeds remove yonhap", context(services, caller="UADMIN")).text
    )
    assert services.feeds.sources() == ()


def test_status_shows_failing_feeds_with_their_error_and_next_digests(
    services: CommandServices,
) -> None:
    store.put_feed_state(
        services.store,
        state=FeedState(
            url="https://en.yna.co.kr/rss/nk.xml",
            error_count=3,
            last_error="HTTP 503",
            last_success=NOW - timedelta(hours=2),
            next_check=NOW + timedelta(minutes=10),
        ),
    )
    answer("subscribe missiles at 18:00", context(services))
    text = answer("status", context(services)).text
    assert "✗ *yonhap* — HTTP 503 (3 failures in a row)" in text
    assert "Polls: last Tue 6 Mar 2018, 06:00 KST, next Tue 6 Mar 2018, 08:10 KST" in text
    assert "Next digest: slack:channel:C1 · topic missiles · Tue 6 Mar 2018, 18:00 KST" in text


def test_status_shows_article_pages_a_feed_is_still_waiting_for_or_gave_up(
    services: CommandServices,
) -> None:
    articles = [Article(id=i, title=i, text="teaser", feed="ledger", seen=NOW) for i in "ab"]
    store.save_new(services.store, articles=articles)
    store.queue_pages(services.store, article_ids=["a", "b"], now=NOW)
    gone = store.PageOutcome("b", "given_up", problem="page not fetched: HTTP 404 Not Found")
    store.record_pages(services.store, outcomes=[gone], now=NOW)
    text = answer("status", context(services)).text
    assert "Pages of ledger: 1 waiting, 1 given up (last: page not fetched: HTTP 404" in text


def test_a_crash_in_a_handler_becomes_an_apology(services: CommandServices) -> None:
    def broken(url: str) -> str | None:
        raise RuntimeError("boom")

    crashing = CommandServices(
        store=services.store, feeds=services.feeds, check_feed=broken, admins=services.admins
    )
    reply = answer("feeds add https://b.example/rss.xml", context(crashing, caller="UADMIN"))
    assert reply.text == replies.CRASHED


def test_a_broken_database_becomes_a_polite_failure(
    services: CommandServices, tmp_path: Path
) -> None:
    with sqlite3.connect(tmp_path / "peninsula.db") as database:
        database.execute("DROP TABLE assessments")
    assert answer("latest", context(services)).text == replies.FAILED
