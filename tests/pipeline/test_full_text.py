"""refresh with a teaser feed: opted-in feeds get their new teasers' pages read into full text
before analysis, once per article, within the cap; a page that fails leaves the teaser and a
problem on the feed. A local publisher over real HTTP, SQLite, the real rules.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot import deliver, ingest, pipeline, store
from bot.app import load_rules
from bot.model import Article, FeedSource
from bot.pipeline import Destination, DigestPolicy, Services
from tests.fakes.feed_server import FeedServer, Route

ROOT = Path(__file__).resolve().parents[2]
FEED = (Path(__file__).parent / "fixtures" / "teaser_feed.xml").read_bytes()
PAGE = (ROOT / "tests/ingest/fixtures/pages/article_with_boilerplate.html").read_bytes()
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
HTML = "text/html; charset=utf-8"
FISHERIES = "Fishing quota talks to resume after four-year pause"
QUOTE = "Our fishing families have waited long enough for a clear answer"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        running.route("/feed.xml", Route(body=FEED))
        running.route("/pages/fisheries.html", Route(body=PAGE, content_type=HTML))
        running.route("/pages/rotterdam.html", Route(body=PAGE, content_type=HTML))
        yield running


def services_for(
    tmp_path: Path,
    server: FeedServer,
    http: httpx.Client,
    *,
    full_text: bool | None,
    **more: object,
) -> Services:
    source = FeedSource(name="ledger", url=server.url("/feed.xml"), full_text=full_text)
    terminal = deliver.TerminalSink(io.StringIO())
    return Services(
        store=store.open_store(f"sqlite:///{tmp_path}/p.db"),
        http=http,
        feeds=(source,),
        limits=ingest.FetchLimits(timeout=2, deadline=5, allow_hosts=("127.0.0.1",)),
        rules=load_rules(ROOT / "config"),
        destinations=(Destination("desk", "terminal", "Asia/Seoul", terminal=terminal),),
        policy=DigestPolicy(first_run_lookback=timedelta(days=3)),
        rng=random.Random(7),
        full_text=ingest.FullTextLimits(spacing=0),
        **more,  # type: ignore[arg-type]
    )


def stored(services: Services) -> dict[str, Article]:
    """Every stored article by title (all are assessed after refresh)."""
    items = store.recent_items(services.store, since=NOW - timedelta(days=1))
    return {item.article.title: item.article for item in items}


def page_requests(server: FeedServer) -> list[str]:
    return sorted(seen.path for seen in server.requests if seen.path.startswith("/pages/"))


def test_a_teaser_is_stored_with_its_pages_main_text(
    tmp_path: Path, server: FeedServer, http: httpx.Client
) -> None:
    services = services_for(tmp_path, server, http, full_text=True)
    report = pipeline.refresh(services, now=NOW)
    articles = stored(services)

    assert report.new == 3
    fisheries = articles[FISHERIES].text
    assert QUOTE in fisheries and "Busan" in fisheries
    assert not any(junk in fisheries for junk in ("NAVIGATION", "FOOTER", "SCRIPT", "COOKIE"))
    assert articles["Coast guard seizes unlicensed boats near the southern islands"].text == (
        "The coast guard seized three boats on Wednesday. Read more"
    )
    assert articles["Rotterdam container volumes steady as new terminal opens"].text.startswith(
        "Container volumes at Rotterdam held steady"
    ), "a full body is no teaser"
    assert page_requests(server) == ["/pages/fisheries.html", "/pages/missing.html"]
    [(feed, problem)] = report.problems
    assert feed == "ledger"
    assert "kept the teaser of " + server.url("/pages/missing.html") in problem
    assert "HTTP 404" in problem


def test_a_completed_teaser_is_found_by_its_full_texts_words(
    tmp_path: Path, server: FeedServer, http: httpx.Client
) -> None:
    services = services_for(tmp_path, server, http, full_text=True)
    pipeline.refresh(services, now=NOW)
    hits = store.search_articles(services.store, query="mackerel")
    assert [hit.article.title for hit in hits] == [FISHERIES]


@pytest.mark.parametrize(
    ("feed_says", "default", "fetched"),
    [(True, False, True), (False, True, False), (None, True, True), (None, False, False)],
)
def test_the_feeds_choice_else_the_poll_default_decides(
    tmp_path: Path,
    server: FeedServer,
    http: httpx.Client,
    feed_says: bool | None,
    default: bool,
    fetched: bool,
) -> None:
    services = services_for(tmp_path, server, http, full_text=feed_says, full_text_default=default)
    pipeline.refresh(services, now=NOW)
    assert bool(page_requests(server)) is fetched
    teaser = "Two neighbours agreed on Thursday to reopen talks on fishing quotas …"
    assert (stored(services)[FISHERIES].text == teaser) is not fetched


def test_a_second_poll_fetches_only_the_new_articles_pages(
    tmp_path: Path, server: FeedServer, http: httpx.Client
) -> None:
    services = services_for(tmp_path, server, http, full_text=True)
    pipeline.refresh(services, now=NOW)
    first = page_requests(server)
    newer = FEED.replace(b"<item>", NEW_ITEM + b"<item>", 1)
    server.route("/feed.xml", Route(body=newer))
    report = pipeline.refresh(services, now=NOW + timedelta(hours=1), force=True)

    assert report.new == 1
    assert first == ["/pages/fisheries.html", "/pages/missing.html"]
    assert page_requests(server) == sorted([*first, "/pages/port-strike.html"])


NEW_ITEM = b"""<item>
  <title>Port workers call off strike</title>
  <link>pages/port-strike.html</link>
  <guid isPermaLink="false">ledger-strike</guid>
  <pubDate>Fri, 27 Nov 2026 12:30:00 +0000</pubDate>
  <description>Dock workers called off a planned strike.</description>
</item>
"""


def test_the_cap_takes_the_newest_teasers_and_says_what_it_left(
    tmp_path: Path, server: FeedServer, http: httpx.Client
) -> None:
    services = services_for(tmp_path, server, http, full_text=True)
    services = replace(services, full_text=ingest.FullTextLimits(max_per_feed=1, spacing=0))
    report = pipeline.refresh(services, now=NOW)
    assert page_requests(server) == ["/pages/fisheries.html"]
    assert "1 teasers over the cap of 1 pages a poll wait for the next" in report.problems[0][1]


@pytest.mark.parametrize("full_text", [True, False])
def test_a_korea_article_that_was_a_teaser_is_judged_on_its_full_text(
    tmp_path: Path, server: FeedServer, http: httpx.Client, full_text: bool
) -> None:
    services = services_for(tmp_path, server, http, full_text=full_text)
    report = pipeline.refresh(services, now=NOW)
    digest = pipeline.send_digest(services, services.destinations[0], now=NOW)

    stories = digest.stories if digest else ()
    fisheries = [story for story in stories if story.headline == FISHERIES]
    assert report.korea == (1 if full_text else 0)
    assert bool(fisheries) is full_text, "the teaser alone names neither Korea nor Seoul"
    if full_text:
        [story] = fisheries
        assert any(QUOTE in quote.quote for quote in story.quotes)
        assert {quote.speaker for quote in story.quotes} == {"Baek Hyun-woo"}
