"""Many feeds at once: a bounded thread pool, at most a few requests per host at a time."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from bot.ingest.limits import FetchLimits
from bot.ingest.read import read_feed
from bot.model import FeedRead, FeedSource, FeedState, FetchResult

log = logging.getLogger(__name__)
Job = tuple[FeedSource, FeedState | None]


def poll_feeds(
    client: httpx.Client,
    jobs: Sequence[Job],
    *,
    now: datetime,
    limits: FetchLimits,
    concurrency: int = 16,
    per_host: int = 2,
) -> list[tuple[FetchResult, FeedRead]]:
    """(source, state) pairs -> (fetch, read) pairs in the same order; one failure stays local."""
    gates: defaultdict[str, threading.Semaphore] = defaultdict(
        lambda: threading.Semaphore(max(1, per_host))
    )
    lock = threading.Lock()

    def run(job: Job) -> tuple[FetchResult, FeedRead]:
        source, state = job
        with lock:
            gate = gates[_host(state.url if state and state.url else source.url)]
        with gate:
            return _read_one(client, source, state, now=now, limits=limits)

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return list(pool.map(run, jobs))


def _read_one(
    client: httpx.Client,
    source: FeedSource,
    state: FeedState | None,
    *,
    now: datetime,
    limits: FetchLimits,
) -> tuple[FetchResult, FeedRead]:
    try:
        return read_feed(client, source, state, now=now, limits=limits)
    except Exception as exc:  # read_feed never raises; this keeps one bug from stopping a run
        log.exception("ingest.poll.unexpected", extra={"feed": source.name})
        error = f"unexpected error: {exc!r}"
        return FetchResult(source.url, None, error=error), FeedRead(source, (), (error,))


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
