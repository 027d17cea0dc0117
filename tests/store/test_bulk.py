"""bulk_load: many new articles at once, searchable and readable like those from save_new."""

from __future__ import annotations

import pytest

from bot.errors import StoreError
from bot.store import Store, recent_items, search_articles
from bot.store.bulk import bulk_load
from tests.store.examples import NOW, article, assessment, hours

LOADED = [
    article(f"b{n}", text=f"Bulk item {n} about sanctions.", seen=NOW - hours(n)) for n in range(7)
]


def test_loaded_articles_are_counted_searchable_and_readable(store: Store) -> None:
    count = bulk_load(
        store, articles=iter(LOADED), assessments=[assessment("b1"), assessment("b2")]
    )
    assert count == len(LOADED)
    found = search_articles(store, query="sanctions", limit=20)
    assert {hit.article for hit in found} == set(LOADED)
    assert {item.article for item in recent_items(store, since=NOW - hours(3))} == {
        LOADED[1],
        LOADED[2],
    }


@pytest.mark.parametrize("again", [LOADED[:1], [article("new"), LOADED[3]]])
def test_an_id_already_stored_is_refused(store: Store, again: list[object]) -> None:
    bulk_load(store, articles=LOADED)
    with pytest.raises(StoreError):
        bulk_load(store, articles=again)  # type: ignore[arg-type]
