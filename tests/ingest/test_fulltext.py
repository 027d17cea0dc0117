"""complete_teasers: a teaser's article page read into its main text over real HTTP, with the
feed's limits, the address guard, per-host manners and a cap; every failure keeps the teaser
and says why."""

from __future__ import annotations

import gzip
import itertools
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.ingest import (
    FetchLimits,
    FullTextLimits,
    FullTextRead,
    complete_teasers,
    fetch_full_text,
)
from bot.ingest.fulltext import read_page
from bot.model import Article, FetchResult
from tests.fakes.feed_server import FeedServer, Route
from tests.fakes.page_site import PageSite

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLE = (PAGES / "article_with_boilerplate.html").read_bytes()
HEADLINE = "Seoul and Tokyo agree to reopen fisheries talks"
TEASER = "South Korea and Japan agreed on Thursday to reopen talks on fishing quotas …"
QUOTE = "Our fishing families have waited long enough for a clear answer"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
LOOPBACK = ("127.0.0.1", "localhost")
LIMITS = FetchLimits(timeout=2.0, deadline=5.0, allow_hosts=LOOPBACK)
HTML = "text/html; charset=utf-8"
BOILERPLATE = ("NAVIGATION", "FOOTER", "SCRIPT", "STYLE", "COOKIE", "RELATED", "Copyright")


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def teaser(
    url: str | None, *, number: int = 0, text: str = TEASER, feed: str = "ledger"
) -> Article:
    return Article(
        id=f"a{number}",
        title=HEADLINE,
        text=text,
        url=url,
        feed=feed,
        published=NOW - timedelta(minutes=number),  # a higher number is older
        seen=NOW,
    )


def read(articles: list[Article], **options: object) -> FullTextRead:
    limits = options.pop("limits", LIMITS)
    policy = options.pop("policy", FullTextLimits(spacing=0))
    with httpx.Client() as client:
        return complete_teasers(
            client,
            articles,
            now=NOW,
            limits=limits,
            policy=policy,
            **options,  # type: ignore[arg-type]
        )


def test_a_teaser_gets_the_pages_main_text_without_its_boilerplate(server: FeedServer) -> None:
    url = server.route("/fisheries", Route(body=ARTICLE, content_type=HTML))
    done = read([teaser(url)])
    [article] = done.articles
    assert article.text.startswith("South Korea and Japan agreed on Thursday")
    assert '"Our fishing families have waited long enough for a clear answer,"' in article.text
    assert article.text.endswith("approve the budget for joint patrols.")
    assert not any(word in article.text for word in BOILERPLATE)
    assert HEADLINE not in article.text, "the headline is the title, not the body's first line"
    assert article.text.count("\n\n") == 5, "six paragraphs, as feed text keeps them"
    assert (done.problems, done.requested) == ((), 1)


def test_the_page_is_asked_for_as_html_with_our_user_agent(server: FeedServer) -> None:
    url = server.route("/fisheries", Route(body=ARTICLE, content_type=HTML, gzip=True))
    read([teaser(url)])
    [seen] = server.requests
    assert seen.headers["accept"].startswith("text/html")
    assert seen.headers["user-agent"] == LIMITS.user_agent


def test_a_full_body_is_no_teaser_and_no_page_is_requested(server: FeedServer) -> None:
    url = server.route("/fisheries", Route(body=ARTICLE, content_type=HTML))
    body = " ".join(["Officials in Seoul described the talks at length."] * 20)
    done = read([teaser(url, text=body)])
    assert (done.articles, done.problems, done.requested) == ((), (), 0)
    assert server.requests == []


BOMB = gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>")


@pytest.mark.parametrize(
    ("route", "limits", "problem"),
    [
        (None, LIMITS, "page not fetched: HTTP 404"),
        (Route(body=ARTICLE, content_type=HTML, trickle=0.05), FetchLimits(
            timeout=2.0, deadline=0.5, allow_hosts=LOOPBACK), "too slow"),
        (Route(body=ARTICLE, content_type=HTML), FetchLimits(
            max_bytes=2048, allow_hosts=LOOPBACK), "over the 2048-byte limit"),
        (Route(body=BOMB, content_type=HTML, raw_gzip=True), FetchLimits(
            max_bytes=100_000, allow_hosts=LOOPBACK), "decompressed body is over"),
        (Route(body=(PAGES / "links_only.html").read_bytes(), content_type=HTML), LIMITS,
            "not clearly longer"),
        (Route(body=b"\x00\x9f\xffjunk<<<>>>\x00" * 40, content_type=HTML), LIMITS,
            "no article text found"),
        (Route(body=b"%PDF-1.7 ...", content_type="application/pdf"), LIMITS,
            "not an HTML page (served as application/pdf)"),
        (Route(status=500), LIMITS, "HTTP 500"),
    ],
    ids=["404", "timeout", "oversized", "gzip-bomb", "links-only", "junk", "pdf", "500"],
)  # fmt: skip
def test_a_page_that_fails_keeps_the_teaser_and_says_why(
    server: FeedServer, route: Route | None, limits: FetchLimits, problem: str
) -> None:
    url = server.route("/page", route) if route else server.url("/missing")
    done = read([teaser(url)], limits=limits)
    assert done.articles == ()
    [(feed, said)] = done.problems
    assert feed == "ledger"
    assert said.startswith(f"full text: kept the teaser of {url}: ")
    assert problem in said


def test_a_page_about_something_else_keeps_the_teaser(server: FeedServer) -> None:
    url = server.route("/fisheries", Route(body=ARTICLE, content_type=HTML))
    other = Article(id="x", title="Opposition party picks new floor leader", text="", url=url)
    done = read([other])
    assert done.articles == ()
    assert "not about the headline" in done.problems[0][1]


def test_without_a_link_there_is_nothing_to_fetch() -> None:
    done = read([teaser(None)])
    assert (done.articles, done.requested) == ((), 0)
    assert "no link to an article page" in done.problems[0][1]


def test_only_the_newest_teasers_up_to_the_cap_are_fetched(server: FeedServer) -> None:
    articles = [teaser(server.url(f"/p{n}"), number=n) for n in range(5)]
    articles.append(teaser(server.url("/other"), number=9, feed="other"))
    done = read(articles, policy=FullTextLimits(max_per_feed=2, spacing=0))
    assert sorted(seen.path for seen in server.requests) == ["/other", "/p0", "/p1"]
    assert done.requested == 3
    capped = [said for feed, said in done.problems if "cap" in said]
    assert capped == ["full text: 3 teasers over the cap of 2 pages a poll kept their teaser"]


def test_a_link_to_a_private_address_is_refused(server: FeedServer) -> None:
    url = server.route("/fisheries", Route(body=ARTICLE, content_type=HTML))
    done = read([teaser(url)], limits=FetchLimits())
    assert done.articles == ()
    assert "refused" in done.problems[0][1] and "loopback" in done.problems[0][1]
    assert server.requests == []


@pytest.mark.parametrize(
    ("allowed", "fetched"), [(("localhost",), False), (("localhost", "127.0.0.1"), True)]
)
def test_a_redirect_to_a_private_address_is_refused_unless_allowed(
    server: FeedServer, allowed: tuple[str, ...], fetched: bool
) -> None:
    target = server.route("/internal", Route(body=ARTICLE, content_type=HTML))
    start = server.route("/story", Route(status=302, redirect_to=target))
    public_name = start.replace("127.0.0.1", "localhost")
    done = read([teaser(public_name)], limits=FetchLimits(allow_hosts=allowed))
    assert bool(done.articles) is fetched
    assert ("/internal" in [seen.path for seen in server.requests]) is fetched
    if not fetched:
        assert "refused" in done.problems[0][1] and "127.0.0.1" in done.problems[0][1]


def test_one_host_gets_at_most_per_host_pages_at_once() -> None:
    pages = {f"/p{n}": ARTICLE for n in range(6)}
    with PageSite(pages, delay=0.2) as site:
        articles = [
            teaser(site.url(path, host=host), number=n)
            for n, (path, host) in enumerate((p, h) for p in pages for h in LOOPBACK)
        ]
        started = time.monotonic()
        done = read(articles, concurrency=8, per_host=2)
        elapsed = time.monotonic() - started
    assert len(done.articles) == 12
    assert [site.peak_in_flight(host) for host in LOOPBACK] == [2, 2]
    assert elapsed < 12 * 0.2 / 2, "the two hosts were read side by side"


def test_pages_on_one_host_are_spaced() -> None:
    with PageSite({f"/p{n}": ARTICLE for n in range(4)}, delay=0.0) as site:
        articles = [teaser(site.url(f"/p{n}"), number=n) for n in range(4)]
        read(articles, policy=FullTextLimits(spacing=0.15), concurrency=4, per_host=4)
        starts = [visit.start for visit in site.hosts_visited("127.0.0.1")]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert len(starts) == 4
    assert min(gaps) >= 0.14, gaps


def test_a_host_that_says_retry_after_is_left_alone_for_its_other_pages(
    server: FeedServer,
) -> None:
    busy = Route(status=429, headers={"Retry-After": "120"})
    articles = [teaser(server.route(f"/p{n}", busy), number=n) for n in range(3)]
    done = read(articles, concurrency=1, per_host=1)
    assert len(server.requests) == 1
    assert done.requested == 1
    assert sum("waiting until" in said for _, said in done.problems) == 2


def test_a_short_article_beside_a_long_related_list_is_still_found() -> None:
    """The full extraction takes the related list; the fast one, tried second, the article."""
    html = (PAGES / "short_article_long_related.html").read_bytes()
    fetched = FetchResult("http://x/a", 200, body=html, headers={"content-type": HTML})
    ferries = Article(id="f", title="More ferries for the southern islands", text="Ferries …")
    page = read_page(fetched, ferries)
    assert page.text is not None and page.problem is None
    assert page.text.startswith("Ferry operators on the southern islands will add two sailings")
    assert "RELATED-BLURB" not in page.text


def test_fetch_full_text_reads_one_page_with_the_address_guard_on(server: FeedServer) -> None:
    url = server.route("/fisheries", Route(body=ARTICLE, content_type=HTML))
    with httpx.Client() as client:
        allowed = fetch_full_text(client, teaser(url), limits=LIMITS)
        refused = fetch_full_text(client, teaser(url), limits=FetchLimits(public_only=False))
    assert allowed.text is not None and QUOTE in allowed.text
    assert refused.text is None and "loopback" in (refused.problem or "")
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("route", "transient", "wait"),
    [
        (Route(status=503, headers={"Retry-After": "600"}), True, 10.0),
        (Route(status=502), True, 0.0),
        (Route(status=404), False, 0.0),
        (Route(body=b"%PDF-1.7 ...", content_type="application/pdf"), False, 0.0),
    ],
    ids=["503-retry-after", "502", "404", "pdf"],
)
def test_each_page_read_says_whether_its_failure_may_pass(
    server: FeedServer, route: Route, transient: bool, wait: float
) -> None:
    url = server.route("/page", route)
    [page] = read([teaser(url)]).pages
    assert (page.text, page.transient, page.wait_minutes, page.requested) == (
        None,
        transient,
        wait,
        True,
    )


def test_pages_held_by_their_hosts_retry_after_are_no_tries_and_wait_for_the_hold(
    server: FeedServer,
) -> None:
    busy = Route(status=429, headers={"Retry-After": "120"})
    articles = [teaser(server.route(f"/p{n}", busy), number=n) for n in range(2)]
    pages = read(articles, concurrency=1, per_host=1).pages
    assert sorted((p.requested, p.transient, p.wait_minutes) for p in pages) == [
        (False, True, 2.0),
        (True, True, 2.0),
    ]
