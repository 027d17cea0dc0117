"""The tables as SQLAlchemy Core sees them: migrations/ creates them, this module describes them.

Times are stored as UTC: PostgreSQL `timestamptz`, SQLite naive ISO text (which sorts correctly
only because every value is UTC). `UTCDateTime` enforces that in both directions.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    func,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime that goes in as UTC and comes out aware UTC, whatever the backend keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = to_utc(value)
        # SQLite would write the offset into the text and break ordering: keep it naive UTC.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else to_utc(value)


def to_utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already (the model's convention)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("body_hash", Text),
    Column("last_status", Integer),
    Column("error_count", Integer, nullable=False),
    Column("last_error", Text),
    Column("last_success", UTCDateTime),
    Column("next_check", UTCDateTime),
    Column("gone", Boolean, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("source", Text),
    Column("feed", Text),
    Column("published", UTCDateTime),
    Column("seen", UTCDateTime, nullable=False),
    Column("language", Text),
)
# When an article happened (bot.store.reading.HAPPENED): search `since`, korea_items (0005).
Index("articles_happened", func.coalesce(articles.c.published, articles.c.seen))

assessments = Table(
    "assessments",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("korea", Boolean, nullable=False),
    Column("score", Float, nullable=False),
    Column("nk", Boolean, nullable=False),
    Column("sk", Boolean, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("summary", JSON, nullable=False),
    Column("quotes", JSON, nullable=False),
    Column("story", Text, nullable=False),
)

# One row per (article, topic) so topic filters are an indexed EXISTS on both databases.
article_topics = Table(
    "article_topics",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("topic", Text, primary_key=True),
)

# Every lowercased source and feed name once, numbered: source filters look names up here and
# hand the search index their numbers (0006). Filled by triggers on articles.
search_outlets = Table(
    "search_outlets",
    metadata,
    Column("key", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
)

cursors = Table(
    "cursors",
    metadata,
    Column("destination", Text, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Text, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("destination", Text, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("story_ids", JSON, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt", UTCDateTime, nullable=False),
    Column("claimed_by", Text),
    Column("lease_until", UTCDateTime),
    Column("message_ids", JSON),
    Column("last_error", Text),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
)

posted = Table(
    "posted",
    metadata,
    Column("destination", Text, primary_key=True),
    Column("story_id", Text, primary_key=True),
    Column("delivery_id", Text, ForeignKey("deliveries.id", ondelete="CASCADE"), nullable=False),
    Column("posted_at", UTCDateTime, nullable=False),
)
# "Was this story posted anywhere?" (a teaser read in full keeps a posted story's key).
Index("posted_story", posted.c.story_id)

# Search keys for find_quotes; the quotes themselves live in assessments.quotes.
quotes = Table(
    "quotes",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("speaker_key", Text, nullable=False),  # "Kim Jong-un" -> "kimjongun"
    Column("words_key", Text, nullable=False),  # " we will talk " (spaces at both ends)
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Text, primary_key=True),
    Column("destination", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("value_key", Text, nullable=False),
    Column("times", JSON, nullable=False),
    Column("timezone", Text, nullable=False),
    Column("instant", Boolean, nullable=False),
    Column("quiet_start", Text),
    Column("quiet_end", Text),
    Column("created", UTCDateTime, nullable=False),
)

# Feeds added in chat (enabled) and configured feeds removed in chat (disabled), by name.
sources = Table(
    "sources",
    metadata,
    Column("name", Text, primary_key=True),
    Column("url", Text, nullable=False),
    Column("interval_minutes", Integer, nullable=False),
    Column("timezone", Text, nullable=False),
    Column("outlet", Text),
    Column("enabled", Boolean, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
)


# Teasers of full-text feeds whose article page is wanted: pending (with the next try), done
# or given_up (with why). See migrations/versions/0007_page_fetches.py for why a table.
page_fetches = Table(
    "page_fetches",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("state", Text, nullable=False),
    Column("tries", Integer, nullable=False),  # page requests made
    Column("next_try", UTCDateTime),  # pending: when it is due (a claim pushes it past a lease)
    Column("last_problem", Text),
    Column("queued", UTCDateTime, nullable=False),  # when first wanted: retries end a day on
    Column("updated", UTCDateTime, nullable=False),
)
Index("page_fetches_due", page_fetches.c.state, page_fetches.c.next_try)


llm_cache = Table(
    "llm_cache",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("created", UTCDateTime, nullable=False),
)
