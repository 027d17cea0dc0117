"""The shared wording: clipping keeps a verbatim prefix, times are the destination's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.compose.wording import ELLIPSIS, clip, plural, when


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("short", 10),
        ("exactly ten", 11),
        ("the quick brown fox jumps over the lazy dog", 20),
        ("averyveryverylongwordwithoutanyspaceatall", 12),
        ("a b", 1),
        ("two  spaces  here and there", 9),
    ],
)
def test_clip_keeps_a_verbatim_prefix_within_the_limit(text: str, limit: int) -> None:
    clipped = clip(text, limit)
    assert len(clipped) <= limit
    if len(text) <= limit:
        assert clipped == text
    else:
        assert clipped.endswith(ELLIPSIS)
        assert text.startswith(clipped.removesuffix(ELLIPSIS))


def test_clip_prefers_a_word_boundary() -> None:
    assert clip("the quick brown fox jumps", 14) == "the quick" + ELLIPSIS


@pytest.mark.parametrize(
    ("moment", "year", "expected"),
    [
        (datetime(2018, 3, 6, 8, 0), True, "Tue 6 Mar 2018, 08:00 KST"),
        (datetime(2018, 3, 6, 8, 0), False, "Tue 6 Mar, 08:00 KST"),
        (datetime(2024, 12, 29, 18, 5), True, "Sun 29 Dec 2024, 18:05 KST"),
    ],
)
def test_when(moment: datetime, year: bool, expected: str) -> None:
    from zoneinfo import ZoneInfo

    assert when(moment.replace(tzinfo=ZoneInfo("Asia/Seoul")), year=year) == expected
    assert when(moment.replace(tzinfo=UTC), year=year) == expected.replace("KST", "UTC")


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "story", "1 story"),
        (7, "story", "7 stories"),
        (1, "outlet", "1 outlet"),
        (0, "outlet", "0 outlets"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected
