"""Which page failures are tried again, and when: a table of failures, then the schedule."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.ingest import PageRetryPolicy, next_page_try
from bot.ingest.page_retries import is_transient
from bot.ingest.policy import asked_wait_minutes
from bot.model import FetchResult

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
POLICY = PageRetryPolicy()


def failed(status: int | None, error: str, **headers: str) -> FetchResult:
    return FetchResult("http://x/a", status, headers=headers, error=error)


def passing(error: str) -> FetchResult:
    """A failure fetch.py or the host holds marked as one that may pass."""
    return FetchResult("http://x/a", None, error=error, passing=True)


@pytest.mark.parametrize(
    ("result", "transient"),
    [
        (failed(503, "HTTP 503 Service Unavailable"), True),
        (failed(500, "HTTP 500 Internal Server Error"), True),
        (failed(502, "HTTP 502 Bad Gateway"), True),
        (failed(429, "HTTP 429 Too Many Requests"), True),
        (failed(408, "HTTP 408 Request Timeout"), True),
        (passing("timed out (ReadTimeout)"), True),
        (passing("could not connect: [Errno 111] Connection refused"), True),
        (passing("network error: RemoteProtocolError: peer closed connection"), True),
        (passing("too slow: the answer took more than 5 s"), True),
        (passing("not fetched: x answered HTTP 429 with Retry-After; waiting"), True),
        (failed(404, "HTTP 404 Not Found"), False),
        (failed(410, "HTTP 410 Gone"), False),
        (failed(403, "HTTP 403 Forbidden"), False),
        (failed(None, "refused 'http://10.0.0.1/': 10.0.0.1 is a private address"), False),
        (failed(None, "body is over the 2048-byte limit"), False),
        (failed(None, "redirect loop: http://x/a sends us back to http://x/b"), False),
        (failed(None, "unexpected error: ValueError()"), False),
        (FetchResult("http://x/a", 200, body=b"<p>"), False),
    ],
)
def test_only_failures_that_pass_are_transient(result: FetchResult, transient: bool) -> None:
    assert is_transient(result) is transient


def test_retry_after_in_seconds_or_as_a_date_is_read_in_minutes() -> None:
    assert asked_wait_minutes(failed(429, "HTTP 429", **{"Retry-After": "1800"}), now=NOW) == 30
    date = "Fri, 27 Nov 2026 14:00:00 GMT"
    assert asked_wait_minutes(failed(503, "HTTP 503", **{"retry-after": date}), now=NOW) == 120
    assert asked_wait_minutes(failed(503, "HTTP 503"), now=NOW) == 0


def waits(tries: int, *, wait: float = 0.0, queued: datetime = NOW, jitter: float = 0.0) -> float:
    """Minutes until the next try after `tries` requests, or -1 for 'give up'."""
    policy = PageRetryPolicy(jitter=jitter)
    due = next_page_try(
        tries=tries, queued=queued, now=NOW, wait_minutes=wait, policy=policy, rng=random.Random(1)
    )
    return -1 if due is None else (due - NOW).total_seconds() / 60


def test_the_wait_doubles_from_ten_minutes_and_the_fifth_failure_gives_up() -> None:
    assert [waits(tries) for tries in range(1, 6)] == [10, 20, 40, 80, -1]


def test_jitter_only_lengthens_the_wait_by_at_most_a_fifth() -> None:
    found = [waits(2, jitter=0.2) for _ in range(5)]
    assert all(20 <= minutes <= 24 for minutes in found)


def test_the_publishers_retry_after_wins_when_it_is_longer() -> None:
    assert waits(1, wait=90) == 90
    assert waits(1, wait=3) == 10


def test_a_hold_without_a_request_waits_only_for_the_hold() -> None:
    assert waits(0, wait=2) == 2


def test_no_try_is_planned_later_than_a_day_after_queueing() -> None:
    assert waits(1, queued=NOW - timedelta(hours=23, minutes=55)) == -1
    assert waits(1, wait=24 * 60 + 1) == -1
    assert waits(1, queued=NOW - timedelta(hours=23)) == 10
