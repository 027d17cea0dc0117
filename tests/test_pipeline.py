"""The whole pipeline over real HTTP: sample feeds from a local server, SQLite, a local Slack API.

Nothing is mocked: the feeds are fetched with httpx, stored with SQLAlchemy, analyzed, rendered,
and posted with the real slack_sdk WebClient pointed at a Slack-compatible server on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import random
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bot import deliver, ingest, pipeline, store
from bot.app import load_rules
from bot.model import FeedSource
from bot.pipeline import Destination, DigestPolicy, Services
from tests.fakes.slack_api import SlackApi

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
CHANNEL = "C0KOREA"

KOREA_HEADLINES = {
    "North Korea fires ballistic missile into East Sea, South Korea's military says",
    "Seoul and Washington open new round of defense cost-sharing talks",
    "Samsung Electronics operating profit jumps on demand for AI memory chips",
    "South Korea, Japan agree to resume regular leaders' shuttle diplomacy",
}
MISSILE_TITLES = {
    "North Korea fires ballistic missile into East Sea, South Korea's military says",
    "Pyongyang launches missile as allies weigh response",
    "N. Korea test-fires short-range missile, first in two months",
}
NOT_KOREA = ("Brazil coffee", "German rail", "Bank of Japan", "shipping rates")


def make_services(
    db: Path, feeds: tuple[FeedSource, ...], slack: SlackApi, http: httpx.Client
) -> Services:
    client = deliver.make_slack_client("xoxb-test", base_url=slack.base_url)
    destination = Destination(
        "desk",
        "slack",
        "Asia/Seoul",
        slack=deliver.SlackPoster(client, interval=0),
        channel=CHANNEL,
    )
    return Services(
        store=store.open_store(f"sqlite:///{db}"),
        http=http,
        feeds=feeds,
        limits=ingest.FetchLimits(),
        rules=load_rules(ROOT / "config"),
        destinations=(destination,),
        policy=DigestPolicy(first_run_lookback=timedelta(days=3)),
        rng=random.Random(7),
    )


def posted_text(slack: SlackApi) -> str:
    return json.dumps([post.blocks for post in slack.posts], ensure_ascii=False)


def test_korea_stories_are_posted_once_each_with_quotes_and_outlets(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", feeds, slack, http)
        report = pipeline.refresh(services, now=NOW)
        digest = pipeline.send_digest(services, services.destinations[0], now=NOW)

    assert (report.polled, report.new, report.failed) == (3, 10, ())
    assert digest is not None
    headlines = {story.headline for story in digest.stories}
    assert len(digest.stories) == 4
    assert len(headlines & MISSILE_TITLES) == 1, "three outlets, one missile story"
    missile = next(story for story in digest.stories if story.headline in MISSILE_TITLES)
    assert len(missile.outlets) == 3
    assert headlines - MISSILE_TITLES <= KOREA_HEADLINES
    text = posted_text(slack)
    assert all(words not in text for words in NOT_KOREA)
    assert {post.channel for post in slack.posts} == {CHANNEL}
    assert "Han Seo-yeon" in text  # an attributed key quote, with its speaker


def test_quotes_in_the_digest_are_verbatim_from_their_article(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", feeds, slack, http)
        pipeline.refresh(services, now=NOW)
        digest = pipeline.send_digest(services, services.destinations[0], now=NOW)

    assert digest is not None
    texts = {item.article.id: item.article.text for s in digest.stories for item in s.items}
    shown = [
        (q, src) for s in digest.stories for q, src in zip(s.quotes, s.quote_sources, strict=True)
    ]
    assert shown, "the sample stories carry attributed quotes"
    for quote, source in shown:
        assert texts[source][quote.start : quote.end] == quote.quote
        assert quote.speaker


def test_a_restart_between_cycles_posts_nothing_twice(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    db = tmp_path / "p.db"
    with httpx.Client() as http:
        first = make_services(db, feeds, slack, http)
        pipeline.refresh(first, now=NOW)
        pipeline.send_digest(first, first.destinations[0], now=NOW)
        first.store.close()
        posts_before = len(slack.posts)

        again = make_services(db, feeds, slack, http)
        report = pipeline.refresh(again, now=NOW + timedelta(hours=1))
        digest = pipeline.send_digest(again, again.destinations[0], now=NOW + timedelta(hours=6))

    assert posts_before >= 1
    assert report.new == 0
    assert digest is None
    assert len(slack.posts) == posts_before


def test_a_slack_outage_delays_the_digest_but_loses_nothing(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    slack.server_error("chat.postMessage", status=503, times=1)
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", feeds, slack, http)
        pipeline.refresh(services, now=NOW)
        pipeline.send_digest(services, services.destinations[0], now=NOW)
        assert slack.posts == []
        counts = store.delivery_counts(services.store)
        assert (counts["pending"], counts["delivered"]) == (1, 0)

        later = pipeline.flush_outbox(services, now=NOW + timedelta(hours=1))
        again = pipeline.flush_outbox(services, now=NOW + timedelta(hours=2))

    assert [receipt.ok for receipt in later] == [True]
    assert again == []
    assert len({post.ts for post in slack.posts if post.thread_ts is None}) == 1


def test_a_new_install_does_not_flood_the_channel_with_old_items(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    much_later = NOW + timedelta(days=30)
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", feeds, slack, http)
        pipeline.refresh(services, now=much_later)
        digest = pipeline.send_digest(services, services.destinations[0], now=much_later)

    assert digest is None
    assert slack.posts == []


def test_a_broken_feed_is_reported_and_the_others_still_arrive(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    broken = FeedSource(name="gone", url="http://127.0.0.1:9/nothing.xml")
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", (*feeds, broken), slack, http)
        report = pipeline.refresh(services, now=NOW)
        state = store.get_feed_state(services.store, url=broken.url)

    assert report.new == 10
    assert [name for name, _ in report.failed] == ["gone"]
    assert state is not None and state.error_count == 1 and state.last_error
    assert state.next_check is not None and state.next_check > NOW


def test_without_chat_credentials_the_digest_prints_to_the_terminal(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    out = io.StringIO()
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", feeds, slack, http)
        terminal = Destination(
            "terminal", "terminal", "Asia/Seoul", terminal=deliver.TerminalSink(out)
        )
        services = replace(services, destinations=(terminal,))
        pipeline.refresh(services, now=NOW)
        pipeline.send_digest(services, terminal, now=NOW)

    printed = out.getvalue()
    assert printed.startswith("Korea brief")
    assert "“" in printed and " — " in printed  # “quote” — Speaker
    assert "http://127.0.0.1" in printed
    assert slack.posts == []


LATE_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Late Wire (test)</title><link>http://127.0.0.1/late</link>
<description>test</description>
<item><title>North Korea says it will hold party congress early next year</title>
<link>http://127.0.0.1/late/congress</link><guid>late-1</guid>
<pubDate>Fri, 27 Nov 2026 11:00:00 GMT</pubDate>
<description>North Korea's ruling Workers' Party will convene a party congress early next
year, state media KCNA said on Friday, the first such meeting in five years. Leader Kim Jong Un
is expected to set out a new five-year plan for the economy and the military.</description>
</item></channel></rss>
"""


def test_a_story_published_before_a_digest_but_polled_after_it_goes_out_next(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    late = tmp_path / "late.xml"
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", feeds, slack, http)
        pipeline.refresh(services, now=NOW)
        pipeline.send_digest(services, services.destinations[0], now=NOW)
        late.write_text(LATE_FEED, encoding="utf-8")  # published 11:00, polled after 12:00
        services = replace(services, feeds=(*feeds, FeedSource(name="late", url=str(late))))
        pipeline.refresh(services, now=NOW + timedelta(hours=1))
        digest = pipeline.send_digest(
            services, services.destinations[0], now=NOW + timedelta(hours=6)
        )

    assert digest is not None
    assert [story.headline for story in digest.stories] == [
        "North Korea says it will hold party congress early next year"
    ]
    assert digest.since == NOW
    assert digest.footer.startswith("4 feeds polled")


def test_an_uncertain_slack_send_is_checked_before_it_is_sent_again(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi
) -> None:
    slow = deliver.make_slack_client("xoxb-test", base_url=slack.base_url, timeout=1)
    slack.slow("chat.postMessage", 2.5, times=1)  # lands, but the answer comes too late
    with httpx.Client() as http:
        services = make_services(tmp_path / "p.db", feeds, slack, http)
        desk = replace(services.destinations[0], slack=deliver.SlackPoster(slow, interval=0))
        services = replace(services, destinations=(desk,))
        pipeline.refresh(services, now=NOW)
        pipeline.send_digest(services, desk, now=NOW)
        wait_for_posts(slack, at_least=1)
        [retry] = pipeline.flush_outbox(services, now=NOW + timedelta(hours=1))

    assert retry.ok
    assert len([post for post in slack.posts if post.thread_ts is None]) == 1


def wait_for_posts(slack: SlackApi, *, at_least: int) -> None:
    deadline = time.monotonic() + 15
    while len(slack.posts) < at_least and time.monotonic() < deadline:
        time.sleep(0.05)
