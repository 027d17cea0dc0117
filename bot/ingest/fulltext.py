"""Full text for teaser feeds: fetch a new article's page and keep its main text, politely.

Some feeds carry a headline and a sentence; the quotes and the reasons a story is about Korea
are on the article page. For the new articles of feeds that opted in (`full_text = true`), a
teaser's page is fetched here; which pages are due (new teasers, and those whose earlier try
failed in passing: page_retries.py) is the store's to say, so no page is fetched twice at once,
even by two instances. Each page read says whether its failure is worth another try.

Pages cost what feeds cost (the same FetchLimits: byte cap while streaming, deadline, bounded
decompression, User-Agent) and more care: their URLs come from feed content, so the address
guard always applies (only `allow_hosts` may be private); one host gets at most `per_host`
requests at once, a pause of `spacing` seconds between them, and its Retry-After is honoured
for its other pages. Extraction runs in the fetching threads after the host's gate is released
(~5 ms of CPU for a 125 kB page; see benchmarks/README.md). Nothing here raises: a page that fails
leaves the teaser in place and says why.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime

import httpx

from bot.ingest.fetch import fetch_url
from bot.ingest.hosts import HostGates, HostHolds, HostSpacing, host_of, host_turns
from bot.ingest.limits import FetchLimits
from bot.ingest.page_retries import PageRetryPolicy, is_transient
from bot.ingest.pages import extract_main_text, page_kind, to_html
from bot.ingest.policy import asked_wait_minutes
from bot.ingest.teasers import is_clearly_longer, is_teaser, mentions_headline
from bot.model import Article, FetchResult

log = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
NO_LINK = "no link to an article page"


@dataclass(frozen=True, slots=True)
class FullTextLimits:
    """How many pages one feed may cost per poll, and the pause between two on one host."""

    max_per_feed: int = 20  # the newest teasers first; the others wait for a later poll
    spacing: float = 1.0  # seconds between the starts of two page requests to one host
    retry: PageRetryPolicy = field(default_factory=PageRetryPolicy)  # pages failed in passing


@dataclass(frozen=True, slots=True)
class PageText:
    """One teaser's page: its main text when that is the better body, else why not."""

    article: Article
    text: str | None = None
    problem: str | None = None
    requested: bool = True  # False: no request was made (no link, over the cap, host on hold)
    transient: bool = False  # the failure may pass: worth trying again later
    wait_minutes: float = 0.0  # what the publisher asked for before another try (Retry-After)


@dataclass(frozen=True, slots=True)
class FullTextRead:
    """What reading the pages of a poll's new teasers gave."""

    articles: tuple[Article, ...]  # the teasers that now carry their page's main text
    problems: tuple[tuple[str, str], ...]  # (feed name, what went wrong), for the cycle report
    requested: int  # page requests made
    pages: tuple[PageText, ...] = ()  # every teaser whose page was tried, with what it gave


def complete_teasers(
    client: httpx.Client,
    articles: Sequence[Article],
    *,
    now: datetime,
    limits: FetchLimits,
    policy: FullTextLimits,
    concurrency: int = 8,
    per_host: int = 2,
) -> FullTextRead:
    """New articles of full-text feeds -> the teasers among them with their page's main text."""
    chosen, over_cap = within_cap([a for a in articles if is_teaser(a)], policy.max_per_feed)
    pages = _Pages(client, now=now, limits=limits, per_host=per_host, spacing=policy.spacing)
    order = host_turns([host_of(article.url or "") for article in chosen])
    workers = max(1, min(concurrency, len(chosen)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fulltext") as pool:
        read = list(pool.map(pages.read_one, [chosen[index] for index in order]))
    return FullTextRead(
        articles=tuple(replace(page.article, text=page.text) for page in read if page.text),
        problems=_problems(read, over_cap, cap=policy.max_per_feed),
        requested=sum(page.requested for page in read),
        pages=tuple(read),
    )


def fetch_full_text(client: httpx.Client, article: Article, *, limits: FetchLimits) -> PageText:
    """One teaser -> its page's main text, or why the teaser stays; never raises.

    No host manners here: complete_teasers is the way to read many pages.
    """
    if not article.url:
        return PageText(article, problem=NO_LINK, requested=False)
    return read_page(_get(client, article, limits=page_limits(limits)), article)


def page_limits(limits: FetchLimits) -> FetchLimits:
    """The feed's limits, with the address guard on: a feed decides where its links point."""
    return replace(limits, public_only=True)


def read_page(fetched: FetchResult, article: Article) -> PageText:
    """A page's fetch outcome -> its main text when it is clearly the better body.

    trafilatura's full extraction first: its fallbacks read <br>-separated text that its fast
    path mixes with the menus. When that text will not do (it can take a long list of related
    stories for a short article), the fast path is the second chance.
    """
    if fetched.error is not None:
        problem = f"page not fetched: {fetched.error}"
        return PageText(article, problem=problem, transient=is_transient(fetched))
    kind = page_kind(fetched.headers)
    if kind is not None:
        return PageText(article, problem=f"not an HTML page (served as {kind})")
    url = fetched.final_url or fetched.url
    html = to_html(fetched.body or b"", fetched.headers)
    problem = "no article text found on the page"
    for fast in (False, True):
        text = extract_main_text(html, url=url, title=article.title, fast=fast)
        shortcoming = _shortcoming(text, article)
        if shortcoming is None:
            return PageText(article, text=text)
        problem = shortcoming
    return PageText(article, problem=problem)


def _shortcoming(text: str, article: Article) -> str | None:
    """Why the page's text should not replace the teaser, or None when it should."""
    if not text:
        return "no article text found on the page"
    if not is_clearly_longer(text, article.text):
        said = f"{len(text)} characters against the feed's {len(article.text.strip())}"
        return f"the page's text is not clearly longer ({said})"
    if not mentions_headline(text, article.title):
        return "the page's text is not about the headline (a wall?)"
    return None


def within_cap(teasers: Sequence[Article], cap: int) -> tuple[list[Article], dict[str, int]]:
    """The newest `cap` teasers of each feed, and how many each feed had beyond that."""
    by_feed: defaultdict[str, list[Article]] = defaultdict(list)
    for article in teasers:
        by_feed[article.feed or ""].append(article)
    chosen, over = [], {}
    for feed, group in by_feed.items():
        group.sort(key=_newest_first)
        chosen += group[: max(0, cap)]
        if len(group) > cap:
            over[feed] = len(group) - cap
    return chosen, over


def _newest_first(article: Article) -> float:
    when = article.published or article.seen
    return -when.timestamp() if when else 0.0


def _problems(
    read: Sequence[PageText], over_cap: dict[str, int], *, cap: int
) -> tuple[tuple[str, str], ...]:
    failed = [
        (
            page.article.feed or "",
            f"full text: kept the teaser of {page.article.url}: {page.problem}",
        )
        for page in read
        if page.problem
    ]
    capped = [
        (feed, f"full text: {count} teasers over the cap of {cap} pages a poll kept their teaser")
        for feed, count in over_cap.items()
    ]
    return (*failed, *capped)


class _Pages:
    """What every page of one poll shares: the client, the limits, and each host's manners."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        now: datetime,
        limits: FetchLimits,
        per_host: int,
        spacing: float,
    ) -> None:
        self.client, self.now, self.limits = client, now, page_limits(limits)
        self.gates, self.holds, self.spacing = (
            HostGates(per_host),
            HostHolds(),
            HostSpacing(spacing),
        )

    def read_one(self, article: Article) -> PageText:
        try:
            page = self._read(article)
        except Exception as exc:  # read_page never raises; this keeps one bug from stopping a poll
            log.exception("ingest.fulltext.unexpected", extra={"feed": article.feed})
            page = PageText(article, problem=f"unexpected error: {exc!r}")
        if page.problem:
            log.info(
                "ingest.fulltext.kept_teaser feed=%s url=%s problem=%s",
                article.feed, article.url, page.problem,
                extra={"feed": article.feed, "article_id": article.id},
            )  # fmt: skip
        return page

    def _read(self, article: Article) -> PageText:
        """The page, once its host's gate is free and its turn has come; parsed after the gate."""
        if not article.url:
            return PageText(article, problem=NO_LINK, requested=False)
        host = host_of(article.url)
        with self.gates.gate(host):
            held = self.holds.held(host, article.url, now=self.now)
            if held is not None:
                page = read_page(held, article)
                wait = asked_wait_minutes(held, now=self.now)
                return replace(page, requested=False, wait_minutes=wait)
            self.spacing.wait(host)
            fetched = _get(self.client, article, limits=self.limits)
        self.holds.note(host, fetched, now=self.now)
        page = read_page(fetched, article)
        return replace(page, wait_minutes=asked_wait_minutes(fetched, now=self.now))


def _get(client: httpx.Client, article: Article, *, limits: FetchLimits) -> FetchResult:
    feed = article.feed or ""
    return fetch_url(client, article.url or "", limits=limits, accept=PAGE_ACCEPT, feed=feed)
