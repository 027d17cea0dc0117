"""Migration 0006 (filters inside the search index): a store holding articles keeps finding them,
with the new filters and order, and the index follows the articles table afterwards."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from bot.store import Store, open_store, save_new, schema, search_articles
from bot.store.engine import connect_engine
from bot.store.migrate import MIGRATIONS, upgrade
from tests.store.examples import NOW, article, hours

HELD = [  # stored in this order; the first happened last
    article("late", text="Sanctions talk.", source="Yonhap", published=NOW - hours(1)),
    article("early", text="Sanctions eased.", source="Korea Herald", published=NOW - hours(50)),
    article("middle", text="Sanctions again.", feed="reuters-asia", published=NOW - hours(20)),
]


@pytest.fixture
def upgraded(store_url: str) -> Store:
    old = Store(connect_engine(store_url))
    upgrade(old, revision="0005")
    save_new(old, articles=HELD)
    old.close()
    return open_store(store_url)


def test_an_upgraded_store_finds_what_it_held_newest_first(upgraded: Store) -> None:
    hits = search_articles(upgraded, query="sanctions", ranked=2)
    assert {hit.article.id for hit in hits} == {"late", "middle"}
    assert {hit.article for hit in search_articles(upgraded, query="sanctions")} == set(HELD)
    upgraded.close()


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"source": "HERALD"}, {"early"}),
        ({"source": "reuters"}, {"middle"}),
        ({"since": NOW - hours(21)}, {"late", "middle"}),
        ({"since": NOW - hours(21), "source": "yon"}, {"late"}),
    ],
)
def test_an_upgraded_store_filters_what_it_held(
    upgraded: Store, filters: dict[str, object], found: set[str]
) -> None:
    hits = search_articles(upgraded, query="sanctions", **filters)  # type: ignore[arg-type]
    assert {hit.article.id for hit in hits} == found
    upgraded.close()


def test_the_outlets_of_held_articles_are_listed_once(upgraded: Store) -> None:
    save_new(upgraded, articles=[article("more", source="YONHAP", feed="reuters-asia")])
    with upgraded.engine.connect() as connection:
        names = connection.execute(sa.select(schema.search_outlets.c.name)).scalars().all()
    upgraded.close()
    assert sorted(names) == ["korea herald", "reuters-asia", "yonhap"]


def test_changed_and_deleted_articles_leave_the_index(upgraded: Store) -> None:
    articles = schema.articles
    with upgraded.engine.begin() as connection:
        connection.execute(
            articles.update()
            .where(articles.c.id == "early")
            .values(text="Tariffs eased.", source="Nikkei", published=NOW)
        )
        connection.execute(articles.delete().where(articles.c.id == "middle"))
    assert [hit.article.id for hit in search_articles(upgraded, query="sanctions")] == ["late"]
    moved = search_articles(upgraded, query="tariffs", source="nikkei", since=NOW - hours(1))
    assert [hit.article.id for hit in moved] == ["early"]
    upgraded.close()


def test_downgrading_and_upgrading_again_keeps_every_article_searchable(store_url: str) -> None:
    open_store(store_url).close()
    store = Store(connect_engine(store_url))
    save_new(store, articles=HELD)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:  # as an operator would run alembic
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    store.close()
    reopened = open_store(store_url)
    assert {hit.article for hit in search_articles(reopened, query="sanctions")} == set(HELD)
    reopened.close()
