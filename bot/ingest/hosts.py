"""Per-host politeness inside one poll: a cap on requests in flight, Retry-After holds, and
a pause between requests to one host.

A host that answers 429 Too Many Requests or 503 Service Unavailable with Retry-After has
asked us to stay away, from all of its feeds, not just the one that got the answer: its other
feeds in the same poll are not fetched until then, and say why.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from bot.ingest.policy import asked_wait_minutes
from bot.model import FetchResult

HOLD_STATUSES = frozenset({429, 503})


def host_of(url: str) -> str:
    """The lower-case host name of `url` ('' when it has none or cannot be read)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def host_turns(hosts: Sequence[str]) -> list[int]:
    """Indices of `hosts` taking one of each host in turn, so that workers start on different
    hosts instead of queueing at one host's gate while others sit idle."""
    rank: dict[str, int] = {}
    keys = []
    for index, host in enumerate(hosts):
        keys.append((rank.get(host, 0), index))
        rank[host] = rank.get(host, 0) + 1
    return [index for _, index in sorted(keys)]


class HostGates:
    """At most `per_host` requests in flight to one host; thread-safe."""

    def __init__(self, per_host: int) -> None:
        size = max(1, per_host)
        self._gates: defaultdict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(size)
        )
        self._lock = threading.Lock()

    def gate(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._gates[host]


class HostHolds:
    """Hosts that asked us (429/503 + Retry-After) not to come back before a time; thread-safe."""

    def __init__(self) -> None:
        self._until: dict[str, tuple[datetime, int]] = {}
        self._lock = threading.Lock()

    def note(self, host: str, result: FetchResult, *, now: datetime) -> None:
        """Remember a hold when `result` is a 429/503 that carries a usable Retry-After."""
        if result.status not in HOLD_STATUSES:
            return
        minutes = asked_wait_minutes(result, now=now)
        if minutes <= 0:
            return
        until = now + timedelta(minutes=minutes)
        with self._lock:
            current = self._until.get(host)
            if current is None or current[0] < until:
                self._until[host] = (until, result.status or 0)

    def held(self, host: str, url: str, *, now: datetime) -> FetchResult | None:
        """A not-fetched result for `url` while its host's hold lasts, else None."""
        with self._lock:
            hold = self._until.get(host)
        if hold is None or hold[0] <= now:
            return None
        until, status = hold
        seconds = int((until - now).total_seconds())
        reason = (
            f"not fetched: {host} answered HTTP {status} with Retry-After; "
            f"waiting until {until:%Y-%m-%d %H:%M} UTC for every feed on that host"
        )
        headers = {"retry-after": str(seconds)}
        return FetchResult(url, None, headers=headers, error=reason, passing=True)


class HostSpacing:
    """At least `seconds` between the starts of two requests to one host; thread-safe.

    A feed is one request per host per poll, but its article pages are many on the same
    publisher at once: spacing them is what a polite crawler does (robots.txt Crawl-delay).
    Each caller reserves the next free slot under the lock and sleeps outside it.
    """

    def __init__(self, seconds: float) -> None:
        self._seconds = max(0.0, seconds)
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Block until this host's next slot; the following caller gets the slot after it."""
        if not self._seconds:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self._seconds
        if slot > now:
            time.sleep(slot - now)
