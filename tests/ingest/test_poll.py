"""poll_feeds: many feeds in parallel, a cap per host, whole-host Retry-After, parsing in
worker processes that reads exactly what read_feed reads, and failures that stay local."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.ingest import FetchLimits, read_feed, updated_state
from bot.ingest.parsers import PROCESS_MIN_JOBS, worker_count
from bot.ingest.policy import DEGRADED_AFTER, is_degraded
from bot.ingest.poll import interleaved, poll_feeds
from bot.model import FeedSource, FeedState, FetchResult
from tests.conftest import shared_path
from tests.fakes.feed_server import FeedServer, Route

FIXTURES = Path(__file__).parent / "fixtures"
FEED = (FIXTURES / "ttl.xml").read_bytes()
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
LIMITS = FetchLimits(timeout=2.0, deadline=5.0)


class InFlight:
    """An httpx transport handler that records how many requests each host has at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        with self.lock:
            self.now[host] += 1
            self.peak[host] = max(self.peak[host], self.now[host])
        time.sleep(0.05)
        with self.lock:
            self.now[host] -= 1
        if host == "down.example":
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, content=FEED)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def test_per_host_cap_parallelism_order_and_isolation() -> None:
    handler = InFlight()
    hosts = ["a.example"] * 6 + ["b.example"] * 6 + ["down.example"]
    jobs = [
        (FeedSource(name=f"{h}-{i}", url=f"https://{h}/{i}"), None) for i, h in enumerate(hosts)
    ]
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        results = poll_feeds(client, jobs, now=NOW, limits=FetchLimits(), per_host=2)
    assert [read.source.name for _, read in results] == [source.name for source, _ in jobs]
    assert handler.peak["a.example"] == 2 and handler.peak["b.example"] == 2
    failed = [fetch for fetch, _ in results if fetch.error]
    assert len(failed) == 1 and "could not connect" in (failed[0].error or "")
    assert all(len(read.articles) == 1 for fetch, read in results if not fetch.error)


@pytest.mark.parametrize(
    ("hosts", "order"),
    [
        ("aaabbc", [0, 3, 5, 1, 4, 2]),
        ("abc", [0, 1, 2]),
        ("aaa", [0, 1, 2]),
        ("", []),
    ],
)
def test_work_starts_on_every_host_before_a_second_feed_of_any(
    hosts: str, order: list[int]
) -> None:
    jobs = [
        (FeedSource(name=str(i), url=f"https://{h}.example/{i}"), None) for i, h in enumerate(hosts)
    ]
    assert interleaved(jobs) == order


# --- parsing in worker processes ---------------------------------------------------------------


SHARED = [
    "feed-rs__rss_2.0_spiegel.xml",
    "feedparser__encoding-euc-kr.xml",
    "miniflux__no_encoding_ISO-8859-1.xml",
    "node-feedparser__tpm.atom",
    "rss-parser__guardian.rss",
    "feed-rs__rss_2.0_invalid_1.xml",
]


def test_a_big_poll_parses_in_workers_and_reads_what_read_feed_reads(server: FeedServer) -> None:
    """feedparser in this process is the reference: the workers must agree, feed by feed."""
    bodies = [shared_path(f"corpus/feeds/{name}").read_bytes() for name in SHARED]
    bodies += [(FIXTURES / name).read_bytes() for name in ("ttl.xml", "truncated.xml", "dates.xml")]
    jobs: list[tuple[FeedSource, FeedState | None]] = []
    for index in range(PROCESS_MIN_JOBS + 4):
        url = server.route(f"/feed/{index}", Route(body=bodies[index % len(bodies)]))
        jobs.append((FeedSource(name=f"feed-{index}", url=url, timezone="Asia/Seoul"), None))
    if len(os.sched_getaffinity(0)) > 1:
        assert worker_count(len(jobs)) >= 2
    with httpx.Client() as client:
        polled = poll_feeds(client, jobs, now=NOW, limits=LIMITS)
        alone = [read_feed(client, s, st, now=NOW, limits=LIMITS) for s, st in jobs]
    assert [read for _, read in polled] == [read for _, read in alone]
    assert sum(len(read.articles) for _, read in polled) > 100


@pytest.mark.parametrize(("jobs", "parallel"), [(1, False), (PROCESS_MIN_JOBS - 1, False)])
def test_small_polls_parse_in_place(jobs: int, parallel: bool) -> None:
    assert (worker_count(jobs) >= 2) is parallel


# --- politeness and health -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "retry_after", "held"),
    [(429, "600", True), (503, "120", True), (503, None, False), (500, "600", False)],
)
def test_retry_after_from_one_feed_holds_its_whole_host(
    server: FeedServer, status: int, retry_after: str | None, held: bool
) -> None:
    """127.0.0.1 and localhost are two host names for one server: only the first is held."""
    headers = {"Retry-After": retry_after} if retry_after else {}
    first = server.route("/busy", Route(status=status, headers=headers))
    urls = [first] + [server.route(f"/f{n}", Route(body=FEED)) for n in range(3)]
    urls.append(urls[-1].replace("127.0.0.1", "localhost"))
    jobs = [(FeedSource(name=f"f{n}", url=url), None) for n, url in enumerate(urls)]
    with httpx.Client() as client:
        results = poll_feeds(client, jobs, now=NOW, limits=LIMITS, concurrency=1, per_host=1)
    skipped = [fetch for fetch, _ in results if fetch.status is None]
    assert len(skipped) == (3 if held else 0)
    assert results[-1][0].status == 200  # the other host is not held
    for fetch in skipped:
        assert "Retry-After" in (fetch.error or "") and fetch.headers["retry-after"].isdigit()
        assert int(fetch.headers["retry-after"]) <= int(retry_after or 0)
        assert fetch.passing  # held, not failed: the next poll tries again
    assert len(server.requests) == len(urls) - len(skipped)


def test_a_feed_failing_for_a_day_is_logged_degraded_once_and_recovered_once(
    server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = server.route("/feed", Route(status=500))
    source = FeedSource(name="flaky", url=url)
    state: FeedState | None = None
    now = NOW
    caplog.set_level(logging.INFO, logger="bot.ingest")
    with httpx.Client() as client:
        for _ in range(DEGRADED_AFTER + 5):  # every 5 min..24 h, as the backoff schedules them
            [(fetched, _)] = poll_feeds(client, [(source, state)], now=now, limits=LIMITS)
            state = updated_state(state, fetched, now=now)
            now += timedelta(minutes=5 * 2 ** min(state.error_count - 1, 8))
        assert is_degraded(state)
        server.route("/feed", Route(body=FEED))
        for _ in range(2):
            [(fetched, _)] = poll_feeds(client, [(source, state)], now=now, limits=LIMITS)
            state = updated_state(state, fetched, now=now)
    events = [record.getMessage().split()[0] for record in caplog.records]
    assert events.count("ingest.feed_degraded") == 1
    assert events.count("ingest.feed_recovered") == 1
    assert not is_degraded(state)


@pytest.mark.parametrize(
    ("failures", "degraded"),
    [(0, False), (1, False), (DEGRADED_AFTER - 1, False), (DEGRADED_AFTER, True), (40, True)],
)
def test_degraded_means_about_a_day_of_failures(failures: int, degraded: bool) -> None:
    assert is_degraded(FeedState(url="https://x.example/feed", error_count=failures)) is degraded


def test_410_gone_is_remembered_with_its_reason(server: FeedServer) -> None:
    url = server.route("/feed", Route(status=410))
    with httpx.Client() as client:
        [(fetched, read)] = poll_feeds(
            client, [(FeedSource(name="g", url=url), None)], now=NOW, limits=LIMITS
        )
    state = updated_state(None, fetched, now=NOW)
    assert state.gone and state.last_error == "HTTP 410 Gone"
    assert read.problems == ("fetch failed: HTTP 410 Gone",)


def test_one_feed_that_breaks_the_poller_does_not_stop_the_others() -> None:
    """A state whose URL cannot even be split still yields a result, in its place."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=FEED)

    jobs: list[tuple[FeedSource, FeedState | None]] = [
        (FeedSource(name="bad", url="http://[::1"), FeedState(url="http://[::1")),
        (FeedSource(name="good", url="https://ok.example/feed"), None),
    ]
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        results = poll_feeds(client, jobs, now=NOW, limits=LIMITS)
    assert results[0][0].error is not None and results[1][0].error is None
    assert isinstance(results[1][0], FetchResult) and len(results[1][1].articles) == 1
