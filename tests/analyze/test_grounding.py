"""Grounding: a model's names and numbers must come from the sources, however they are spelled."""

from __future__ import annotations

import pytest

from bot.analyze.grounding import extract_names, extract_numbers, find_ungrounded

SOURCE = (
    "President Yoon Suk Yeol said on Tuesday that North Korea had fired two ballistic "
    "missiles. Some 1,500 troops and 2.5 million dollars were involved, Yonhap reported. "
    "Kim Jong-un's sister did not comment. 합참은 3천명이 동원됐다고 밝혔다."
)


@pytest.mark.parametrize(
    ("text", "ungrounded"),
    [
        ("Yoon Suk Yeol says North Korea fired missiles.", ()),
        ("South Korean President Yoon's office spoke.", ()),  # generic words, possessive
        ("Kim Jong-un's sister stayed silent.", ()),
        ("Kim Jong Un's sister stayed silent.", ()),  # romanizations vary in hyphens
        ("N. Korea's Kim Jong-un is silent.", ()),
        ("Yonhap reported it, Tuesday.", ()),
        ("Tuesday Yonhap Editorial", ("Tuesday Yonhap Editorial",)),
        ("South Korean and Chinese troops.", ()),  # "Chinese" alone is no name run
        ("Russian Federation officials.", ("Russian Federation",)),
        ("Southeast Asian markets fell.", ("Southeast Asian",)),
        ("Moon Jae-in condemned the launch.", ("Moon Jae-in",)),
        ("Kim Yo Jong condemned the launch.", ("Kim Yo Jong",)),
        ("Yoon Suk Yeol met Joe Biden.", ("Joe Biden",)),
        ("It fired 2 missiles.", ()),  # "two" in the source
        ("It fired a second missile.", ()),  # ordinal word on both sides
        ("It fired 3 missiles.", ()),  # 3천 in the Korean sentence
        ("Some 1500 troops.", ()),
        ("Some 1,500.0 troops.", ()),
        ("Some １,５００ troops.", ()),  # full-width digits
        ("About 3,000 people were mobilized.", ()),  # 3천
        ("It cost $2.5 million.", ()),
        ("It cost $2,500,000.", ()),
        ("It cost $25 million.", ("25 million",)),
        ("It fired 4 missiles.", ("4",)),
        ("Some 15,000 troops.", ("15,000",)),
    ],
)
def test_names_and_numbers_must_come_from_the_sources(
    text: str, ungrounded: tuple[str, ...]
) -> None:
    assert find_ungrounded(text, sources=[SOURCE]) == ungrounded


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Southeast Asian markets fell.", "Markets in Southeast Asia fell."),
        ("Cheong Wa Dae said so.", "He began work at Cheong Wa Dae.It marks a new era."),
        ("Kim Jong-un watched.", "Kim Jong Un watched."),
        ("Lee Hye-hoon was named.", "Lee Hye-hoon was named."),
    ],
)
def test_spelling_variants_of_a_source_name_are_grounded(text: str, source: str) -> None:
    assert find_ungrounded(text, sources=[source]) == ()


def test_every_source_counts() -> None:
    sources = ["Yonhap said Kim Jong Un watched.", "Reuters counted 12 launchers."]
    assert find_ungrounded("Kim Jong Un watched 12 launchers.", sources=sources) == ()
    assert find_ungrounded("Kim Jong Un watched 12 launchers.", sources=sources[:1]) == ("12",)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Kim Jong Un met Vladimir Putin in Vladivostok.", ("Kim Jong Un", "Vladimir Putin")),
        ("The U.S. Forces Korea said so.", ("The U.S. Forces Korea",)),
        ("Seoul said nothing.", ()),  # one capitalized word is not a name run
        ("Kim, Yoon and Moon met.", ()),
    ],
)
def test_names_are_runs_of_capitalized_words(text: str, names: tuple[str, ...]) -> None:
    assert extract_names(text) == names


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("1,500", {"1500"}),
        ("2.50", {"2.5"}),
        ("007", {"7"}),
        ("3 million", {"3", "3000000"}),
        ("1.5 billion", {"1.5", "1500000000"}),
        ("2만", {"2", "20000"}),
        ("2 millionaires", {"2"}),
    ],
)
def test_numbers_have_one_spelling_per_value(text: str, forms: set[str]) -> None:
    [(_, found)] = extract_numbers(text)
    assert found == forms
