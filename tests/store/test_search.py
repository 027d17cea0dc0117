"""Full-text search: the same web-style queries find the same articles on both databases."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.store import MARK, Store, save_assessments, save_new, search_articles
from bot.store.search import to_fts5
from tests.store.examples import NOW, article, assessment, hours

ARTICLES = [
    article(
        "launch",
        title="North Korea fires ballistic missiles",
        text="North Korea fired two ballistic missiles into the sea, officials in Seoul said.",
        source="Yonhap News Agency",
        published=NOW - hours(1),
    ),
    article(
        "growth",
        title="Economy grows faster than expected",
        text="South Korea's economy grew 2 percent as chip exports rose.",
        source="Korea Herald",
        published=NOW - hours(30),
    ),
    article(
        "talks",
        title="Envoys meet in Panmunjom",
        text="Envoys discussed missile tests and the economy at the truce village.",
        feed="reuters-asia",
        published=NOW - hours(2),
    ),
]
TOPICS = {"launch": ("missiles",), "growth": ("economy",), "talks": ("diplomacy", "economy")}


@pytest.fixture
def seeded(store: Store) -> Store:
    save_new(store, articles=ARTICLES)
    save_assessments(store, assessments=[assessment(i, topics=t) for i, t in TOPICS.items()])
    return store


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("missile", {"launch", "talks"}),  # stemming: missile ~ missiles
        ("ballistic missiles", {"launch"}),
        ('"missile tests"', {"talks"}),
        ("economy -envoys", {"growth"}),
        ("panmunjom or chip", {"growth", "talks"}),
        ("PANMUNJOM", {"talks"}),
        ("pyongyang", set()),
        ("-economy", set()),
        ('"(*) AND: NEAR', set()),
        ("", set()),
    ],
)
def test_queries_find_the_matching_articles(seeded: Store, query: str, found: set[str]) -> None:
    assert {hit.article.id for hit in search_articles(seeded, query=query)} == found


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"since": NOW - hours(3)}, {"launch", "talks"}),
        ({"source": "yonhap"}, {"launch"}),
        ({"source": "REUTERS"}, {"talks"}),  # the feed name counts as a source
        ({"source": "100%"}, set()),
        ({"topic": "economy"}, {"growth", "talks"}),
        ({"topic": "economy", "since": NOW - hours(3)}, {"talks"}),
    ],
)
def test_filters_narrow_the_hits(
    seeded: Store, filters: dict[str, object], found: set[str]
) -> None:
    hits = search_articles(seeded, query="korea or envoys", **filters)  # type: ignore[arg-type]
    assert {hit.article.id for hit in hits} == found


def test_hits_mark_the_matched_words_in_a_snippet_of_the_text(seeded: Store) -> None:
    [hit] = search_articles(seeded, query="chip")
    assert f"{MARK[0]}chip{MARK[1]}" in hit.snippet
    assert hit.article == ARTICLES[1]


def test_limit_and_offset_page_through_hits_best_first(seeded: Store) -> None:
    everything = search_articles(seeded, query="korea or envoys", limit=10)
    pages = [search_articles(seeded, query="korea or envoys", limit=1, offset=n) for n in range(3)]
    assert [page[0].article.id for page in pages] == [hit.article.id for hit in everything]
    ranks = [hit.rank for hit in everything]
    assert ranks == sorted(ranks, reverse=True)


def test_a_title_match_ranks_above_a_passing_mention(seeded: Store) -> None:
    hits = search_articles(seeded, query="economy")
    assert hits[0].article.id == "growth"


def test_new_articles_are_searchable_at_once(store: Store) -> None:
    assert search_articles(store, query="kaesong") == []
    save_new(store, articles=[article("k", title="Kaesong reopens")])
    assert [hit.article.id for hit in search_articles(store, query="kaesong")] == ["k"]


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ("kim jong", '("kim" "jong")'),
        ('"kim jong un" visit', '("kim jong un" "visit")'),
        ("a or b or", '("a" OR "b")'),
        ("nuclear -test", '("nuclear") NOT "test"'),
        ('say "hi', '("say" "hi")'),
        ('x"y', '("x""y")'),
        ("- -- or", None),
    ],
)
def test_user_queries_become_safe_fts5_expressions(query: str, match: str | None) -> None:
    assert to_fts5(query) == match


# --- only the newest matches are ranked (readers want recent news) ---------------------------

TARIFF_NEWS = [  # stored oldest first; the oldest mentions the word most, so it would rank first
    article(
        f"t{n}",
        title="Tariff tariff tariff" if n == 0 else f"Trade note {n}",
        text=f"Item {n} on the tariff, from outlet {n % 2}.",
        source=f"Outlet {n % 2}",
        published=NOW - hours(10 - n),
        seen=NOW - hours(10 - n),
    )
    for n in range(6)
]


@pytest.fixture
def tariffs(store: Store) -> Store:
    for item in TARIFF_NEWS:  # one call each, so the storage order is the order seen
        save_new(store, articles=[item])
    topics = {"t0": ("trade",), "t1": ("trade",), "t5": ("trade",)}
    save_assessments(store, assessments=[assessment(i, topics=t) for i, t in topics.items()])
    return store


def test_with_more_matches_than_ranked_the_newest_win(tariffs: Store) -> None:
    everything = search_articles(tariffs, query="tariff")
    newest = search_articles(tariffs, query="tariff", ranked=3)
    assert everything[0].article.id == "t0"
    assert {hit.article.id for hit in newest} == {"t3", "t4", "t5"}


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"source": "outlet 0"}, {"t2", "t4"}),
        ({"topic": "trade"}, {"t1", "t5"}),
        ({"since": NOW - hours(8.5)}, {"t4", "t5"}),
        ({"since": NOW - hours(20), "source": "outlet 1", "topic": "trade"}, {"t1", "t5"}),
    ],
)
def test_filters_apply_before_the_newest_are_chosen(
    tariffs: Store, filters: dict[str, object], found: set[str]
) -> None:
    hits = search_articles(tariffs, query="tariff", ranked=2, **filters)  # type: ignore[arg-type]
    assert {hit.article.id for hit in hits} == found


@pytest.mark.parametrize("offset", [0, 2, 4])
def test_every_hit_of_a_page_gets_its_own_marked_snippet(tariffs: Store, offset: int) -> None:
    hits = search_articles(tariffs, query="tariff", limit=2, offset=offset, ranked=5)
    assert len(hits) == (2 if offset < 4 else 1)
    for hit in hits:
        assert f"{MARK[0]}tariff{MARK[1]}" in hit.snippet
        assert f"Item {hit.article.id[1:]} " in hit.snippet


def test_newest_means_when_it_happened_not_when_it_was_stored(store: Store) -> None:
    save_new(store, articles=[article("fresh", text="Tariff news.", published=NOW - hours(1))])
    save_new(
        store, articles=[article("archive", text="Tariff history.", published=NOW - hours(99))]
    )
    assert [hit.article.id for hit in search_articles(store, query="tariff", ranked=1)] == ["fresh"]


@pytest.mark.parametrize(
    ("since", "found"),
    [
        (NOW + timedelta(seconds=20), {"s20", "s40"}),  # on an article's time: it counts
        (NOW + timedelta(seconds=20, microseconds=1), {"s40"}),
        (NOW + timedelta(seconds=60), set()),
        (NOW, {"s10", "s20", "s40"}),
    ],
)
def test_since_is_exact_inside_a_minute(store: Store, since: datetime, found: set[str]) -> None:
    seconds = (10, 20, 40)
    save_new(
        store,
        articles=[
            article(f"s{s}", text="Quota", published=NOW + timedelta(seconds=s)) for s in seconds
        ],
    )
    assert {hit.article.id for hit in search_articles(store, query="quota", since=since)} == found


@pytest.mark.parametrize(("ranked", "found"), [(1, {"t5"}), (2, {"t3", "t5"}), (3, {"t3", "t5"})])
def test_the_newest_are_counted_among_the_articles_that_pass_the_filters(
    tariffs: Store, ranked: int, found: set[str]
) -> None:
    since = NOW - hours(8.5)  # t2 to t5; from outlet 1: t3 and t5
    hits = search_articles(tariffs, query="tariff", source="outlet 1", since=since, ranked=ranked)
    assert {hit.article.id for hit in hits} == found


@pytest.mark.parametrize("query", ["s1", "src", "outlet"])
def test_outlet_names_are_not_words_of_the_article(store: Store, query: str) -> None:
    save_new(store, articles=[article("x", title="Plain", text="Plain words.", source="Outlet")])
    assert search_articles(store, query=query) == []
    assert [hit.article.id for hit in search_articles(store, query="plain", source="utl")] == ["x"]
