"""fetch_feed against a real local HTTP server: caches, redirects, caps, and never an exception."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.ingest import FetchLimits, fetch_feed
from bot.model import FeedSource, FeedState, FetchResult
from tests.fakes.feed_server import FeedServer, Route

FIXTURES = Path(__file__).parent / "fixtures"
FEED = (FIXTURES / "ttl.xml").read_bytes()
LIMITS = FetchLimits(timeout=2.0, deadline=5.0)
LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as http:
        yield http


def fetch(
    client: httpx.Client, url: str, state: FeedState | None = None, limits: FetchLimits = LIMITS
) -> FetchResult:
    return fetch_feed(client, FeedSource(name="t", url=url), state, limits=limits)


# --- conditional GET -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "validator"),
    [
        (Route(body=FEED, etag='"v1"'), "etag"),
        (Route(body=FEED, last_modified=LAST_MODIFIED), "last_modified"),
        (Route(body=FEED, etag='"v1"', last_modified=LAST_MODIFIED), "etag"),
    ],
)
def test_conditional_get_round_trip(
    server: FeedServer, client: httpx.Client, route: Route, validator: str
) -> None:
    url = server.route("/feed", route)
    first = fetch(client, url)
    assert (first.status, first.body, first.not_modified) == (200, FEED, False)
    assert getattr(first, validator) is not None
    state = FeedState(url=url, etag=first.etag, last_modified=first.last_modified)
    second = fetch(client, url, state)
    assert (second.status, second.body, second.error) == (304, None, None)
    assert second.not_modified
    assert (second.etag, second.last_modified) == (first.etag, first.last_modified)
    sent = server.requests[-1].headers
    assert sent.get("if-none-match") == state.etag
    assert sent.get("if-modified-since") == state.last_modified


def test_changed_etag_sends_the_new_body(server: FeedServer, client: httpx.Client) -> None:
    url = server.route("/feed", Route(body=FEED, etag='"v2"'))
    result = fetch(client, url, FeedState(url=url, etag='"v1"'))
    assert (result.status, result.body, result.etag) == (200, FEED, '"v2"')
    assert result.body_hash is not None and len(result.body_hash) == 64


def test_first_fetch_sends_no_validators_and_a_user_agent(
    server: FeedServer, client: httpx.Client
) -> None:
    fetch(client, server.route("/feed", Route(body=FEED)))
    sent = server.requests[-1].headers
    assert "if-none-match" not in sent and "if-modified-since" not in sent
    assert sent["user-agent"] == LIMITS.user_agent


def test_state_url_is_fetched_when_the_feed_has_moved(
    server: FeedServer, client: httpx.Client
) -> None:
    moved = server.route("/new", Route(body=FEED))
    result = fetch_feed(
        client, FeedSource(name="t", url=server.url("/old")), FeedState(url=moved), limits=LIMITS
    )
    assert (result.status, result.url) == (200, moved)


# --- encodings and redirects -----------------------------------------------------------------


def test_gzip_body_is_decompressed(server: FeedServer, client: httpx.Client) -> None:
    result = fetch(client, server.route("/feed", Route(body=FEED, gzip=True)))
    assert result.body == FEED
    assert "gzip" in server.requests[-1].headers["accept-encoding"]


@pytest.mark.parametrize(
    ("status", "permanent"), [(301, True), (308, True), (302, False), (303, False), (307, False)]
)
def test_redirect_is_followed_and_recorded(
    server: FeedServer, client: httpx.Client, status: int, permanent: bool
) -> None:
    final = server.route("/final", Route(body=FEED))
    start = server.route("/start", Route(status=status, redirect_to="/final"))
    result = fetch(client, start)
    assert (result.status, result.body, result.url) == (200, FEED, start)
    assert (result.final_url, result.permanent_redirect) == (final, permanent)


def test_a_temporary_hop_anywhere_makes_the_move_temporary(
    server: FeedServer, client: httpx.Client
) -> None:
    server.route("/c", Route(body=FEED))
    server.route("/b", Route(status=302, redirect_to="/c"))
    result = fetch(client, server.route("/a", Route(status=301, redirect_to="/b")))
    assert (result.body, result.permanent_redirect) == (FEED, False)


@pytest.mark.parametrize(
    ("routes", "reason"),
    [
        ({"/a": "/b", "/b": "/a"}, "redirect loop"),
        ({"/a": "/a"}, "redirect loop"),
        ({f"/{n}": f"/{n + 1}" for n in range(7)} | {"/a": "/0"}, "too many redirects"),
    ],
)
def test_redirect_loops_and_chains_stop(
    server: FeedServer, client: httpx.Client, routes: dict[str, str], reason: str
) -> None:
    for path, target in routes.items():
        server.route(path, Route(status=302, redirect_to=target))
    result = fetch(client, server.url("/a"))
    assert result.error is not None and reason in result.error
    assert len(server.requests) <= LIMITS.max_redirects + 2


# --- caps and deadlines ----------------------------------------------------------------------


@pytest.mark.parametrize("declare_length", [True, False])
def test_body_over_the_cap_is_refused(
    server: FeedServer, client: httpx.Client, declare_length: bool
) -> None:
    big = b"<rss>" + b"x" * 5000 + b"</rss>"
    url = server.route("/big", Route(body=big, declare_length=declare_length))
    result = fetch(client, url, limits=FetchLimits(max_bytes=1000, timeout=2, deadline=5))
    assert result.body is None
    assert result.error is not None and "limit" in result.error
    assert not result.passing  # the same page will be as big next time


def test_gzip_bomb_is_stopped_at_the_cap(server: FeedServer, client: httpx.Client) -> None:
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024))  # 50 MB of zeros in ~50 kB
    url = server.route("/bomb", Route(body=bomb, raw_gzip=True))
    limits = FetchLimits(max_bytes=1024 * 1024, timeout=2, deadline=5)
    result = fetch(client, url, limits=limits)
    assert len(bomb) < limits.max_bytes
    assert result.error is not None and "decompressed body is over" in result.error


def test_trickling_server_hits_the_deadline(server: FeedServer, client: httpx.Client) -> None:
    url = server.route("/slow", Route(body=FEED, trickle=0.05))
    started = time.monotonic()
    result = fetch(client, url, limits=FetchLimits(timeout=2, deadline=0.5))
    assert time.monotonic() - started < 2
    assert result.error is not None and "too slow" in result.error
    assert result.passing  # a busy server: worth another try later


def test_corrupt_gzip_is_an_error_not_an_exception(
    server: FeedServer, client: httpx.Client
) -> None:
    url = server.route("/corrupt", Route(body=b"this is not gzip at all", raw_gzip=True))
    result = fetch(client, url)
    assert result.error is not None and "corrupt gzip" in result.error


# --- errors become results -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "HTTP 404"), (410, "HTTP 410"), (500, "HTTP 500"), (429, "HTTP 429")],
)
def test_http_errors_are_results(
    server: FeedServer, client: httpx.Client, status: int, reason: str
) -> None:
    url = server.route("/x", Route(status=status, headers={"Retry-After": "120"}))
    result = fetch(client, url)
    assert result.status == status
    assert result.error is not None and result.error.startswith(reason)
    assert result.headers["retry-after"] == "120"


@pytest.mark.parametrize(
    ("url", "reason", "passing"),
    [
        ("http://127.0.0.1:1/feed", "could not connect", True),
        ("http://[::1/feed", "invalid", False),
        ("ftp://example.com/feed", "invalid url", False),
        ("http://", "invalid", False),
    ],
)
def test_network_failures_are_results(
    client: httpx.Client, url: str, reason: str, passing: bool
) -> None:
    result = fetch(client, url)
    assert result.body is None
    assert result.error is not None and reason in result.error.lower()
    assert result.passing is passing  # a refused connection may pass; a bad URL never does


# --- local files -----------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["path", "file-url"])
def test_local_files_are_read_from_disk(client: httpx.Client, form: str) -> None:
    path = FIXTURES / "ttl.xml"
    url = str(path) if form == "path" else path.as_uri()
    result = fetch(client, url)
    assert (result.status, result.body, result.error) == (200, FEED, None)
    again = fetch(client, url, FeedState(url=url, last_modified=result.last_modified))
    assert again.not_modified


def test_missing_local_file_is_an_error(client: httpx.Client, tmp_path: Path) -> None:
    result = fetch(client, str(tmp_path / "absent.xml"))
    assert result.error is not None and "could not read" in result.error


def test_local_files_are_refused_when_only_public_feeds_are_allowed(client: httpx.Client) -> None:
    limits = FetchLimits(public_only=True)
    result = fetch(client, (FIXTURES / "ttl.xml").as_uri(), limits=limits)
    assert result.body is None and result.error is not None and "refused" in result.error


@pytest.mark.parametrize("encoding", [None, "gzip"])
def test_in_memory_responses_from_mock_transport_work(encoding: str | None) -> None:
    """Other stages' tests fake feeds with httpx.MockTransport; that seam must work too."""
    content = gzip.compress(FEED) if encoding else FEED
    headers = {"content-encoding": encoding} if encoding else {}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=content, headers=headers)

    with httpx.Client(transport=httpx.MockTransport(handler)) as mock:
        result = fetch(mock, "https://example.com/feed")
    assert (result.status, result.body, result.error) == (200, FEED, None)
