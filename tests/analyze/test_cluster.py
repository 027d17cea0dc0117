"""Story grouping: one key per event, whatever the outlet, and never one key for two events."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.analyze.cluster import assign_stories, group_stories, pair_scores
from bot.analyze.story_profile import to_profile
from bot.model import Article

T0 = datetime(2026, 1, 4, 8, 0, tzinfo=UTC)

# Unrelated news of the same days: what a real batch always contains, and what gives
# rare words (names, places, numbers) their weight.
BACKGROUND = [
    ("bg-kospi", "Seoul shares close higher on chip gains",
     "Seoul shares closed higher on Monday as chipmakers rallied. The KOSPI rose 1.2 percent."),
    ("bg-fed", "Fed holds rates steady, signals patience",
     "The Federal Reserve left interest rates unchanged on Wednesday and signalled patience."),
    ("bg-kpop", "BTS announces world tour dates for spring",
     "BTS said it would begin a world tour in April, with stops in Seoul, Tokyo and Los Angeles."),
    ("bg-rice", "Rice prices climb as harvest disappoints",
     "Asian rice prices climbed to a two-year high after a poor harvest in Thailand and Vietnam."),
    ("bg-ev", "Hyundai unveils electric SUV for European market",
     "Hyundai Motor unveiled a compact electric SUV aimed at European buyers on Tuesday."),
    ("bg-storm", "Typhoon forces flight cancellations in Okinawa",
     "Airlines cancelled more than 200 flights in Okinawa as a typhoon approached the islands."),
]  # fmt: skip


def article(key: str, title: str, text: str, hours: float | None = 0.0) -> Article:
    when = None if hours is None else T0 + timedelta(hours=hours)
    return Article(id=key, title=title, text=text, published=when)


def background(hours: float = 0.0) -> list[Article]:
    return [article(key, title, text, hours) for key, title, text in BACKGROUND]


LAUNCH_TEXT = (
    "North Korea fired a ballistic missile toward the East Sea on Sunday from the Pyongyang "
    "area, South Korea's Joint Chiefs of Staff said. The missile flew about 900 kilometers "
    "before splashing down, the JCS said, calling it a grave provocation."
)
SCENARIOS = {
    "near-duplicate": (
        article("yna-1", "N. Korea fires ballistic missile into East Sea: JCS", LAUNCH_TEXT),
        article(
            "yna-2",
            "(LEAD) N. Korea fires ballistic missile into East Sea: JCS",
            LAUNCH_TEXT + " It was the North's first launch this year. Japan also protested.",
            hours=1.5,
        ),
    ),
    "paraphrased-headline": (
        article("yna-1", "N. Korea fires ballistic missile into East Sea: JCS", LAUNCH_TEXT),
        article(
            "reu-1",
            "Pyongyang launches missile as Seoul warns of provocation",
            "North Korea launched a ballistic missile from near Pyongyang into the East Sea on "
            "Sunday, South Korea's Joint Chiefs of Staff said, with the missile travelling some "
            "900 kilometers. Seoul's JCS condemned the launch as a provocation.",
            hours=3,
        ),
    ),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_reports_of_one_event_share_a_key(scenario: str) -> None:
    first, second = SCENARIOS[scenario]
    keys = group_stories([first, second, *background()])
    assert keys[0] == keys[1] == first.id
    assert len(set(keys[2:])) == len(BACKGROUND)
    assert keys[0] not in keys[2:]


WEEK_LATER = article(
    "yna-9",
    "N. Korea fires ballistic missile into East Sea: JCS",
    LAUNCH_TEXT.replace("Sunday", "Saturday"),
    hours=24 * 7,
)


def copy_of_lead(hours: float) -> Article:
    second = SCENARIOS["near-duplicate"][1]
    return article("copy", second.title, second.text, hours=hours)


@pytest.mark.parametrize(
    ("later", "window_hours", "together"),
    [
        (WEEK_LATER, 48, False),  # two launches a week apart are two stories
        (copy_of_lead(1.5), 1, False),  # a window shorter than the gap splits even copies
        (copy_of_lead(1.5), 48, True),
        (copy_of_lead(40), 48, True),  # an update the next day still joins
        (copy_of_lead(50), 48, False),  # ...but not once the window has passed
    ],
)
def test_the_window_decides_whether_reports_can_join(
    later: Article, window_hours: float, together: bool
) -> None:
    first = SCENARIOS["near-duplicate"][0]
    keys = group_stories([first, later, *background()], window_hours=window_hours)
    assert (keys[0] == keys[1]) is together


@pytest.mark.parametrize(
    ("first_title", "second_title"),
    [
        ("Kuwait hikes rates after Fed", "Bahrain lifts borrowing costs in line with Fed"),
        ("Uber earnings above expectations", "O'Reilly earnings above expectations"),
    ],
)
def test_template_reports_about_different_subjects_stay_apart(
    first_title: str, second_title: str
) -> None:
    def report(key: str, title: str) -> Article:
        subject = title.split(" ")[0]
        text = (
            f"Officials in {subject} raised the key rate by 25 basis points on Thursday, "
            f"following the Federal Reserve. The central bank of {subject} said inflation "
            "remained elevated and it would act as needed."
        )
        return article(key, title, text, hours=0.5)

    keys = group_stories([report("a", first_title), report("b", second_title), *background()])
    assert keys[0] != keys[1]


def test_grouping_is_deterministic_and_order_free() -> None:
    articles = [*SCENARIOS["paraphrased-headline"], WEEK_LATER, *background(2)]
    expected = dict(zip([a.id for a in articles], group_stories(articles), strict=True))
    shuffled = articles[:]
    random.Random(7).shuffle(shuffled)
    again = dict(zip([a.id for a in shuffled], group_stories(shuffled), strict=True))
    assert again == expected


def test_articles_without_a_date_count_as_same_time() -> None:
    first, second = SCENARIOS["near-duplicate"]
    undated = article(second.id, second.title, second.text, hours=None)
    keys = group_stories([first, undated, *background()], window_hours=1)
    assert keys[0] == keys[1]


def test_new_report_joins_the_recent_story_and_keeps_its_key() -> None:
    first, second = SCENARIOS["paraphrased-headline"]
    recent = [(first, "story-launch"), *((a, f"story-{a.id}") for a in background())]
    assert assign_stories([second], recent) == ["story-launch"]


def test_new_event_gets_a_new_key_from_its_first_article() -> None:
    first, _ = SCENARIOS["near-duplicate"]
    recent = [(first, "story-launch"), *((a, f"story-{a.id}") for a in background())]
    later_copy = article("yna-10", WEEK_LATER.title, WEEK_LATER.text, hours=24 * 7 + 1)
    keys = assign_stories([later_copy, WEEK_LATER], recent)
    assert keys == [WEEK_LATER.id, WEEK_LATER.id]


def test_recent_stories_never_merge_with_each_other() -> None:
    first, second = SCENARIOS["near-duplicate"]
    bridge = article("yna-3", first.title, LAUNCH_TEXT, hours=1)
    keys = assign_stories([bridge], [(first, "story-a"), (second, "story-b"), *[
        (a, f"story-{a.id}") for a in background()
    ]])  # fmt: skip
    assert keys[0] in {"story-a", "story-b"}


def test_analyze_exports_grouping_and_summary() -> None:
    import bot.analyze

    names = {"group_stories", "assign_stories", "summarize", "split_sentences"}
    assert names <= set(bot.analyze.__all__)
    assert bot.analyze.group_stories is group_stories


def market_close(key: str, title: str, lead: str) -> Article:
    return article(key, title, lead, hours=2)


KOSPI_YONHAP = market_close(
    "kospi-yna",
    "KOSPI closes the year with its best return since the dot-com bubble",
    "South Korea's benchmark index ended the final session at 4,214.17, data showed, "
    "capping an annual gain of 75.6 percent led by chipmakers.",
)


@pytest.mark.parametrize(
    ("close", "gain", "together"),
    [
        ("4,214.17", "75.6", True),  # the same figures: one market close, however worded
        ("2,398.04", "18.7", False),  # other figures: another session
    ],
)
def test_shared_specific_figures_join_differently_worded_reports(
    close: str, gain: str, together: bool
) -> None:
    other = market_close(
        "kospi-jad",
        "Kospi finishes the year strong",
        f"The Kospi surged to finish the year at {close}, a {gain} percent rise that ranks "
        "first among major markets, at a closing ceremony in Busan.",
    )
    keys = group_stories([KOSPI_YONHAP, other, *background()])
    assert (keys[0] == keys[1]) is together


@pytest.mark.parametrize("new_count", [1, 2, 3])
def test_incremental_scoring_never_compares_two_stored_articles(new_count: int) -> None:
    first, second = SCENARIOS["near-duplicate"]
    copies = [article(f"copy-{n}", first.title, first.text, hours=n) for n in range(4)]
    profiles = [to_profile(a) for a in [*copies, first, second]]
    pairs = pair_scores(profiles, new=new_count)
    assert pairs  # the copies are alike: something was scored
    assert all(i < new_count for i, _ in pairs)
