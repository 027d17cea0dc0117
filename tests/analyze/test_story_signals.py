"""Signals beside word overlap that decide story grouping: the day the event happened, the
names each headline is about, and figures that only count between reports of one subject."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.analyze.cluster import group_stories
from bot.analyze.story_pairs import to_vectors
from bot.analyze.story_profile import is_near_duplicate, to_profile, to_sketch
from bot.model import Article
from tests.analyze.test_cluster import article, background

LISTED = datetime(2025, 12, 30, tzinfo=UTC)  # a portal listing: the date, no time
YONHAP = Article(
    id="yna",
    title="KT to waive cancellation penalties after hacking breach",
    text=(
        "KT Corp. said Tuesday it will waive contract cancellation penalties for all mobile "
        "customers until mid-January, taking responsibility for a hacking breach that exposed "
        "subscriber data. Chief Executive Kim Young-shub apologized at a briefing."
    ),
    published=LISTED,
)


def next_day_report(day_named: str) -> Article:
    """Another outlet's report, listed the next day, of what happened on `day_named`."""
    return Article(
        id="mk",
        title="KT lets users quit without fees after breach",
        text=(
            "KT Corp. will let mobile customers cancel contracts without penalties through "
            f"Jan. 13, the carrier announced {day_named}, apologizing for the hacking breach. "
            "Chief Executive Kim Young-shub bowed before reporters."
        ),
        published=LISTED + timedelta(days=1),
    )


@pytest.mark.parametrize(
    ("day_named", "together"),
    [
        ("Tuesday", True),  # the same announcement, listed a day later: no day has passed
        ("Wednesday", False),  # a step the day after: a day has passed, as the listings say
    ],
)
def test_the_day_the_leads_name_decides_how_far_apart_two_reports_are(
    day_named: str, together: bool
) -> None:
    keys = group_stories([YONHAP, next_day_report(day_named), *background()])
    assert (keys[0] == keys[1]) is together


def test_a_day_named_two_days_on_is_a_follow_up_recalling_it() -> None:
    """A report published two days after the announcement that names its day ("the fee
    waiver announced Tuesday") is a later story looking back, not another report of it."""
    later = next_day_report("Tuesday")
    follow_up = Article(
        id=later.id, title=later.title, text=later.text, published=LISTED + timedelta(hours=44)
    )
    keys = group_stories([YONHAP, follow_up, *background()])
    assert keys[0] != keys[1]


def rate_decision(key: str, title: str) -> Article:
    subject = title.split(" ")[0]
    text = (
        f"The central bank of {subject} raised its key rate by 25 basis points to 1.75% on "
        f"Thursday, tracking the Federal Reserve. Officials in {subject} said inflation "
        "remained elevated."
    )
    return article(key, title, text, hours=0.5)


def test_a_figure_shared_by_reports_about_different_subjects_joins_nothing() -> None:
    """Two countries following the Fed both quote its new rate; that makes them one template,
    not one event."""
    kuwait = rate_decision("kuwait", "Kuwait hikes rates after Fed")
    bahrain = rate_decision("bahrain", "Bahrain lifts borrowing costs in line with Fed")
    keys = group_stories([kuwait, bahrain, *background()])
    assert keys[0] != keys[1]


def earnings_note(key: str, company: str, ticker: str, eps: str, expected: str) -> Article:
    return article(
        key,
        f"{company} earnings above expectations at {eps} USD",
        f"{company} ({ticker}) released earnings per share at {eps} USD, compared to market "
        f"expectations of {expected} USD.",
        hours=0.2,
    )


def test_a_name_opening_the_text_is_a_name() -> None:
    """Data-release notes name their subject only as the first word; two notes on two
    companies are two stories however alike their template."""
    uber = earnings_note("uber", "Uber", "UBER", "0.44", "0.30")
    oreilly = earnings_note("oreilly", "Oreilly", "ORLY", "7.64", "6.04")
    assert "uber" in to_profile(uber).headline_names
    keys = group_stories([uber, oreilly, *background()])
    assert keys[0] != keys[1]


def test_a_sentence_opener_written_in_lower_case_elsewhere_is_no_name() -> None:
    text = "Officials closed the port. Dock officials said it would reopen on Monday."
    profile = to_profile(article("port", "Officials close Busan port", text))
    assert "official" not in profile.headline_names


def test_a_headline_repeated_in_the_text_makes_no_names() -> None:
    """Yonhap's text repeats slug and headline before the dateline; the headline's words
    are capitalized there because they are a headline."""
    title = "Solemn memorial marks Jeju Air tragedy on first anniversary"
    text = (
        f"Jeju Air crash-memorial {title} By Kim Seung-yeon MUAN, Dec. 29 (Yonhap) -- "
        "Bereaved families gathered Monday for a solemn memorial for the Jeju Air victims."
    )
    names = to_profile(article("memorial", title, text)).headline_names
    assert "solemn" not in names
    assert {"jeju", "air"} <= names


def test_a_word_repeated_weighs_less_than_its_count() -> None:
    """Every central-bank story says "rate" again and again; the one name that says whose
    decision it was must still weigh in the comparison."""
    note = article("note", "Kuwait rate", "Rate rose. Rate, rate and rate again.")
    other = article("other", "Typhoon nears", "A typhoon neared Okinawa.")
    vector = to_vectors([to_profile(note), to_profile(other)])[0]
    # "rate": headline twice + lead four times; "kuwait": headline twice (same idf)
    assert vector["kuwait"] < vector["rate"] < 3 * vector["kuwait"]


URGENT = (
    "North Korea fired a short-range ballistic missile into the East Sea on Sunday morning, "
    "South Korea's Joint Chiefs of Staff said, in its first launch this year."
)
LEAD_TEXT = (
    "Seoul's military raised its alert after the launch from the Pyongyang area. "
    + URGENT
    + " The missile flew about 900 kilometers before splashing down, officials added, and "
    "Japan's defense ministry said it landed outside its exclusive economic zone. The launch "
    "was the North's first this year and came days before a planned summit in Beijing."
)
OTHER_LAUNCH = (
    "Seoul's military raised its alert after the launch from the Pyongyang area. North Korea "
    "test-fired two cruise missiles over the Yellow Sea on Wednesday, a week after a drill, "
    "and state media said leader Kim Jong Un watched the test with his daughter."
)


def sketch_of(text: str) -> tuple[int, ...]:
    return to_sketch(to_profile(article("x", "", text)))


@pytest.mark.parametrize(
    ("first", "second", "versions"),
    [
        (URGENT, LEAD_TEXT, True),  # the one-liner is all in the fuller version
        (LEAD_TEXT, LEAD_TEXT.replace("Seoul's military", "The South's military"), True),
        (LEAD_TEXT, OTHER_LAUNCH, False),  # one background sentence in common is no copy
        ("Missile fired.", LEAD_TEXT, False),  # too short to say it is a copy
    ],
    ids=["urgent-in-lead", "new-first-words", "shared-background", "too-short"],
)
def test_a_text_found_whole_in_another_is_a_version_of_it(
    first: str, second: str, versions: bool
) -> None:
    assert is_near_duplicate(sketch_of(first), sketch_of(second)) is versions
