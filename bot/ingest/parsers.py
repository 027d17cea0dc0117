"""Parsing in worker processes, so a cycle with many changed feeds uses every core.

feedparser is pure Python: parsed in the polling threads, every body waits for the one GIL and
a 2-core machine works on one core (~30 ms per 50-item feed, ~6 CPU s for 200 changed feeds).
The workers run the very same `parse_feed`, so what they return is feedparser's reading by
construction; if a worker dies or cannot be reached, the body is parsed here instead.

Workers are forked before the polling threads start (a fork while threads hold locks is how
children deadlock), only for polls big enough to repay it, and only where fork exists.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime

from bot.ingest.parse import parse_feed
from bot.ingest.read import Parse
from bot.model import FeedRead, FeedSource

log = logging.getLogger(__name__)

PROCESS_MIN_JOBS = 32  # below this a poll parses in its threads: forking would cost more


@contextmanager
def parser_for(jobs: int) -> Iterator[Parse]:
    """How a poll of `jobs` feeds parses: in worker processes when it pays, else in place."""
    workers = worker_count(jobs)
    if workers < 2:
        yield parse_feed
        return
    pool = _started_pool(workers)
    if pool is None:
        yield parse_feed
        return
    with pool:
        yield _Pooled(pool)


def worker_count(jobs: int) -> int:
    """One worker per usable core, for polls of at least PROCESS_MIN_JOBS feeds; 0 for none."""
    if jobs < PROCESS_MIN_JOBS or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, jobs)


def _started_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool whose workers are all forked now (Python forks them all on the first task)."""
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pool.submit(os.getpid).result(timeout=30)
    except Exception:  # no processes here (limits, sandbox): parse in threads, as before
        log.warning("ingest.parsers.unavailable", exc_info=True)
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    return pool


class _Pooled:
    """parse_feed run in the pool; in this process when the pool fails."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self._pool = pool

    def __call__(
        self, body: bytes, *, source: FeedSource, headers: Mapping[str, str], now: datetime
    ) -> FeedRead:
        try:
            future = self._pool.submit(
                parse_feed, body, source=source, headers=dict(headers), now=now
            )
            return future.result()
        except Exception:  # parse_feed never raises: this is the pool failing (a dead worker)
            log.warning("ingest.parsers.fallback", extra={"feed": source.name}, exc_info=True)
            return parse_feed(body, source=source, headers=headers, now=now)
