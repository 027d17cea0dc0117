"""refresh: ingest.poll_feeds -> store.save_new -> read_teaser_pages (new teasers of full-text
feeds, and earlier ones due again) -> analyze.assess_all (new articles, and those whose page
came late) -> store.save_assessments -> instant alerts for the new Korea stories.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from bot import analyze, ingest, store
from bot.model import Article, Assessment, FeedRead, FeedSource, FeedState, FetchResult, StoryItem
from bot.pipeline.feeds import current_sources
from bot.pipeline.following import send_alerts
from bot.pipeline.services import CycleReport, Services
from bot.pipeline.teaser_pages import keep_shown_stories, read_teaser_pages

log = logging.getLogger(__name__)


def refresh(services: Services, *, now: datetime, force: bool = False) -> CycleReport:
    """Poll the due feeds, store what is new, assess it, alert instant subscribers.

    Never raises for one feed's failure.
    """
    jobs = _due_jobs(services, now=now, force=force)
    results = ingest.poll_feeds(
        services.http,
        jobs,
        now=now,
        limits=services.limits,
        concurrency=services.concurrency,
        per_host=services.per_host,
    )
    fresh, opted = _store_new(services, jobs, results, now=now)
    pages = read_teaser_pages(services, fresh, opted, now=now)
    fresh, assessed = pages.fresh, [*pages.fresh, *pages.late]
    assessments = keep_shown_stories(services, _assess(services, assessed, now=now), pages.stories)
    store.save_assessments(services.store, assessments=assessments)
    alerts = send_alerts(services, _korea_items(assessed, assessments), now=now)
    new_ids = {article.id for article in fresh}
    news = [a for a in assessments if a.article_id in new_ids]
    report = replace(_report(jobs, results, fresh, news, pages.problems), alerts=alerts)
    _log_cycle(report)
    return report


def _store_new(
    services: Services,
    jobs: Sequence[tuple[FeedSource, Any]],
    results: Sequence[tuple[FetchResult, FeedRead]],
    *,
    now: datetime,
) -> tuple[list[Article], list[Article]]:
    """Remember each fetch and store what is new: (every new article, those of full-text feeds)."""
    fresh: list[Article] = []
    opted: list[Article] = []
    for (source, state), (fetched, read) in zip(jobs, results, strict=True):
        _remember(services, source, state, fetched, ttl_minutes=read.ttl_minutes, now=now)
        new = store.save_new(services.store, articles=read.articles)
        fresh.extend(new)
        if wants_full_text(services, source):
            opted.extend(new)
    return fresh, opted


def wants_full_text(services: Services, source: FeedSource) -> bool:
    """The feed's own `full_text`, else the [poll] default (chat-added feeds do not say)."""
    return services.full_text_default if source.full_text is None else source.full_text


def _remember(
    services: Services,
    source: FeedSource,
    state: FeedState | None,
    fetched: FetchResult,
    *,
    ttl_minutes: int | None,
    now: datetime,
) -> None:
    """Record the fetch outcome and when to poll next.

    A permanent move (301/308) is followed for good: the feed is saved under its new URL
    (overriding config by name, so a restart keeps it) and its state moves with it.
    """
    updated = ingest.updated_state(state, fetched, now=now)
    due = ingest.next_check(
        now=now,
        interval_minutes=source.interval_minutes,
        result=fetched,
        state=state,
        ttl_minutes=ttl_minutes,
        rng=services.rng,
    )
    if updated.url != source.url and services.added_feeds:
        log.info(
            "poll.feed_moved feed=%s old_url=%s new_url=%s", source.name, source.url, updated.url
        )
        store.save_source(services.store, source=replace(source, url=updated.url))
        store.move_feed(services.store, old_url=source.url, new_url=updated.url)
        store.put_feed_state(services.store, state=replace(updated, next_check=due))
        return
    store.put_feed_state(services.store, state=replace(updated, url=source.url, next_check=due))


def _due_jobs(services: Services, *, now: datetime, force: bool) -> list[tuple[FeedSource, Any]]:
    # One read of every feed's state per cycle, not one query per feed (this runs each minute).
    states = {state.url: state for state in store.feed_states(services.store)}
    jobs = []
    for source in current_sources(services):
        state = states.get(source.url)
        if state is not None and state.gone and not force:
            continue
        if force or state is None or state.next_check is None or state.next_check <= now:
            jobs.append((source, state))
    return jobs


def _assess(services: Services, fresh: Sequence[Article], *, now: datetime) -> list[Assessment]:
    if not fresh:
        return []
    window = timedelta(hours=services.policy.story_window_hours)
    fresh_ids = {article.id for article in fresh}
    recent = [
        (item.article, item.assessment.story)
        for item in store.recent_items(services.store, since=now - window)
        if item.article.id not in fresh_ids and item.assessment.story
    ]
    return analyze.assess_all(
        fresh,
        rules=services.rules,
        recent=recent,
        window_hours=services.policy.story_window_hours,
        profiles=services.profiles,
    )


def _korea_items(fresh: Sequence[Article], assessments: Sequence[Assessment]) -> list[StoryItem]:
    by_id = {article.id: article for article in fresh}
    return [StoryItem(by_id[a.article_id], a) for a in assessments if a.korea]


def _report(
    jobs: Sequence[tuple[FeedSource, Any]],
    results: Sequence[tuple[Any, FeedRead]],
    fresh: Sequence[Article],
    assessments: Sequence[Assessment],
    page_problems: Sequence[tuple[str, str]] = (),
) -> CycleReport:
    failed = tuple(
        (source.name, fetched.error)
        for (source, _), (fetched, _) in zip(jobs, results, strict=True)
        if fetched.error
    )
    found = {
        source.name: list(read.problems)
        for (source, _), (_, read) in zip(jobs, results, strict=True)
    }
    for feed, problem in page_problems:
        found.setdefault(feed, []).append(problem)
    problems = tuple((name, "; ".join(said)) for name, said in found.items() if said)
    return CycleReport(
        polled=len(jobs),
        not_modified=sum(1 for fetched, _ in results if fetched.not_modified),
        failed=failed,
        new=len(fresh),
        korea=sum(1 for a in assessments if a.korea),
        problems=problems,
    )


def _log_cycle(report: CycleReport) -> None:
    log.info(
        "poll.cycle polled=%d not_modified=%d failed=%d new=%d korea=%d alerts=%d",
        report.polled,
        report.not_modified,
        len(report.failed),
        report.new,
        report.korea,
        report.alerts,
    )
    for name, error in report.failed:
        log.warning("poll.feed_failed feed=%s error=%s", name, error)
