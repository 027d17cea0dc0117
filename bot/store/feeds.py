"""What we remember about each feed between polls: conditional-GET validators and health."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from sqlalchemy import delete, exists, select, update

from bot.model import FeedState
from bot.store.engine import Store, insert, transaction
from bot.store.schema import feeds

FEED_FIELDS = tuple(field.name for field in fields(FeedState))


def get_feed_state(store: Store, *, url: str) -> FeedState | None:
    """The remembered state of the feed at `url`, or None for a feed never polled."""
    with transaction(store, doing="read a feed's state", write=False) as connection:
        row = connection.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
    return None if row is None else _to_state(row)


def feed_states(store: Store) -> list[FeedState]:
    """Every remembered feed, by URL."""
    with transaction(store, doing="list feed states", write=False) as connection:
        rows = connection.execute(select(feeds).order_by(feeds.c.url)).mappings().all()
    return [_to_state(row) for row in rows]


def put_feed_state(store: Store, *, state: FeedState) -> None:
    """Remember `state`, replacing what we knew about that URL."""
    values = asdict(state)
    statement = insert(store, feeds).values(values)
    changes = {name: statement.excluded[name] for name in FEED_FIELDS if name != "url"}
    with transaction(store, doing="save a feed's state") as connection:
        connection.execute(statement.on_conflict_do_update(index_elements=["url"], set_=changes))


def move_feed(store: Store, *, old_url: str, new_url: str) -> None:
    """Carry a permanently redirected (301/308) feed's state over to its new URL.

    Idempotent: if the new URL is already known (another instance moved it first), the old
    row is simply dropped.
    """
    other = feeds.alias("other")  # an alias, so the subquery is not correlated to the UPDATE
    taken = exists().where(other.c.url == new_url)
    with transaction(store, doing="move a feed") as connection:
        connection.execute(update(feeds).where(feeds.c.url == old_url, ~taken).values(url=new_url))
        connection.execute(delete(feeds).where(feeds.c.url == old_url))


def _to_state(row: Any) -> FeedState:
    return FeedState(**{name: row[name] for name in FEED_FIELDS})
