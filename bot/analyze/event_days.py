"""The day an article's event happened, read from its lead: "said Tuesday", "on Dec. 29".

A publication time says when a report was listed, not when its event happened: a Korean
portal lists by date only, a weekly paper reports Monday's decision on Wednesday, and one
outlet's midnight is another's afternoon. Reports of one event name the same day in their
first sentences ("KT announced the measures Tuesday"), while the next step of a saga names
the next day. The first weekday or date the lead names, resolved against the publication
date, is that day, unless the lead names it as a plan ("will visit Beijing on Sunday").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

LEAD_CHARS = 600  # the dateline and first sentence or two
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# A weekday or a month-and-day, unless it looks ahead ("next Monday", "until Jan. 13") or
# is a dateline ("SEOUL, Jan. 4 (Yonhap) --"), which dates the writing, not the event.
_DAY = re.compile(
    r"(?<!next )(?<!until )(?<!through )(?<!by )(?<!from )(?<!since )(?<!before )"
    r"\b(?:(" + "|".join(_WEEKDAYS) + r")|(" + "|".join(_MONTHS) + r") (\d{1,2})\b(?! \())",
    re.IGNORECASE,
)
_AHEAD = re.compile(r"\b(?:will|to be held|scheduled|set to|due to|plans? to)\b[^.]*$")
_AHEAD_CHARS = 60  # a clause before the day
_LATEST = 1  # an event can be dated a day after its listing (time zones, early listings)
_EARLIEST = 6  # ...and up to six days before it (a weekday: five, so none is ambiguous)


def to_event_day(text: str, published: datetime | None) -> date | None:
    """Text (spellings folded) and its publication time -> the day its event happened,
    or None when the lead names no day or the article has no date."""
    if published is None:
        return None
    listed = published.date()
    lead = text[:LEAD_CHARS]
    for match in _DAY.finditer(lead):
        if _AHEAD.search(lead, max(0, match.start() - _AHEAD_CHARS), match.start()):
            return None  # "will visit Beijing on Sunday": the lead is about a plan
        weekday, month, day = match.groups()
        found = _weekday(listed, weekday) if weekday else _month_day(listed, month, day)
        if found is not None:
            return found
    return None


def _weekday(listed: date, name: str) -> date:
    """The day of that name from five days before the listing to one day after it."""
    back = (listed.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return listed - timedelta(days=back - 7 if back > 7 - _LATEST - 1 else back)


def _month_day(listed: date, month: str, day: str) -> date | None:
    """A month and day near the listing (in its year or the next/previous one), if any."""
    for year in (listed.year, listed.year - 1, listed.year + 1):
        try:
            found = date(year, _MONTHS.index(month.lower()) + 1, int(day))
        except ValueError:
            return None
        if -_LATEST <= (listed - found).days <= _EARLIEST:
            return found
    return None
