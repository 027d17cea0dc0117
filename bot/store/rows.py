"""Converting between model dataclasses and table rows (JSON columns included), both ways."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.model import Article, Assessment, Evidence, Quote, StoryItem

ARTICLE_FIELDS = ("id", "title", "text", "url", "source", "feed", "published", "seen", "language")


def article_values(article: Article) -> dict[str, Any]:
    """The articles row for `article`."""
    return {name: getattr(article, name) for name in ARTICLE_FIELDS}


def to_article(row: Any) -> Article:
    """An Article from a row carrying the articles columns."""
    return Article(**{name: row[name] for name in ARTICLE_FIELDS})


def assessment_values(assessment: Assessment) -> dict[str, Any]:
    """The assessments row for `assessment`: tuples become JSON lists, dataclasses objects."""
    return {
        "article_id": assessment.article_id,
        "korea": assessment.korea,
        "score": assessment.score,
        "nk": assessment.nk,
        "sk": assessment.sk,
        "topics": list(assessment.topics),
        "evidence": [asdict(item) for item in assessment.evidence],
        "summary": list(assessment.summary),
        "quotes": [asdict(quote) for quote in assessment.quotes],
        "story": assessment.story,
    }


def to_assessment(row: Any) -> Assessment:
    """An Assessment from a row carrying the assessments columns."""
    return Assessment(
        article_id=row["article_id"],
        korea=bool(row["korea"]),
        score=float(row["score"]),
        nk=bool(row["nk"]),
        sk=bool(row["sk"]),
        topics=tuple(row["topics"]),
        evidence=tuple(Evidence(**item) for item in row["evidence"]),
        summary=tuple(row["summary"]),
        quotes=to_quotes(row["quotes"]),
        story=row["story"],
    )


def to_quotes(items: list[dict[str, Any]]) -> tuple[Quote, ...]:
    """Quotes from their JSON form."""
    return tuple(Quote(**item) for item in items)


def to_story_item(row: Any) -> StoryItem:
    """A StoryItem from a joined articles+assessments row."""
    return StoryItem(article=to_article(row), assessment=to_assessment(row))
