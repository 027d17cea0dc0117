"""How fast /korea answers: Slack acks, Discord deferrals, and search on a 100,000-article store.

    .venv/bin/python benchmarks/command_ack.py [--articles 100000] [--requests 30] [--db URL]
        [--concurrency 50] [--bursts 5] [--client own-process|same-process]

Builds a SQLite store (or uses --db) holding N articles (the ../shared corpus repeated with new
ids, or synthetic text without it), runs `peninsula serve` on 127.0.0.1 with the real bolt App
and the Discord endpoint on one backlog (as bot.serve wires them), sends correctly signed
requests, and reports latencies: ack = from opening the connection until the HTTP answer;
answer = until the reply reached the (local) response_url or interaction webhook.

First one command at a time, then `--bursts` bursts per platform of `--concurrency` commands
sent at the same moment (half help, answered in the ack; half searches, acked then answered by
a worker); every burst must be acked 200 and every search answered, and "busy" answers are
counted. The burst client runs in its own process by default, as Slack's servers are not in
ours; `--client same-process` puts its 50 threads in the bot's process (and GIL) instead.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import math
import multiprocessing
import os
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
    replies,
)
from bot.commands.backlog import Backlog
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
    """A local response_url / Discord webhook that notes when each answer arrives (by path)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.done = threading.Condition()

    def note(self, path: str) -> None:
        with self.done:
            self.times[path] = time.monotonic()  # system-wide: comparable with the client's
            self.done.notify_all()

    def wait(self, path: str, timeout: float = 60) -> float:
        with self.done:
            self.done.wait_for(lambda: path in self.times, timeout)
        return self.times.get(path, float("nan"))


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
            arrivals.note(self.path.split("?")[0])

        do_PATCH = do_POST

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Sink(ThreadingHTTPServer):
        request_queue_size = 128  # answers of a whole burst may arrive at once
        daemon_threads = True

    server = Sink(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def slack_request(text: str, response_url: str) -> tuple[bytes, dict[str, str]]:
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
    return body.encode(), headers


def discord_request(key: SigningKey, text: str, token: str) -> tuple[bytes, dict[str, str]]:
    name, _, args = text.partition(" ")
    option: dict[str, object] = {"type": 1, "name": name}
    if args:
        option["options"] = [{"type": 3, "name": "args", "value": args}]
    payload = {
        "type": 2,
        "token": token,
        "channel_id": "5",
        "member": {"user": {"id": "9"}},
        "data": {"name": "korea", "options": [option]},
    }
    body = json.dumps(payload).encode()
    stamp = str(int(time.time()))
    headers = {
        "X-Signature-Ed25519": key.sign(stamp.encode() + body).signature.hex(),
        "X-Signature-Timestamp": stamp,
        "Content-Type": "application/json",
    }
    return body, headers


def rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def percentiles(values: list[float]) -> str:
    p50, p95, worst = statistics.median(values), rank(values, 0.95), max(values)
    return f"p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  max {worst * 1000:7.1f} ms"


Request = tuple[str, bytes, dict[str, str]]  # path, body, headers
Sent = tuple[int, float, float, bytes]  # status, started (time.monotonic), seconds, body


def fire(port: int, requests: list[Request]) -> list[Sent]:
    """POST every request at the same moment, one thread and connection each (a new one, as a
    platform opening connections would: the connect and accept are part of the ack)."""
    gate = threading.Barrier(len(requests))
    sent: list[Sent] = [(0, 0.0, 0.0, b"")] * len(requests)

    def one(n: int) -> None:
        path, body, headers = requests[n]
        gate.wait()
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        sent[n] = (response.status, started, time.monotonic() - started, answer)
        connection.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sent


class Bench:
    """The served bot, its local answer sink and the client that fires bursts at it."""

    def __init__(self, services: CommandServices, *, own_process: bool) -> None:
        self.arrivals = Arrivals()
        self.sink = serve_arrivals(self.arrivals)
        self.sink_url = f"http://127.0.0.1:{self.sink.server_address[1]}"
        self.key = SigningKey.generate()
        self.http = httpx.Client(timeout=30)
        backlog = Backlog(name="commands")  # one for both platforms, as bot.serve wires it
        app = make_slack_app(
            token="xoxb-bench",
            signing_secret=SECRET,
            services=services,
            api_url=self.sink_url + "/api/",
            verify_token=False,
            backlog=backlog,
        )
        discord = DiscordEndpoint(
            public_key=self.key.verify_key.encode().hex(),
            application_id="1",
            services=services,
            webhook=InteractionWebhook(self.http, api_url=self.sink_url),
            backlog=backlog,
        )
        self.server = make_server(
            host="127.0.0.1", port=0, slack_app=app, discord=discord, backlog=backlog
        )
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        spawn = multiprocessing.get_context("spawn")
        self.client = spawn.Pool(1) if own_process else None

    def fire(self, requests: list[Request]) -> list[Sent]:
        if self.client is None:
            return fire(self.port, requests)
        return self.client.apply(fire, (self.port, requests))

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.server.shutdown()
        self.server.server_close()  # waits for the backlog's work
        self.sink.shutdown()
        self.http.close()


def sequential(bench: Bench, *, requests: int) -> None:
    """One command at a time: the ack and the answer through the local response_url."""
    for label, texts in (
        ("search", [f"search {QUERIES[n % len(QUERIES)]}" for n in range(requests)]),
        ("latest", ["latest 10"] * requests),
        ("help", ["help"] * requests),
    ):
        acks, answers = [], []
        for n, text in enumerate(texts):
            path = f"/response/{label}-{n}"
            body, headers = slack_request(text, bench.sink_url + path)
            started = time.monotonic()
            response = bench.http.post(f"{bench.base}/slack/events", content=body, headers=headers)
            acks.append(time.monotonic() - started)
            assert response.status_code == 200, response.text
            if label != "help":
                answers.append(bench.arrivals.wait(path) - started)
        print(f"slack {label:7} ack     {percentiles(acks)}")
        if answers:
            print(f"slack {label:7} answer  {percentiles(answers)}")
    deferrals, answers = [], []
    for n in range(requests):
        body, headers = discord_request(bench.key, f"search {QUERIES[n % 6]}", f"seq{n}")
        started = time.monotonic()
        response = bench.http.post(
            f"{bench.base}/discord/interactions", content=body, headers=headers
        )
        deferrals.append(time.monotonic() - started)
        assert response.json()["type"] == 5, response.text
        answers.append(bench.arrivals.wait(f"/webhooks/1/seq{n}/messages/@original") - started)
    print(f"discord search  defer   {percentiles(deferrals)}")
    print(f"discord search  answer  {percentiles(answers)}")


def burst_requests(bench: Bench, platform: str, turn: int, count: int) -> list[Request]:
    """Half help (answered in the ack), half searches (acked, then answered by a worker)."""
    requests: list[Request] = []
    for n in range(count):
        text = "help" if n % 2 else f"search {QUERIES[n % len(QUERIES)]}"
        if platform == "slack":
            response_url = f"{bench.sink_url}/response/burst-{turn}-{n}"
            requests.append(("/slack/events", *slack_request(text, response_url)))
        else:
            token = f"burst-{turn}-{n}"
            requests.append(("/discord/interactions", *discord_request(bench.key, text, token)))
    return requests


def answer_path(platform: str, turn: int, n: int) -> str:
    if platform == "slack":
        return f"/response/burst-{turn}-{n}"
    return f"/webhooks/1/burst-{turn}-{n}/messages/@original"


def is_busy(platform: str, body: bytes) -> bool:
    if platform == "slack":
        return body != b"" and bool(json.loads(body).get("text") == replies.BUSY)
    return bool(json.loads(body).get("data", {}).get("content") == replies.BUSY)


def burst(bench: Bench, platform: str, turn: int, *, count: int) -> list[float]:
    """`count` commands at the same moment; every one must be acked 200 and each search answered.
    Prints this burst's ack and answer latencies; returns the acks."""
    sent = bench.fire(burst_requests(bench, platform, turn, count))
    assert all(status == 200 for status, *_ in sent), [status for status, *_ in sent]
    busy = sum(is_busy(platform, body) for *_, body in sent)
    answers = [
        bench.arrivals.wait(answer_path(platform, turn, n)) - started
        for n, (_, started, _, body) in enumerate(sent)
        if n % 2 == 0 and not is_busy(platform, body)
    ]
    assert not any(math.isnan(answer) for answer in answers), "a command was never answered"
    acks = [seconds for _, _, seconds, _ in sent]
    load = os.getloadavg()[0]
    print(
        f"{platform:7} burst {turn} x{count}  ack p50 {statistics.median(acks) * 1000:6.1f}"
        f"  p99 {rank(acks, 0.99) * 1000:6.1f} ms | answers p50"
        f" {statistics.median(answers) * 1000:6.1f}  max {max(answers) * 1000:6.1f} ms"
        f" | busy {busy} | load {load:.2f}"
    )
    return acks


def bursts(bench: Bench, *, rounds: int, count: int) -> None:
    """Several bursts per platform; the spread of their p99s and the p99 of all acks pooled."""
    for platform in ("slack", "discord"):
        per_burst, pooled = [], []
        for turn in range(rounds):
            acks = burst(bench, platform, turn, count=count)
            per_burst.append(rank(acks, 0.99))
            pooled.extend(acks)
            time.sleep(0.5)  # let the answers' HTTP connections settle between bursts
        spread = " / ".join(f"{value * 1000:.1f}" for value in sorted(per_burst))
        print(
            f"{platform:7} {rounds} bursts x{count}: ack p99 per burst {spread} ms;"
            f" all {len(pooled)} acks p50 {statistics.median(pooled) * 1000:.1f}"
            f" p99 {rank(pooled, 0.99) * 1000:.1f} ms (target <= 100 ms)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=50, help="commands in a burst")
    parser.add_argument("--bursts", type=int, default=5, help="bursts per platform")
    parser.add_argument(
        "--client",
        choices=("own-process", "same-process"),
        default="own-process",
        help="where the burst client runs (same-process: it shares the bot's GIL, as before)",
    )
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
        bench = Bench(services, own_process=args.client == "own-process")
        try:
            sequential(bench, requests=args.requests)
            bursts(bench, rounds=args.bursts, count=args.concurrency)
        finally:
            bench.close()
        target.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
