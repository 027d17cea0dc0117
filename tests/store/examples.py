"""Small hand-made articles and assessments for store tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.model import Article, Assessment

NOW = datetime(2024, 3, 6, 8, 0, tzinfo=UTC)


def article(article_id: str, *, seen: datetime = NOW, **fields: object) -> Article:
    """A small article whose title and text say which one it is."""
    values: dict[str, object] = {"title": f"Title {article_id}", "text": f"Text of {article_id}."}
    values.update(fields)
    return Article(id=article_id, seen=seen, **values)  # type: ignore[arg-type]


def assessment(article_id: str, **fields: object) -> Assessment:
    """A Korea-relevant assessment unless told otherwise."""
    values: dict[str, object] = {"korea": True, "score": 0.9, "nk": True, "sk": False}
    values.update(fields)
    return Assessment(article_id=article_id, **values)  # type: ignore[arg-type]


def hours(count: float) -> timedelta:
    return timedelta(hours=count)
