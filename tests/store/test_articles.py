"""Articles and assessments: insert-or-ignore returns only the new; upserts replace."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.errors import StoreError
from bot.model import Evidence, Quote
from bot.store import (
    Store,
    open_store,
    recent_items,
    save_assessments,
    save_new,
    search_articles,
    set_story,
    set_texts,
)
from tests.store.examples import NOW, article, assessment


@pytest.mark.parametrize(
    ("stored", "incoming", "new"),
    [
        ([], ["a", "b"], ["a", "b"]),
        (["a"], ["a", "b"], ["b"]),
        (["a", "b"], ["b", "a"], []),
        ([], ["c", "a", "b"], ["c", "a", "b"]),
        ([], ["a", "a", "b"], ["a", "b"]),
        ([], [], []),
    ],
)
def test_save_new_returns_only_the_new_in_input_order(
    store: Store, stored: list[str], incoming: list[str], new: list[str]
) -> None:
    save_new(store, articles=[article(i) for i in stored])
    saved = save_new(store, articles=[article(i) for i in incoming])
    assert [a.id for a in saved] == new


def test_save_new_is_idempotent_on_rerun(store: Store) -> None:
    batch = [article(f"id-{n}") for n in range(700)]  # more than one INSERT batch
    assert save_new(store, articles=batch) == batch
    assert save_new(store, articles=batch) == []


def test_the_first_version_of_an_article_wins(store: Store) -> None:
    save_new(store, articles=[article("a", title="First")])
    save_new(store, articles=[article("a", title="Second")])
    save_assessments(store, assessments=[assessment("a")])
    assert [item.article.title for item in recent_items(store, since=NOW)] == ["First"]


def test_every_article_field_round_trips(store: Store) -> None:
    seoul = timezone(timedelta(hours=9))
    full = article(
        "full",
        url="https://example.org/1",
        source="Yonhap",
        feed="yonhap-nk",
        published=datetime(2024, 3, 6, 9, 30, 15, 123456, tzinfo=seoul),
        language="ko",
        text='북한 "quoted" text with ünïcode',
    )
    save_new(store, articles=[full])
    save_assessments(store, assessments=[assessment("full")])
    [item] = recent_items(store, since=NOW)
    assert item.article == full
    assert item.article.published is not None
    assert item.article.published.utcoffset() == timedelta(0)


def test_an_article_without_seen_gets_the_database_clock(store: Store) -> None:
    before = datetime.now(UTC) - timedelta(seconds=5)
    [saved] = save_new(store, articles=[article("a", seen=None)])  # type: ignore[arg-type]
    assert saved.seen is not None
    assert before <= saved.seen <= datetime.now(UTC) + timedelta(seconds=5)
    save_assessments(store, assessments=[assessment("a")])
    assert [item.article.seen for item in recent_items(store, since=before)] == [saved.seen]


def test_two_threads_saving_overlapping_batches_never_duplicate(store_url: str) -> None:
    stores = [open_store(store_url), open_store(store_url)]
    batches = [
        [article(f"id-{n}") for n in range(0, 300)],
        [article(f"id-{n}") for n in range(150, 450)],
    ]
    results: list[list[str]] = [[] for _ in stores]
    barrier = threading.Barrier(len(stores))

    def save(index: int) -> None:
        barrier.wait()
        for start in range(0, 300, 50):
            chunk = batches[index][start : start + 50]
            results[index] += [a.id for a in save_new(stores[index], articles=chunk)]

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for opened in stores:
        opened.close()
    everything = results[0] + results[1]
    assert len(everything) == len(set(everything)) == 450


RICH = assessment(
    "a",
    score=0.75,
    nk=False,
    sk=True,
    topics=("diplomacy", "nuclear"),
    evidence=(Evidence(term="Kim Jong Un", where="title", count=1, weight=3.0, side="nk"),),
    summary=("First sentence.", "Second sentence."),
    quotes=(Quote(quote="We will talk", start=10, end=22, speaker="Moon Jae-in", key=True),),
    story="story-1",
)


@pytest.mark.parametrize("given", [assessment("a"), RICH], ids=["plain", "rich"])
def test_an_assessment_round_trips(store: Store, given: object) -> None:
    save_new(store, articles=[article("a")])
    save_assessments(store, assessments=[given])  # type: ignore[list-item]
    assert [item.assessment for item in recent_items(store, since=NOW)] == [given]


def test_saving_an_assessment_again_replaces_it(store: Store) -> None:
    save_new(store, articles=[article("a")])
    save_assessments(store, assessments=[assessment("a", korea=False)])
    save_assessments(store, assessments=[RICH, RICH])
    assert [item.assessment for item in recent_items(store, since=NOW)] == [RICH]


def test_set_story_changes_only_that_article(store: Store) -> None:
    save_new(store, articles=[article("a"), article("b")])
    save_assessments(store, assessments=[assessment("a"), assessment("b", story="old")])
    set_story(store, article_id="a", story="story-7")
    stories = {i.article.id: i.assessment.story for i in recent_items(store, since=NOW)}
    assert stories == {"a": "story-7", "b": "old"}


def test_set_texts_replaces_only_the_given_bodies(store: Store) -> None:
    save_new(store, articles=[article("a"), article("b"), article("c")])
    set_texts(store, texts={"a": "The whole story of a.", "c": "The whole story of c."})
    set_texts(store, texts={})
    assert _texts(store, ["a", "b", "c"]) == {
        "a": "The whole story of a.",
        "b": "Text of b.",
        "c": "The whole story of c.",
    }


def test_search_follows_a_replaced_body(store: Store) -> None:
    teaser = article("t", title="Ministers meet", text="Ministers met on Tuesday.", source="Ledger")
    save_new(store, articles=[teaser, article("other", source="Ledger")])
    set_texts(store, texts={"t": "Fisheries quotas were agreed after talks in Busan."})
    assert [hit.article.id for hit in search_articles(store, query="busan")] == ["t"]
    assert [h.article.id for h in search_articles(store, query="busan", source="ledger")] == ["t"]
    assert search_articles(store, query="tuesday") == []
    assert [hit.article.id for hit in search_articles(store, query="ministers")] == ["t"]


def test_an_assessment_of_an_unknown_article_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="could not save assessments"):
        save_assessments(store, assessments=[assessment("never-saved")])


def _texts(store: Store, ids: list[str]) -> dict[str, str]:
    """Stored bodies by id, read back through recent_items (which wants an assessment)."""
    save_assessments(store, assessments=[assessment(i) for i in ids])
    return {item.article.id: item.article.text for item in recent_items(store, since=NOW)}
