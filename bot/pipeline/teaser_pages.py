"""read_teaser_pages: store.queue_pages (the poll's new teasers of full-text feeds)
-> store.due_pages -> ingest.within_cap -> store.claim_pages -> ingest.complete_teasers
-> store.set_texts -> store.record_pages (done, pending with the next try, or given up).

The store remembers every teaser whose page is wanted, so one failure in passing (a 503, a
timeout, a reset, a 429) costs a later try instead of the full text (ingest.page_retries says
which failures and when), a restart loses nothing, and the feed's cap, host gates and spacing
apply to retries as to new pages. Pages completed late belong to articles assessed on their
teaser: they come back to refresh to be assessed again (see keep_shown_stories).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot import ingest, store
from bot.model import Article, Assessment
from bot.pipeline.services import Services

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)  # a claimed page another instance may take after a crash


@dataclass(frozen=True, slots=True)
class TeaserPages:
    """What reading the due pages gave the poll."""

    fresh: list[Article]  # the poll's new articles, teasers with their page's text when read
    late: list[Article]  # articles stored before, whose page was read only now
    stories: dict[str, str | None]  # late article id -> the story key it was assessed under
    problems: tuple[tuple[str, str], ...]  # (feed, what went wrong), for the cycle report


def read_teaser_pages(
    services: Services, fresh: Sequence[Article], opted: Sequence[Article], *, now: datetime
) -> TeaserPages:
    """New teasers of full-text feeds (`opted`) and the earlier ones due again -> their text."""
    teasers = [article.id for article in opted if ingest.is_teaser(article)]
    store.queue_pages(services.store, article_ids=teasers, now=now)
    claimed, over_cap = _claim(services, now=now)
    if not claimed:
        return TeaserPages(list(fresh), [], {}, ())
    read = ingest.complete_teasers(
        services.http,
        [due.article for due in claimed.values()],
        now=now,
        limits=services.limits,
        policy=services.full_text,
        concurrency=services.concurrency,
        per_host=services.per_host,
    )
    outcomes = _outcomes(services, read.pages, claimed, now=now)
    store.set_texts(services.store, texts={article.id: article.text for article in read.articles})
    store.record_pages(services.store, outcomes=outcomes, now=now)
    _log(len(teasers), claimed, read, outcomes)
    problems = (*_problems(read.pages, outcomes), *_waiting(over_cap, cap=_cap(services)))
    return _gathered(fresh, claimed, read.articles, problems)


def keep_shown_stories(
    services: Services, assessments: Sequence[Assessment], before: dict[str, str | None]
) -> list[Assessment]:
    """Re-assessed articles keep the story key they had when that story was already posted
    somewhere: a story does not come back as new because one of its texts grew."""
    earlier = {key for key in before.values() if key}
    shown = store.posted_anywhere(services.store, story_ids=sorted(earlier))
    return [
        replace(a, story=before[a.article_id] or a.story)
        if before.get(a.article_id) in shown
        else a
        for a in assessments
    ]


def _claim(services: Services, *, now: datetime) -> tuple[dict[str, store.DuePage], dict[str, int]]:
    """The due pages within each feed's cap (newest first) that this instance now holds, and
    how many due pages of each feed wait beyond the cap."""
    due = {page.article.id: page for page in store.due_pages(services.store, now=now)}
    chosen, over = ingest.within_cap([page.article for page in due.values()], _cap(services))
    held = store.claim_pages(
        services.store, article_ids=[a.id for a in chosen], now=now, until=now + LEASE
    )
    return {article_id: due[article_id] for article_id in sorted(held)}, over


def _waiting(over_cap: dict[str, int], *, cap: int) -> tuple[tuple[str, str], ...]:
    return tuple(
        (feed, f"full text: {count} teasers over the cap of {cap} pages a poll wait for the next")
        for feed, count in over_cap.items()
    )


def _cap(services: Services) -> int:
    return services.full_text.max_per_feed


def _outcomes(
    services: Services,
    pages: Sequence[ingest.PageText],
    claimed: dict[str, store.DuePage],
    *,
    now: datetime,
) -> list[store.PageOutcome]:
    read = {page.article.id: page for page in pages}
    # A claimed article complete_teasers did not take has a body that is no teaser: done.
    return [
        _outcome(services, read[i], claimed[i], now=now)
        if i in read
        else store.PageOutcome(i, "done", requested=False)
        for i in claimed
    ]


def _outcome(
    services: Services, page: ingest.PageText, due: store.DuePage, *, now: datetime
) -> store.PageOutcome:
    """done, given_up (a failure that will not pass, or no tries left), or pending again."""
    article_id, requested = page.article.id, page.requested
    if page.text:
        return store.PageOutcome(article_id, "done", requested=requested)
    if not page.transient:
        return store.PageOutcome(article_id, "given_up", problem=page.problem, requested=requested)
    tries = due.tries + int(requested)
    next_try = ingest.next_page_try(
        tries=tries,
        queued=due.queued,
        now=now,
        wait_minutes=page.wait_minutes,
        policy=services.full_text.retry,
        rng=services.rng,
    )
    if next_try is None:
        said = f"gave up after {tries} tries: {page.problem}"
        return store.PageOutcome(article_id, "given_up", problem=said, requested=requested)
    return store.PageOutcome(article_id, "pending", next_try, page.problem, requested)


def _problems(
    pages: Sequence[ingest.PageText], outcomes: Sequence[store.PageOutcome]
) -> tuple[tuple[str, str], ...]:
    by_id = {outcome.article_id: outcome for outcome in outcomes}
    found = []
    for page in pages:
        outcome = by_id[page.article.id]
        if outcome.state == "given_up":
            said = f"full text: kept the teaser of {page.article.url}: {outcome.problem}"
        elif outcome.state == "pending" and outcome.next_try is not None:
            when = f"{outcome.next_try:%Y-%m-%d %H:%M} UTC"
            said = f"full text: {page.article.url}: {outcome.problem}; trying again at {when}"
        else:
            continue
        found.append((page.article.feed or "", said))
    return tuple(found)


def _gathered(
    fresh: Sequence[Article],
    claimed: dict[str, store.DuePage],
    completed: Sequence[Article],
    problems: tuple[tuple[str, str], ...],
) -> TeaserPages:
    longer = {article.id: article for article in completed}
    new_ids = {article.id for article in fresh}
    late = [article for article in completed if article.id not in new_ids]
    return TeaserPages(
        fresh=[longer.get(article.id, article) for article in fresh],
        late=late,
        stories={article.id: claimed[article.id].story for article in late},
        problems=problems,
    )


def _log(
    queued: int,
    claimed: dict[str, store.DuePage],
    read: ingest.FullTextRead,
    outcomes: Sequence[store.PageOutcome],
) -> None:
    states = [outcome.state for outcome in outcomes]
    log.info(
        "poll.full_text queued=%d claimed=%d requested=%d completed=%d waiting=%d given_up=%d",
        queued, len(claimed), read.requested, len(read.articles),
        states.count("pending"), states.count("given_up"),
    )  # fmt: skip
