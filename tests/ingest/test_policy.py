"""next_check and updated_state: feed hygiene as tables."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.ingest.policy import next_check, updated_state
from bot.model import FeedState, FetchResult

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
OK = FetchResult("https://x.com/feed", 200, body=b"<rss/>")
FAILED = FetchResult("https://x.com/feed", 503, error="HTTP 503 Service Unavailable")


def minutes_until(when: datetime) -> float:
    return (when - NOW).total_seconds() / 60


@pytest.mark.parametrize(
    ("interval", "ttl", "headers", "expected"),
    [
        (15, None, {}, 15),
        (15, 60, {}, 60),
        (15, None, {"Cache-Control": "public, max-age=1800"}, 30),
        (15, None, {"Retry-After": "3600"}, 60),
        (15, None, {"Retry-After": "Wed, 01 May 2024 14:00:00 GMT"}, 120),
        (15, 30, {"Cache-Control": "max-age=600"}, 30),
        (1, None, {}, 5),  # never more often than min_minutes
        (15, 100000, {}, 1440),  # never less often than once a day
        (15, None, {"Cache-Control": "no-cache"}, 15),
        (15, None, {"Retry-After": "soon"}, 15),
    ],
)
def test_success_waits_for_the_longest_request(
    interval: int, ttl: int | None, headers: dict[str, str], expected: float
) -> None:
    result = FetchResult(OK.url, 200, body=b"<rss/>", headers=headers)
    when = next_check(
        now=NOW, interval_minutes=interval, result=result, state=None, ttl_minutes=ttl,
        rng=random.Random(1),
    )  # fmt: skip
    assert minutes_until(when) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("previous_errors", "low", "high"),
    [(0, 5, 6), (1, 10, 12), (2, 20, 24), (3, 40, 48), (8, 1280, 1440), (30, 1440, 1440)],
)
def test_failures_back_off_exponentially_with_jitter_up_to_a_day(
    previous_errors: int, low: float, high: float
) -> None:
    state = FeedState(url=FAILED.url, error_count=previous_errors)
    waits = {
        minutes_until(
            next_check(
                now=NOW, interval_minutes=15, result=FAILED, state=state, ttl_minutes=None,
                rng=random.Random(seed),
            )
        )
        for seed in range(20)
    }  # fmt: skip
    assert all(low <= wait <= high for wait in waits)
    assert len(waits) > 1 or low == high  # jitter spreads retries


def test_failure_honours_a_longer_retry_after() -> None:
    result = FetchResult(FAILED.url, 429, headers={"retry-after": "7200"}, error="HTTP 429")
    when = next_check(
        now=NOW, interval_minutes=15, result=result, state=None, ttl_minutes=None,
        rng=random.Random(1),
    )  # fmt: skip
    assert minutes_until(when) == 120


def test_success_resets_errors_and_keeps_validators() -> None:
    state = FeedState(url="https://x.com/feed", etag='"old"', error_count=4, last_error="boom")
    result = FetchResult(state.url, 200, body=b"x", etag='"new"', body_hash="h")
    new = updated_state(state, result, now=NOW)
    assert (new.error_count, new.last_error, new.last_success) == (0, None, NOW)
    assert (new.etag, new.body_hash, new.last_status, new.url) == ('"new"', "h", 200, state.url)


def test_not_modified_keeps_what_we_had() -> None:
    state = FeedState(url="https://x.com/feed", etag='"v1"', body_hash="h", error_count=2)
    result = FetchResult(state.url, 304, not_modified=True)
    new = updated_state(state, result, now=NOW)
    assert (new.etag, new.body_hash, new.error_count, new.last_success) == ('"v1"', "h", 0, NOW)


@pytest.mark.parametrize(
    ("permanent", "url"), [(True, "https://new.example/feed"), (False, "https://x.com/feed")]
)
def test_only_permanent_redirects_move_the_feed(permanent: bool, url: str) -> None:
    result = FetchResult(
        "https://x.com/feed", 200, final_url="https://new.example/feed",
        permanent_redirect=permanent,
    )  # fmt: skip
    assert updated_state(None, result, now=NOW).url == url


@pytest.mark.parametrize(("status", "gone"), [(410, True), (404, False), (None, False)])
def test_errors_are_counted_and_410_means_gone(status: int | None, gone: bool) -> None:
    state = FeedState(url="https://x.com/feed", error_count=1, last_success=NOW - timedelta(1))
    result = FetchResult(state.url, status, error="it broke")
    new = updated_state(state, result, now=NOW)
    assert (new.error_count, new.last_error, new.gone) == (2, "it broke", gone)
    assert new.last_success == state.last_success
