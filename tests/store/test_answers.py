"""Cached LLM answers: read back by key, first writer wins, kept across a reopen."""

from __future__ import annotations

import pytest

from bot.store import AnswerCache, Store, get_answer, open_store, put_answer


def test_an_unknown_key_has_no_answer(store: Store) -> None:
    assert get_answer(store, key="nope") is None
    with pytest.raises(KeyError):
        AnswerCache(store)["nope"]


def test_an_answer_reads_back_and_the_first_writer_wins(store: Store) -> None:
    put_answer(store, key="k1", value='{"headline": "A"}')
    put_answer(store, key="k1", value='{"headline": "B"}')
    assert get_answer(store, key="k1") == '{"headline": "A"}'


def test_the_cache_is_a_mapping(store: Store) -> None:
    cache = AnswerCache(store)
    cache["a"] = "1"
    cache["b"] = "2"
    assert (len(cache), sorted(cache), cache["b"], "a" in cache) == (2, ["a", "b"], "2", True)
    del cache["a"]
    assert sorted(cache) == ["b"]


def test_answers_survive_a_reopen(store_url: str) -> None:
    first = open_store(store_url)
    put_answer(first, key="k", value="v")
    first.close()
    again = open_store(store_url)
    try:
        assert get_answer(again, key="k") == "v"
    finally:
        again.close()
