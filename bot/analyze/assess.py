"""One article in, one Assessment out: relevance, topics, quotes, summary; stories across a batch.

This is what `peninsula analyze` and the pipeline both run, so evaluation measures the product.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analyze.cluster import ProfileCache, assign_stories, group_stories
from bot.analyze.quotes import extract_quotes
from bot.analyze.relevance import judge
from bot.analyze.rules import RelevanceRules
from bot.analyze.summarize import summarize
from bot.analyze.topics import tag_topics
from bot.model import Article, Assessment


def assess(article: Article, *, rules: RelevanceRules, story: str = "") -> Assessment:
    """Article -> Assessment for that article alone (story key supplied by the caller)."""
    verdict = judge(article.title, article.text, rules=rules)
    return Assessment(
        article_id=article.id,
        korea=verdict.korea,
        score=verdict.score,
        nk=verdict.nk,
        sk=verdict.sk,
        topics=tag_topics(article.title, article.text, rules=rules),
        evidence=verdict.evidence,
        summary=summarize(article.title, article.text),
        quotes=extract_quotes(article.text),
        story=story,
    )


def assess_all(
    articles: Sequence[Article],
    *,
    rules: RelevanceRules,
    recent: Sequence[tuple[Article, str]] = (),
    window_hours: float = 48,
    profiles: ProfileCache | None = None,
) -> list[Assessment]:
    """Articles -> Assessments in order; articles about one event share a story key.

    `recent` holds already-stored articles with their story keys, so a new article joins
    a story that was posted before instead of starting a second one. `profiles` keeps their
    story profiles between calls (the running bot sizes it to its story window).
    """
    if recent:
        stories = assign_stories(articles, recent, window_hours=window_hours, cache=profiles)
    else:
        stories = group_stories(articles, window_hours=window_hours, cache=profiles)
    return [
        assess(article, rules=rules, story=story)
        for article, story in zip(articles, stories, strict=True)
    ]
