"""One feedparser entry -> one Article: the only place that reads feedparser's entry dicts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin

from bot.ingest.normalize import (
    article_identity,
    canonical_url,
    normalize_space,
    parse_date,
    to_plain_text,
    to_utc,
)
from bot.model import Article, FeedSource

HTML_TYPES = ("text/html", "application/xhtml+xml")
DATE_KEYS = ("published", "updated", "created")
TITLE_FROM_TEXT = 120
HTML_HINT = re.compile(r"</?[A-Za-z][A-Za-z0-9]*[\s/>]|&#?\w+;")


@dataclass(frozen=True, slots=True)
class EntryContext:
    """What every entry of one feed shares."""

    source: FeedSource
    outlet: str | None
    language: str | None
    zone: tzinfo
    now: datetime
    feed_title: str | None = None
    base_url: str | None = None  # for relative entry links: the feed's own link or its URL


@dataclass(frozen=True, slots=True)
class MadeArticle:
    """An article and whether its date came from the feed (False: we used `now`)."""

    article: Article
    dated: bool


def to_article(entry: Any, *, context: EntryContext) -> MadeArticle | None:
    """feedparser entry -> Article (plain text, canonical URL, UTC date); None if it is empty."""
    title = plain_field(entry, "title")
    text = _longest_text(entry)
    link = _absolute(entry.get("link"), context.base_url)
    if not (title or text or link):
        return None
    url = canonical_url(link) if link else None
    identity = article_identity(guid=entry.get("id"), url=url, title=title, text=text)
    published, dated = _published(entry, context)
    article = Article(
        id=identity,
        title=title or _title_from(text, url),
        text=text,
        url=url,
        source=context.outlet,
        feed=context.source.name,
        published=published,
        seen=context.now,
        language=context.language,
    )
    return MadeArticle(article, dated)


def plain_field(node: Any, key: str) -> str:
    """A feedparser text field as plain text: HTML stripped only when the feed says it is HTML."""
    value = node.get(key) or ""
    detail = node.get(f"{key}_detail") or {}
    return _plain(value, detail.get("type", ""))


def _plain(value: str, content_type: str) -> str:
    """feedparser copies content into `summary` without saying its type: then we look."""
    is_html = content_type in HTML_TYPES or (not content_type and HTML_HINT.search(value))
    return to_plain_text(value) if is_html else normalize_space(value)


def _absolute(link: str | None, base: str | None) -> str | None:
    link = (link or "").strip()
    if not link:
        return None
    return urljoin(base, link) if base and "://" not in link else link


def _longest_text(entry: Any) -> str:
    """The fullest body the entry offers: content blocks or summary, whichever is longest."""
    contents = _contents(entry)
    candidates = [_plain(block.get("value", ""), block.get("type", "")) for block in contents]
    candidates.append(plain_field(entry, "summary"))
    return max(candidates, key=len)


def _contents(entry: Any) -> list[Any]:
    contents = entry.get("content") or []
    return [block for block in contents if isinstance(block, dict)]


def _published(entry: Any, context: EntryContext) -> tuple[datetime, bool]:
    """The entry's date in UTC: its own text (feed timezone when zoneless), else feedparser's."""
    for key in DATE_KEYS:
        # dict.get, not entry.get: feedparser warns when `updated` falls back to `published`.
        raw = dict.get(entry, key)
        value = (
            raw if parse_date(raw, default_tz=context.zone) else dict.get(entry, f"{key}_parsed")
        )
        if value:
            when = to_utc(value, default_tz=context.zone, now=context.now)
            return when, when != context.now
    return context.now, False


def _title_from(text: str, url: str | None) -> str:
    """A headline for an untitled entry: its first line, cut at a word; else its URL."""
    first = text.split("\n", 1)[0]
    if len(first) <= TITLE_FROM_TEXT:
        return first or url or ""
    return first[:TITLE_FROM_TEXT].rsplit(" ", 1)[0] + "…"
