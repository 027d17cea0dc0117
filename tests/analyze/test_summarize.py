"""The offline summary: whole, verbatim sentences without boilerplate; an honest Korean fallback."""

from __future__ import annotations

import pytest

from bot.analyze.sentences import is_boilerplate, split_sentences
from bot.analyze.summarize import summarize

LAUNCH = (
    "SEOUL, March 6 (Yonhap) -- North Korea fired two short-range ballistic missiles into the "
    "East Sea on Tuesday, the Joint Chiefs of Staff said. The missiles flew about 400 kilometers "
    "before falling into waters off the east coast, the JCS said. It was the North's third "
    "launch this year, and came days before allied military drills. Seoul condemned the launch "
    "as a clear violation of U.N. Security Council resolutions."
)


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Kim met Dr. Lee on Jan. 4 in Seoul. They spoke for an hour.",
            ["Mr. Kim met Dr. Lee on Jan. 4 in Seoul.", "They spoke for an hour."],
        ),
        (
            "Talks with the U.S. resumed in Geneva. The U.S. envoy said little.",
            ["Talks with the U.S. resumed in Geneva.", "The U.S. envoy said little."],
        ),
        (
            "Officials briefed the U.S. The meeting ended early.",
            ["Officials briefed the U.S.", "The meeting ended early."],
        ),
        (
            "Surpluses with the U.S. in\n1986 will grow. Prices rose in the U.S. "
            "In Seoul, they fell.",
            [
                "Surpluses with the U.S. in\n1986 will grow.",
                "Prices rose in the U.S.",
                "In Seoul, they fell.",
            ],
        ),
        (
            'He said, "We will respond." Then he left.',
            ['He said, "We will respond."', "Then he left."],
        ),
        (
            "South Korea plans to keep\nits surplus below five billion dlrs,\nthe minister said.\n"
            "    He gave no details.",
            [
                "South Korea plans to keep\nits surplus below five billion dlrs,\n"
                "the minister said.",
                "He gave no details.",
            ],
        ),
        (
            "The breach affected 33.7 million accounts.However, the firm denied wrongdoing.",
            ["The breach affected 33.7 million accounts.", "However, the firm denied wrongdoing."],
        ),
        (
            "Shares of Binance.US fell 3.5 pct on Friday. Is it over? Nobody knows!",
            ["Shares of Binance.US fell 3.5 pct on Friday.", "Is it over?", "Nobody knows!"],
        ),
    ],
    ids=[
        "titles-months",
        "acronym-mid",
        "acronym-end",
        "acronym-lowercase-starter",
        "quote",
        "reuters-wrap",
        "glued",
        "marks",
    ],
)
def test_split_sentences_respects_abbreviations_quotes_and_wraps(
    text: str, expected: list[str]
) -> None:
    assert sentences_of(text) == expected


@pytest.mark.parametrize(
    ("line", "boilerplate"),
    [
        ("By John Smith", True),
        ("Read more: North Korea's missile program explained.", True),
        ("Check out what's clicking on FoxBusiness.com.", True),
        ("FOX Business' Tyler Olson contributed to this report.", True),
        ("Photo: Yonhap", True),
        ("(END)", True),
        ("AMAZON REPORTEDLY TOOK DOWN REVIEWS OF BOOK", True),
        ("■ 제보하기 ▷ 전화 : 02-781-1234", True),
        ("Sign up for our newsletter to get the morning brief.", True),
        ("North Korea fired two missiles on Tuesday, officials said.", False),
        ("SEOUL, March 6 (Yonhap) -- The talks ended without a deal.", False),
        ("Byun Sang-wook said the minister would resign.", False),
        ("This photo, released by the state media on Friday, shows a new launcher.", True),
        ("This undated picture, carried by the agency, shows the leader at a plant.", True),
        ("Kim inspects the shipyard in this photo released on Friday.", True),
        ("This policy, the minister said, will change how photos are licensed.", False),
    ],
)
def test_is_boilerplate(line: str, boilerplate: bool) -> None:
    assert is_boilerplate(line) is boilerplate


@pytest.mark.parametrize(
    ("noise", "kept_out"),
    [
        ("By John Smith\n\n", "By John Smith"),
        ("Check out what's clicking on FoxBusiness.com.\n\n", "Check out what's clicking"),
        ("\n\nRead more: How the missiles work.", "Read more"),
        ("\n\nReporting by Hyonhee Shin; Editing by Ed Davies.", "Reporting by"),
        ("\n\nThis article was originally written in Korean and translated.", "originally written"),
    ],
)
def test_summary_leaves_out_boilerplate_wherever_it_sits(noise: str, kept_out: str) -> None:
    text = noise + LAUNCH if noise.endswith("\n\n") else LAUNCH + noise
    summary = summarize("N. Korea fires two ballistic missiles", text)
    assert summary
    assert not any(kept_out in sentence for sentence in summary)


@pytest.mark.parametrize("max_sentences", [1, 2, 3])
def test_summary_is_whole_verbatim_sentences_in_article_order(max_sentences: int) -> None:
    summary = summarize("N. Korea fires missiles", LAUNCH, max_sentences=max_sentences)
    assert 1 <= len(summary) <= max_sentences
    positions = [LAUNCH.index(sentence) for sentence in summary]
    assert positions == sorted(positions)
    assert all(sentence in sentences_of(LAUNCH) for sentence in summary)
    assert all(sentence.rstrip("\"”'").endswith((".", "!", "?")) for sentence in summary)


def test_summary_starts_with_the_news_lead() -> None:
    summary = summarize("N. Korea fires two ballistic missiles", LAUNCH)
    assert summary[0].startswith("SEOUL, March 6 (Yonhap) -- North Korea fired")


@pytest.mark.parametrize(
    "text",
    [
        LAUNCH + " " + LAUNCH,  # a scraper that doubled the body
        "North Korea fired two missiles on Tuesday, officials said. " * 3 + LAUNCH,
        "(URGENT) North Korea fires two ballistic missiles into East Sea: JCS.\n\n" + LAUNCH,
    ],
    ids=["doubled-body", "repeated-sentence", "urgent-repeat"],
)
def test_summary_never_repeats_a_sentence(text: str) -> None:
    summary = summarize("N. Korea fires two ballistic missiles", text)
    assert len(summary) == len(set(summary))
    words = [set(sentence.lower().split()) for sentence in summary]
    for i, first in enumerate(words):
        for second in words[i + 1 :]:
            assert len(first & second) < 0.7 * min(len(first), len(second))


def test_photo_caption_with_credit_is_not_summary() -> None:
    text = (
        "A delivery truck is parked at a logistics center in Seoul on Sunday. (Yonhap)"
        "Coupang founder Bom Kim apologized on Sunday for the data breach that hit "
        "33.7 million accounts. He said he was deeply sorry for the fear it caused."
    )
    summary = summarize("Coupang founder apologizes", text)
    assert summary[0].startswith("Coupang founder Bom Kim apologized")
    assert not any("delivery truck" in sentence for sentence in summary)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "북한, 동해상으로 탄도미사일 발사",
            "북한이 6일 동해상으로 단거리 탄도미사일 2발을 발사했다고 합참이 밝혔다. "
            "미사일은 약 400㎞를 비행했다. 군은 추가 발사에 대비하고 있다.",
        ),
        (
            "쿠팡 창업자 사과",
            "김범석 쿠팡 의장이 개인정보 유출 사고에 대해 사과했다.\n\n(Yonhap) 끝.",
        ),
    ],
)
def test_hangul_text_gets_title_and_first_sentence(title: str, text: str) -> None:
    summary = summarize(title, text)
    assert summary == (title, text[: split_sentences(text)[0][1]])


@pytest.mark.parametrize("text", ["", "   ", "(END)", "By John Smith\n\nPhoto: Yonhap"])
def test_nothing_to_say_gives_an_empty_summary(text: str) -> None:
    assert summarize("A headline", text) == ()
