"""The story-profile cache: each article of the story window is profiled once, however large the
window is up to the cache's limit, and the limit bounds what it holds whatever the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.analyze.cluster import ProfileCache, assign_stories
from bot.model import Article

T0 = datetime(2026, 1, 4, 8, 0, tzinfo=UTC)
PLACES = ("Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Pyongyang", "Kaesong", "Wonsan")


def window(start: int, count: int) -> list[Article]:
    """`count` distinct short reports, numbered from `start`, one a minute (a busy install)."""
    return [
        Article(
            id=f"a{n}",
            title=f"{PLACES[n % len(PLACES)]} council meets on budget item {n}",
            text=f"Officials in {PLACES[n % len(PLACES)]} discussed item {n} on Monday.",
            published=T0 + timedelta(minutes=n),
        )
        for n in range(start, start + count)
    ]


def poll(cache: ProfileCache, *, cycle: int, size: int, new: int) -> int:
    """One poll: the window slid by `new` articles; returns how many profiles were built."""
    before = cache.computed
    cache.profiles(window(cycle * new, size))
    return cache.computed - before


@pytest.mark.parametrize("limit", [10_000, 3_000])  # a limit the window's size is enough
def test_a_window_larger_than_2048_is_profiled_once(limit: int) -> None:
    cache = ProfileCache(limit=limit)
    assert poll(cache, cycle=0, size=3_000, new=20) == 3_000
    assert [poll(cache, cycle=c, size=3_000, new=20) for c in (1, 2, 3)] == [20, 20, 20]


def test_a_window_beyond_the_limit_rebuilds_only_what_does_not_fit() -> None:
    cache = ProfileCache(limit=2_048)
    poll(cache, cycle=0, size=3_000, new=20)
    built = [poll(cache, cycle=c, size=3_000, new=20) for c in (1, 2, 3)]
    assert all(20 < n <= 3_000 - 2_048 + 20 for n in built), built


def test_the_limit_bounds_what_is_held_whatever_the_window() -> None:
    cache = ProfileCache(limit=500)
    for cycle in range(5):
        poll(cache, cycle=cycle, size=800, new=400)
        assert len(cache) == 500


def test_a_small_window_holds_only_about_the_window_not_the_limit() -> None:
    cache = ProfileCache(limit=10_000)
    for cycle in range(40):
        poll(cache, cycle=cycle, size=100, new=10)
    assert len(cache) == 100, "articles that left the window are dropped, not kept to the limit"


def test_a_changed_text_is_profiled_again_under_the_same_id() -> None:
    cache = ProfileCache(limit=10)
    [first] = window(0, 1)
    corrected = Article(id=first.id, title=first.title, text=first.text + " (corrected)")
    cache.profiles([first])
    [profile] = cache.profiles([corrected])
    assert cache.computed == 2
    assert "correct" in profile.text  # stemmed


@pytest.mark.parametrize("limit", [10_000, 2_105])  # 2,105: exactly one poll's batch
def test_assign_stories_reuses_the_profiles_of_a_window_larger_than_2048(limit: int) -> None:
    cache = ProfileCache(limit=limit)
    assign_stories(window(2_100, 5), stored(window(0, 2_100)), cache=cache)
    assert cache.computed == 2_105
    # The next poll: five more new reports, the last five now stored, the oldest five gone.
    assign_stories(window(2_105, 5), stored(window(5, 2_100)), cache=cache)
    assert cache.computed == 2_110, "only the five new articles were profiled"


def stored(articles: list[Article]) -> list[tuple[Article, str]]:
    return [(article, f"story-{article.id}") for article in articles]


def test_a_cache_must_hold_something() -> None:
    with pytest.raises(ValueError, match="at least one profile"):
        ProfileCache(limit=0)
