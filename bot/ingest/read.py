"""fetch then parse: one feed, one call, never an exception."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

import httpx

from bot.ingest.fetch import fetch_feed
from bot.ingest.limits import FetchLimits
from bot.ingest.parse import parse_feed
from bot.model import FeedRead, FeedSource, FeedState, FetchResult


class Parse(Protocol):
    """parse_feed's shape: how a fetched body becomes a FeedRead (here, or in a worker)."""

    def __call__(
        self, body: bytes, *, source: FeedSource, headers: Mapping[str, str], now: datetime
    ) -> FeedRead: ...


def read_feed(
    client: httpx.Client,
    source: FeedSource,
    state: FeedState | None,
    *,
    now: datetime,
    limits: FetchLimits,
) -> tuple[FetchResult, FeedRead]:
    """Feed -> (what the fetch did, what the feed says); unchanged bodies are not parsed again."""
    result = fetch_feed(client, source, state, limits=limits)
    return result, read_fetched(result, source=source, state=state, now=now)


def read_fetched(
    result: FetchResult,
    *,
    source: FeedSource,
    state: FeedState | None,
    now: datetime,
    parse: Parse = parse_feed,
) -> FeedRead:
    """A fetch outcome -> what the feed says: parsed only when there are new bytes."""
    if result.error is not None:
        return FeedRead(source, (), (f"fetch failed: {result.error}",))
    if result.not_modified:
        return FeedRead(source, (), ("not modified since the last check",))
    if state is not None and result.body_hash and result.body_hash == state.body_hash:
        return FeedRead(source, (), ("unchanged: same bytes as the last check",))
    headers = dict(result.headers)
    if "content-location" not in headers:
        # Relative links in entries resolve against where the bytes came from.
        headers["content-location"] = result.final_url or result.url
    return parse(result.body or b"", source=source, headers=headers, now=now)
