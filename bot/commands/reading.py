"""Handlers that read: latest, search, quotes, digest and topics.

Each takes its Command and the CommandContext and returns a Reply; the store answers the
question, compose shapes stories, replies words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot import compose, store
from bot.commands import replies
from bot.commands.command import DigestNow, Latest, Quotes, Search, Topics
from bot.commands.context import CommandContext, Reply
from bot.model import TOPICS, Digest, Story, StoryItem

LATEST_WINDOW = timedelta(days=7)
LATEST_ITEMS = 400  # articles read to find the newest N stories
TOPIC_WINDOW = timedelta(days=30)
SEARCH_PAGE = 5
QUOTES_SHOWN = 8
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def latest(command: Latest, ctx: CommandContext) -> Reply:
    """The newest N Korea stories (optionally on one topic), newest first."""
    topics = (command.topic,) if command.topic else ()
    items = store.korea_items(
        ctx.services.store, since=ctx.now - LATEST_WINDOW, topics=topics, limit=LATEST_ITEMS
    )
    digest = _digest(items, ctx, title=replies.latest_title(command.topic))
    newest = sorted(digest.stories, key=_newest, reverse=True)[: command.count]
    if not newest:
        return Reply(replies.no_stories(command.topic, days=LATEST_WINDOW.days))
    shown = replace(digest, stories=tuple(newest))
    return Reply(compose.to_plain_text(shown), digest=shown)


def digest_now(command: DigestNow, ctx: CommandContext) -> Reply:
    """A digest of the last `digest_hours`, for the caller (or the channel when public)."""
    hours = ctx.services.digest_hours
    topics = (command.topic,) if command.topic else ()
    items = store.korea_items(
        ctx.services.store, since=ctx.now - timedelta(hours=hours), topics=topics
    )
    digest = _digest(items, ctx, title=replies.digest_title(command.topic))
    if not digest.stories:
        return Reply(replies.no_digest(command.topic, hours=hours))
    return Reply(compose.to_plain_text(digest), public=command.public, digest=digest)


def topics(command: Topics, ctx: CommandContext) -> Reply:
    """Each topic with its description and newest headline of the last 30 days."""
    newest: dict[str, StoryItem | None] = {}
    for topic in TOPICS:
        found = store.korea_items(
            ctx.services.store, since=ctx.now - TOPIC_WINDOW, topics=(topic,), limit=1
        )
        newest[topic] = found[0] if found else None
    return Reply(replies.topics(newest, style=replies.style_for(ctx.platform)))


def search(command: Search, ctx: CommandContext) -> Reply:
    """Full-text search, ranked, one page of hits with the matching words marked."""
    hits = store.search_articles(
        ctx.services.store,
        query=command.words,
        since=ctx.now - command.since if command.since else None,
        source=command.source,
        topic=command.topic,
        limit=SEARCH_PAGE + 1,  # one more tells whether there is a next page
        offset=(command.page - 1) * SEARCH_PAGE,
    )
    return Reply(
        replies.search_results(
            command,
            hits[:SEARCH_PAGE],
            more=len(hits) > SEARCH_PAGE,
            style=replies.style_for(ctx.platform),
            timezone=ctx.services.timezone,
            page_size=SEARCH_PAGE,
            marks=store.MARK,
        )
    )


def quotes(command: Quotes, ctx: CommandContext) -> Reply:
    """Key quotes by a speaker (any spelling) or containing the words, newest first."""
    found = store.find_quotes(
        ctx.services.store,
        text=command.text,
        since=ctx.now - command.since if command.since else None,
        limit=QUOTES_SHOWN,
    )
    return Reply(
        replies.quotes_found(
            command.text,
            found,
            style=replies.style_for(ctx.platform),
            timezone=ctx.services.timezone,
        )
    )


def _digest(items: Sequence[StoryItem], ctx: CommandContext, *, title: str) -> Digest:
    digest = compose.build_digest(
        items,
        destination=ctx.destination("here"),
        now=ctx.now,
        timezone=ctx.services.timezone,
        max_stories=len(items),
    )
    return replace(digest, title=title)


def _newest(story: Story) -> datetime:
    return max(item.article.published or item.article.seen or EPOCH for item in story.items)
