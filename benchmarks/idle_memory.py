"""Memory of the bot over a simulated day: 96 poll cycles (every 15 minutes) and two digests.

    .venv/bin/python benchmarks/idle_memory.py [--warmup 192] [--cycles 96] [--feeds 40]
        [--max-slope-kb 50]

Runs the real pipeline (`bot.pipeline.refresh` and `send_digest` at 08:00 and 18:00 Seoul
time) with a SQLite store in a temporary folder, a terminal sink writing to /dev/null and 40
feeds served by a separate process on 127.0.0.1. Each cycle a quarter of the feeds gain one item
(~10 new articles a cycle, ~960 a day, texts from ../shared/corpus/articles.jsonl under new ids,
or synthetic text without it); the others answer 304. After every cycle: gc, then this
process's resident memory (VmRSS). The trend is the least-squares slope of RSS over the
`--cycles` measured cycles that follow `--warmup` cycles; it must stay under `--max-slope-kb` kB
per cycle (~4.7 MB a day at the default). The warm-up is one whole story window (48 h = 192
cycles): until then every cycle legitimately holds more (the window's stored articles, their
cached profiles, bounded at 2,048, and the per-cycle work on them grow by ~10 articles a cycle).
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import httpx

from bot import deliver, ingest, pipeline, store
from bot.app import load_rules
from bot.model import FeedSource
from bot.pipeline import Destination, Services

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
START = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # midnight in Seoul
WINDOW = 20  # items a feed shows
DIGEST_CYCLES = (32, 72)  # 08:00 and 18:00 in Seoul


# --- the publishers (a separate process, so their memory is not ours) -------------------------


def texts() -> list[tuple[str, str]]:
    """(title, text) pairs: the shared corpus when it is there, else synthetic Korea news."""
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines]
        return [(row["title"], row["text"]) for row in rows]
    words = ("Seoul", "Pyongyang", "minister", "said", "talks", "trade", "summit", "missile")
    made = []
    for n in range(500):
        body = " ".join(words[(n * 7 + k * 3) % len(words)] for k in range(120))
        made.append((f"Korea story {n}", f"North Korea {body}."))
    return made


def items_shown(feed: int, cycle: int) -> int:
    """How many items feed `feed` has published by `cycle`: one more every fourth cycle."""
    return WINDOW + (cycle + feed % 4) // 4


def render(feed: int, cycle: int, corpus: list[tuple[str, str]]) -> bytes:
    newest = items_shown(feed, cycle)
    parts = [
        f"<rss version='2.0'><channel><title>Wire {feed}</title><link>https://wire{feed}.example/</link>"
    ]
    for item in range(newest - 1, newest - WINDOW - 1, -1):
        title, text = corpus[(feed * 37 + item) % len(corpus)]
        published = START + timedelta(minutes=15 * max(0, item - WINDOW) * 4 - 60)
        parts.append(
            f"<item><title>{escape(title)}</title><guid>wire{feed}-{item}</guid>"
            f"<link>https://wire{feed}.example/{item}</link>"
            f"<pubDate>{format_datetime(published)}</pubDate>"
            f"<description>{escape(text)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(conn: Connection) -> None:
    """Server process: /feed/N answers with ETag = items shown; /tick?cycle=C moves time."""
    corpus = texts()
    clock = {"cycle": 0}

    class Publisher(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == "/tick":
                clock["cycle"] = int(parse_qs(parts.query)["cycle"][0])
                self._send(200, b"ok", "")
                return
            feed = int(parts.path.rsplit("/", 1)[-1])
            etag = f'"{items_shown(feed, clock["cycle"])}"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", etag)
            else:
                self._send(200, render(feed, clock["cycle"], corpus), etag)

        def _send(self, status: int, body: bytes, etag: str) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Type", "application/rss+xml")
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Publisher)
    server.daemon_threads = True
    conn.send(server.server_address[1])
    server.serve_forever(poll_interval=0.1)


# --- the bot ---------------------------------------------------------------------------------


def rss_kb() -> int:
    """This process's resident memory now (not its peak), from /proc."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def slope(values: list[int]) -> float:
    """Least-squares slope of `values` against their index (kB per cycle)."""
    count = len(values)
    if count < 2:
        return 0.0
    mean_x, mean_y = (count - 1) / 2, sum(values) / count
    top = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    return top / sum((x - mean_x) ** 2 for x in range(count))


def services_for(
    folder: Path, http: httpx.Client, base: str, feeds: int, sink: deliver.TerminalSink
) -> Services:
    sources = tuple(
        FeedSource(name=f"wire-{n}", url=f"{base}/feed/{n}", timezone="Asia/Seoul")
        for n in range(feeds)
    )
    desk = Destination("desk", "terminal", "Asia/Seoul", terminal=sink)
    return Services(
        store=store.open_store(f"sqlite:///{folder / 'bot.db'}"),
        http=http,
        feeds=sources,
        limits=ingest.FetchLimits(timeout=5, deadline=10),
        rules=load_rules(ROOT / "config"),
        destinations=(desk,),
        rng=random.Random(7),
        added_feeds=False,
    )


def simulate(options: argparse.Namespace, port: int) -> list[int]:
    base = f"http://127.0.0.1:{port}"
    samples: list[int] = []
    with (
        tempfile.TemporaryDirectory(prefix="peninsula-idle-") as folder,
        open(os.devnull, "w", encoding="utf-8") as devnull,
        httpx.Client(trust_env=False) as http,
    ):
        services = services_for(
            Path(folder), http, base, options.feeds, deliver.TerminalSink(devnull)
        )
        try:
            for cycle in range(options.warmup + options.cycles):
                http.get(f"{base}/tick", params={"cycle": cycle})
                now = START + timedelta(minutes=15 * cycle)
                report = pipeline.refresh(services, now=now)
                if cycle % 96 in DIGEST_CYCLES:
                    pipeline.send_digest(services, services.destinations[0], now=now)
                gc.collect()
                samples.append(rss_kb())
                _trace(options, cycle)
                if cycle % 8 == 0 or cycle == options.warmup + options.cycles - 1:
                    print(f"  cycle {cycle:3d}: polled {report.polled:3d}, new {report.new:3d}, "
                          f"RSS {samples[-1] / 1024:6.1f} MB", flush=True)  # fmt: skip
        finally:
            services.store.close()
    return samples


_SNAPSHOTS: list[tracemalloc.Snapshot] = []


def _trace(options: argparse.Namespace, cycle: int) -> None:
    """With --trace: a snapshot after warm-up and at the end; prints where memory grew."""
    if not options.trace:
        return
    if cycle == 0:
        tracemalloc.start(8)
    if cycle in (options.warmup, options.warmup + options.cycles - 1):
        _SNAPSHOTS.append(tracemalloc.take_snapshot())
    if len(_SNAPSHOTS) == 2 and cycle == options.warmup + options.cycles - 1:
        for stat in _SNAPSHOTS[1].compare_to(_SNAPSHOTS[0], "traceback")[: options.trace]:
            print(f"  {stat.size_diff / 1024:+9.1f} kB {stat.count_diff:+7d} blocks")
            for line in stat.traceback.format()[-6:]:
                print(f"      {line}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warmup", type=int, default=192, help="cycles before measuring")
    parser.add_argument("--cycles", type=int, default=96, help="cycles measured")
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--max-slope-kb", type=float, default=50.0)
    parser.add_argument(
        "--trace", type=int, default=0, help="print the N allocation sites that grew most"
    )
    options = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    server = context.Process(target=serve, args=(theirs,), daemon=True)
    server.start()
    try:
        if not ours.poll(60):
            print("the feed server did not start within 60 s")
            return 1
        started = time.perf_counter()
        samples = simulate(options, ours.recv())
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.join(timeout=10)
    return report(samples, seconds, options)


def report(samples: list[int], seconds: float, options: argparse.Namespace) -> int:
    settled = samples[options.warmup :]
    per_cycle = slope(settled)
    mb = [kb / 1024 for kb in samples]
    print(f"{len(samples)} cycles ({options.warmup} warm-up: one 48 h story window) in "
          f"{seconds:.0f} s; RSS after cycle 1 {mb[0]:.1f} MB, "
          f"after warm-up {settled[0] / 1024:.1f} MB, last {mb[-1]:.1f} MB, "
          f"max {max(mb):.1f} MB")  # fmt: skip
    day = per_cycle * 96 / 1024
    print(f"trend after warm-up: {per_cycle:+.1f} kB per cycle ({day:+.2f} MB per day)")
    verdict = abs(per_cycle) <= options.max_slope_kb
    met = "met" if verdict else "NOT met"
    print(f"no growth (|slope| <= {options.max_slope_kb:g} kB/cycle): {met}")
    return 0 if verdict else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
