"""The verbatim guarantee: every quote is `text[start:end]`, for any text and every real article."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analyze.quotes import extract_quotes
from tests.conftest import shared_path

# Text made mostly of the characters that trip quote finders: marks of every kind, apostrophes,
# newlines, dashes, capitals and cue words, so the property meets unbalanced and nested marks.
_PIECES = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "„",
        "\n",
        "\n\n",
        " ",
        ", ",
        ". ",
        ": ",
        "—",
        "said",
        "he said",
        "Kim",
        "Kim Yo Jong",
        "the minister",
        "according to",
        "We will",
        "not",
        "a",
        "B.",
        "U.S.",
        "?",
        "…",
        "é",
        "\t",
        "\r\n",
    ]
)
_TEXT = st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=80).map("".join))


def assert_verbatim(text: str) -> None:
    for quote in extract_quotes(text):
        assert text[quote.start : quote.end] == quote.quote
        assert quote.quote and quote.quote == quote.quote.strip()


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_any_text_gives_verbatim_quotes(text: str) -> None:
    assert_verbatim(text)


def _texts(relative: str) -> list[str]:
    with shared_path(relative).open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


@pytest.mark.shared
@pytest.mark.parametrize(
    "relative",
    [
        "corpus/articles.jsonl",
        "eval/quotes/gold.jsonl",
        "eval/quotes/dev_polnear.jsonl",
    ],
)
def test_every_shared_article_gives_verbatim_quotes(relative: str) -> None:
    texts = _texts(relative)
    assert texts
    for text in texts:
        assert_verbatim(text)


@pytest.mark.parametrize(
    "text",
    [
        "«\x1f0:0:b",  # found by hypothesis: a control character str.strip() counts as space
        'He said "\x0bwe will go home now\u2028" today.',
        'He said "we will go home now,\x1f" today.',
    ],
)
def test_quotes_are_trimmed_of_every_kind_of_whitespace(text: str) -> None:
    assert_verbatim(text)
