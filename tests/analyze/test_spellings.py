"""One spelling per name: two ways of writing one thing give the same terms, two things never do."""

from __future__ import annotations

import pytest

from bot.analyze.shingles import to_terms
from bot.analyze.spellings import fold_spellings


def terms(text: str) -> list[str]:
    return to_terms(fold_spellings(text))


@pytest.mark.parametrize(
    ("written", "as_others_write_it"),
    [
        ("N. Korea fires missile", "North Korea fires missile"),
        ("N.K. missile launches", "North Korea missile launches"),
        ("DPRK missile launches", "North Korea missile launches"),
        ("S. Korean shares retreat", "South Korean shares retreat"),
        ("U.S. says it is aware", "US says it is aware"),
        ("the United States says it is aware", "the US says it is aware"),
        ("the U.N. Command", "the United Nations Command"),
        ("in gov't reorganization", "in government reorganization"),
        ("asks Nat'l Assembly", "asks National Assembly"),
        ("fees waived through Jan. 13", "fees waived through January 13"),
        ("from Dec 31", "from December 31"),
        ("added 431K jobs", "added 431,000 jobs"),
        ("a $9bn bid", "a $9 billion bid"),
        ("3 mln dlrs", "3 million dollars"),
        ("up 75.6%", "up 75.6 percent"),
        ("a W1.7tr compensation plan", "a 1.7 trillion won compensation plan"),
        ("files W43b damages suit", "files 43 billion won damages suit"),
        ("up 2.1 pct", "up 2.1 percent"),
        ("a fire in Pusan", "a fire in Busan"),
        ("Chong Wa Dae said", "Cheong Wa Dae said"),
        ("Kim Jong-un inspects", "Kim Jong Un inspects"),  # hyphens split terms: no folding needed
        ("Lee Jae-myung said", "Lee Jae Myung said"),
    ],
)
def test_two_spellings_of_one_thing_give_the_same_terms(
    written: str, as_others_write_it: str
) -> None:
    assert terms(written) == terms(as_others_write_it)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Pyongyang fires missile", "North Korea fires missile"),  # a capital is not its state
        ("North Korea says", "South Korea says"),
        ("let us know", "let US know"),  # the pronoun is not the country
        ("actress Jun Ji-hyun", "actress June Ji-hyun"),  # "Jun" alone is a name, not June
        ("Seoul and Pusan", "Seoul and Incheon"),
    ],
)
def test_different_things_keep_different_terms(first: str, second: str) -> None:
    assert terms(first) != terms(second)


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rain flooded streets in Gwangju on Monday, officials said.",
        "The KW5 launcher and the BONUS plan",  # inside a word: no won, no US
        "Tell us what the UNICEF team saw in Busan.",
    ],
)
def test_text_without_any_variant_is_unchanged(text: str) -> None:
    assert fold_spellings(text) == text
