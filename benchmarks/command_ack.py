"""How fast /korea answers: Slack acks, Discord deferrals, and search on a 100,000-article store.

    .venv/bin/python benchmarks/command_ack.py [--articles 100000] [--requests 30] [--db URL]

Builds a SQLite store (or uses --db) holding N articles (the ../shared corpus repeated with new
ids, or synthetic text without it), runs `peninsula serve` on 127.0.0.1 with the real bolt App
and the Discord endpoint, sends correctly signed requests, and reports latencies:
ack = until the HTTP answer; answer = until the reply reached the (local) response_url.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import httpx
from nacl.signing import SigningKey

from bot import store
from bot.commands import (
    CommandServices,
    DiscordEndpoint,
    FeedList,
    InteractionWebhook,
    make_server,
    make_slack_app,
)
from bot.model import Article, Assessment

SECRET = "benchmark-signing-secret"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"
QUERIES = ("korea", "trade surplus", "Seoul", "nuclear", "Samsung", "exports since:30d")
NOW = datetime(2018, 3, 6, tzinfo=UTC)


def corpus() -> list[tuple[str, str]]:
    if not CORPUS.exists():
        words = ["Seoul", "Pyongyang", "trade", "surplus", "nuclear", "Samsung", "exports"]
        return [
            (f"Story {n}", " ".join(words[(n + k) % len(words)] for k in range(80)))
            for n in range(500)
        ]
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return [(row["title"], row["text"]) for row in rows]


def fill(target: store.Store, count: int) -> None:
    texts = corpus()
    for start in range(0, count, 5000):
        batch = [
            Article(
                id=f"bench-{n}",
                title=texts[n % len(texts)][0],
                text=texts[n % len(texts)][1],
                url=f"https://news.example/{n}",
                source=("Yonhap", "Reuters", "KCNA")[n % 3],
                published=NOW - timedelta(minutes=n),
                seen=NOW - timedelta(minutes=n),
            )
            for n in range(start, min(start + 5000, count))
        ]
        store.save_new(target, articles=batch)
        store.save_assessments(
            target,
            assessments=[
                Assessment(a.id, korea=True, score=0.8, nk=False, sk=True, story=a.id)
                for a in batch
            ],
        )


class Arrivals:
    """A local response_url / Discord webhook that notes when each answer arrives."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.done = threading.Condition()

    def note(self, key: str) -> None:
        with self.done:
            self.times[key] = time.perf_counter()
            self.done.notify_all()

    def wait(self, key: str, timeout: float = 60) -> float:
        with self.done:
            self.done.wait_for(lambda: key in self.times, timeout)
        return self.times.get(key, float("nan"))


def serve_arrivals(arrivals: Arrivals) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            answer = b'{"ok": true, "user_id": "UBOT", "team_id": "T1", "bot_id": "B1"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            arrivals.note(self.path.rsplit("/", 1)[-1].split("?")[0])

        do_PATCH = do_POST

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def slack_request(base: str, text: str, response_url: str) -> tuple[str, dict[str, str]]:
    body = urlencode(
        {
            "command": "/korea",
            "text": text,
            "user_id": "U1",
            "channel_id": "C1",
            "team_id": "T1",
            "response_url": response_url,
            "trigger_id": "t",
        }
    )
    stamp = str(int(time.time()))
    signature = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    headers = {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={signature.hexdigest()}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return body, headers


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    p50, worst = statistics.median(ordered), ordered[-1]
    return f"p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  max {worst * 1000:7.1f} ms"


def burst(base: str, sink_url: str, arrivals: Arrivals, *, concurrency: int) -> None:
    """`concurrency` slash commands sent at the same moment: ack p99 (target <= 100 ms)."""
    texts = [
        ("help" if n % 2 else f"search {QUERIES[n % len(QUERIES)]}") for n in range(concurrency)
    ]
    gate = threading.Barrier(concurrency)
    acks: list[float] = [0.0] * concurrency

    def send(n: int) -> None:
        body, headers = slack_request(base, texts[n], f"{sink_url}/response/burst-{n}")
        with httpx.Client(timeout=30) as own:
            gate.wait()
            started = time.perf_counter()
            response = own.post(f"{base}/slack/events", content=body, headers=headers)
            acks[n] = time.perf_counter() - started
        assert response.status_code == 200, response.text

    threads = [threading.Thread(target=send, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(acks)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(f"slack burst x{concurrency} ack  {percentiles(acks)}  p99 {p99 * 1000:7.1f} ms")
    for n, text in enumerate(texts):
        if text != "help":
            arrivals.wait(f"burst-{n}")


def measure(services: CommandServices, *, requests: int, concurrency: int = 50) -> None:
    arrivals = Arrivals()
    sink = serve_arrivals(arrivals)
    sink_url = f"http://127.0.0.1:{sink.server_address[1]}"
    app = make_slack_app(
        token="xoxb-bench",
        signing_secret=SECRET,
        services=services,
        api_url=sink_url + "/api/",
        verify_token=False,
    )
    key = SigningKey.generate()
    client = httpx.Client(timeout=30)
    discord = DiscordEndpoint(
        public_key=key.verify_key.encode().hex(),
        application_id="1",
        services=services,
        webhook=InteractionWebhook(client, api_url=sink_url),
    )
    server = make_server(host="127.0.0.1", port=0, slack_app=app, discord=discord)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for label, texts in (
        ("search", [f"search {QUERIES[n % len(QUERIES)]}" for n in range(requests)]),
        ("latest", ["latest 10"] * requests),
        ("help", ["help"] * requests),
    ):
        acks, answers = [], []
        for n, text in enumerate(texts):
            key_id = f"{label}-{n}"
            body, headers = slack_request(base, text, f"{sink_url}/response/{key_id}")
            started = time.perf_counter()
            response = client.post(f"{base}/slack/events", content=body, headers=headers)
            acks.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
            if label != "help":
                answers.append(arrivals.wait(key_id) - started)
        print(f"slack {label:7} ack     {percentiles(acks)}")
        if answers:
            print(f"slack {label:7} answer  {percentiles(answers)}")
    deferrals = []
    for n in range(requests):
        payload = {
            "type": 2,
            "token": f"tok{n}",
            "channel_id": "5",
            "member": {"user": {"id": "9"}},
            "data": {
                "name": "korea",
                "options": [
                    {
                        "type": 1,
                        "name": "search",
                        "options": [
                            {"type": 3, "name": "args", "value": QUERIES[n % len(QUERIES)]}
                        ],
                    }
                ],
            },
        }
        body = json.dumps(payload).encode()
        stamp = str(int(time.time()))
        headers = {
            "X-Signature-Ed25519": key.sign(stamp.encode() + body).signature.hex(),
            "X-Signature-Timestamp": stamp,
            "Content-Type": "application/json",
        }
        started = time.perf_counter()
        response = client.post(f"{base}/discord/interactions", content=body, headers=headers)
        deferrals.append(time.perf_counter() - started)
        assert response.json()["type"] == 5
    print(f"discord search  defer   {percentiles(deferrals)}")
    burst(base, sink_url, arrivals, concurrency=concurrency)
    discord.close()
    server.shutdown()
    sink.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=50, help="commands in the burst")
    parser.add_argument("--db", help="an existing database URL (skips building one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        target = store.open_store(url)
        if not args.db:
            started = time.perf_counter()
            fill(target, args.articles)
            took = time.perf_counter() - started
            print(f"built {args.articles} articles in {took:.1f} s ({target.dialect})")
        for query in QUERIES[:5]:
            started = time.perf_counter()
            hits = store.search_articles(target, query=query, limit=6)
            took = (time.perf_counter() - started) * 1000
            print(f"store.search_articles {query!r:16} {len(hits)} hits in {took:.1f} ms")
        services = CommandServices(
            store=target, feeds=FeedList(), check_feed=lambda url: None, clock=lambda: NOW
        )
        measure(services, requests=args.requests, concurrency=args.concurrency)
        target.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
