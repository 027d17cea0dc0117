"""PostgreSQL search: whichever way the newest matches are found (a walk of recent news, walking
on, weeks of the weekly index, in one go or several), they are the same as a brute-force answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa

from bot.model import Article
from bot.store import Store, open_store, save_assessments, save_new
from bot.store.search_filters import Wanted, find_outlets, to_wanted
from bot.store.search_newest import MAX_WEEKS, Newest, newest_matches, weeks_for
from bot.store.search_postgres import to_query
from bot.store.search_weeks import WEEK, by_weeks, week_of, week_start
from tests.store.examples import NOW, article, assessment, hours

# 240 articles over ~20 weeks, one every 14 h, stored in a shuffled order (storage order must
# not matter): "alpha" in every 2nd, "bravo" in every 7th, "charlie" in 3 only, two outlets.
STEP = hours(14)
ARTICLES = [
    article(
        f"n{n:03}",
        title=f"Alpha item {n}" if n % 10 == 0 else f"Item {n}",  # ranks higher
        text=" ".join(
            word for word, every in (("alpha", 2), ("bravo", 7), ("filler", 1)) if n % every == 0
        )
        + (" charlie" if n in (5, 100, 230) else ""),
        source=f"Outlet {n % 2}",
        published=NOW - STEP * n,
        seen=NOW,
    )
    for n in range(240)
]
STORED = sorted(ARTICLES, key=lambda a: (a.id[-1], a.id))


@pytest.fixture
def newsroom(postgres_url: str) -> Iterator[Store]:
    store = open_store(postgres_url)
    for start in range(0, len(STORED), 40):
        save_new(store, articles=STORED[start : start + 40])
    save_assessments(store, assessments=[assessment(a.id, topics=("t",)) for a in ARTICLES[::3]])
    yield store
    store.close()


def expected(words: set[str], *, ranked: int, keep: object = None) -> list[str]:
    """The newest `ranked` articles holding all `words` (and passing `keep`), newest first."""
    found = [
        a
        for a in ARTICLES
        if words <= set(a.text.split()) and (keep is None or keep(a))  # type: ignore[operator]
    ]
    found.sort(key=lambda a: (a.published, a.id), reverse=True)
    return [a.id for a in found[:ranked]]


def assert_newest(found: Newest, ids: list[str]) -> None:
    """`found` took exactly `ids` (the best `keep` of each step: all of them here)."""
    assert found.taken == len(ids)
    assert sorted(f.id for f in found.best) == sorted(ids)


PATHS = [  # (probe, walk): which ways the search goes
    pytest.param(500, 0, id="the probe sees everything"),
    pytest.param(10, 400, id="probe, then walk on"),
    pytest.param(10, 0, id="probe, then weeks"),
    pytest.param(1, 0, id="a probe finding nothing, then weeks"),
]


@pytest.mark.parametrize(("probe", "walk"), PATHS)
@pytest.mark.parametrize(
    ("query", "words", "ranked"),
    [
        ("alpha", {"alpha"}, 30),
        ("bravo", {"bravo"}, 12),
        ("alpha bravo", {"alpha", "bravo"}, 9),
        ("charlie", {"charlie"}, 10),
        ("nothing", {"nothing"}, 5),
    ],
)
def test_every_path_finds_the_newest_matches(
    newsroom: Store, query: str, words: set[str], ranked: int, probe: int, walk: int
) -> None:
    with newsroom.engine.begin() as connection:
        search = to_query(connection, query, Wanted())
        found = newest_matches(
            connection, search, ranked=ranked, keep=ranked, probe=probe, walk=walk
        )
    assert_newest(found, expected(words, ranked=ranked))


@pytest.mark.parametrize(("probe", "walk"), PATHS)
@pytest.mark.parametrize("query", ["alpha", "alpha or charlie", "bravo"])
def test_every_path_keeps_enough_for_the_best_page(
    newsroom: Store, query: str, probe: int, walk: int
) -> None:
    def best(keep: int) -> list[str]:
        with newsroom.engine.begin() as connection:
            search = to_query(connection, query, Wanted())
            found = newest_matches(
                connection, search, ranked=25, keep=keep, probe=probe, walk=walk
            ).best
        found.sort(key=lambda f: -f.relevance)
        return [f.id for f in found[:keep]]

    assert best(4) == best(25)[:4]


@pytest.mark.parametrize(("probe", "walk"), PATHS)
def test_every_path_applies_the_filters_first(newsroom: Store, probe: int, walk: int) -> None:
    since = NOW - STEP * 150 + timedelta(microseconds=1)  # n149 is the oldest in the window
    with newsroom.engine.begin() as connection:
        wanted = to_wanted(connection, since=since, source="outlet 1", topic="t")
        search = to_query(connection, "alpha or bravo", wanted)
        found = newest_matches(connection, search, ranked=8, keep=8, probe=probe, walk=walk)
    wanted_ids = {a.id for a in ARTICLES[::3]}

    def keep(a: Article) -> bool:
        return a.published >= since and a.source == "Outlet 1" and a.id in wanted_ids  # type: ignore[operator]

    assert_newest(found, expected({"bravo"}, ranked=8, keep=keep))


def test_a_source_that_names_no_outlet_is_impossible(newsroom: Store) -> None:
    with newsroom.engine.begin() as connection:
        assert find_outlets(connection, "wire") == ()
        assert [o.name for o in find_outlets(connection, "OUTLET")] == ["outlet 0", "outlet 1"]


@pytest.mark.parametrize(
    ("full", "weeks", "weekly"),
    [
        ("'korea'", [7], "('korea@7')"),
        ("'missil' <-> 'launch'", [3, 2], "('missil@3' & 'launch@3') | ('missil@2' & 'launch@2')"),
        ("'a' <2> 'b' & !'c'", [1], "('a@1' & 'b@1' & !'c@1')"),
        ("'it''s' | 'src:ab12'", [9], "('it''s@9' | 'src:ab12@9')"),
    ],
)
def test_weekly_queries_suffix_every_lexeme_and_loosen_phrases(
    full: str, weeks: list[int], weekly: str
) -> None:
    assert by_weeks(full, weeks) == weekly


@pytest.mark.parametrize(
    ("need", "rate", "weeks"),
    [
        (100, 100.0, 2),
        (100, 1000.0, 1),
        (1000, 10.0, 125),
        (1000, 0.1, MAX_WEEKS),
        (10, 0.0, MAX_WEEKS),
    ],
)
def test_weeks_read_at_once_follow_the_rate_of_matches(need: int, rate: float, weeks: int) -> None:
    assert weeks_for(need, rate=rate) == weeks


def test_weeks_start_on_their_first_moment() -> None:
    week = week_of(NOW)
    assert week_start(week) <= NOW < week_start(week + 1)
    assert week_of(week_start(week)) == week
    assert week_of(week_start(week) - timedelta(microseconds=1)) == week - 1


def test_weeks_without_news_cost_few_queries(postgres_url: str) -> None:
    recent = [article(f"r{n}", text="delta", published=NOW - hours(n)) for n in range(10)]
    old = [article(f"o{n}", text="delta", published=NOW - WEEK * 100 - hours(n)) for n in range(10)]
    store = open_store(postgres_url)
    save_new(store, articles=recent + old)
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with store.engine.begin() as connection:
        search = to_query(connection, "delta", Wanted())
        found = newest_matches(connection, search, ranked=15, keep=15, probe=2, walk=0)
    store.close()
    assert_newest(found, [a.id for a in recent + old[:5]])
    assert len(statements) <= 12  # doubling the weeks read: not one query per empty week
