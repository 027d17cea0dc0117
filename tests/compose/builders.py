"""Small hand-made StoryItems for compose and deliver tests (no shared data)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.model import Article, Assessment, Evidence, Quote, StoryItem

NOW = datetime(2018, 3, 5, 23, 0, tzinfo=UTC)  # Tue 6 Mar 2018, 08:00 KST
LONG_TEXT = "Officials met in Panmunjom on Monday to discuss the summit. " * 8


def quote_in(
    text: str, words: str, *, speaker: str | None, title: str | None = None, key: bool = True
) -> Quote:
    """A Quote that really occurs in `text` (text[start:end] == words)."""
    start = text.index(words)
    return Quote(words, start, start + len(words), speaker, title, key)


def item(
    article_id: str,
    *,
    story: str = "",
    source: str = "Yonhap",
    title: str | None = None,
    text: str = LONG_TEXT,
    url: str | None = "https://example.com/a",
    minutes_ago: int = 60,
    korea: bool = True,
    score: float = 0.8,
    topics: tuple[str, ...] = ("diplomacy",),
    summary: tuple[str, ...] = ("Officials met in Panmunjom on Monday.",),
    quotes: tuple[Quote, ...] = (),
    evidence: tuple[Evidence, ...] = (),
) -> StoryItem:
    """One assessed article with sensible defaults; override what the test is about."""
    article = Article(
        id=article_id,
        title=title if title is not None else f"Headline {article_id}",
        text=text,
        url=url,
        source=source,
        published=NOW - timedelta(minutes=minutes_ago),
    )
    assessment = Assessment(
        article_id=article_id,
        korea=korea,
        score=score,
        nk=True,
        sk=False,
        topics=topics,
        evidence=evidence,
        summary=summary,
        quotes=quotes,
        story=story,
    )
    return StoryItem(article, assessment)
