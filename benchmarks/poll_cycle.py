"""One poll cycle of 1,000 feeds through `bot.ingest.poll_feeds`, next to the same fetches done
one after another (a stratified subset, scaled), both timed in the same run.

    .venv/bin/python benchmarks/poll_cycle.py [--feeds 1000] [--items 50] [--slow 1.5]

The publishers are one local server process on 127.0.0.1 (threaded, bodies rendered before the
clock starts). It is reached as an HTTP proxy, so the feeds can live on many virtual hosts
(`h17.feeds.test`, four feeds each) and the per-host cap works as it would on the web; nothing
leaves 127.0.0.1. Feed i answers by i % 10: 0-6 -> 304 Not Modified, 7-8 -> a changed body with
`--items` items (~1 kB each), 9 -> slow (`--slow` s, then 304) or failing (500, 404, a dropped
connection, an HTML page), in turn.

Reported: wall seconds, CPU seconds (this process and its reaped children, i.e. parse
workers), peak RSS of this process and of the largest child. Targets: <= 10 s wall and
<= 200 MB RSS on a 2-core machine. The baseline is a subset (one block of ten feeds in each
hundred, the same mix) read with `bot.ingest.read_feed` in a plain loop, scaled to all feeds. The
subset's articles from both runs are compared: the cycle must read exactly what a plain
`read_feed` reads.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import socket
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from urllib.parse import urlsplit

import httpx

from bot.ingest import FetchLimits, poll_feeds, read_feed
from bot.model import FeedRead, FeedSource, FeedState, FetchResult

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
VOCABULARY = (
    "Seoul Pyongyang minister said talks trade summit missile launch economy exports chip "
    "maker Samsung election assembly border drill sanctions envoy court ruling"
)
WORDS = tuple(VOCABULARY.split())
FAILURES = ("500", "404", "drop", "html")
TARGET_WALL, TARGET_RSS_MB = 10.0, 200.0
Pair = tuple[FetchResult, FeedRead]


# --- the publishers --------------------------------------------------------------------------


def kind_of(index: int) -> str:
    """What feed `index` does: 'same' (304), 'changed', 'slow' or one of FAILURES."""
    digit = index % 10
    if digit <= 6:
        return "same"
    if digit <= 8:
        return "changed"
    turn = index // 10
    return "slow" if turn % 2 == 0 else FAILURES[(turn // 2) % len(FAILURES)]


def render_feed(index: int, items: int) -> bytes:
    """An RSS 2.0 feed of `items` news-sized items (title, link, guid, date, HTML summary)."""
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {index}</title><link>https://news{index}.example/</link><ttl>15</ttl>"
    ]
    for item in range(items):
        body = " ".join(WORDS[(item * 7 + word * 3 + index) % len(WORDS)] for word in range(70))
        parts.append(
            f"<item><title>Story {index}-{item}: {WORDS[item % len(WORDS)]} &amp; news</title>"
            f"<link>https://news{index}.example/2024/05/{item}.html</link>"
            f'<guid isPermaLink="false">f{index}-i{item}</guid>'
            f"<pubDate>Wed, 01 May 2024 {item % 24:02d}:{item % 60:02d}:00 +0900</pubDate>"
            f"<description>&lt;p&gt;{body}.&lt;/p&gt;&lt;p&gt;{body[:200]}&lt;/p&gt;</description>"
            "</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(conn: Connection, feeds: int, items: int, slow: float) -> None:
    """Server process: render every body, report the port, serve until terminated."""
    bodies = {i: render_feed(i, items) for i in range(feeds) if kind_of(i) == "changed"}
    server = Publishers(("127.0.0.1", 0), _handler(bodies, slow))
    conn.send(server.server_address[1])
    server.serve_forever(poll_interval=0.1)


def _handler(bodies: dict[int, bytes], slow: float) -> type[BaseHTTPRequestHandler]:
    html = b"<!doctype html><html><body>This is not a feed.</body></html>"

    class Publisher(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            index = int(urlsplit(self.path).path.rsplit("/", 1)[-1])
            kind = kind_of(index)
            if kind == "slow":
                time.sleep(slow)
            if kind in ("same", "slow"):
                self._send(304, b"", etag=f'"v1-{index}"')
            elif kind == "changed":
                self._send(200, bodies[index], etag=f'"v2-{index}"')
            elif kind == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif kind == "html":
                self._send(200, html, content_type="text/html")
            else:
                self._send(int(kind), b"failing on purpose")

        def _send(
            self, status: int, body: bytes, *, etag: str = "", content_type: str = "text/xml"
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Publisher


class Publishers(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # no refused connects when 16 workers connect at once

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: clients hang up on purpose (dropped feeds, the end of the run)."""


def in_subset(index: int) -> bool:
    """One feed in ten, the same mix as the whole: blocks of ten 0-9, 110-119, 220-229 ...
    (so the tenth feed of each block alternates between slow and each kind of failure)."""
    return (index // 10) % 10 == (index // 100) % 10


# --- the poller side -------------------------------------------------------------------------


def jobs_for(feeds: int) -> list[tuple[FeedSource, FeedState | None]]:
    """Every feed with what we remember from the last cycle (ETag v1, an older body hash)."""
    jobs: list[tuple[FeedSource, FeedState | None]] = []
    for index in range(feeds):
        url = f"http://h{index // 4}.feeds.test/feed/{index}"
        state = FeedState(url=url, etag=f'"v1-{index}"', body_hash="an older body")
        jobs.append((FeedSource(name=f"feed-{index}", url=url), state))
    return jobs


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    own_cpu: float
    child_cpu: float
    pairs: list[Pair]

    @property
    def cpu(self) -> float:
        return self.own_cpu + self.child_cpu


def measured(work: Callable[[], list[Pair]]) -> Run:
    """Wall and CPU seconds of `work`, children (parse workers) counted once reaped."""
    own, kids = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    pairs = work()
    wall = time.perf_counter() - started
    return Run(wall, _cpu(resource.RUSAGE_SELF) - own, _cpu(resource.RUSAGE_CHILDREN) - kids, pairs)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def core_share(seconds: float = 0.5) -> float:
    """How much of one core this process gets right now (1.0 on a quiet machine): CPU seconds
    over wall seconds of a busy loop. Other work on the machine shows up here, not as a bug."""
    started, cpu = time.perf_counter(), time.process_time()
    while time.process_time() - cpu < seconds:
        sum(range(10_000))
    return seconds / (time.perf_counter() - started)


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def sequential(
    client: httpx.Client, jobs: Sequence[tuple[FeedSource, FeedState | None]]
) -> list[Pair]:
    limits = FetchLimits()
    return [read_feed(client, source, state, now=NOW, limits=limits) for source, state in jobs]


def outcome_counts(pairs: Sequence[Pair]) -> dict[str, int]:
    return {
        "not modified": sum(1 for fetch, _ in pairs if fetch.not_modified),
        "parsed": sum(1 for fetch, read in pairs if fetch.body and read.articles),
        "failed": sum(1 for fetch, _ in pairs if fetch.error),
        "articles": sum(len(read.articles) for _, read in pairs),
    }


def same_reads(cycle: Sequence[Pair], baseline: Sequence[Pair]) -> bool:
    return [read.articles for _, read in cycle] == [read.articles for _, read in baseline]


# --- the run ---------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--slow", type=float, default=1.5, help="seconds a slow feed takes")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=2)
    options = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    server = context.Process(
        target=serve, args=(theirs, options.feeds, options.items, options.slow), daemon=True
    )
    server.start()
    try:
        port = ours.recv() if ours.poll(120) else None
        if port is None:
            print("the feed server did not start within 120 s")
            return 1
        return _compare(options, port)
    finally:
        server.terminate()
        server.join(timeout=10)


def _compare(options: argparse.Namespace, port: int) -> int:
    jobs = jobs_for(options.feeds)
    subset = [job for index, job in enumerate(jobs) if in_subset(index)]
    proxy = f"http://127.0.0.1:{port}"
    with httpx.Client(proxy=proxy, trust_env=False) as client:
        sequential(client, subset[:10])  # warm: imports, regexes, connections
        cycle = measured(
            lambda: poll_feeds(
                client, jobs, now=NOW, limits=FetchLimits(),
                concurrency=options.concurrency, per_host=options.per_host,
            )
        )  # fmt: skip
        own_rss, child_rss = (
            peak_rss_mb(resource.RUSAGE_SELF),
            peak_rss_mb(resource.RUSAGE_CHILDREN),
        )
        baseline = measured(lambda: sequential(client, subset))
    _report(options, cycle, baseline, own_rss, child_rss, len(jobs) / len(subset))
    picked = [pair for index, pair in enumerate(cycle.pairs) if in_subset(index)]
    identical = same_reads(picked, baseline.pairs)
    print(f"subset read identically by the cycle and by plain read_feed: {identical}")
    met = cycle.wall <= TARGET_WALL and own_rss + child_rss <= TARGET_RSS_MB
    return 0 if identical and met else 1


def _report(
    options: argparse.Namespace,
    cycle: Run,
    baseline: Run,
    own_rss: float,
    child_rss: float,
    scale: float,
) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"{options.feeds} feeds x {options.items} items, {cores} cores, "
        f"concurrency {options.concurrency}, per host {options.per_host}, slow {options.slow} s"
    )
    print(f"share of a core this process got in a busy loop: {core_share():.2f} (quiet: 1.00)")
    print(f"outcomes: {outcome_counts(cycle.pairs)}")
    seq_wall, seq_cpu = baseline.wall * scale, baseline.cpu * scale
    print(
        f"poll cycle:  wall {cycle.wall:6.2f} s   cpu {cycle.cpu:6.2f} s "
        f"(this process {cycle.own_cpu:.2f}, parse workers {cycle.child_cpu:.2f})"
    )
    print(
        f"sequential:  wall {seq_wall:6.2f} s   cpu {seq_cpu:6.2f} s   "
        f"({len(baseline.pairs)} feeds measured, x{scale:g})"
    )
    print(f"ratio: the cycle takes {cycle.wall / seq_wall:.3f} of the sequential wall time "
          f"({seq_wall / cycle.wall:.1f}x faster), {cycle.cpu / seq_cpu:.2f}x its CPU")  # fmt: skip
    print(f"peak RSS: this process {own_rss:.0f} MB, largest child {child_rss:.0f} MB")
    wall_ok = "met" if cycle.wall <= TARGET_WALL else "NOT met"
    rss_ok = "met" if own_rss + child_rss <= TARGET_RSS_MB else "NOT met"
    print(f"targets: wall <= {TARGET_WALL:g} s {wall_ok}; RSS <= {TARGET_RSS_MB:g} MB {rss_ok}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
