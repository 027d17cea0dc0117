"""Digest selection: group assessed articles into stories, pick each story's lead, rank them.

One event appears once, however many outlets carried it: the items that analyze gave the
same `story` key become one Story whose lead is the most informative article. Pure and
deterministic: the same items and `now` always give the same digest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError
from bot.model import Digest, Evidence, Quote, Story, StoryItem

SUBSTANTIAL = 300  # characters: below this an item is a teaser, not an article
MAX_QUOTES = 2
RESTATED = 0.5  # share of the shorter quote's content words that makes it the same statement
MAX_WHY_TERMS = 3
OLDEST = datetime.min.replace(tzinfo=UTC)


def build_digest(
    items: Sequence[StoryItem],
    *,
    destination: str,
    now: datetime,
    timezone: str = "Asia/Seoul",
    max_stories: int = 10,
    top_line: str = "",
    footer: str = "",
    since: datetime | None = None,
) -> Digest:
    """Korea-relevant items -> a Digest of at most `max_stories` ranked stories."""
    if now.tzinfo is None:
        raise ValueError("build_digest needs an aware `now` (UTC), got a naive datetime")
    _check_timezone(timezone)
    stories = sorted((to_story(group) for group in group_items(items)), key=rank_key)
    return Digest(
        destination=destination,
        created=now.astimezone(UTC),
        timezone=timezone,
        stories=tuple(stories[: max(max_stories, 0)]),
        top_line=top_line.strip(),
        footer=footer.strip(),
        since=since.astimezone(UTC) if since else None,
    )


def group_items(items: Iterable[StoryItem]) -> list[list[StoryItem]]:
    """Korea items grouped by story key (an item without one is its own story), each once."""
    groups: dict[str, list[StoryItem]] = {}
    seen: set[str] = set()
    for item in items:
        if not item.assessment.korea or item.article.id in seen:
            continue
        seen.add(item.article.id)
        key = item.assessment.story or f"article:{item.article.id}"
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def to_story(group: Sequence[StoryItem]) -> Story:
    """The items of one event -> a Story led by its most informative article."""
    lead = min(group, key=lead_key)
    others = sorted((item for item in group if item is not lead), key=_time_key)
    items = (lead, *others)
    quotes = key_quotes(items)
    return Story(
        id=lead.assessment.story or f"article:{lead.article.id}",
        items=items,
        headline=" ".join(lead.article.title.split()),
        summary=_summary(items),
        quotes=tuple(quote for quote, _ in quotes),
        quote_sources=tuple(source for _, source in quotes),
        topics=tuple(dict.fromkeys(t for item in items for t in item.assessment.topics)),
        why=why(lead.assessment.evidence),
    )


def lead_key(item: StoryItem) -> tuple[bool, bool, int, datetime, str]:
    """Sort key, smallest first: a substantial article, with key quotes, longest, earliest."""
    length = len(item.article.text.strip())
    has_quotes = any(_is_key(q) for q in item.assessment.quotes)
    published, article_id = _time_key(item)
    return (length < SUBSTANTIAL, not has_quotes, -length, published, article_id)


def key_quotes(items: Sequence[StoryItem]) -> list[tuple[Quote, str]]:
    """Up to two attributed key quotes with their article id: the lead's first, each words once.

    Outlets translating one statement each word it their own way ("we have thoroughly inspected
    the safety" / "the safety was thoroughly verified"), so a quote that shares most of its
    content words with one already chosen is the same statement again, not a second voice.
    """
    chosen: list[tuple[Quote, str]] = []
    said: list[frozenset[str]] = []
    for item in items:
        for quote in item.assessment.quotes:
            if not _is_key(quote) or len(chosen) == MAX_QUOTES:
                continue
            words = _content_words(quote.quote)
            if not any(_restates(words, earlier) for earlier in said):
                said.append(words)
                chosen.append((quote, item.article.id))
    return chosen


def _content_words(text: str) -> frozenset[str]:
    """Lower-case words of four letters or more, cut to five letters (a crude stem)."""
    return frozenset(word[:5] for word in re.findall(r"[^\W\d_]{4,}", text.casefold()))


def _restates(words: frozenset[str], earlier: frozenset[str]) -> bool:
    smaller = min(len(words), len(earlier))
    return smaller == 0 or len(words & earlier) >= RESTATED * smaller


def why(evidence: Sequence[Evidence]) -> str:
    """`Kim Jong Un (title), Pyongyang ×4`: the heaviest matched terms, compactly."""
    weight: dict[str, float] = {}
    count: dict[str, int] = {}
    in_title: set[str] = set()
    for piece in evidence:
        weight[piece.term] = weight.get(piece.term, 0.0) + piece.weight * max(piece.count, 1)
        count[piece.term] = count.get(piece.term, 0) + piece.count
        if piece.where == "title":
            in_title.add(piece.term)
    terms = sorted(weight, key=lambda term: (-weight[term], term))[:MAX_WHY_TERMS]
    return ", ".join(_why_term(t, count=count[t], title=t in in_title) for t in terms)


def rank_key(story: Story) -> tuple[int, float, float, str]:
    """Sort key, smallest first: more outlets, higher relevance, newer, then id for stability."""
    score = max(item.assessment.score for item in story.items)
    newest = max(_time_key(item)[0] for item in story.items)
    return (-len(story.outlets), -score, -newest.timestamp(), story.id)


def _why_term(term: str, *, count: int, title: bool) -> str:
    text = f"{term} (title)" if title else term
    return f"{text} ×{count}" if count > 1 else text


def _summary(items: Sequence[StoryItem]) -> tuple[str, ...]:
    """The lead's summary; when analyze gave it none, the first other item's that has one."""
    for item in items:
        if item.assessment.summary:
            return item.assessment.summary
    return ()


def _is_key(quote: Quote) -> bool:
    return quote.key and bool((quote.speaker or "").strip()) and bool(quote.quote.strip())


def _time_key(item: StoryItem) -> tuple[datetime, str]:
    moment = item.article.published or item.article.seen or OLDEST
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment, item.article.id


def _check_timezone(timezone: str) -> None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        message = f"unknown timezone {timezone!r}; use an IANA name such as Asia/Seoul"
        raise ConfigError(message, key="timezone") from exc
