"""Loading many new articles at once, for benchmarks and imports (not for the pipeline).

`save_new` asks the database which articles are new (ON CONFLICT ... RETURNING), which costs
a round trip of ids per batch: about 1,000-1,350 articles/s. An import of articles known to be
new can skip that: one executemany per chunk on SQLite, COPY on PostgreSQL. The search index
is filled by the same triggers / generated column as in production.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from bot.model import Article, Assessment
from bot.store import schema
from bot.store.articles import save_assessments
from bot.store.engine import Store, transaction
from bot.store.rows import ARTICLE_FIELDS, article_values
from bot.store.schema import to_utc

log = logging.getLogger(__name__)

CHUNK = 50_000  # articles per transaction
COPY = f"COPY articles ({', '.join(ARTICLE_FIELDS)}) FROM STDIN"


def bulk_load(
    store: Store, *, articles: Iterable[Article], assessments: Sequence[Assessment] = ()
) -> int:
    """Insert articles that are not stored yet (each must have `seen`), then the assessments;
    return how many articles were loaded. An id already stored fails its chunk (StoreError)."""
    loaded = 0
    iterator = iter(articles)
    while chunk := list(islice(iterator, CHUNK)):
        with transaction(store, doing="bulk-load articles") as connection:
            _insert(store, connection, chunk)
        loaded += len(chunk)
    save_assessments(store, assessments=assessments)
    log.info("store.bulk_loaded", extra={"articles": loaded, "assessments": len(assessments)})
    return loaded


def _insert(store: Store, connection: Connection, chunk: list[Article]) -> None:
    if store.dialect == "postgresql":
        _copy(connection, chunk)
    else:
        connection.execute(schema.articles.insert(), [article_values(a) for a in chunk])


def _copy(connection: Connection, chunk: list[Article]) -> None:
    driver: Any = connection.connection.driver_connection  # psycopg 3: COPY from Python rows
    try:
        with driver.cursor() as cursor, cursor.copy(COPY) as copy:
            for article in chunk:
                values = article_values(article)
                copy.write_row([_copy_value(values[name]) for name in ARTICLE_FIELDS])
    except connection.dialect.loaded_dbapi.Error as exc:  # below SQLAlchemy: wrap it ourselves
        raise DBAPIError.instance(COPY, None, exc, connection.dialect.loaded_dbapi.Error) from exc


def _copy_value(value: Any) -> Any:
    return to_utc(value) if isinstance(value, datetime) else value
