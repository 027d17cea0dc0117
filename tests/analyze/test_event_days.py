"""The day an article's event happened, as its lead names it, resolved against its listing date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.analyze.event_days import to_event_day

WEDNESDAY = datetime(2025, 12, 31, tzinfo=UTC)  # a date-only listing, as Naver gives them


@pytest.mark.parametrize(
    ("lead", "published", "day"),
    [
        ("KT announced the measures Tuesday at a briefing.", WEDNESDAY, date(2025, 12, 30)),
        ("The ministry said on Wednesday it would act.", WEDNESDAY, date(2025, 12, 31)),
        ("Coupang filed the results Monday (US time).", WEDNESDAY, date(2025, 12, 29)),
        ("Lawmakers met last Friday to discuss it.", WEDNESDAY, date(2025, 12, 26)),
        # a weekday the day after the listing: the outlet's clock is behind the event's
        ("North Korea fired missiles Thursday morning.", WEDNESDAY, date(2026, 1, 1)),
        ("The deal was signed on December 29 in Warsaw.", WEDNESDAY, date(2025, 12, 29)),
        ("It was announced on January 1, officials said.", datetime(2026, 1, 2), date(2026, 1, 1)),
        ("Prices rose in the year to December 31.", datetime(2026, 1, 2), date(2025, 12, 31)),
        # the first day named wins: it is the event; later ones are background
        ("The Cabinet met Tuesday, after a Sunday meeting.", WEDNESDAY, date(2025, 12, 30)),
        ("KT said Tuesday it will waive fees.", WEDNESDAY, date(2025, 12, 30)),
    ],
)
def test_the_first_day_the_lead_names_is_the_event_day(
    lead: str, published: datetime, day: date
) -> None:
    assert to_event_day(lead, published.replace(tzinfo=UTC)) == day


@pytest.mark.parametrize(
    "lead",
    [
        "SEOUL, December 30 (Yonhap) -- KT apologized to its customers.",  # a dateline
        "Fees are waived through January 13 for all customers.",  # a deadline
        "Lee will leave for Beijing next Sunday.",  # ahead
        "Lee will leave for Beijing on Sunday, his office said.",  # a plan
        "The vote, scheduled for Tuesday, was delayed.",
        "The fund has been open since Monday.",
        "The plan was first floated on June 3.",  # far from the listing: no event of the day
        "Officials said the talks went well.",  # no day at all
    ],
)
def test_datelines_deadlines_and_far_dates_name_no_event_day(lead: str) -> None:
    assert to_event_day(lead, WEDNESDAY) is None


def test_an_undated_article_has_no_event_day() -> None:
    assert to_event_day("KT announced the measures Tuesday.", None) is None


def test_only_the_lead_is_read() -> None:
    lead = "Officials said the talks went well. " * 20 + "They met on Tuesday."
    assert to_event_day(lead, WEDNESDAY) is None
