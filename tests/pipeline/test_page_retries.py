"""refresh with a publisher having a bad minute: a teaser's page that fails in passing is tried
again on a later poll (spaced by the backoff, within the cap) and the article is assessed
again on its full text; a page that will not come is given up at once and never asked for
again; a restart loses nothing; a story already posted is not posted again as new. A feed
server and a page site over real HTTP, SQLite, the real rules."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot import deliver, ingest, pipeline, store
from bot.app import load_rules
from bot.model import Article, Assessment, FeedSource
from bot.pipeline import Destination, DigestPolicy, Services
from bot.pipeline.teaser_pages import keep_shown_stories
from tests.fakes.feed_server import FeedServer, Route
from tests.fakes.page_site import PageSite

ROOT = Path(__file__).resolve().parents[2]
FEED = (Path(__file__).parent / "fixtures" / "teaser_feed.xml").read_bytes()
PAGE = (ROOT / "tests/ingest/fixtures/pages/article_with_boilerplate.html").read_bytes()
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
FISHERIES = "Fishing quota talks to resume after four-year pause"
QUOTE = "Our fishing families have waited long enough for a clear answer"
ARTICLE = "/pages/fisheries.html"
STEADY = ingest.FullTextLimits(spacing=0, retry=ingest.PageRetryPolicy(jitter=0))


@pytest.fixture
def site() -> Iterator[PageSite]:
    with PageSite({ARTICLE: PAGE, "/pages/rotterdam.html": PAGE}) as running:
        yield running


@pytest.fixture
def feeds(site: PageSite) -> Iterator[FeedServer]:
    """The teaser feed, its links pointing at the page site."""
    with FeedServer() as running:
        body = FEED.replace(b"<link>pages/", f"<link>{site.url('/pages/')}".encode())
        running.route("/feed.xml", Route(body=body))
        yield running


def services_for(
    path: Path, feeds: FeedServer, http: httpx.Client, *, full_text: ingest.FullTextLimits = STEADY
) -> Services:
    terminal = deliver.TerminalSink(io.StringIO())
    return Services(
        store=store.open_store(f"sqlite:///{path}/p.db"),
        http=http,
        feeds=(FeedSource(name="ledger", url=feeds.url("/feed.xml"), full_text=True),),
        limits=ingest.FetchLimits(timeout=2, deadline=5, allow_hosts=("127.0.0.1",)),
        rules=load_rules(ROOT / "config"),
        destinations=(Destination("desk", "terminal", "Asia/Seoul", terminal=terminal),),
        policy=DigestPolicy(first_run_lookback=timedelta(days=3)),
        rng=random.Random(7),
        full_text=full_text,
    )


def item(services: Services, title: str = FISHERIES) -> tuple[Article, Assessment]:
    [found] = [
        i for i in store.recent_items(services.store, since=NOW - timedelta(days=1))
        if i.article.title == title
    ]  # fmt: skip
    return found.article, found.assessment


def at(minutes: float) -> datetime:
    return NOW + timedelta(minutes=minutes)


def test_a_page_that_failed_once_is_read_on_a_later_poll_and_the_article_assessed_again(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    site.fail_first(ARTICLE, 503)
    services = services_for(tmp_path, feeds, http)
    first = pipeline.refresh(services, now=NOW)
    teaser, judged = item(services)
    early = pipeline.refresh(services, now=at(9))
    later = pipeline.refresh(services, now=at(10))
    article, assessment = item(services)

    assert "trying again at 2026-11-27 12:10 UTC" in first.problems[0][1]
    assert "HTTP 503" in first.problems[0][1]
    assert (judged.korea, QUOTE in teaser.text) == (False, False)
    assert site.paths_visited(ARTICLE) == 2, "once failing, once at the retry, not at minute 9"
    assert (early.new, later.new) == (0, 0)
    assert QUOTE in article.text
    assert assessment.korea, "the full text names Seoul: the assessment follows the text"
    assert any(QUOTE in quote.quote for quote in assessment.quotes)
    assert assessment.summary != judged.summary
    assert store.page_counts(services.store) == {
        "ledger": store.PageCounts(0, 1, "page not fetched: HTTP 404 Not Found")
    }, "fisheries done; the missing page given up"


def test_a_missing_page_is_given_up_at_once_and_never_asked_for_again(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    services = services_for(tmp_path, feeds, http)
    reports = [pipeline.refresh(services, now=at(m), force=True) for m in (0, 10, 60, 24 * 60)]
    assert site.paths_visited("/pages/missing.html") == 1
    assert "kept the teaser of " in reports[0].problems[0][1]
    assert not any("full text" in said for r in reports[1:] for _, said in r.problems)
    assert store.page_counts(services.store)["ledger"].given_up == 1


def test_retries_are_spaced_by_the_backoff_and_end_after_five_requests(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    site.fail_first(ARTICLE, *[502] * 10)
    services = services_for(tmp_path, feeds, http)
    asked_at = []
    for minute in (0, 9, 10, 29, 30, 69, 70, 149, 150, 400, 1000):
        before = site.paths_visited(ARTICLE)
        pipeline.refresh(services, now=at(minute))
        if site.paths_visited(ARTICLE) > before:
            asked_at.append(minute)
    assert asked_at == [0, 10, 30, 70, 150]
    counts = store.page_counts(services.store)["ledger"]
    assert (counts.waiting, counts.given_up) == (0, 2)
    assert counts.last_problem is not None and "gave up after 5 tries" in counts.last_problem


def test_a_publishers_retry_after_is_waited_for(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    site.fail_first(ARTICLE, 429, retry_after="3600")
    services = services_for(tmp_path, feeds, http)
    for minute in (0, 10, 30, 59, 60):
        pipeline.refresh(services, now=at(minute))
    assert site.paths_visited(ARTICLE) == 2
    assert QUOTE in item(services)[0].text


def test_retries_share_the_feeds_cap_a_poll(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    site.fail_first(ARTICLE, 503)
    capped = ingest.FullTextLimits(
        max_per_feed=1, spacing=0, retry=ingest.PageRetryPolicy(jitter=0)
    )
    services = services_for(tmp_path, feeds, http, full_text=capped)
    requests = []
    for minute in (0, 10, 11, 12):
        before = len(site.visits)
        report = pipeline.refresh(services, now=at(minute))
        requests.append(len(site.visits) - before)
        if minute == 0:
            assert "1 teasers over the cap of 1 pages a poll wait" in report.problems[-1][1]
    assert requests == [1, 1, 1, 0], "fisheries fails, fisheries again, then the missing page"
    assert site.paths_visited("/pages/missing.html") == 1
    assert QUOTE in item(services)[0].text


def test_a_restart_between_failure_and_retry_loses_nothing(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    site.fail_first(ARTICLE, 503)
    before = services_for(tmp_path, feeds, http)
    pipeline.refresh(before, now=NOW)
    before.store.close()
    after = services_for(tmp_path, feeds, http)
    pipeline.refresh(after, now=at(10))
    assert QUOTE in item(after)[0].text
    assert site.paths_visited(ARTICLE) == 2


KOREAN_TEASER = (
    b"South Korean officials in Seoul said on Thursday that talks with Japan on fishing quotas "
    b"would reopen after a four-year pause, the fisheries ministry in Seoul said"
)


def test_a_story_already_posted_is_not_posted_again_when_its_text_grows(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    body = FEED.replace(b"<link>pages/", f"<link>{site.url('/pages/')}".encode())
    feeds.route(
        "/feed.xml",
        Route(
            body=body.replace(
                b"Two neighbours agreed on Thursday to reopen talks on fishing quotas",
                KOREAN_TEASER,
            )
        ),
    )
    site.fail_first(ARTICLE, 503)
    services = services_for(tmp_path, feeds, http)
    desk = services.destinations[0]
    pipeline.refresh(services, now=NOW)
    posted = pipeline.send_digest(services, desk, now=at(1))
    _, before = item(services)
    pipeline.refresh(services, now=at(10))
    again = pipeline.send_digest(services, desk, now=at(11))
    article, after = item(services)

    assert posted is not None and [s.headline for s in posted.stories] == [FISHERIES]
    assert QUOTE in article.text and after.quotes, "assessed again on the full text"
    assert after.story == before.story
    assert again is None, "nothing new to post"


def test_a_reassessed_article_keeps_its_key_only_when_its_story_was_posted(
    tmp_path: Path, site: PageSite, feeds: FeedServer, http: httpx.Client
) -> None:
    services = services_for(tmp_path, feeds, http)
    store.enqueue_delivery(
        services.store, key="k", destination="desk", payload={}, story_ids=["shown"], now=NOW
    )
    fresh = [
        Assessment("a", korea=True, score=1, nk=False, sk=True, story="joined"),
        Assessment("b", korea=True, score=1, nk=False, sk=True, story="joined"),
        Assessment("c", korea=True, score=1, nk=False, sk=True, story="new"),
    ]
    kept = keep_shown_stories(services, fresh, {"a": "shown", "b": "never-posted"})
    assert [a.story for a in kept] == ["shown", "joined", "new"]
