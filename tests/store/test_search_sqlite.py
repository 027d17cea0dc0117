"""SQLite search: FTS5 rowids say when articles happened; `since` and "newest" are rowid order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store import open_store, save_new, search_articles
from bot.store.search_filters import Outlet, Wanted
from bot.store.search_sqlite import SLOTS, first_rowid, to_match
from tests.store.examples import NOW, article

SEOUL = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("moment", "minute"),
    [
        (datetime(1970, 1, 1, tzinfo=UTC), 0),
        (datetime(1970, 1, 1, 0, 0, 59, 999999, tzinfo=UTC), 0),
        (datetime(1970, 1, 1, 0, 1, tzinfo=UTC), 1),
        (datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC), -1),  # floor, not towards zero
        (datetime(2024, 3, 6, 17, 0, tzinfo=SEOUL), 1_709_712_000 // 60),  # 08:00 UTC
    ],
)
def test_rowids_start_each_minute_since_1970(moment: datetime, minute: int) -> None:
    assert first_rowid(moment) == minute * SLOTS


def test_the_index_numbers_articles_by_the_minute_they_happened(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/s.db")
    same_minute = NOW + timedelta(seconds=30)
    save_new(
        store,
        articles=[
            article("late", published=NOW + timedelta(minutes=3)),
            article("a", published=same_minute),
            article("b", published=same_minute),
            article("old", published=datetime(1969, 7, 20, 20, 17, tzinfo=UTC)),
        ],
    )
    with store.engine.connect() as connection:
        rowids = dict(
            connection.execute(sa.text("SELECT article_id, rowid FROM articles_fts")).all()
        )
    store.close()
    base = first_rowid(NOW)
    assert rowids == {
        "a": base,
        "b": base + 1,
        "late": base + 3 * SLOTS,
        "old": first_rowid(datetime(1969, 7, 20, 20, 17, tzinfo=UTC)),
    }


def test_any_date_a_store_can_hold_has_room_in_the_index(tmp_path: Path) -> None:
    # Rowids are 63-bit: years 1 to 9999 and a burst of far more than any feed sends in a
    # minute (a day of date-only entries all land on midnight) must all index without a clash.
    store = open_store(f"sqlite:///{tmp_path}/s.db")
    midnight = datetime(2026, 11, 28, tzinfo=UTC)
    dated_only = [article(f"day{n}", text="Summit talk.", published=midnight) for n in range(300)]
    extremes = [
        article("first", text="Summit talk.", published=datetime(1, 1, 1, tzinfo=UTC)),
        article("last", text="Summit talk.", published=datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
    ]
    save_new(store, articles=[*dated_only, *extremes])
    found = [hit.article.id for hit in search_articles(store, query="summit", limit=400)]
    store.close()
    assert SLOTS > 1_000_000
    assert sorted(found) == sorted(a.id for a in [*dated_only, *extremes])


def test_words_match_titles_and_texts_and_outlets_their_own_column() -> None:
    wanted = Wanted(outlets=(Outlet(3, "yonhap"), Outlet(12, "yna")))
    assert to_match('("kim")', wanted) == '{title text} : (("kim")) AND {outlets} : (s3 OR s12)'
    assert to_match('("kim")', Wanted()) == '{title text} : (("kim"))'


def test_a_search_for_an_outlet_token_finds_nothing(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/s.db")
    save_new(store, articles=[article("x", text="Plain words.", source="Yonhap")])
    assert search_articles(store, query="s1") == []
    assert [hit.article.id for hit in search_articles(store, query="plain", source="yon")] == ["x"]
    store.close()
