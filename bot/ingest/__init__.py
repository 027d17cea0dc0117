"""ingest: fetch feeds over HTTP (httpx) and parse them (feedparser) into Articles.

Takes a FeedSource and its FeedState; returns a FetchResult and a FeedRead (articles plus
problems). For feeds that carry only teasers, reads the due articles' pages (trafilatura) into
their main text (complete_teasers) and says when a failed page is worth another try
(next_page_try). Owns all feed and page network I/O. Must never raise on bad input: a broken
feed or page is data.
"""

from __future__ import annotations

from bot.ingest.fetch import fetch_feed
from bot.ingest.fulltext import (
    FullTextLimits,
    FullTextRead,
    PageText,
    complete_teasers,
    fetch_full_text,
    within_cap,
)
from bot.ingest.guard import check_public_url
from bot.ingest.limits import FetchLimits
from bot.ingest.normalize import article_identity, canonical_url, to_plain_text, to_utc
from bot.ingest.page_retries import PageRetryPolicy, next_page_try
from bot.ingest.parse import parse_feed
from bot.ingest.policy import is_degraded, next_check, updated_state
from bot.ingest.poll import poll_feeds
from bot.ingest.read import read_feed
from bot.ingest.teasers import is_teaser

__all__ = [
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
