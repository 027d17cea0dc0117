"""The public surface of bot.ingest is pinned: renaming an entry point is a decision."""

from __future__ import annotations

import bot.ingest


def test_public_names() -> None:
    assert sorted(bot.ingest.__all__) == [
        "FetchLimits",
        "FullTextLimits",
        "FullTextRead",
        "PageRetryPolicy",
        "PageText",
        "article_identity",
        "canonical_url",
        "check_public_url",
        "complete_teasers",
        "fetch_feed",
        "fetch_full_text",
        "is_degraded",
        "is_teaser",
        "next_check",
        "next_page_try",
        "parse_feed",
        "poll_feeds",
        "read_feed",
        "to_plain_text",
        "to_utc",
        "updated_state",
        "within_cap",
    ]
    for name in bot.ingest.__all__:
        assert getattr(bot.ingest, name) is not None
