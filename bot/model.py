"""Frozen dataclasses passed between stages.

One model per purpose: what a feed is (FeedSource) and what we remember of it (FeedState),
the normalized article (Article), what we concluded (Assessment, Quote), what we show
(Story, Digest) and what happened when we showed it (Receipt). No stage imports another;
they meet here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

TOPICS: tuple[str, ...] = (
    "nuclear",
    "missiles",
    "diplomacy",
    "inter-korean",
    "sanctions",
    "military",
    "human-rights",
    "economy",
    "politics",
    "china",
    "japan",
    "us-alliance",
    "culture",
    "sports",
    "other",
)


@dataclass(frozen=True, slots=True)
class FeedSource:
    """A feed as configured: where it lives and how to read it."""

    name: str
    url: str
    interval_minutes: int = 15
    timezone: str = "UTC"  # applied to feed dates that carry no zone
    outlet: str | None = None  # display name; defaults to the feed's own title
    full_text: bool | None = None  # fetch teasers' pages; None: the [poll] default


@dataclass(frozen=True, slots=True)
class FeedState:
    """What we remember about a feed between polls (conditional GET, health)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_status: int | None = None
    error_count: int = 0
    last_error: str | None = None
    last_success: datetime | None = None
    next_check: datetime | None = None
    gone: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """A normalized feed entry: plain text, canonical URL, UTC time, stable identity."""

    id: str  # stable identity: guid -> canonical url -> title+content hash
    title: str
    text: str
    url: str | None = None
    source: str | None = None  # outlet display name
    feed: str | None = None  # feed name from config
    published: datetime | None = None  # UTC
    seen: datetime | None = None  # UTC, when we first saw it
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: always `text[start:end] == quote` in its article's text."""

    quote: str
    start: int
    end: int
    speaker: str | None = None
    speaker_title: str | None = None
    key: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason for a relevance decision: what matched, where, and what it weighed."""

    term: str  # canonical entity, e.g. "Kim Jong Un"
    where: str  # "title" | "lead" | "body"
    count: int
    weight: float
    side: str | None = None  # "nk" | "sk" | None


@dataclass(frozen=True, slots=True)
class Assessment:
    """What analyze concluded about one article."""

    article_id: str
    korea: bool
    score: float
    nk: bool
    sk: bool
    topics: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    summary: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    story: str = ""


@dataclass(frozen=True, slots=True)
class StoryItem:
    """An article with its assessment: the unit compose works with."""

    article: Article
    assessment: Assessment


@dataclass(frozen=True, slots=True)
class Story:
    """One event, however many outlets carried it. The lead article comes first."""

    id: str
    items: tuple[StoryItem, ...]
    headline: str
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]  # key quotes, verbatim, from the lead's or another item's text
    quote_sources: tuple[str, ...] = ()  # article id each quote came from, aligned with quotes
    topics: tuple[str, ...] = ()
    why: str = ""
    translated: bool = False

    @property
    def lead(self) -> StoryItem:
        return self.items[0]

    @property
    def outlets(self) -> tuple[str, ...]:
        seen: list[str] = []
        for item in self.items:
            name = item.article.source or item.article.feed or "unknown"
            if name not in seen:
                seen.append(name)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Digest:
    """What a destination receives at one time."""

    destination: str
    created: datetime  # UTC
    timezone: str
    stories: tuple[Story, ...]
    top_line: str = ""
    title: str = "Korea brief"
    footer: str = ""
    since: datetime | None = None  # UTC, the previous digest to this destination


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a sink reports after posting: where it landed, or why it did not."""

    destination: str
    ok: bool
    message_ids: tuple[str, ...] = ()
    error: str | None = None
    retryable: bool = True


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one feed fetch: new bytes, not modified, or an error, never an exception."""

    url: str
    status: int | None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str | None = None
    not_modified: bool = False
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None  # sha256 of the body, so an unchanged feed is not parsed again
    permanent_redirect: bool = False  # every hop to final_url was 301/308: the feed has moved
    passing: bool = False  # the failure may pass: network trouble, a stalled answer, a host's hold


@dataclass(frozen=True, slots=True)
class FeedRead:
    """A parsed feed: what could be read plus the problems met on the way."""

    source: FeedSource
    articles: tuple[Article, ...]
    problems: tuple[str, ...] = ()
    title: str | None = None
    ttl_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox row claimed for posting: what to send where, and how often we tried."""

    id: str
    destination: str
    payload: dict[str, Any]
    attempts: int  # claims so far, this one included
    story_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Subscription:
    """A destination's standing request: a topic or phrase, when to send it, and when not to."""

    id: str
    destination: str
    kind: str  # "topic" | "phrase"
    value: str
    times: tuple[str, ...] = ()  # local "HH:MM" digest times, e.g. ("08:00", "18:00")
    timezone: str = "Asia/Seoul"
    instant: bool = False
    quiet_hours: tuple[str, str] | None = None  # local ("22:00", "07:00"): no instant alerts
    created: datetime | None = None  # UTC


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article found by full-text search, with the matching words marked in a snippet."""

    article: Article
    snippet: str
    rank: float  # higher is better; comparable only within one search
