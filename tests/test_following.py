"""Subscribers end to end over real HTTP: local feeds, SQLite, a local Slack API and a local
Discord API, the real slack_sdk and httpx clients. Nothing of ours is mocked.

The scenario of issue 6: a channel follows a phrase, a user follows a topic for instant DMs, a
Discord channel follows a topic; one poll cycle runs; exactly the right stories reach exactly
the right places, once, and a restart (new Services on the same database) changes nothing.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot import commands, deliver, ingest, pipeline, store
from bot.app import load_rules
from bot.model import FeedSource, Story, StoryItem, Subscription
from bot.pipeline import ChatPosters, DigestPolicy, Services
from tests.fakes.discord_api import DiscordApi, running_discord_api
from tests.fakes.slack_api import SlackApi

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # 21:00 in Seoul
AT_2200_SEOUL = NOW + timedelta(hours=1)
CHANNEL, USER, DISCORD_CHANNEL = "C0DESK", "U0READER", "4242"
BOT_TOKEN = "discord-bot-token"


@pytest.fixture
def discord() -> Iterator[DiscordApi]:
    with running_discord_api(bot_token=BOT_TOKEN) as api:
        yield api


def make_services(
    db: Path,
    feeds: tuple[FeedSource, ...],
    http: httpx.Client,
    *,
    slack: SlackApi | None = None,
    discord: DiscordApi | None = None,
) -> Services:
    chat = ChatPosters(
        slack=slack_poster(slack) if slack else None,
        discord=deliver.DiscordPoster(http) if discord else None,
        discord_token=BOT_TOKEN if discord else None,
        discord_api_url=discord.api_url if discord else None,
    )
    return Services(
        store=store.open_store(f"sqlite:///{db}"),
        http=http,
        feeds=feeds,
        limits=ingest.FetchLimits(),
        rules=load_rules(ROOT / "config"),
        destinations=(),
        policy=DigestPolicy(first_run_lookback=timedelta(days=3)),
        rng=random.Random(7),
        chat=chat,
    )


def slack_poster(api: SlackApi) -> deliver.SlackPoster:
    client = deliver.make_slack_client("xoxb-test", base_url=api.base_url)
    return deliver.SlackPoster(client, interval=0)


def follow(
    services: Services,
    destination: str,
    kind: str,
    value: str,
    *,
    times: tuple[str, ...] = (),
    instant: bool = False,
    quiet: tuple[str, str] | None = None,
    created: datetime = NOW - timedelta(hours=1),
) -> None:
    subscription = Subscription(
        id="",
        destination=destination,
        kind=kind,
        value=value,
        times=times,
        instant=instant,
        quiet_hours=quiet,
        created=created,
    )
    store.add_subscription(services.store, subscription=subscription)


def korea_items(services: Services) -> list[StoryItem]:
    found = store.recent_items(services.store, since=NOW - timedelta(days=1))
    return [item for item in found if item.assessment.korea]


def story_of(item: StoryItem) -> str:
    return item.assessment.story or f"article:{item.article.id}"


def posted_to(slack: SlackApi, channel: str) -> str:
    return json.dumps([p.blocks for p in slack.posts if p.channel == channel], ensure_ascii=False)


def discord_text(discord: DiscordApi, target: str) -> str:
    payloads: list[Any] = [m.payload for m in discord.messages if m.target == target]
    return json.dumps(payloads, ensure_ascii=False)


def assert_only(text: str, *, shown: Sequence[Story], items: Sequence[StoryItem]) -> None:
    """Each shown story's headline is in `text`; no other story's article title is."""
    ids = {story.id for story in shown}
    assert all(story.headline in text for story in shown)
    others = [i.article.title for i in items if story_of(i) not in ids]
    assert [title for title in others if title in text] == []


def say(services: Services, text: str, *, platform: str, caller: str, channel: str) -> str:
    """What a reader typed after /korea, answered by the real command handlers."""
    chat = commands.CommandServices(
        store=services.store, feeds=pipeline.StoredFeeds(services), check_feed=lambda url: None
    )
    ctx = commands.CommandContext(
        chat, now=NOW - timedelta(hours=1), caller=caller, channel=channel, platform=platform
    )
    return commands.answer(text, ctx).text


def scenario(services: Services) -> None:
    slack_desk = {"platform": "slack", "caller": "U0EDITOR", "channel": CHANNEL}
    say(services, 'subscribe "Samsung" here at 22:00', **slack_desk)
    say(services, "subscribe economy here at 22:00", **slack_desk)
    say(services, "subscribe missiles me instant", platform="slack", caller=USER, channel="C0X")
    discord_desk = {"platform": "discord", "caller": "99", "channel": DISCORD_CHANNEL}
    say(services, "subscribe diplomacy here at 22:00", **discord_desk)
    assert len(store.subscriptions(services.store)) == 4


def test_the_right_stories_reach_the_right_places_once_and_a_restart_changes_nothing(
    tmp_path: Path,
    feeds: tuple[FeedSource, ...],
    slack: SlackApi,
    discord: DiscordApi,
    http: httpx.Client,
) -> None:
    db = tmp_path / "p.db"
    first = make_services(db, feeds, http, slack=slack, discord=discord)
    scenario(first)
    report = pipeline.refresh(first, now=NOW)
    items = korea_items(first)
    missiles = {story_of(i) for i in items if "missiles" in i.assessment.topics}
    alerts = [post for post in slack.posts if post.channel == USER]
    assert report.alerts == len(alerts) == len(missiles) >= 1
    assert all(post.text and post.text.startswith("missiles: ") for post in alerts)
    assert {p.channel for p in slack.posts} == {USER}, "digests wait for their time"
    assert discord.messages == []

    digests = pipeline.send_subscriber_digests(first, now=AT_2200_SEOUL)
    by_place = {digest.destination: digest for digest in digests}
    assert set(by_place) == {f"slack:channel:{CHANNEL}", f"discord:channel:{DISCORD_CHANNEL}"}
    samsung = {
        story_of(i)
        for i in items
        if "samsung" in f"{i.article.title} {i.article.text}".casefold()
        or "economy" in i.assessment.topics
    }
    desk = by_place[f"slack:channel:{CHANNEL}"]
    assert sorted(story.id for story in desk.stories) == sorted(samsung)
    diplomacy = {story_of(i) for i in items if "diplomacy" in i.assessment.topics}
    diplomatic = by_place[f"discord:channel:{DISCORD_CHANNEL}"].stories
    assert {story.id for story in diplomatic} == diplomacy
    assert_only(posted_to(slack, CHANNEL), shown=desk.stories, items=items)
    assert_only(discord_text(discord, f"channel:{DISCORD_CHANNEL}"), shown=diplomatic, items=items)
    missile_titles = {i.article.title for i in items if story_of(i) in missiles}
    assert {(post.text or "").removeprefix("missiles: ") for post in alerts} <= missile_titles
    assert len({p.ts for p in slack.posts if p.channel == CHANNEL and not p.thread_ts}) == 1
    assert {m.target for m in discord.messages} == {f"channel:{DISCORD_CHANNEL}"}
    posts, messages = len(slack.posts), len(discord.messages)
    first.store.close()

    again = make_services(db, feeds, http, slack=slack, discord=discord)
    report = pipeline.refresh(again, now=AT_2200_SEOUL + timedelta(minutes=5), force=True)
    assert (report.new, report.alerts) == (0, 0)
    assert pipeline.send_subscriber_digests(again, now=AT_2200_SEOUL + timedelta(minutes=6)) == []
    next_day = pipeline.send_subscriber_digests(again, now=AT_2200_SEOUL + timedelta(days=1))
    assert next_day == []  # due again, but nothing new matched
    pipeline.flush_outbox(again, now=AT_2200_SEOUL + timedelta(days=1))
    assert (len(slack.posts), len(discord.messages)) == (posts, messages)
    again.store.close()


def test_an_alert_inside_quiet_hours_is_not_sent(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi, http: httpx.Client
) -> None:
    services = make_services(tmp_path / "p.db", feeds, http, slack=slack)
    night = ("20:00", "23:00")  # NOW is 21:00 in Seoul
    follow(services, f"slack:user:{USER}", "topic", "missiles", instant=True, quiet=night)
    report = pipeline.refresh(services, now=NOW)
    services.store.close()

    assert report.korea > 0
    assert (report.alerts, slack.posts) == (0, [])


def test_a_digest_time_inside_quiet_hours_waits_for_their_end(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi, http: httpx.Client
) -> None:
    services = make_services(tmp_path / "p.db", feeds, http, slack=slack)
    quiet = ("21:30", "23:00")
    follow(services, f"slack:channel:{CHANNEL}", "phrase", "Samsung", times=("22:00",), quiet=quiet)
    pipeline.refresh(services, now=NOW)
    sent = [
        len(pipeline.send_subscriber_digests(services, now=AT_2200_SEOUL + timedelta(minutes=m)))
        for m in (0, 30, 59, 60, 61)
    ]
    services.store.close()

    assert sent == [0, 0, 0, 1, 0]
    assert len([p for p in slack.posts if p.channel == CHANNEL]) == 1


def test_a_story_already_posted_to_a_destination_is_not_alerted_there(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi, http: httpx.Client
) -> None:
    learn = make_services(tmp_path / "learn.db", feeds, http)
    pipeline.refresh(learn, now=NOW)
    missiles = sorted(
        {story_of(i) for i in korea_items(learn) if "missiles" in i.assessment.topics}
    )
    learn.store.close()
    services = make_services(tmp_path / "p.db", feeds, http, slack=slack)
    reader = f"slack:user:{USER}"
    store.enqueue_delivery(
        services.store,
        key="earlier",
        destination=reader,
        payload={},
        story_ids=missiles[:1],
        now=NOW,
    )
    follow(services, reader, "topic", "missiles", instant=True)
    report = pipeline.refresh(services, now=NOW)
    services.store.close()

    assert report.alerts == len(missiles) - 1
    assert len([p for p in slack.posts if p.channel == USER]) == len(missiles) - 1


def test_a_channel_the_bot_cannot_post_in_is_paused_with_the_reason(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi, http: httpx.Client
) -> None:
    slack.fail("chat.postMessage", "not_in_channel")
    services = make_services(tmp_path / "p.db", feeds, http, slack=slack)
    follow(services, f"slack:channel:{CHANNEL}", "topic", "economy", times=("22:00",))
    pipeline.refresh(services, now=NOW)
    pipeline.send_subscriber_digests(services, now=AT_2200_SEOUL)
    retried = pipeline.flush_outbox(services, now=AT_2200_SEOUL + timedelta(hours=1))
    paused = pipeline.paused(services)
    services.store.close()

    assert retried == [], "not retried"
    assert list(paused) == [f"slack:channel:{CHANNEL}"]
    assert "/invite" in paused[f"slack:channel:{CHANNEL}"]


@pytest.mark.parametrize(
    ("destination", "reason"),
    [
        ("slack:channel:CNOTOKEN", "SLACK_BOT_TOKEN"),
        ("discord:channel:777", "DISCORD_BOT_TOKEN"),
        ("discord:user:888", "DISCORD_BOT_TOKEN"),
    ],
)
def test_a_destination_without_credentials_is_skipped_and_said_once(
    tmp_path: Path,
    feeds: tuple[FeedSource, ...],
    http: httpx.Client,
    caplog: pytest.LogCaptureFixture,
    destination: str,
    reason: str,
) -> None:
    services = make_services(tmp_path / "p.db", feeds, http)
    follow(services, destination, "topic", "missiles", times=("22:00",), instant=True)
    with caplog.at_level(logging.WARNING, logger="bot.pipeline"):
        report = pipeline.refresh(services, now=NOW)
        for minutes in (0, 1, 2):
            later = AT_2200_SEOUL + timedelta(minutes=minutes)
            pipeline.send_subscriber_digests(services, now=later)
    counts = store.delivery_counts(services.store)
    services.store.close()

    said = [r.getMessage() for r in caplog.records if "subscriber.skipped" in r.getMessage()]
    assert report.alerts == 0
    assert sum(counts.values()) == 0
    assert len(said) == 1 and reason in said[0] and destination in said[0]


def test_a_subscription_we_cannot_read_does_not_hold_back_the_others(
    tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi, http: httpx.Client
) -> None:
    services = make_services(tmp_path / "p.db", feeds, http, slack=slack)
    broken = Subscription("x", "slack:channel:CBROKEN", "topic", "economy", times=("25:99",))
    store.add_subscription(services.store, subscription=broken)
    follow(services, f"slack:channel:{CHANNEL}", "topic", "economy", times=("22:00",))
    pipeline.refresh(services, now=NOW)
    digests = pipeline.send_subscriber_digests(services, now=AT_2200_SEOUL)
    services.store.close()

    assert [digest.destination for digest in digests] == [f"slack:channel:{CHANNEL}"]
    assert {post.channel for post in slack.posts} == {CHANNEL}


def test_a_discord_user_gets_alerts_as_direct_messages_from_the_bot(
    tmp_path: Path, feeds: tuple[FeedSource, ...], discord: DiscordApi, http: httpx.Client
) -> None:
    services = make_services(tmp_path / "p.db", feeds, http, discord=discord)
    follow(services, "discord:user:888", "topic", "missiles", instant=True)
    report = pipeline.refresh(services, now=NOW)
    again = pipeline.refresh(services, now=NOW + timedelta(hours=1), force=True)
    services.store.close()

    opened = [r for r in discord.requests if r.path == "/users/@me/channels"]
    assert report.alerts >= 1 and again.alerts == 0
    assert len(opened) == 1, "the DM channel is opened once and reused"
    assert opened[0].payload == {"recipient_id": "888"}
    assert {m.target for m in discord.messages} == {"channel:dm-888"}
    assert len(discord.messages) == report.alerts
