"""The weekly index of PostgreSQL search: week numbers, and tsqueries over week-suffixed lexemes.

Migration 0006 indexes search_by_week(search, happened): every lexeme of an article's tsvector
suffixed with the week it happened ("missil@2834"). A query for some weeks is the user's
tsquery once per week with every lexeme suffixed the same way; for an article of that week it
matches exactly when the plain query does, except that the index has no word positions, so a
phrase is loosened to AND there and checked on the row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.store.schema import to_utc

WEEK = timedelta(weeks=1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LEXEME = re.compile(r"'((?:[^']|'')*)'")  # as PostgreSQL prints a tsquery: 'it''s' & 'b'
PHRASE = re.compile(r"<(?:-|\d+)>")


def week_of(moment: datetime) -> int:
    """Weeks since 1970 (UTC, floor): the suffix search_by_week() gives `moment`."""
    return (to_utc(moment) - EPOCH) // WEEK


def week_start(week: int) -> datetime:
    """The first moment of `week`."""
    return EPOCH + week * WEEK


def lexemes(tsquery: str) -> int:
    """How many lexemes the printed `tsquery` holds (at least 1)."""
    return max(1, len(LEXEME.findall(tsquery)))


def by_weeks(tsquery: str, weeks: Sequence[int]) -> str:
    """A tsquery for the weekly index matching at least the articles of `weeks` that match the
    printed `tsquery`: every lexeme suffixed, phrases loosened to AND."""
    loose = PHRASE.sub("&", tsquery)
    return " | ".join(f"({_suffixed(loose, week)})" for week in weeks)


def _suffixed(tsquery: str, week: int) -> str:
    return LEXEME.sub(lambda lexeme: f"'{lexeme.group(1)}@{week}'", tsquery)
