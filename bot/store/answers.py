"""Cached LLM answers by content hash: an article's story is never summarized twice.

The key already names the model, the prompt version and the content, so an entry never
goes stale; entries are only ever added (the first writer wins under concurrency).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping

from sqlalchemy import delete, func, select

from bot.store.engine import Store, database_now, insert, transaction
from bot.store.schema import llm_cache as table


def get_answer(store: Store, *, key: str) -> str | None:
    """The cached answer for `key`, or None."""
    query = select(table.c.value).where(table.c.key == key)
    with transaction(store, doing="read a cached answer", write=False) as connection:
        return connection.execute(query).scalar_one_or_none()


def put_answer(store: Store, *, key: str, value: str) -> None:
    """Remember an answer; a second writer of the same key changes nothing."""
    row = {"key": key, "value": value, "created": database_now(store)}
    statement = insert(store, table).values(row).on_conflict_do_nothing(index_elements=["key"])
    with transaction(store, doing="cache an answer") as connection:
        connection.execute(statement)


class AnswerCache(MutableMapping[str, str]):
    """The cache as the mapping the LLM writer takes."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getitem__(self, key: str) -> str:
        value = get_answer(self._store, key=key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: str) -> None:
        put_answer(self._store, key=key, value=value)

    def __delitem__(self, key: str) -> None:
        with transaction(self._store, doing="forget a cached answer") as connection:
            connection.execute(delete(table).where(table.c.key == key))

    def __iter__(self) -> Iterator[str]:
        with transaction(self._store, doing="list cached answers", write=False) as connection:
            keys = connection.execute(select(table.c.key)).scalars().all()
        return iter(keys)

    def __len__(self) -> int:
        with transaction(self._store, doing="count cached answers", write=False) as connection:
            return int(connection.execute(select(func.count()).select_from(table)).scalar_one())
