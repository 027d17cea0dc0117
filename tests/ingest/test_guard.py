"""check_public_url: private, loopback, link-local, metadata and friends are refused."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.errors import FetchError
from bot.ingest import FetchLimits, fetch_feed
from bot.ingest.guard import check_public_url
from bot.model import FeedSource
from tests.fakes.feed_server import FeedServer, Route


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/feed", "loopback"),
        ("http://localhost:8080/feed", "loopback"),
        ("http://[::1]/feed", "loopback"),
        ("http://10.1.2.3/feed", "private"),
        ("http://192.168.0.1/feed", "private"),
        ("http://172.16.5.5/feed", "private"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://169.254.1.1/feed", "link-local"),
        ("http://[fe80::1]/feed", "link-local"),
        ("http://0.0.0.0/feed", "unspecified"),
        ("http://224.0.0.1/feed", "multicast"),
        ("http://[::ffff:127.0.0.1]/feed", "loopback"),
        ("http://100.64.0.1/feed", "not a public address"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://example.com/", "only http and https"),
        ("http:///feed", "no host"),
    ],
)
def test_non_public_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        check_public_url(url)


@pytest.mark.parametrize("url", ["http://8.8.8.8/feed", "https://[2001:4860:4860::8888]/feed"])
def test_public_addresses_pass(url: str) -> None:
    check_public_url(url)


def test_allow_hosts_lets_a_named_internal_host_through() -> None:
    check_public_url("http://127.0.0.1:9000/feed", allow_hosts=["127.0.0.1"])


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def test_public_only_fetch_refuses_a_redirect_into_the_private_network(server: FeedServer) -> None:
    """The first hop is allowed by name; the redirect to 169.254.169.254 is checked again."""
    start = server.route("/start", Route(status=302, redirect_to="http://169.254.169.254/latest/"))
    limits = FetchLimits(timeout=2, deadline=5, public_only=True, allow_hosts=("127.0.0.1",))
    with httpx.Client() as client:
        result = fetch_feed(client, FeedSource(name="t", url=start), None, limits=limits)
    assert result.error is not None and "metadata" in result.error
    assert len(server.requests) == 1


def test_public_only_fetch_refuses_loopback_before_connecting(server: FeedServer) -> None:
    url = server.route("/feed", Route(body=b"<rss/>"))
    with httpx.Client() as client:
        result = fetch_feed(
            client, FeedSource(name="t", url=url), None, limits=FetchLimits(public_only=True)
        )
    assert result.error is not None and "loopback" in result.error
    assert server.requests == []


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://169.254.169.254/latest/", "metadata"),
        ("http://10.0.0.7/feed", "private"),
        ("http://[::1]:{port}/feed", "loopback"),
        ("http://localhost:{port}/feed", "loopback"),  # allowed by address, not by this name
        ("ftp://127.0.0.1/feed", "only http and https"),
    ],
)
def test_every_redirect_hop_is_checked_not_only_the_first(
    server: FeedServer, target: str, reason: str
) -> None:
    """Two allowed hops, then a third that points inside: refused before it is requested."""
    port = server.url("/").rsplit(":", 1)[1].split("/")[0]
    server.route("/two", Route(status=307, redirect_to=target.format(port=port)))
    start = server.route("/one", Route(status=301, redirect_to="/two"))
    limits = FetchLimits(timeout=2, deadline=5, public_only=True, allow_hosts=("127.0.0.1",))
    with httpx.Client() as client:
        result = fetch_feed(client, FeedSource(name="t", url=start), None, limits=limits)
    assert result.error is not None and reason in result.error
    assert [seen.path for seen in server.requests] == ["/one", "/two"]


def test_allowed_hops_all_the_way_fetch_the_feed(server: FeedServer) -> None:
    final = server.route("/feed", Route(body=b"<rss version='2.0'><channel/></rss>"))
    start = server.route("/one", Route(status=302, redirect_to=final))
    limits = FetchLimits(timeout=2, deadline=5, public_only=True, allow_hosts=("127.0.0.1",))
    with httpx.Client() as client:
        result = fetch_feed(client, FeedSource(name="t", url=start), None, limits=limits)
    assert (result.error, result.status, result.final_url) == (None, 200, final)
