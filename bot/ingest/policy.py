"""When to look at a feed again, and what to remember about it (miniflux's feed hygiene).

Success: wait the longest of what we and the publisher asked for (our interval, RSS <ttl>,
Cache-Control max-age, Retry-After), clamped to sane bounds. Failure: back off exponentially
from five minutes with jitter, up to a day, and keep trying: feeds come back.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from bot.model import FeedState, FetchResult

FIRST_RETRY_MINUTES = 5
DAY_MINUTES = 24 * 60
DEGRADED_AFTER = 9  # failures in a row: with the backoff above, 21-26 hours of failing
JITTER = 0.2  # up to +20%, so feeds that failed together do not retry together
MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*(\d+)", re.IGNORECASE)


def next_check(
    *,
    now: datetime,
    interval_minutes: int,
    result: FetchResult,
    state: FeedState | None,
    ttl_minutes: int | None,
    min_minutes: int = 5,
    max_minutes: int = DAY_MINUTES,
    rng: random.Random,
) -> datetime:
    """Fetch outcome -> when to fetch this feed next (never later than `max_minutes`)."""
    asked = _publisher_minutes(result, now=now)
    if result.error is None:
        minutes = max(interval_minutes, ttl_minutes or 0, asked)
    else:
        failures = (state.error_count if state else 0) + 1
        minutes = max(_backoff_minutes(failures, rng=rng), asked)
    return now + timedelta(minutes=min(max(minutes, min_minutes), max_minutes))


def _backoff_minutes(failures: int, *, rng: random.Random) -> float:
    """5, 10, 20, 40 ... minutes (+ jitter) after the 1st, 2nd, 3rd ... failure; at most a day."""
    base = FIRST_RETRY_MINUTES * 2 ** min(failures - 1, 16)
    return float(min(base * (1 + JITTER * rng.random()), DAY_MINUTES))


def _publisher_minutes(result: FetchResult, *, now: datetime) -> float:
    """What the server asked for: Cache-Control max-age and Retry-After, in minutes."""
    headers = {key.lower(): value for key, value in result.headers.items()}
    max_age = MAX_AGE.search(headers.get("cache-control", ""))
    age = int(max_age.group(1)) / 60 if max_age else 0.0
    return max(age, asked_wait_minutes(result, now=now))


def asked_wait_minutes(result: FetchResult, *, now: datetime) -> float:
    """The minutes the server's Retry-After asked us to wait, 0 when it did not say."""
    headers = {key.lower(): value for key, value in result.headers.items()}
    return retry_after_minutes(headers.get("retry-after", ""), now=now)


def retry_after_minutes(value: str, *, now: datetime) -> float:
    """Retry-After (seconds or an HTTP date) -> minutes from `now`; unreadable -> 0."""
    value = value.strip()
    if value.isdigit():
        return int(value) / 60
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return 0.0
    return max(0.0, (when - now).total_seconds() / 60) if when.tzinfo else 0.0


def updated_state(state: FeedState | None, result: FetchResult, *, now: datetime) -> FeedState:
    """Previous state + fetch outcome -> what to remember (errors counted, moves followed)."""
    base = state or FeedState(url=result.url)
    if result.error is not None:
        return replace(
            base,
            last_status=result.status,
            error_count=base.error_count + 1,
            last_error=result.error,
            gone=result.status == 410,
        )
    moved = result.permanent_redirect and result.final_url
    return replace(
        base,
        url=result.final_url if moved and result.final_url else base.url,
        etag=result.etag or base.etag,
        last_modified=result.last_modified or base.last_modified,
        body_hash=result.body_hash or base.body_hash,
        last_status=result.status,
        error_count=0,
        last_error=None,
        last_success=now,
        gone=False,
    )


def is_degraded(state: FeedState | None) -> bool:
    """True for a feed that has failed for about a day: DEGRADED_AFTER failures in a row.

    Counted in failures, not hours, because failures are spaced by the backoff (5, 10 ... 640
    minutes: the 9th comes 21 hours after the 1st), and because the count crosses the line
    exactly once per outage, so the log says it once.
    """
    return state is not None and state.error_count >= DEGRADED_AFTER
