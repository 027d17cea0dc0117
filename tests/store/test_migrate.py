"""Opening a store: the schema is created once, re-opening changes nothing, bad URLs explain."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.errors import StoreError
from bot.model import Quote
from bot.store import Store, find_quotes, open_store, save_new, schema, search_articles
from bot.store.engine import connect_engine
from bot.store.migrate import MIGRATIONS, upgrade
from bot.store.rows import assessment_values
from tests.store.examples import article, assessment

TABLES = {
    "feeds",
    "articles",
    "assessments",
    "article_topics",
    "cursors",
    "deliveries",
    "posted",
    "quotes",
    "subscriptions",
}


def schema_of(store: Store) -> tuple[set[str], list[str]]:
    """The tables and the applied Alembic revision(s) of an open store."""
    with store.engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
        versions = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
        return tables, sorted(versions.scalars())


def newest_revision() -> str:
    names = sorted(path.name for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))
    return names[-1].split("_")[0]


def test_open_creates_every_table_at_the_newest_revision(store: Store) -> None:
    tables, versions = schema_of(store)
    assert tables >= TABLES
    assert versions == [newest_revision()]


def test_opening_twice_is_a_no_op(store_url: str) -> None:
    first = open_store(store_url)
    before = schema_of(first)
    first.close()
    second = open_store(store_url)
    assert schema_of(second) == before
    second.close()


def test_dialect_names_the_backend(store: Store, store_url: str) -> None:
    assert store.dialect == store_url.split(":")[0].split("+")[0]


def test_sqlite_is_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/nested/folder/peninsula.db")
    with store.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    store.close()
    assert (tmp_path / "nested" / "folder" / "peninsula.db").exists()
    assert pragma["journal_mode"] == "wal"
    assert pragma["foreign_keys"] == 1
    assert int(str(pragma["busy_timeout"])) >= 1000


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not a url", "PENINSULA_DATABASE_URL"),
        ("mysql://root@127.0.0.1/x", "unsupported database"),
        ("postgresql+nosuchdriver://postgres@127.0.0.1/test", "PENINSULA_DATABASE_URL"),
        ("postgresql+psycopg://postgres@127.0.0.1:1/test", "is it running?"),
        ("postgresql+psycopg://postgres:secret@127.0.0.1:1/test", "***"),
    ],
)
def test_a_bad_url_gives_a_store_error_saying_what_to_do(url: str, says: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert says in str(caught.value)
    assert "secret" not in str(caught.value)


def test_an_unwritable_sqlite_folder_gives_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="PENINSULA_DATABASE_URL"):
        open_store(f"sqlite:///{blocker}/peninsula.db")


OPEN_AND_CLOSE = "import sys; from bot.store import open_store; open_store(sys.argv[1]).close()"


def test_several_processes_opening_at_once_all_succeed(store_url: str) -> None:
    starts = [
        subprocess.Popen([sys.executable, "-c", OPEN_AND_CLOSE, store_url], stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    errors = [process.communicate(timeout=60)[1].decode() for process in starts]
    assert [process.returncode for process in starts] == [0, 0, 0], errors
    store = open_store(store_url)
    assert schema_of(store)[1] == [newest_revision()]
    store.close()


def test_several_threads_opening_at_once_all_succeed(store_url: str) -> None:
    opened: list[Store] = []
    barrier = threading.Barrier(3)

    def start() -> None:
        barrier.wait()
        opened.append(open_store(store_url))

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(opened) == 3
    for store in opened:
        store.close()


def test_threads_creating_a_new_sqlite_file_together_never_see_it_locked(tmp_path: Path) -> None:
    # Switching a new file to WAL can meet another thread's lock without SQLite's busy wait;
    # one round in a few dozen hit it, so run enough rounds that a regression shows.
    for round_ in range(25):
        opened, failures = open_together(f"sqlite:///{tmp_path}/round{round_}.db", threads=4)
        for store in opened:
            store.close()
        assert failures == [], f"round {round_}: {failures[0]}"
        assert len(opened) == 4


def open_together(url: str, *, threads: int) -> tuple[list[Store], list[StoreError]]:
    """Open `url` from several threads released at the same instant."""
    barrier = threading.Barrier(threads)
    opened: list[Store] = []
    failures: list[StoreError] = []

    def start() -> None:
        barrier.wait()
        try:
            opened.append(open_store(url))
        except StoreError as exc:
            failures.append(exc)

    started = [threading.Thread(target=start) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=60)
    return opened, failures


def test_upgrading_an_older_schema_indexes_what_it_already_holds(store_url: str) -> None:
    old = Store(connect_engine(store_url))
    upgrade(old, revision="0001")
    save_new(old, articles=[article("a", title="Kaesong talks resume")])
    quote = Quote(quote="We are ready to talk", start=0, end=20, speaker="Kim Yo-jong")
    with old.engine.begin() as connection:  # save_assessments would write 0002's index too
        connection.execute(
            schema.assessments.insert().values(assessment_values(assessment("a", quotes=(quote,))))
        )
    old.close()
    store = open_store(store_url)
    assert [hit.article.id for hit in search_articles(store, query="kaesong")] == ["a"]
    assert [q for q, _ in find_quotes(store, text="kim yo jong")] == [quote]
    store.close()
