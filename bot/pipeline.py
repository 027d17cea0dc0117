"""The only module that knows the order of the stages. Each function reads as a list of stage calls.

refresh:      ingest.poll_feeds -> store.save_new -> analyze.assess_all -> store.save_assessments
send_digest:  store.korea_items -> compose.build_digest -> [analyze.llm] -> compose.to_*
                  -> store.enqueue_delivery
flush_outbox: store.claim_deliveries -> deliver.post -> store.mark_delivered | mark_failed
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import httpx

from bot import analyze, compose, deliver, ingest, store
from bot.analyze.llm import StoryWriter
from bot.analyze.rules import RelevanceRules
from bot.model import (
    Article,
    Assessment,
    Delivery,
    Digest,
    FeedRead,
    FeedSource,
    FeedState,
    FetchResult,
    Receipt,
    StoryItem,
)

log = logging.getLogger(__name__)

RETRY_DELAY = timedelta(minutes=2)
MAX_ATTEMPTS = 8


@dataclass(frozen=True, slots=True)
class Destination:
    """Where digests go, with the sink that posts there (built by app)."""

    name: str
    kind: str  # "terminal" | "slack" | "discord_webhook"
    timezone: str
    terminal: deliver.TerminalSink | None = None
    slack: deliver.SlackPoster | None = None
    discord: deliver.DiscordPoster | None = None
    channel: str | None = None
    webhook_url: str | None = None


@dataclass(frozen=True, slots=True)
class DigestPolicy:
    max_stories: int = 10
    first_run_lookback: timedelta = timedelta(hours=12)
    story_window_hours: float = 48


@dataclass(frozen=True, slots=True)
class Services:
    """Everything the pipeline needs, wired once by bot.app."""

    store: store.Store
    http: httpx.Client
    feeds: tuple[FeedSource, ...]
    limits: ingest.FetchLimits
    rules: RelevanceRules
    destinations: tuple[Destination, ...]
    policy: DigestPolicy = DigestPolicy()
    writer: StoryWriter | None = None
    worker: str = "peninsula"
    concurrency: int = 16
    per_host: int = 2
    rng: random.Random = field(default_factory=random.Random)


@dataclass(frozen=True, slots=True)
class CycleReport:
    """What one poll cycle did, for the logs and /korea status."""

    polled: int = 0
    not_modified: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    new: int = 0
    korea: int = 0
    problems: tuple[tuple[str, str], ...] = field(default=())


def refresh(services: Services, *, now: datetime, force: bool = False) -> CycleReport:
    """Poll the due feeds, store what is new, assess it. Never raises for one feed's failure."""
    jobs = _due_jobs(services, now=now, force=force)
    results = ingest.poll_feeds(
        services.http,
        jobs,
        now=now,
        limits=services.limits,
        concurrency=services.concurrency,
        per_host=services.per_host,
    )
    fresh: list[Article] = []
    for (source, state), (fetched, read) in zip(jobs, results, strict=True):
        _remember(services, source, state, fetched, ttl_minutes=read.ttl_minutes, now=now)
        fresh.extend(store.save_new(services.store, articles=read.articles))
    assessments = _assess(services, fresh, now=now)
    store.save_assessments(services.store, assessments=assessments)
    report = _report(jobs, results, fresh, assessments)
    _log_cycle(report)
    return report


def _remember(
    services: Services,
    source: FeedSource,
    state: FeedState | None,
    fetched: FetchResult,
    *,
    ttl_minutes: int | None,
    now: datetime,
) -> None:
    """Record the fetch outcome and when to poll next, keyed by the configured URL."""
    updated = ingest.updated_state(state, fetched, now=now)
    due = ingest.next_check(
        now=now,
        interval_minutes=source.interval_minutes,
        result=fetched,
        state=state,
        ttl_minutes=ttl_minutes,
        rng=services.rng,
    )
    if updated.url != source.url:
        log.warning("poll.feed_moved feed=%s new_url=%s", source.name, updated.url)
    store.put_feed_state(services.store, state=replace(updated, url=source.url, next_check=due))


def _due_jobs(services: Services, *, now: datetime, force: bool) -> list[tuple[FeedSource, Any]]:
    jobs = []
    for source in services.feeds:
        state = store.get_feed_state(services.store, url=source.url)
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
        fresh, rules=services.rules, recent=recent, window_hours=services.policy.story_window_hours
    )


def _report(
    jobs: Sequence[tuple[FeedSource, Any]],
    results: Sequence[tuple[Any, FeedRead]],
    fresh: Sequence[Article],
    assessments: Sequence[Assessment],
) -> CycleReport:
    failed = tuple(
        (source.name, fetched.error)
        for (source, _), (fetched, _) in zip(jobs, results, strict=True)
        if fetched.error
    )
    problems = tuple(
        (source.name, "; ".join(read.problems))
        for (source, _), (_, read) in zip(jobs, results, strict=True)
        if read.problems
    )
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
        "poll.cycle polled=%d not_modified=%d failed=%d new=%d korea=%d",
        report.polled,
        report.not_modified,
        len(report.failed),
        report.new,
        report.korea,
    )
    for name, error in report.failed:
        log.warning("poll.feed_failed feed=%s error=%s", name, error)


def send_digest(
    services: Services,
    destination: Destination,
    *,
    now: datetime,
    since: datetime | None = None,
    key: str | None = None,
) -> Digest | None:
    """Queue the new Korea stories since this destination's last digest, then flush the outbox.

    `since` overrides the cursor (the demo and `run --once` show everything they fetched).
    Returns the digest queued, or None when there was nothing new.
    """
    items = _pending_items(services, destination, now=now, since=since)
    digest = compose.build_digest(
        items,
        destination=destination.name,
        now=now,
        timezone=destination.timezone,
        max_stories=services.policy.max_stories,
    )
    if not digest.stories:
        store.set_cursor(services.store, destination=destination.name, at=now)
        log.info("digest.empty destination=%s", destination.name)
        return None
    digest = _write_with_llm(services, digest)
    store.enqueue_delivery(
        services.store,
        key=key or f"{destination.name}:{now.isoformat()}",
        destination=destination.name,
        payload=render(destination, digest),
        story_ids=[story.id for story in digest.stories],
        now=now,
    )
    store.set_cursor(services.store, destination=destination.name, at=now)
    flush_outbox(services, now=now)
    return digest


def _pending_items(
    services: Services, destination: Destination, *, now: datetime, since: datetime | None
) -> list[StoryItem]:
    cursor = store.get_cursor(services.store, destination=destination.name)
    seen_since = since or cursor or now - services.policy.first_run_lookback
    published_since = since or (cursor or now) - services.policy.first_run_lookback
    items = [
        item
        for item in store.korea_items(services.store, since=seen_since)
        if item.article.published is None or item.article.published >= published_since
    ]
    posted = store.posted_story_ids(
        services.store,
        destination=destination.name,
        story_ids=sorted({item.assessment.story for item in items}),
    )
    return [item for item in items if item.assessment.story not in posted]


def _write_with_llm(services: Services, digest: Digest) -> Digest:
    if services.writer is None:
        return digest
    writer = services.writer.for_digest()  # a fresh token budget, and a down endpoint retried
    stories = tuple(writer.brief(story) for story in digest.stories)
    return replace(digest, stories=stories, top_line=writer.top_line(stories))


def render(destination: Destination, digest: Digest) -> dict[str, Any]:
    """Digest -> the stored outbox payload for this destination's kind."""
    if destination.kind == "slack":
        return {"kind": "slack", "messages": compose.to_slack_messages(digest)}
    if destination.kind == "discord_webhook":
        return {"kind": "discord", "messages": compose.to_discord_messages(digest)}
    return {"kind": "terminal", "text": compose.to_plain_text(digest)}


def flush_outbox(services: Services, *, now: datetime) -> list[Receipt]:
    """Post every due outbox row once; failures are retried later, never lost."""
    by_name = {destination.name: destination for destination in services.destinations}
    receipts = []
    for delivery in store.claim_deliveries(services.store, worker=services.worker, now=now):
        destination = by_name.get(delivery.destination)
        receipt = (
            _post(destination, delivery)
            if destination
            else Receipt(delivery.destination, ok=False, error="destination no longer configured")
        )
        _record(services, delivery, receipt, now=now)
        receipts.append(receipt)
    return receipts


def _post(destination: Destination, delivery: Delivery) -> Receipt:
    payload = delivery.payload
    if destination.kind == "slack" and destination.slack and destination.channel:
        return destination.slack.post(
            destination.channel, payload["messages"], delivery_id=delivery.id
        )
    if destination.kind == "discord_webhook" and destination.discord and destination.webhook_url:
        return destination.discord.post_webhook(destination.webhook_url, payload["messages"])
    if destination.kind == "terminal" and destination.terminal:
        return destination.terminal.post(destination.name, payload["text"])
    return Receipt(destination.name, ok=False, error="sink not configured", retryable=False)


def _record(services: Services, delivery: Delivery, receipt: Receipt, *, now: datetime) -> None:
    if receipt.ok:
        store.mark_delivered(
            services.store, delivery_id=delivery.id, message_ids=receipt.message_ids, now=now
        )
        log.info("digest.posted destination=%s delivery=%s", delivery.destination, delivery.id)
        return
    retry = receipt.retryable and delivery.attempts < MAX_ATTEMPTS
    retry_at = now + RETRY_DELAY * (2 ** max(delivery.attempts - 1, 0)) if retry else None
    store.mark_failed(
        services.store,
        delivery_id=delivery.id,
        error=receipt.error or "unknown error",
        retry_at=retry_at,
        now=now,
    )
    log.warning(
        "digest.post_failed destination=%s delivery=%s error=%s retry_at=%s",
        delivery.destination,
        delivery.id,
        receipt.error,
        retry_at,
    )
