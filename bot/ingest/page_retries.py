"""When a teaser's article page is tried again, and which failures are worth another try.

A page that failed once must not cost the article its full text for good, and a publisher
having a bad minute must not be hammered. So only failures that pass are retried: the network
(a timeout, a refused or reset connection, a stalled body), 408/425/429 and 5xx answers. The
next try waits 10, 20, 40, 80 minutes (+ up to 20% jitter, so pages that failed together are
not retried together), or longer when the publisher's Retry-After says so, for at most five
requests and never later than a day after the teaser was queued. Everything else (404, 410,
403, a PDF, a page no longer than the teaser, a refused address, a body over our cap) will
fail the same way again and is given up at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.model import FetchResult

TRANSIENT_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True, slots=True)
class PageRetryPolicy:
    """How often and how long a page that failed in passing is tried again."""

    max_tries: int = 5  # page requests in all, the first included
    first_retry_minutes: float = 10.0  # doubled after each further failure
    give_up_hours: float = 24.0  # from when the teaser was queued
    jitter: float = 0.2  # up to +20%


def is_transient(fetched: FetchResult) -> bool:
    """True when trying the same page later may well succeed (see the module docstring)."""
    if fetched.error is None:
        return False
    status = fetched.status
    if status is not None:
        return status in TRANSIENT_STATUSES or 500 <= status <= 599
    return fetched.passing  # fetch.py and hosts.py say so: network, stalled answer, a host's hold


def next_page_try(
    *,
    tries: int,
    queued: datetime,
    now: datetime,
    wait_minutes: float,
    policy: PageRetryPolicy,
    rng: random.Random,
) -> datetime | None:
    """After `tries` requests (this one included), when to try the page again; None: give up.

    `wait_minutes` is what the publisher asked for; a try that made no request (tries 0, a
    host's hold) waits only for that.
    """
    if tries >= policy.max_tries:
        return None
    backoff = policy.first_retry_minutes * 2 ** max(0, tries - 1) if tries else 0.0
    minutes = max(backoff * (1 + policy.jitter * rng.random()), wait_minutes)
    due = now + timedelta(minutes=minutes)
    return due if due <= queued + timedelta(hours=policy.give_up_hours) else None
