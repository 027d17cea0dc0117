"""The extra CPU a full-text page costs: trafilatura's extraction alone, and a whole page read
(fetch over HTTP + extraction) through `bot.ingest.complete_teasers`.

    .venv/bin/python benchmarks/full_text.py [--pages 200] [--http-pages 100]

Pages are built like a news site's: a head with a 60 kB inline script and 26 kB of CSS, a menu
of 150 links, the article, 40 related links with blurbs, 20 reader comments and a footer of 60
links: ~120 kB of HTML for 2-6 kB of text. Every fourth page has its text as <br>-separated lines
in a <div> (common on Korean news sites) instead of <p> in an <article>. Headlines and
paragraphs come from ../shared/corpus/articles.jsonl when it is there (read at run time), else
from a fixed vocabulary.

Reported: CPU ms per page (time.process_time, this process only; the publisher is another
process) as median / p95 / mean, for `bot.ingest.fulltext.read_page` (decode, trafilatura's full
extraction, the checks, and its fast path as a second chance) and for the fast path alone; how
often the text holds the article's last paragraph and none of the menu, related, comment, footer
or script markers; then complete_teasers over local HTTP; the one-time import of trafilatura.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

import httpx

from bot.ingest import FetchLimits, FullTextLimits, complete_teasers
from bot.model import Article, FetchResult

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("PENINSULA_SHARED", ROOT.parent / "shared")) / "corpus/articles.jsonl"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
URL = "https://news.example/a"
TEASER = "A teaser …"
MARKERS = ("MENU-MARKER", "COMMENT-MARKER", "FOOTER-MARKER", "SCRIPT-MARKER", "RELATED-MARKER")
# fmt: off
VOCABULARY = (
    "Seoul", "Pyongyang", "minister", "said", "talks", "trade", "summit", "missile", "launch",
    "economy", "exports", "chip", "maker", "Samsung", "election", "assembly", "border", "drill",
    "sanctions", "envoy", "court", "ruling", "port", "quota", "officials",
)
# fmt: on


def stories(rng: random.Random) -> list[tuple[str, list[str]]]:
    """(headline, paragraphs): the corpus's longer articles, else synthetic ones."""
    if CORPUS.exists():
        found = []
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = row.get("text") or ""
            parts = [" ".join(p.split()) for p in text.split("\n\n") if len(p.split()) > 12]
            if len(parts) >= 4 and sum(map(len, parts)) > 1500:
                found.append((" ".join(str(row.get("title")).split()), parts))
        if found:
            return found
    return [
        (
            " ".join(rng.choice(VOCABULARY) for _ in range(8)),
            [
                " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(40, 70))) + "."
                for _ in range(rng.randint(8, 12))
            ],
        )
        for _ in range(50)
    ]


def render_page(title: str, body: list[str], *, soup: bool) -> bytes:
    """One news page with its boilerplate. `soup`: the text as <br>-separated lines in a <div>
    (common on Korean news sites), else as <p> paragraphs in an <article>."""
    state = json.dumps(
        {"ads": [{"slot": n, "size": [300, 250], "k": "x" * 40} for n in range(900)]}
    )
    links = lambda n, where: "".join(  # noqa: E731
        f'<li><a href="/{where}/{k}">{where} {k} {where.upper()}-MARKER</a></li>' for k in range(n)
    )
    related = "".join(
        f'<li><a href="/r/{k}">Related {k}</a><p>{" ".join(VOCABULARY[k % 9 : k % 9 + 12])} '
        "RELATED-MARKER</p></li>"
        for k in range(40)
    )
    comments = "".join(
        f'<div class="comment"><b>reader{k}</b><p>I think '
        f"{' '.join(VOCABULARY[k % 7 : k % 7 + 15])} COMMENT-MARKER</p></div>"
        for k in range(20)
    )
    if soup:
        article = f'<div class="view_txt">{"<br><br>".join(body)}</div>'
    else:
        paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in body)
        byline = '<p class="byline">By A. Writer</p>'
        article = f"<article><h1>{title}</h1>{byline}{paragraphs}</article>"
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | Daily Example</title>"
        + "".join(f'<meta property="og:x{k}" content="v{k}">' for k in range(30))
        + f"<script>window.__STATE__ = {state}; // SCRIPT-MARKER</script>"
        + "<style>" + ".c{color:red}" * 2000 + "</style></head><body>"
        + f'<header><nav class="menu"><ul>{links(150, "menu")}</ul></nav></header>'
        + f'<main>{article}<aside class="related"><ul>{related}</ul></aside>'
        + f'<section class="comments">{comments}</section></main>'
        + f'<footer><ul>{links(60, "footer")}</ul></footer>'
        + "<script>document.write('SCRIPT-MARKER');</script></body></html>"
    )  # fmt: skip
    return html.encode()


def build_pages(count: int) -> list[tuple[str, bytes, str]]:
    """(headline, HTML, last paragraph) for `count` pages, the same on every run; every
    fourth page is <div>/<br> soup."""
    found = stories(random.Random(7))
    pages = []
    for index in range(count):
        title, body = found[index % len(found)]
        pages.append((title, render_page(title, body, soup=index % 4 == 3), body[-1]))
    return pages


def measure_extraction(pages: list[tuple[str, bytes, str]], *, fast_only: bool) -> dict[str, float]:
    """CPU ms per page of read_page (decode, extract, check; a second extraction when the
    first will not do), or of trafilatura's fast path alone, with how clean the text came."""
    from bot.ingest.fulltext import read_page
    from bot.ingest.pages import extract_main_text, to_html

    headers = {"content-type": "text/html; charset=utf-8"}
    costs, clean = [], 0
    for title, html, last in pages:
        started = time.process_time()
        if fast_only:
            text = extract_main_text(to_html(html, headers), url=URL, title=title, fast=True)
        else:
            fetched = FetchResult(URL, 200, body=html, headers=headers)
            text = read_page(fetched, Article(id="a", title=title, text=TEASER)).text or ""
        costs.append((time.process_time() - started) * 1000)
        clean += last[:80] in text and not any(marker in text for marker in MARKERS)
    return summary(costs) | {"clean": clean / len(pages)}


def summary(costs: list[float]) -> dict[str, float]:
    ordered = sorted(costs)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "mean": statistics.fmean(ordered),
    }


def serve(conn: Connection, count: int) -> None:
    """Publisher process: every page rendered before the port is reported."""
    pages = {f"/a/{index}": html for index, (_, html, _) in enumerate(build_pages(count))}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    conn.send(server.server_address[1])
    server.serve_forever(poll_interval=0.1)


def measure_http(count: int) -> dict[str, float]:
    """complete_teasers over local HTTP: this process's CPU per page and the wall time."""
    here, there = multiprocessing.Pipe()
    publisher = multiprocessing.Process(target=serve, args=(there, count), daemon=True)
    publisher.start()
    port = here.recv()
    titles = [title for title, _, _ in build_pages(count)]
    articles = [
        Article(id=f"a{i}", title=t, text=TEASER, url=f"http://127.0.0.1:{port}/a/{i}")
        for i, t in enumerate(titles)
    ]
    limits = FetchLimits(allow_hosts=("127.0.0.1",))
    policy = FullTextLimits(max_per_feed=count, spacing=0)
    try:
        with httpx.Client() as client:
            cpu, wall = time.process_time(), time.monotonic()
            read = complete_teasers(client, articles, now=NOW, limits=limits, policy=policy)
            cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    finally:
        publisher.terminate()
    return {"cpu_ms": cpu * 1000 / count, "wall_s": wall, "completed": len(read.articles) / count}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--http-pages", type=int, default=100)
    args = parser.parse_args(argv)

    started = time.process_time()
    import trafilatura  # noqa: F401

    print(f"import trafilatura: {(time.process_time() - started) * 1000:.0f} ms CPU, once")
    pages = build_pages(args.pages)
    size = statistics.fmean(len(html) for _, html, _ in pages) / 1024
    print(f"{args.pages} pages, {size:.0f} kB of HTML each on average (corpus: {CORPUS.exists()})")
    measure_extraction(pages[:10], fast_only=False)  # warm lxml and trafilatura's caches
    rows = (("read_page (as bot.ingest runs it)", False), ("trafilatura fast path only", True))
    for label, fast_only in rows:
        got = measure_extraction(pages, fast_only=fast_only)
        print(
            f"{label}: CPU ms/page median {got['median']:.1f}, p95 {got['p95']:.1f}, "
            f"mean {got['mean']:.1f}; article found, no boilerplate: {got['clean']:.0%}"
        )
    http = measure_http(args.http_pages)
    print(
        f"complete_teasers over HTTP, {args.http_pages} pages (per_host 2, no spacing): "
        f"{http['cpu_ms']:.1f} CPU ms/page, {http['wall_s']:.2f} s wall, "
        f"{http['completed']:.0%} completed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
