"""Many feeds at once: a bounded thread pool, a cap per host, Retry-After honoured for the whole
host, and parsing in worker processes when there is enough of it to use every core.

A fetch holds its host's gate; parsing does not (the publisher is done with us by then).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import httpx

from bot.ingest.fetch import fetch_feed
from bot.ingest.hosts import HostGates, HostHolds, host_of, host_turns
from bot.ingest.limits import FetchLimits
from bot.ingest.parsers import parser_for
from bot.ingest.policy import is_degraded, updated_state
from bot.ingest.read import Parse, read_fetched
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
    order = interleaved(jobs)
    with parser_for(len(jobs)) as parse:
        poll = _Poll(client, now=now, limits=limits, gates=HostGates(per_host), parse=parse)
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            done = dict(zip(order, pool.map(poll.read_one, [jobs[i] for i in order]), strict=True))
    return [done[index] for index in range(len(jobs))]


def interleaved(jobs: Sequence[Job]) -> list[int]:
    """Job indices taking one feed from each host in turn (see host_turns)."""
    return host_turns(
        [host_of(state.url if state and state.url else src.url) for src, state in jobs]
    )


class _Poll:
    """What every feed of one poll shares: the client, the clock, the limits, the hosts."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        now: datetime,
        limits: FetchLimits,
        gates: HostGates,
        parse: Parse,
    ) -> None:
        self.client, self.now, self.limits = client, now, limits
        self.gates, self.parse, self.holds = gates, parse, HostHolds()

    def read_one(self, job: Job) -> tuple[FetchResult, FeedRead]:
        source, state = job
        try:
            result = self._fetch(source, state)
            _log_health(source, state, result, now=self.now)
            read = read_fetched(result, source=source, state=state, now=self.now, parse=self.parse)
        except Exception as exc:  # nothing here raises; this keeps one bug from stopping a run
            log.exception("ingest.poll.unexpected", extra={"feed": source.name})
            error = f"unexpected error: {exc!r}"
            return FetchResult(source.url, None, error=error), FeedRead(source, (), (error,))
        return result, read

    def _fetch(self, source: FeedSource, state: FeedState | None) -> FetchResult:
        url = state.url if state is not None and state.url else source.url
        host = host_of(url)
        with self.gates.gate(host):
            held = self.holds.held(host, url, now=self.now)
            if held is not None:
                return held
            result = fetch_feed(self.client, source, state, limits=self.limits)
        self.holds.note(host, result, now=self.now)
        return result


def _log_health(
    source: FeedSource, state: FeedState | None, result: FetchResult, *, now: datetime
) -> None:
    """Says once when a feed becomes degraded (about a day of failing) and once when it is back."""
    after = updated_state(state, result, now=now)
    if is_degraded(after) and not is_degraded(state):
        log.warning(
            "ingest.feed_degraded feed=%s failures=%d error=%s",
            source.name, after.error_count, after.last_error,
            extra={"feed": source.name, "url": after.url},
        )  # fmt: skip
    elif is_degraded(state) and not is_degraded(after):
        log.info("ingest.feed_recovered feed=%s", source.name, extra={"feed": source.name})
