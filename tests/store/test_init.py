"""The store's public surface is exactly these names."""

from __future__ import annotations

import bot.store

PUBLIC = {
    "add_subscription",
    "find_quotes",
    "remove_subscription",
    "search_articles",
    "subscriptions",
    "Store",
    "claim_deliveries",
    "delivery_counts",
    "enqueue_delivery",
    "feed_states",
    "get_cursor",
    "get_feed_state",
    "korea_items",
    "mark_delivered",
    "mark_failed",
    "move_feed",
    "open_store",
    "posted_story_ids",
    "put_feed_state",
    "recent_items",
    "save_assessments",
    "save_new",
    "set_cursor",
    "set_story",
    "set_texts",
    "delete_source",
    "paused_destinations",
    "save_source",
    "saved_sources",
    "AnswerCache",
    "get_answer",
    "put_answer",
    "DuePage",
    "PageCounts",
    "PageOutcome",
    "claim_pages",
    "due_pages",
    "page_counts",
    "posted_anywhere",
    "queue_pages",
    "record_pages",
}


def test_exports_the_entry_functions() -> None:
    assert set(bot.store.__all__) == PUBLIC | {"MARK"}
    assert all(callable(getattr(bot.store, name)) for name in PUBLIC)
