"""Which feed bodies are teasers, and when a page's text may replace one."""

from __future__ import annotations

import pytest

from bot.ingest.teasers import is_clearly_longer, is_teaser, mentions_headline, sentence_count
from bot.model import Article

TITLE = "Seoul and Tokyo agree to reopen fisheries talks"
LONG = " ".join(
    f"Sentence {n} says the fisheries talks between Seoul and Tokyo went on for hours."
    for n in range(10)
)


def article(text: str, title: str = TITLE) -> Article:
    return Article(id="a", title=title, text=text)


@pytest.mark.parametrize(
    ("text", "teaser"),
    [
        ("", True),
        (TITLE, True),
        (TITLE.upper() + ".", True),
        ("South Korea and Japan agreed to reopen talks on fishing quotas.", True),
        ("One. Two.", True),
        (LONG, False),
        (LONG + " …", True),
        (LONG + " [...]", True),
        (LONG + " Read more", True),
        (LONG + "\n\nContinue reading →", True),
        ("부산항 물동량이 석 달째 늘었다. 더보기", True),
        # Over 600 characters but two sentences: a long standfirst, still a teaser.
        ("A" * 320 + ". " + "B" * 320 + ".", True),
    ],
    ids=[
        "empty", "title", "title-shouted", "one-sentence", "two-short", "long-body",
        "ellipsis", "bracket-ellipsis", "read-more", "continue-reading", "korean-more",
        "two-long-sentences",
    ],
)  # fmt: skip
def test_teasers(text: str, teaser: bool) -> None:
    assert is_teaser(article(text)) is teaser


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 1),
        ("One.", 1),
        ("One. Two", 2),
        ('He said "yes." Then left!', 2),
        ("Is it? Yes. No!", 3),
        ("부산항 물동량이 늘었다. 당국이 밝혔다.", 2),
    ],
)
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


@pytest.mark.parametrize(
    ("page", "teaser", "longer"),
    [
        ("x" * 300, "", True),
        ("x" * 199, "", False),
        ("x" * 450, "y" * 300, False),  # 1.5 times, but not 200 characters more
        ("x" * 500, "y" * 300, True),
        ("x" * 1400, "y" * 1000, False),  # 400 more, but not 1.5 times
        ("x" * 1500, "y" * 1000, True),
    ],
)
def test_a_page_must_be_clearly_longer_than_the_teaser(
    page: str, teaser: str, longer: bool
) -> None:
    assert is_clearly_longer(page, teaser) is longer


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Fisheries ministers of Seoul and Tokyo met in Busan.", True),
        ("Subscribe now to read this story. Already a subscriber? Sign in.", False),
        ("We use cookies to improve your experience on our website.", False),
    ],
)
def test_the_page_must_be_about_the_headline(text: str, about: bool) -> None:
    assert mentions_headline(text, TITLE) is about


@pytest.mark.parametrize(
    ("text", "title", "about"),
    [
        ("Campaigners say the airports must not grow.", "Protesters plan airport challenge", True),
        ("북한은 이날 미사일을 발사했다.", "북한이 미사일 발사", True),
        ("Anything at all.", "Live", True),  # too few telling words to judge by
        ("Anything at all.", "Kim on TV", True),
        ("Anything at all.", "Kim visits Moscow", False),
    ],
)
def test_headline_words_are_matched_by_their_stems(text: str, title: str, about: bool) -> None:
    assert mentions_headline(text, title) is about
