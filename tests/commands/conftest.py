"""Fixtures for /korea tests: a real SQLite store holding a few assessed stories."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import store
from bot.commands.context import CommandContext, CommandServices, FeedList
from bot.model import Article, Assessment, FeedSource, Quote, StoryItem

NOW = datetime(2018, 3, 5, 23, 0, tzinfo=UTC)  # Tue 6 Mar 2018, 08:00 KST
KIM_TEXT = (
    'Kim Yo-jong, the sister of the leader, said: "We will open the door to talks." '
    "Officials in Seoul welcomed the remark on Monday. " * 3
)


def story_item(
    article_id: str,
    *,
    story: str,
    title: str,
    source: str = "Yonhap",
    hours_ago: float = 2,
    topics: tuple[str, ...] = ("diplomacy",),
    text: str = "Officials met in Panmunjom on Monday to discuss the summit. " * 6,
    quotes: tuple[Quote, ...] = (),
    korea: bool = True,
) -> StoryItem:
    """One assessed article, published `hours_ago` before NOW."""
    when = NOW - timedelta(hours=hours_ago)
    article = Article(
        id=article_id,
        title=title,
        text=text,
        url=f"https://news.example/{article_id}",
        source=source,
        feed=source.lower(),
        published=when,
        seen=when,
    )
    assessment = Assessment(
        article_id=article_id,
        korea=korea,
        score=0.9,
        nk=True,
        sk=True,
        topics=topics,
        summary=(f"Summary of {title}.",),
        quotes=quotes,
        story=story,
    )
    return StoryItem(article, assessment)


def kim_quote() -> Quote:
    words = "We will open the door to talks."
    start = KIM_TEXT.index(words)
    return Quote(words, start, start + len(words), "Kim Yo-jong", "the sister of the leader", True)


STORIES = (
    story_item("a1", story="s-summit", title="Koreas agree to summit", hours_ago=5),
    story_item("a2", story="s-summit", title="Summit agreed", source="Reuters", hours_ago=4),
    story_item(
        "a3",
        story="s-launch",
        title="North fires missile into sea",
        topics=("missiles", "military"),
        hours_ago=1,
    ),
    story_item(
        "a4",
        story="s-kim",
        title="Kim Yo-jong signals talks",
        text=KIM_TEXT,
        quotes=(kim_quote(),),
        hours_ago=3,
    ),
    story_item(
        "a5", story="s-old", title="Old nuclear story", topics=("nuclear",), hours_ago=24 * 9
    ),
    story_item("a6", story="s-other", title="Football scores", korea=False, hours_ago=1),
)


def fill(target: store.Store, items: tuple[StoryItem, ...] = STORIES) -> None:
    store.save_new(target, articles=[item.article for item in items])
    store.save_assessments(target, assessments=[item.assessment for item in items])


@pytest.fixture
def filled_store(tmp_path: Path) -> Iterator[store.Store]:
    opened = store.open_store(f"sqlite:///{tmp_path / 'peninsula.db'}")
    fill(opened)
    yield opened
    opened.close()


def not_a_feed(url: str) -> str | None:
    """A check_feed stand-in with a real rule: only URLs ending in .xml are feeds."""
    return None if url.endswith(".xml") else "the page is HTML, not RSS or Atom"


@pytest.fixture
def services(filled_store: store.Store) -> CommandServices:
    feeds = FeedList([FeedSource(name="yonhap", url="https://en.yna.co.kr/rss/nk.xml")])
    return CommandServices(
        store=filled_store,
        feeds=feeds,
        check_feed=not_a_feed,
        admins=frozenset({"UADMIN"}),
        clock=lambda: NOW,
    )


def context(
    services: CommandServices, *, caller: str = "U1", channel: str = "C1", platform: str = "slack"
) -> CommandContext:
    return CommandContext(
        services=services, now=NOW, caller=caller, channel=channel, platform=platform
    )
