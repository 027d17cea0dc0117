"""Reading back: the digest window by `seen`, and Korea articles by when they happened."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from bot.model import Article
from bot.store import Store, korea_items, recent_items, save_assessments, save_new
from tests.store.examples import NOW, article, assessment, hours


def seed(
    store: Store, articles: list[Article], overrides: Mapping[str, Mapping[str, object]] = {}
) -> None:
    """Save the articles, each assessed Korea-relevant unless `overrides[id]` says otherwise."""
    save_new(store, articles=articles)
    assessed = [assessment(a.id, **overrides.get(a.id, {})) for a in articles]
    save_assessments(store, assessments=assessed)


def test_recent_items_are_the_assessed_articles_seen_since_oldest_first(store: Store) -> None:
    seed(store, [article("late", seen=NOW + hours(2)), article("early", seen=NOW)])
    seed(store, [article("before", seen=NOW - hours(1))])
    save_new(store, articles=[article("unassessed", seen=NOW + hours(1))])
    assert [i.article.id for i in recent_items(store, since=NOW)] == ["early", "late"]


def test_recent_items_include_articles_not_about_korea(store: Store) -> None:
    seed(store, [article("a")], {"a": {"korea": False}})
    assert [i.assessment.korea for i in recent_items(store, since=NOW)] == [False]


TIMELINE = [
    article("t-3", published=NOW - hours(3)),
    article("t-2", published=NOW - hours(2), seen=NOW - hours(30)),
    article("t-1-unpublished", seen=NOW - hours(1)),
    article("t-0", published=NOW),
    article("t-0-other", published=NOW, seen=NOW - hours(5)),
]
TOPICS: dict[str, dict[str, object]] = {
    "t-3": {"topics": ("nuclear", "missiles")},
    "t-2": {"topics": ("economy",)},
    "t-1-unpublished": {"topics": ("diplomacy",)},
    "t-0": {"topics": ("sports",), "korea": False},
    "t-0-other": {"topics": ("nuclear",)},
}


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ({"since": NOW - hours(10)}, ["t-0-other", "t-1-unpublished", "t-2", "t-3"]),
        ({"since": NOW - hours(2)}, ["t-0-other", "t-1-unpublished", "t-2"]),
        ({"since": NOW - hours(10), "until": NOW}, ["t-1-unpublished", "t-2", "t-3"]),
        ({"since": NOW - hours(10), "limit": 2}, ["t-0-other", "t-1-unpublished"]),
        ({"since": NOW - hours(10), "topics": ["nuclear"]}, ["t-0-other", "t-3"]),
        ({"since": NOW - hours(10), "topics": ["economy", "missiles"]}, ["t-2", "t-3"]),
        ({"since": NOW - hours(10), "topics": ["sports"]}, []),
        ({"since": NOW + hours(1)}, []),
    ],
)
def test_korea_items_are_relevant_articles_that_happened_in_the_window_newest_first(
    store: Store, window: dict[str, object], expected: list[str]
) -> None:
    seed(store, TIMELINE, TOPICS)
    found = korea_items(store, **window)  # type: ignore[arg-type]
    assert [i.article.id for i in found] == expected


def test_new_topics_replace_old_ones_for_filtering(store: Store) -> None:
    seed(store, [article("a", published=NOW)], {"a": {"topics": ("nuclear",)}})
    save_assessments(store, assessments=[assessment("a", topics=("economy",))])
    since = NOW - hours(1)
    assert korea_items(store, since=since, topics=["nuclear"]) == []
    assert [i.article.id for i in korea_items(store, since=since, topics=["economy"])] == ["a"]
