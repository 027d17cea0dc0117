"""poll_feeds: many feeds in parallel, a cap per host, and failures that stay local."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bot.ingest import FetchLimits
from bot.ingest.poll import poll_feeds
from bot.model import FeedSource

FEED = (Path(__file__).parent / "fixtures" / "ttl.xml").read_bytes()
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


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
