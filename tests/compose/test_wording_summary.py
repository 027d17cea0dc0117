"""The summary line under a headline: whitespace folded, no quote read twice."""

from __future__ import annotations

import pytest

from bot.compose.wording import summary_text
from bot.model import Quote, Story


def story(summary: tuple[str, ...], quotes: tuple[Quote, ...] = ()) -> Story:
    return Story(id="s", items=(), headline="h", summary=summary, quotes=quotes)


QUOTE = Quote(quote="We will respond firmly", start=0, end=22, speaker="Kim", key=True)


@pytest.mark.parametrize(
    ("summary", "quotes", "expected"),
    [
        (("Seoul said\non Friday it\nwould act.",), (), "Seoul said on Friday it would act."),
        (("One.", "Two."), (), "One. Two."),
        (
            ("Seoul acted.", '"We will respond firmly," Kim said.'),
            (QUOTE,),
            "Seoul acted.",
        ),
        (('"We will respond firmly," Kim said.',), (QUOTE,), '"We will respond firmly," Kim said.'),
        (("  ", "Only."), (), "Only."),
    ],
)
def test_summary_text(summary: tuple[str, ...], quotes: tuple[Quote, ...], expected: str) -> None:
    assert summary_text(story(summary, quotes)) == expected
