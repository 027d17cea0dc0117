"""Reading assessed articles back as StoryItems, for digests and for chat commands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, exists, func, select

from bot.model import StoryItem
from bot.store.engine import Store, transaction
from bot.store.rows import to_story_item
from bot.store.schema import article_topics, articles, assessments

ASSESSED = articles.join(assessments, assessments.c.article_id == articles.c.id)
# When an article happened: the feed's date if it gave one, else when we first saw it.
HAPPENED = func.coalesce(articles.c.published, articles.c.seen)


def recent_items(store: Store, *, since: datetime) -> list[StoryItem]:
    """Assessed articles first seen at or after `since`, oldest first (the digest window)."""
    query = _assessed().where(articles.c.seen >= since).order_by(articles.c.seen, articles.c.id)
    return _items(store, query, doing="read recent articles")


def korea_items(
    store: Store,
    *,
    since: datetime,
    until: datetime | None = None,
    topics: Sequence[str] = (),
    limit: int | None = None,
) -> list[StoryItem]:
    """Korea-relevant articles that happened in [since, until), newest first.

    With `topics`, only articles carrying at least one of them.
    """
    query = _assessed().where(assessments.c.korea.is_(True), since <= HAPPENED)
    if until is not None:
        query = query.where(until > HAPPENED)
    if topics:
        tagged = exists().where(
            article_topics.c.article_id == articles.c.id,
            article_topics.c.topic.in_(list(topics)),
        )
        query = query.where(tagged)
    query = query.order_by(HAPPENED.desc(), articles.c.id).limit(limit)
    return _items(store, query, doing="read Korea articles")


def _assessed() -> Select[tuple[object, ...]]:
    return select(articles, assessments).select_from(ASSESSED)


def _items(store: Store, query: Select[tuple[object, ...]], *, doing: str) -> list[StoryItem]:
    with transaction(store, doing=doing, write=False) as connection:
        rows = connection.execute(query).mappings().all()
    return [to_story_item(row) for row in rows]
