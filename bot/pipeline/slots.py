"""When a subscriber's digest is due and when it must stay quiet: local clock times, pure.

Times are local "HH:MM" in the subscription's timezone; the answers are aware datetimes, so
a digest at 08:00 Asia/Seoul is due at 23:00 UTC the day before, across DST changes too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.model import Subscription

EPOCH = datetime.min.replace(tzinfo=UTC)


def last_slot(times: Sequence[str], *, timezone: str, now: datetime) -> datetime | None:
    """The latest of the local `times` at or before `now` (today's or yesterday's), or None."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    candidates = [
        datetime.combine(today - timedelta(days=back), _clock(text), tzinfo=zone)
        for back in (0, 1)
        for text in times
    ]
    return max((moment for moment in candidates if moment <= now), default=None)


def due_slot(
    subscriptions: Sequence[Subscription], *, since: datetime, now: datetime
) -> datetime | None:
    """The digest time that has come after `since` for a destination, or None.

    A subscription's times count only from its creation: a new one waits for its next time.
    """
    slots = [
        slot
        for sub in subscriptions
        if (slot := last_slot(sub.times, timezone=sub.timezone, now=now)) is not None
        and slot >= (sub.created or EPOCH)
    ]
    latest = max(slots, default=None)
    return latest if latest is not None and latest > since else None


def is_quiet(subscriptions: Sequence[Subscription], *, now: datetime) -> bool:
    """True while `now` is inside the quiet hours of any of a destination's subscriptions."""
    return any(
        sub.quiet_hours is not None and in_hours(sub.quiet_hours, timezone=sub.timezone, now=now)
        for sub in subscriptions
    )


def in_hours(hours: tuple[str, str], *, timezone: str, now: datetime) -> bool:
    """('22:00', '07:00') holds 23:30 and 06:59 local, not 07:00 (the end is open)."""
    local = now.astimezone(ZoneInfo(timezone)).time()
    start, end = _clock(hours[0]), _clock(hours[1])
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def _clock(text: str) -> time:
    return datetime.strptime(text, "%H:%M").time()
