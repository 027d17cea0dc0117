"""Which subscriptions a story item triggers: topics, phrases, Korea only, from creation on."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.analyze import compile_interests, is_match
from bot.model import Article, Assessment, StoryItem, Subscription

NOW = datetime(2026, 3, 6, 8, 0, tzinfo=UTC)


def item(
    title: str,
    text: str = "",
    *,
    topics: tuple[str, ...] = (),
    korea: bool = True,
    seen: datetime | None = NOW,
) -> StoryItem:
    article = Article(id=title, title=title, text=text, seen=seen)
    assessment = Assessment(title, korea=korea, score=0.9, nk=True, sk=False, topics=topics)
    return StoryItem(article, assessment)


def follows(
    kind: str, value: str, *, created: datetime | None = NOW - timedelta(hours=1)
) -> Subscription:
    return Subscription(
        id=value, destination="slack:channel:C1", kind=kind, value=value, created=created
    )


KAESONG = item(
    "Kaesong factories to reopen",
    "Seoul said the Kaesong Industrial Complex would reopen.",
    topics=("inter-korean", "economy"),
)
MISSILE = item("North fires missile", "Kim Jong-un watched the launch.", topics=("missiles",))


@pytest.mark.parametrize(
    ("story", "subscription", "expected"),
    [
        (MISSILE, follows("topic", "missiles"), True),
        (MISSILE, follows("topic", "Missiles"), True),
        (MISSILE, follows("topic", "nuclear"), False),
        (KAESONG, follows("topic", "economy"), True),
        (KAESONG, follows("phrase", "Kaesong Industrial Complex"), True),
        (KAESONG, follows("phrase", "  kaesong   industrial "), True),
        (KAESONG, follows("phrase", "Kaesong Industrial Zone"), False),
        (MISSILE, follows("phrase", "Kim Jong Un"), True),  # spelled "Kim Jong-un" in the text
        (MISSILE, follows("phrase", "fires"), True),  # the title counts too
        (MISSILE, follows("phrase", "fire"), False),  # whole words only
        (MISSILE, follows("topic", "Kim Jong Un"), False),  # a topic is not looked up in the text
    ],
)
def test_topics_come_from_the_assessment_and_phrases_from_the_words(
    story: StoryItem, subscription: Subscription, expected: bool
) -> None:
    assert is_match(story, subscription) is expected


def test_only_korea_stories_match() -> None:
    abroad = item(
        "Kaesong-style zone opens in Vietnam", "Kaesong", topics=("economy",), korea=False
    )
    assert not is_match(abroad, follows("phrase", "Kaesong"))
    assert not is_match(abroad, follows("topic", "economy"))


@pytest.mark.parametrize(
    ("seen", "created", "expected"),
    [
        (NOW, NOW - timedelta(minutes=1), True),
        (NOW, NOW, True),
        (NOW, NOW + timedelta(minutes=1), False),  # the backlog before subscribing is not sent
        (None, NOW + timedelta(minutes=1), True),  # unknown first sight: nothing to hold it back
        (NOW, None, True),
    ],
)
def test_a_subscription_starts_from_its_creation(
    seen: datetime | None, created: datetime | None, expected: bool
) -> None:
    story = replace(MISSILE, article=replace(MISSILE.article, seen=seen))
    assert is_match(story, follows("topic", "missiles", created=created)) is expected


def test_interests_report_every_subscription_an_item_triggers_in_order() -> None:
    subscriptions = [
        follows("topic", "missiles"),
        follows("phrase", "Kaesong"),
        follows("phrase", "KAESONG"),
        follows("topic", "economy"),
    ]
    interests = compile_interests(subscriptions)
    assert interests.triggered(KAESONG) == (subscriptions[1], subscriptions[2], subscriptions[3])
    assert interests.triggered(MISSILE) == (subscriptions[0],)


def test_no_subscriptions_trigger_nothing() -> None:
    assert compile_interests([]).triggered(MISSILE) == ()
