"""Feeds changed in chat, so that /korea feeds add and remove survive a restart.

One row per feed name: an added feed (enabled), or a configured feed an admin removed
(disabled, so config/feeds.toml does not bring it back on the next start). Which feeds are
polled is the caller's merge of config and these rows; the store only remembers them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from bot.model import FeedSource
from bot.store.engine import Store, database_now, insert, transaction
from bot.store.schema import sources as table

OPTIONS = ("url", "interval_minutes", "timezone", "outlet", "enabled", "updated")


def save_source(store: Store, *, source: FeedSource, enabled: bool = True) -> None:
    """Remember a feed by name (added: enabled; a removed configured feed: disabled)."""
    row = {
        "name": source.name,
        "url": source.url,
        "interval_minutes": source.interval_minutes,
        "timezone": source.timezone,
        "outlet": source.outlet,
        "enabled": enabled,
        "updated": database_now(store),
    }
    adding = insert(store, table).values(row)
    upsert = adding.on_conflict_do_update(
        index_elements=["name"], set_={name: adding.excluded[name] for name in OPTIONS}
    )
    with transaction(store, doing="save a feed") as connection:
        connection.execute(upsert)


def delete_source(store: Store, *, name: str) -> bool:
    """Forget what chat did to the feed `name`; False when nothing was remembered."""
    with transaction(store, doing="delete a feed") as connection:
        return connection.execute(delete(table).where(table.c.name == name)).rowcount > 0


def saved_sources(store: Store) -> list[tuple[FeedSource, bool]]:
    """Every feed changed in chat with whether it is enabled, oldest change first."""
    query = select(table).order_by(table.c.updated, table.c.name)
    with transaction(store, doing="list saved feeds", write=False) as connection:
        rows = connection.execute(query).mappings().all()
    return [(_to_source(row), bool(row["enabled"])) for row in rows]


def _to_source(row: Any) -> FeedSource:
    return FeedSource(
        name=row["name"],
        url=row["url"],
        interval_minutes=row["interval_minutes"],
        timezone=row["timezone"],
        outlet=row["outlet"],
    )
