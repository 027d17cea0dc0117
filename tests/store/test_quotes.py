"""find_quotes: by speaker in any spelling, or by words of the quote; newest first."""

from __future__ import annotations

import pytest

from bot.model import Quote
from bot.store import Store, find_quotes, save_assessments, save_new
from bot.store.quotes import speaker_key, words_key
from tests.store.examples import NOW, article, assessment, hours

KIM = Quote(
    quote="We will respond firmly to any provocation", start=0, end=41, speaker="Kim Jong-un"
)
YOON = Quote(quote="Dialogue remains open", start=50, end=71, speaker="Yoon Suk Yeol", key=True)
ANON = Quote(quote="Nobody expected the launch", start=80, end=106)


@pytest.fixture
def quoted(store: Store) -> Store:
    save_new(
        store,
        articles=[article("old", published=NOW - hours(48)), article("new", published=NOW)],
    )
    save_assessments(
        store,
        assessments=[
            assessment("old", quotes=(KIM,)),
            assessment("new", quotes=(YOON, ANON, KIM)),
        ],
    )
    return store


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong-un", [("new", KIM), ("old", KIM)]),
        ("kim jong un", [("new", KIM), ("old", KIM)]),
        ("KimJongUn", [("new", KIM), ("old", KIM)]),
        ("yoon", [("new", YOON)]),
        ("respond FIRMLY", [("new", KIM), ("old", KIM)]),
        ("provocation firmly", [("new", KIM), ("old", KIM)]),
        ("the launch", [("new", ANON)]),
        ("firm", []),  # words match whole words
        ("Moon Jae-in", []),
        ("%", []),
    ],
)
def test_quotes_are_found_by_speaker_or_words(
    quoted: Store, text: str, expected: list[tuple[str, Quote]]
) -> None:
    found = find_quotes(quoted, text=text)
    assert [(item.article.id, quote) for quote, item in found] == expected


def test_since_and_limit_narrow_the_quotes(quoted: Store) -> None:
    recent = find_quotes(quoted, text="kim jong un", since=NOW - hours(1))
    assert [item.article.id for _, item in recent] == ["new"]
    assert len(find_quotes(quoted, text="kim jong un", limit=1)) == 1


def test_a_new_assessment_replaces_the_quotes_found(quoted: Store) -> None:
    save_assessments(quoted, assessments=[assessment("new", quotes=(ANON,))])
    assert [item.article.id for _, item in find_quotes(quoted, text="kim")] == ["old"]


@pytest.mark.parametrize(
    ("name", "key"),
    [("Kim Jong-un", "kimjongun"), ("KIM JONG UN", "kimjongun"), ("O'Brien", "obrien"), ("", "")],
)
def test_speaker_keys_ignore_case_spaces_and_punctuation(name: str, key: str) -> None:
    assert speaker_key(name) == key


def test_words_keys_are_padded_for_whole_word_matching() -> None:
    assert words_key('"We will NOT talk," he said.') == " we will not talk he said "
