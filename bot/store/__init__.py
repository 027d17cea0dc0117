"""store: the only package that speaks SQL (SQLAlchemy 2; SQLite WAL by default, PostgreSQL by URL).

Takes model dataclasses; returns model dataclasses. Every write is idempotent (unique keys,
ON CONFLICT), so several instances can share one PostgreSQL. `open_store(url)` migrates the
schema to the newest version; every other function takes the Store first, then keywords.
Must never leak SQLAlchemy objects or exceptions to callers (they get StoreError).
"""

from bot.store.answers import AnswerCache, get_answer, put_answer
from bot.store.articles import save_assessments, save_new, set_story, set_texts
from bot.store.engine import Store
from bot.store.feeds import feed_states, get_feed_state, move_feed, put_feed_state
from bot.store.following import add_subscription, remove_subscription, subscriptions
from bot.store.migrate import open_store
from bot.store.outbox import (
    claim_deliveries,
    delivery_counts,
    enqueue_delivery,
    get_cursor,
    mark_delivered,
    mark_failed,
    posted_anywhere,
    posted_story_ids,
    set_cursor,
)
from bot.store.page_fetches import (
    DuePage,
    PageCounts,
    PageOutcome,
    claim_pages,
    due_pages,
    page_counts,
    queue_pages,
    record_pages,
)
from bot.store.paused import paused_destinations
from bot.store.quotes import find_quotes
from bot.store.reading import korea_items, recent_items
from bot.store.search import MARK, search_articles
from bot.store.sources import delete_source, save_source, saved_sources

__all__ = [
    "MARK",
    "AnswerCache",
    "DuePage",
    "PageCounts",
    "PageOutcome",
    "Store",
    "add_subscription",
    "claim_deliveries",
    "claim_pages",
    "delete_source",
    "delivery_counts",
    "due_pages",
    "enqueue_delivery",
    "feed_states",
    "find_quotes",
    "get_answer",
    "get_cursor",
    "get_feed_state",
    "korea_items",
    "mark_delivered",
    "mark_failed",
    "move_feed",
    "open_store",
    "page_counts",
    "paused_destinations",
    "posted_anywhere",
    "posted_story_ids",
    "put_answer",
    "put_feed_state",
    "queue_pages",
    "recent_items",
    "record_pages",
    "remove_subscription",
    "save_assessments",
    "save_new",
    "save_source",
    "saved_sources",
    "search_articles",
    "set_cursor",
    "set_story",
    "set_texts",
    "subscriptions",
]
