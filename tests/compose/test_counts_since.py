"""The digest's count line says since when, in the reader's timezone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.compose.wording import counts
from bot.model import Digest

CREATED = datetime(2026, 3, 6, 23, 0, tzinfo=UTC)  # 08:00 KST on 7 Mar


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (None, "0 stories from 0 outlets"),
        (datetime(2026, 3, 6, 22, 0, tzinfo=UTC), "0 stories from 0 outlets since 07:00"),
        (datetime(2026, 3, 6, 9, 0, tzinfo=UTC), "0 stories from 0 outlets since Fri 18:00"),
    ],
)
def test_counts_name_the_previous_digest(since: datetime | None, expected: str) -> None:
    digest = Digest(
        destination="d", created=CREATED, timezone="Asia/Seoul", stories=(), since=since
    )
    assert counts(digest) == expected
