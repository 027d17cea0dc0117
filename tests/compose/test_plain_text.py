"""to_plain_text / alert_text: the terminal shape of DIGEST.md, exactly."""

from __future__ import annotations

import pytest

from bot.compose import alert_text, build_digest, to_plain_text
from tests.compose.builders import LONG_TEXT, NOW, item, quote_in

TEXT = 'Kim Yo Jong said "we are ready to talk" in a statement. ' + LONG_TEXT


def _digest(**kwargs):
    lead = item(
        "a",
        story="s1",
        source="Yonhap",
        title="North Korea offers talks",
        url="https://en.yna.co.kr/view/1",
        text=TEXT,
        summary=("North Korea offered talks.", "Seoul welcomed the offer."),
        quotes=(
            quote_in(
                TEXT,
                "we are ready to talk",
                speaker="Kim Yo Jong",
                title="sister of the North Korean leader",
            ),
        ),
    )
    others = [
        item(x, story="s1", source=s)
        for x, s in [("b", "Reuters"), ("c", "Korea Herald"), ("d", "AP"), ("e", "AFP")]
    ]
    single = item(
        "f",
        story="s2",
        source="NK News",
        title="Missile test",
        url=None,
        summary=("A missile flew.",),
        minutes_ago=10,
    )
    return build_digest([single, *others, lead], destination="C1", now=NOW, **kwargs)


def test_terminal_shape() -> None:
    assert to_plain_text(_digest()) == (
        "Korea brief · Tue 6 Mar 2018, 08:00 KST · 2 stories from 6 outlets\n"
        "\n"
        "1. North Korea offers talks  (Yonhap; also Reuters, Korea Herald +2)\n"
        "   North Korea offered talks. Seoul welcomed the offer.\n"
        "   “we are ready to talk” — Kim Yo Jong, sister of the North Korean leader\n"
        "   https://en.yna.co.kr/view/1\n"
        "\n"
        "2. Missile test  (NK News)\n"
        "   A missile flew.\n"
    )


def test_top_line_and_footer_frame_the_stories() -> None:
    text = to_plain_text(_digest(top_line="Talks are back.", footer="12 feeds polled"))
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[1] == "Talks are back."
    assert blocks[-1] == "12 feeds polled"


@pytest.mark.parametrize(
    ("stories", "expected"),
    [(0, "0 stories from 0 outlets"), (1, "1 story from 1 outlet")],
)
def test_counts_read_naturally(stories: int, expected: str) -> None:
    digest = build_digest([item(f"i{n}") for n in range(stories)], destination="C", now=NOW)
    assert to_plain_text(digest).splitlines()[0].endswith(expected)


def test_an_empty_digest_says_so() -> None:
    assert "No new Korea stories." in to_plain_text(build_digest([], destination="C", now=NOW))


@pytest.mark.parametrize("hostile", ["\x1b[2J", "\x07", "line\nbreak", "\x9b31m"])
def test_control_characters_from_feeds_never_reach_the_terminal(hostile: str) -> None:
    story_item = item("a", title=f"Title {hostile} end", summary=(f"Sum {hostile}.",))
    text = to_plain_text(build_digest([story_item], destination="C", now=NOW))
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in text)
    assert "Title" in text and "end" in text


def test_long_quote_is_trimmed_with_an_ellipsis_keeping_its_words() -> None:
    words = "we will " + "never give up our right to self-defence " * 20
    text = f'He said "{words}" today. ' + LONG_TEXT
    story_item = item("a", text=text, quotes=(quote_in(text, words, speaker="Kim"),))
    line = next(
        ln
        for ln in to_plain_text(build_digest([story_item], destination="C", now=NOW)).splitlines()
        if "“" in ln
    )
    shown = line.strip().split("”")[0].removeprefix("“")
    assert shown.endswith("…") and len(shown) < len(words)
    assert words.startswith(shown.removesuffix("…"))


def test_alert_is_one_story_prefixed_by_its_trigger() -> None:
    story = _digest().stories[0]
    text = alert_text(story, trigger="missiles")
    assert text.startswith("[missiles] North Korea offers talks  (Yonhap; also")
    assert "https://en.yna.co.kr/view/1" in text and "2." not in text
