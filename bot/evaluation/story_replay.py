"""Replay a corpus through `assign_stories` the way the pipeline sees it: in time order,
one poll cycle at a time, each batch matched against the stored articles of the window.

The keys it yields are scored like `group_stories`' own, so the incremental path is held to
the same gold as the batch path.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.analyze.cluster import assign_stories
from bot.model import Article

_EARLIEST = datetime.min.replace(tzinfo=UTC)


def replay_stories(
    articles: Sequence[Article], *, cycle_hours: float = 6, window_hours: float = 48
) -> dict[str, str]:
    """Articles -> story key per id, assigned batch by batch in publication order.

    Undated articles come first, as one batch, and stay in every later batch's `recent`
    (an unknown time counts as the same time everywhere).
    """
    stored: list[tuple[Article, str]] = []
    for batch in _batches(articles, cycle_hours):
        start = batch[0].published
        recent = [(a, key) for a, key in stored if _in_window(a, start, window_hours)]
        keys = assign_stories(batch, recent, window_hours=window_hours)
        stored.extend(zip(batch, keys, strict=True))
    return {article.id: key for article, key in stored}


def _batches(articles: Sequence[Article], cycle_hours: float) -> list[list[Article]]:
    """Articles -> batches of one poll cycle each, in time order (undated first)."""
    ordered = sorted(articles, key=lambda a: (a.published or _EARLIEST, a.id))
    batches: list[list[Article]] = []
    for article in ordered:
        current = batches[-1] if batches else []
        if current and _same_cycle(current[0], article, cycle_hours):
            current.append(article)
        else:
            batches.append([article])
    return batches


def _same_cycle(first: Article, article: Article, cycle_hours: float) -> bool:
    if first.published is None or article.published is None:
        return first.published is article.published
    return article.published - first.published < timedelta(hours=cycle_hours)


def _in_window(article: Article, start: datetime | None, window_hours: float) -> bool:
    if article.published is None or start is None:
        return True
    return start - article.published <= timedelta(hours=window_hours)
