"""One full cycle (what `peninsula run --once` runs from cron): poll, every digest that is due
(configured destinations on the digest schedule, subscribers on their own times), then the
outbox. Local feeds, SQLite and a local Slack API over real HTTP.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot import deliver, ingest, pipeline, store
from bot.app import load_rules, next_digest_time
from bot.model import FeedSource, Subscription
from bot.pipeline import ChatPosters, Destination, DigestPolicy, Services
from tests.fakes.slack_api import SlackApi

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # 21:00 in Seoul
SCHEDULE = "0 8,18 * * *"  # the default digest schedule, in the destination's timezone
DESK, SUBSCRIBER = "C0DESK", "C0SUB"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NEXT_0800_SEOUL = datetime(2026, 11, 27, 23, 0, tzinfo=UTC)


@pytest.fixture
def services(tmp_path: Path, feeds: tuple[FeedSource, ...], slack: SlackApi) -> Iterator[Services]:
    poster = deliver.SlackPoster(
        deliver.make_slack_client("xoxb-test", base_url=slack.base_url), interval=0
    )
    with httpx.Client() as http:
        built = Services(
            store=store.open_store(f"sqlite:///{tmp_path}/p.db"),
            http=http,
            feeds=feeds,
            limits=ingest.FetchLimits(),
            rules=load_rules(ROOT / "config"),
            destinations=(Destination("desk", "slack", "Asia/Seoul", slack=poster, channel=DESK),),
            policy=DigestPolicy(
                first_run_lookback=timedelta(days=3), next_digest=next_digest_time(SCHEDULE)
            ),
            rng=random.Random(7),
            chat=ChatPosters(slack=poster),
        )
        yield built
        built.store.close()


def follow_at_22_seoul(services: Services) -> None:
    """`/korea subscribe "Korea" here at 22:00` in the subscriber's channel, an hour ago."""
    subscription = Subscription(
        id="",
        destination=f"slack:channel:{SUBSCRIBER}",
        kind="phrase",
        value="Korea",
        times=("22:00",),
        timezone="Asia/Seoul",
        created=NOW - timedelta(hours=1),
    )
    store.add_subscription(services.store, subscription=subscription)


def channels(slack: SlackApi) -> list[str]:
    """Where top-level messages landed, in order (thread replies left out)."""
    return [post.channel for post in slack.posts if post.thread_ts is None]


def test_each_cycle_sends_only_what_is_due_and_nothing_twice(
    services: Services, slack: SlackApi
) -> None:
    follow_at_22_seoul(services)

    first = pipeline.run_cycle(services, now=NOW)
    assert first.poll.korea >= 1
    assert [d.destination for d in first.digests] == ["desk"], "a first digest is due at once"
    assert first.subscriber_digests == (), "22:00 in Seoul has not come yet"
    assert channels(slack) == [DESK]

    at_2210 = pipeline.run_cycle(services, now=NOW + timedelta(minutes=70))
    assert at_2210.digests == (), "the desk's next digest is at 08:00"
    assert [d.destination for d in at_2210.subscriber_digests] == [f"slack:channel:{SUBSCRIBER}"]
    assert channels(slack) == [DESK, SUBSCRIBER]

    again = pipeline.run_cycle(services, now=NOW + timedelta(minutes=75))
    assert (again.digests, again.subscriber_digests, again.retried) == ((), (), ())
    assert again.poll.polled == 0, "feeds polled five minutes ago are not due again yet"
    assert channels(slack) == [DESK, SUBSCRIBER]


def test_a_cycle_retries_a_failed_delivery_even_when_no_digest_is_due(
    services: Services, slack: SlackApi
) -> None:
    slack.server_error("chat.postMessage")  # the desk's first message: Slack answers 500
    pipeline.run_cycle(services, now=NOW)
    assert channels(slack) == []

    later = pipeline.run_cycle(services, now=NOW + timedelta(minutes=15))
    assert later.digests == ()
    assert [receipt.ok for receipt in later.retried] == [True]
    assert channels(slack) == [DESK]


def test_only_a_first_digest_reaches_back_to_first_since(services: Services) -> None:
    policy = replace(services.policy, max_stories=1, first_run_lookback=timedelta(0))
    one_a_digest = replace(services, policy=policy)
    first = pipeline.run_cycle(one_a_digest, now=NOW, first_since=EPOCH)
    assert [len(digest.stories) for digest in first.digests] == [1]

    at_0800 = pipeline.run_cycle(one_a_digest, now=NEXT_0800_SEOUL, first_since=EPOCH)
    assert at_0800.digests == (), "older stories stay behind the last digest, as scheduled"


SEOUL_2100 = NOW
SEOUL_0759 = datetime(2026, 11, 27, 22, 59, tzinfo=UTC)
SEOUL_0800 = datetime(2026, 11, 27, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("last", "now", "due"),
    [
        (None, SEOUL_2100, True),  # never had a digest
        (SEOUL_2100, SEOUL_2100 + timedelta(hours=1), False),  # 18:00 was before the last one
        (SEOUL_2100, SEOUL_0759, False),
        (SEOUL_2100, SEOUL_0800, True),  # the schedule fired since
        (SEOUL_2100, SEOUL_0800 + timedelta(days=2), True),  # missed runs: one digest
    ],
)
def test_a_configured_digest_is_due_once_the_schedule_fired_since_the_last(
    services: Services, last: datetime | None, now: datetime, due: bool
) -> None:
    desk = services.destinations[0]
    if last is not None:
        store.set_cursor(services.store, destination=desk.name, at=last)
    assert pipeline.is_digest_due(services, desk, now=now) is due


def test_without_a_schedule_every_cycle_is_a_digest_time(services: Services) -> None:
    desk = services.destinations[0]
    store.set_cursor(services.store, destination=desk.name, at=NOW)
    unscheduled = replace(services, policy=DigestPolicy())
    assert pipeline.is_digest_due(unscheduled, desk, now=NOW + timedelta(minutes=1))
