"""read_feed: fetch then parse, skipping work when nothing changed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.ingest import FetchLimits, read_feed
from bot.model import FeedSource, FeedState
from tests.fakes.feed_server import FeedServer, Route

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
LIMITS = FetchLimits(timeout=2.0, deadline=5.0)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as http:
        yield http


def test_new_body_is_parsed_into_articles(server: FeedServer, client: httpx.Client) -> None:
    url = server.route("/feed", Route.file(FIXTURES / "ttl.xml", etag='"v1"'))
    result, feed = read_feed(client, FeedSource(name="t", url=url), None, now=NOW, limits=LIMITS)
    assert result.status == 200 and result.etag == '"v1"'
    assert [a.url for a in feed.articles] == ["https://example.com/ttl"]
    assert feed.ttl_minutes == 90


def test_relative_links_resolve_against_the_final_url(
    server: FeedServer, client: httpx.Client
) -> None:
    body = (FIXTURES / "relative_links.atom").read_bytes()
    final = server.route("/feeds/atom", Route(body=body, content_type="application/atom+xml"))
    start = server.route("/old", Route(status=301, redirect_to="/feeds/atom"))
    _, feed = read_feed(client, FeedSource(name="t", url=start), None, now=NOW, limits=LIMITS)
    assert feed.articles[0].url == final.replace("/feeds/atom", "/news/1")


@pytest.mark.parametrize(
    ("route", "state", "problem"),
    [
        (Route(body=b"<rss/>", etag='"v1"'), FeedState(url="", etag='"v1"'), "not modified"),
        (Route(status=503), None, "fetch failed: HTTP 503"),
        (Route(body=b"<rss><channel><title>x</title></channel></rss>"), "same-hash", "unchanged"),
    ],
)
def test_nothing_to_parse_is_said_in_problems(
    server: FeedServer,
    client: httpx.Client,
    route: Route,
    state: FeedState | str | None,
    problem: str,
) -> None:
    url = server.route("/feed", route)
    if state == "same-hash":
        first, _ = read_feed(client, FeedSource(name="t", url=url), None, now=NOW, limits=LIMITS)
        state = FeedState(url=url, body_hash=first.body_hash)
    elif isinstance(state, FeedState):
        state = FeedState(url=url, etag=state.etag)
    source = FeedSource(name="t", url=url)
    _, feed = read_feed(client, source, state, now=NOW, limits=LIMITS)
    assert feed.articles == ()
    assert any(p.startswith(problem) for p in feed.problems), feed.problems


def test_changed_body_is_parsed_even_with_an_old_hash(
    server: FeedServer, client: httpx.Client
) -> None:
    url = server.route("/feed", Route.file(FIXTURES / "ttl.xml"))
    state = FeedState(url=url, body_hash="0" * 64)
    _, feed = read_feed(client, FeedSource(name="t", url=url), state, now=NOW, limits=LIMITS)
    assert len(feed.articles) == 1


def test_a_10000_entry_feed_is_read_whole_and_in_time(
    server: FeedServer, client: httpx.Client
) -> None:
    items = "".join(
        f"<item><title>Item {n}</title><link>https://example.com/{n}</link>"
        f"<guid>id-{n % 9990}</guid></item>"  # the last ten repeat earlier GUIDs
        for n in range(10_000)
    )
    body = f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()
    url = server.route("/big", Route(body=body, gzip=True))
    started = time.monotonic()
    _, feed = read_feed(client, FeedSource(name="big", url=url), None, now=NOW, limits=LIMITS)
    assert time.monotonic() - started < 30
    assert len(feed.articles) == 9990
    assert feed.articles[-1].title == "Item 9989"
    assert any(p.startswith("10 entries repeated") for p in feed.problems), feed.problems
