"""Feed bytes -> FeedRead: feedparser over bytes plus headers, then entries -> Articles.

Bad input is data: whatever feedparser could read becomes articles, whatever went wrong becomes
a sentence in `problems`. Nothing here raises and nothing here touches the network.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import feedparser

from bot.ingest.doctype import defuse
from bot.ingest.encoding import to_parseable
from bot.ingest.entries import EntryContext, plain_field, to_article
from bot.ingest.problems import bozo_problem, not_a_feed_problem
from bot.model import Article, FeedRead, FeedSource

log = logging.getLogger(__name__)


def parse_feed(
    body: bytes, *, source: FeedSource, headers: Mapping[str, str], now: datetime
) -> FeedRead:
    """Feed bytes + response headers -> the articles that could be read and the problems met."""
    try:
        return _parse(body, source=source, headers=headers, now=now)
    except Exception as exc:  # the contract is "never raises": a broken feed is data
        log.exception("ingest.parse.unexpected", extra={"feed": source.name})
        return FeedRead(source, (), (f"could not read the feed at all: {exc!r}",))


def _parse(
    body: bytes, *, source: FeedSource, headers: Mapping[str, str], now: datetime
) -> FeedRead:
    defused = defuse(body)
    if defused.refused:
        return FeedRead(source, (), defused.problems)
    ready = to_parseable(defused.body, headers)
    # A file object, never bytes or str: feedparser would open a body that looks like a path.
    parsed = feedparser.parse(io.BytesIO(ready.body), response_headers=ready.headers)
    zone, zone_problems = _zone(source.timezone)
    context = _context(parsed, source=source, headers=headers, zone=zone, now=now)
    articles, entry_problems = _articles(parsed.entries, context)
    problems = (
        *defused.problems,
        *ready.problems,
        *_feed_problems(parsed, body, headers, has_articles=bool(articles)),
        *zone_problems,
        *entry_problems,
    )
    log.debug("ingest.parse.done", extra={"feed": source.name, "articles": len(articles)})
    return FeedRead(source, articles, problems, context.feed_title, _ttl(parsed.feed))


def _context(
    parsed: Any, *, source: FeedSource, headers: Mapping[str, str], zone: tzinfo, now: datetime
) -> EntryContext:
    feed = parsed.feed
    title = plain_field(feed, "title")
    language = feed.get("language") or _header(headers, "content-language")
    return EntryContext(
        source=source,
        outlet=source.outlet or title or None,
        language=(language or "").strip() or None,
        zone=zone,
        now=now,
        feed_title=title or None,
        base_url=feed.get("link") or _header(headers, "content-location") or source.url,
    )


def _articles(
    entries: Iterable[Any], context: EntryContext
) -> tuple[tuple[Article, ...], list[str]]:
    """Entries -> articles, each identity once (the first wins), with counts of what was odd."""
    seen: dict[str, Article] = {}
    duplicates = undated = empty = 0
    for entry in entries:
        made = to_article(entry, context=context)
        if made is None:
            empty += 1
        elif made.article.id in seen:
            duplicates += 1
        else:
            seen[made.article.id] = made.article
            undated += not made.dated
    return tuple(seen.values()), _entry_problems(duplicates, undated, empty)


def _entry_problems(duplicates: int, undated: int, empty: int) -> list[str]:
    counts = (
        (duplicates, "entries repeated an earlier entry's GUID or link; kept the first"),
        (undated, "entries had no usable date (missing, unreadable or in the future); used now"),
        (empty, "entries had no title, text or link; skipped"),
    )
    return [f"{count} {what}" for count, what in counts if count]


def _feed_problems(
    parsed: Any, body: bytes, headers: Mapping[str, str], *, has_articles: bool
) -> list[str]:
    problems = []
    bozo = bozo_problem(parsed)
    if bozo:
        problems.append(bozo)
    if not has_articles:
        problems.append(not_a_feed_problem(parsed, body, headers) or "the feed has no entries")
    return problems


def _zone(name: str) -> tuple[tzinfo, tuple[str, ...]]:
    try:
        return ZoneInfo(name), ()
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC"), (f"unknown timezone {name!r} in the feed config; assumed UTC",)


def _ttl(feed: Any) -> int | None:
    """RSS <ttl> in minutes when it is a sane positive number (at most a week)."""
    try:
        minutes = int(str(feed.get("ttl", "")).strip())
    except ValueError:
        return None
    return minutes if 0 < minutes <= 7 * 24 * 60 else None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None
