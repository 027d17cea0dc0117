"""What a search is narrowed to (since, outlets, topic), shared by the SQLite and PostgreSQL search.

A source filter matches any part of an article's source or feed name, in any case. Instead of
testing every article, the filter is looked up in `search_outlets` (each lowercased source and
feed name once, kept by triggers, migration 0006) and handed to the search index as the few
outlets it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from bot.store.schema import search_outlets


@dataclass(frozen=True, slots=True)
class Outlet:
    """A lowercased source or feed name and its number in search_outlets."""

    key: int
    name: str


@dataclass(frozen=True, slots=True)
class Wanted:
    """The filters of one search; `outlets` is None when no source was asked for."""

    since: datetime | None = None
    outlets: tuple[Outlet, ...] | None = None
    topic: str | None = None

    @property
    def is_impossible(self) -> bool:
        """True when a source was asked for that no stored article comes from."""
        return self.outlets == ()


def to_wanted(
    connection: Connection, *, since: datetime | None, source: str | None, topic: str | None
) -> Wanted:
    """The filters of a search, with `source` turned into the outlets it names."""
    outlets = find_outlets(connection, source) if source else None
    return Wanted(since=since, outlets=outlets, topic=topic or None)


def find_outlets(connection: Connection, source: str) -> tuple[Outlet, ...]:
    """Every outlet whose name contains `source`, in any case."""
    named = search_outlets.c.name.contains(source.lower(), autoescape=True)
    rows = connection.execute(select(search_outlets).where(named).order_by(search_outlets.c.key))
    return tuple(Outlet(key=row.key, name=row.name) for row in rows)
