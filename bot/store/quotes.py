"""Finding quotes by who said them or by their words, spelling-insensitively.

"kim jong-un", "Kim Jong Un" and "KimJongUn" are one speaker: names are compared with case,
spaces, hyphens and punctuation removed. Words match whole words of the quote, in any order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select

from bot.model import Assessment, Quote, StoryItem
from bot.store.engine import Store, transaction
from bot.store.reading import ASSESSED, HAPPENED
from bot.store.rows import to_story_item
from bot.store.schema import articles, assessments, quotes

WORD = re.compile(r"[^\W_]+")


def speaker_key(name: str) -> str:
    """'Kim Jong-un' -> 'kimjongun'."""
    return "".join(WORD.findall(name.casefold()))


def words_key(text: str) -> str:
    """'"We will NOT talk," he said' -> ' we will not talk he said ' (padded for whole words)."""
    return f" {' '.join(WORD.findall(text.casefold()))} "


def quote_rows(assessments: Sequence[Assessment]) -> list[dict[str, Any]]:
    """The quotes-index rows for these assessments' quotes."""
    return [
        {
            "article_id": assessment.article_id,
            "position": position,
            "speaker_key": speaker_key(quote.speaker or ""),
            "words_key": words_key(quote.quote),
        }
        for assessment in assessments
        for position, quote in enumerate(assessment.quotes)
    ]


def find_quotes(
    store: Store, *, text: str, since: datetime | None = None, limit: int = 10
) -> list[tuple[Quote, StoryItem]]:
    """Quotes whose speaker's name contains `text`, or which contain all its words; newest first."""
    matches = _matches(text)
    if matches is None:
        return []
    query = (
        select(articles, assessments, quotes.c.position)
        .select_from(ASSESSED.join(quotes, quotes.c.article_id == articles.c.id))
        .where(matches)
        .order_by(HAPPENED.desc(), articles.c.id, quotes.c.position)
        .limit(limit)
    )
    if since is not None:
        query = query.where(since <= HAPPENED)
    with transaction(store, doing="find quotes", write=False) as connection:
        rows = connection.execute(query).mappings().all()
    found = [(row["position"], to_story_item(row)) for row in rows]
    return [(item.assessment.quotes[position], item) for position, item in found]


def _matches(text: str) -> Any:
    words = WORD.findall(text.casefold())
    if not words:
        return None
    # Keys hold only letters and digits, so they are safe inside LIKE patterns.
    said_by = quotes.c.speaker_key.contains("".join(words))
    saying = and_(*(quotes.c.words_key.contains(f" {word} ") for word in words))
    return or_(said_by, saying)
