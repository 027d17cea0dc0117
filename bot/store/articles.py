"""Writing articles and what analyze concluded about them. Every write is idempotent."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, func, update

from bot.model import Article, Assessment
from bot.store import schema
from bot.store.engine import Store, insert, transaction
from bot.store.rows import article_values, assessment_values

log = logging.getLogger(__name__)

BATCH = 500  # rows per INSERT: far below SQLite's and PostgreSQL's parameter limits


def save_new(store: Store, *, articles: Sequence[Article]) -> list[Article]:
    """Insert the articles not stored yet; return exactly those, in input order.

    Safe with several writers: the database decides who inserted what (ON CONFLICT DO
    NOTHING RETURNING), so each article is new to exactly one caller. An article without
    `seen` gets the database's clock and comes back with it filled in.
    """
    firsts: dict[str, Article] = {}
    for article in articles:
        firsts.setdefault(article.id, article)
    inserted: dict[str, Any] = {}
    with transaction(store, doing="save new articles") as connection:
        for batch in _batches(sorted(firsts)):
            statement = (
                insert(store, schema.articles)
                .values([_new_row(store, firsts[article_id]) for article_id in batch])
                .on_conflict_do_nothing(index_elements=["id"])
                .returning(schema.articles.c.id, schema.articles.c.seen)
            )
            inserted.update((row.id, row.seen) for row in connection.execute(statement))
    log.info("store.saved_new", extra={"given": len(articles), "new": len(inserted)})
    return [_with_seen(firsts[i], inserted[i]) for i in firsts if i in inserted]


def save_assessments(store: Store, *, assessments: Sequence[Assessment]) -> None:
    """Store each assessment, replacing an earlier one for the same article (last one wins)."""
    latest = {assessment.article_id: assessment for assessment in assessments}
    if not latest:
        return
    ids = sorted(latest)  # one lock order for every writer: no deadlocks between instances
    with transaction(store, doing="save assessments") as connection:
        for batch in _batches(ids):
            connection.execute(_upsert_assessments(store, [latest[i] for i in batch]))
            connection.execute(
                delete(schema.article_topics).where(schema.article_topics.c.article_id.in_(batch))
            )
            topics = [
                {"article_id": i, "topic": topic} for i in batch for topic in set(latest[i].topics)
            ]
            if topics:
                connection.execute(insert(store, schema.article_topics).values(topics))


def set_story(store: Store, *, article_id: str, story: str) -> None:
    """Record which story an assessed article belongs to."""
    statement = update(schema.assessments).where(schema.assessments.c.article_id == article_id)
    with transaction(store, doing="set an article's story") as connection:
        connection.execute(statement.values(story=story))


def _new_row(store: Store, article: Article) -> dict[str, Any]:
    row = article_values(article)
    if article.seen is None:
        row["seen"] = _database_now(store)
    return row


def _database_now(store: Store) -> Any:
    if store.dialect == "sqlite":
        # The same text layout SQLAlchemy writes (microseconds), so stored times sort together.
        return func.strftime("%Y-%m-%d %H:%M:%f", "now").op("||")("000")
    return func.current_timestamp()


def _with_seen(article: Article, seen: Any) -> Article:
    return article if article.seen is not None else replace(article, seen=seen)


def _upsert_assessments(store: Store, batch: list[Assessment]) -> Any:
    statement = insert(store, schema.assessments).values([assessment_values(a) for a in batch])
    changes = {
        column.name: statement.excluded[column.name]
        for column in schema.assessments.columns
        if column.name != "article_id"
    }
    return statement.on_conflict_do_update(index_elements=["article_id"], set_=changes)


def _batches(ids: list[str]) -> list[list[str]]:
    return [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
