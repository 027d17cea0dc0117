"""When a subscriber's digest is due and when quiet hours hold it back, in local time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.model import Subscription
from bot.pipeline.slots import due_slot, in_hours, is_quiet, last_slot

SEOUL = ZoneInfo("Asia/Seoul")
LONG_AGO = datetime(2026, 3, 1, tzinfo=SEOUL)


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SEOUL)


def follows(
    *times: str,
    created: datetime = LONG_AGO,
    timezone: str = "Asia/Seoul",
    quiet: tuple[str, str] | None = None,
) -> Subscription:
    return Subscription(
        id="s",
        destination="slack:channel:C1",
        kind="topic",
        value="nuclear",
        times=times,
        timezone=timezone,
        quiet_hours=quiet,
        created=created,
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (seoul(6, 8, 0), seoul(6, 8, 0)),  # the minute itself counts
        (seoul(6, 7, 59), seoul(5, 18, 0)),  # before the first time today: yesterday's last
        (seoul(6, 17, 30), seoul(6, 8, 0)),
        (seoul(6, 23, 59), seoul(6, 18, 0)),
    ],
)
def test_the_last_slot_is_the_latest_local_time_at_or_before_now(
    now: datetime, expected: datetime
) -> None:
    at = last_slot(("08:00", "18:00"), timezone="Asia/Seoul", now=now.astimezone(UTC))
    assert at == expected


def test_no_times_no_slot() -> None:
    assert last_slot((), timezone="Asia/Seoul", now=seoul(6, 9)) is None


def test_slots_follow_the_subscribers_own_zone_across_a_dst_change() -> None:
    # New York moved to summer time on 8 March 2026: 08:00 local is 13:00 UTC before, 12:00 after.
    before = last_slot(
        ("08:00",), timezone="America/New_York", now=datetime(2026, 3, 7, 14, tzinfo=UTC)
    )
    after = last_slot(
        ("08:00",), timezone="America/New_York", now=datetime(2026, 3, 9, 14, tzinfo=UTC)
    )
    assert before is not None and before.astimezone(UTC).hour == 13
    assert after is not None and after.astimezone(UTC).hour == 12


@pytest.mark.parametrize(
    ("subscriptions", "since", "now", "expected"),
    [
        ([follows("08:00")], seoul(5, 8, 1), seoul(6, 8, 0), seoul(6, 8, 0)),
        ([follows("08:00")], seoul(6, 8, 1), seoul(6, 9, 0), None),  # already served
        ([follows("08:00")], seoul(4, 8, 1), seoul(6, 9, 0), seoul(6, 8, 0)),  # downtime: one
        ([follows("08:00", created=seoul(6, 8, 30))], seoul(6, 8, 30), seoul(6, 9, 0), None),
        ([follows()], seoul(1, 0), seoul(6, 9, 0), None),  # instant only: no digest times
        (
            [follows("08:00"), follows("12:00", timezone="UTC")],
            seoul(6, 8, 1),
            seoul(6, 21, 0),
            seoul(6, 21, 0),  # 12:00 UTC is 21:00 in Seoul
        ),
    ],
)
def test_a_digest_is_due_when_a_time_has_come_since_the_last_one(
    subscriptions: list[Subscription], since: datetime, now: datetime, expected: datetime | None
) -> None:
    assert due_slot(subscriptions, since=since, now=now) == expected


@pytest.mark.parametrize(
    ("hours", "local", "expected"),
    [
        (("22:00", "07:00"), (23, 30), True),
        (("22:00", "07:00"), (6, 59), True),
        (("22:00", "07:00"), (7, 0), False),  # the end is open
        (("22:00", "07:00"), (12, 0), False),
        (("12:00", "14:00"), (13, 0), True),
        (("12:00", "14:00"), (14, 30), False),
    ],
)
def test_quiet_hours_may_cross_midnight(
    hours: tuple[str, str], local: tuple[int, int], expected: bool
) -> None:
    now = seoul(6, *local).astimezone(UTC)
    assert in_hours(hours, timezone="Asia/Seoul", now=now) is expected


def test_a_destination_is_quiet_when_any_of_its_subscriptions_is() -> None:
    night = follows("08:00", quiet=("22:00", "07:00"))
    assert is_quiet([follows("08:00"), night], now=seoul(6, 23))
    assert not is_quiet([follows("08:00"), night], now=seoul(6, 12))
    assert not is_quiet([follows("08:00")], now=seoul(6, 23))
