"""Writing articles and what analyze concluded about them. Every write is idempotent."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, update

from bot.model import Article, Assessment
from bot.store import schema
from bot.store.engine import Store, database_now, insert, transaction
from bot.store.quotes import quote_rows
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
    if inserted:
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
            chosen = [latest[i] for i in batch]
            connection.execute(_upsert_assessments(store, chosen))
            _replace_index(connection, store, schema.article_topics, batch, _topic_rows(chosen))
            _replace_index(connection, store, schema.quotes, batch, quote_rows(chosen))


def set_texts(store: Store, *, texts: Mapping[str, str]) -> None:
    """Replace stored articles' bodies (article id -> text), e.g. a teaser by its page's text.

    The search indexes follow: SQLite's articles_fts by its update trigger, PostgreSQL's
    `search` column because it is generated from `text`.
    """
    if not texts:
        return
    statement = (
        update(schema.articles)
        .where(schema.articles.c.id == bindparam("article_id"))
        .values(text=bindparam("new_text"))
    )
    rows = [{"article_id": i, "new_text": texts[i]} for i in sorted(texts)]  # one lock order
    with transaction(store, doing="replace article texts") as connection:
        connection.execute(statement, rows)


def set_story(store: Store, *, article_id: str, story: str) -> None:
    """Record which story an assessed article belongs to."""
    statement = update(schema.assessments).where(schema.assessments.c.article_id == article_id)
    with transaction(store, doing="set an article's story") as connection:
        connection.execute(statement.values(story=story))


def _new_row(store: Store, article: Article) -> dict[str, Any]:
    row = article_values(article)
    if article.seen is None:
        row["seen"] = database_now(store)
    return row


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


def _topic_rows(batch: list[Assessment]) -> list[dict[str, Any]]:
    return [{"article_id": a.article_id, "topic": t} for a in batch for t in sorted(set(a.topics))]


def _replace_index(
    connection: Connection, store: Store, table: Table, ids: list[str], rows: list[dict[str, Any]]
) -> None:
    """Swap the rows derived from these articles' assessments (topics, quote keys) for new ones."""
    connection.execute(delete(table).where(table.c.article_id.in_(ids)))
    if rows:
        connection.execute(insert(store, table).values(rows))


def _batches(ids: list[str]) -> list[list[str]]:
    return [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
