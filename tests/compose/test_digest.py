"""build_digest: one story per event, the most informative lead, a stable ranking."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime

import pytest

from bot.compose import build_digest
from bot.compose.digest import why
from bot.errors import ConfigError
from bot.model import Evidence
from tests.compose.builders import LONG_TEXT, NOW, item, quote_in

QUOTED = 'Moon said "peace is within reach" on Monday. ' + LONG_TEXT


def _quote(
    words: str = "peace is within reach",
    *,
    speaker: str | None = "Moon Jae-in",
    key: bool = True,
    text: str = QUOTED,
):
    return quote_in(text, words, speaker=speaker, title="South Korean President", key=key)


def test_items_of_one_event_become_one_story_listing_every_outlet() -> None:
    items = [
        item("a", story="s1", source="Yonhap"),
        item("b", story="s1", source="Reuters", minutes_ago=30),
        item("c", story="s1", source="Korea Herald", minutes_ago=90),
        item("d", story="s2", source="NK News"),
    ]
    digest = build_digest(items, destination="C1", now=NOW)
    assert [len(story.items) for story in digest.stories] == [3, 1]
    assert set(digest.stories[0].outlets) == {"Yonhap", "Reuters", "Korea Herald"}


@pytest.mark.parametrize(
    ("items", "expected_ids"),
    [
        ([item("a", korea=False), item("b")], ["article:b"]),
        ([item("a", story="s"), item("a", story="s")], ["s"]),
        ([item("a"), item("b")], ["article:a", "article:b"]),
    ],
    ids=["not-korea-dropped", "same-article-once", "unkeyed-items-stay-apart"],
)
def test_which_items_become_stories(items, expected_ids) -> None:
    digest = build_digest(items, destination="C1", now=NOW)
    assert sorted(story.id for story in digest.stories) == expected_ids
    assert sum(len(story.items) for story in digest.stories) == len(expected_ids)


@pytest.mark.parametrize(
    ("winner", "loser"),
    [
        (item("w", text=LONG_TEXT), item("l", text="Teaser with more words? No.")),
        (item("w", text=QUOTED, quotes=(_quote(),)), item("l", text=LONG_TEXT * 2)),
        (item("w", text=LONG_TEXT * 2), item("l", text=LONG_TEXT)),
        (item("w", minutes_ago=90), item("l", minutes_ago=30)),
        (item("w", text=LONG_TEXT * 2), item("l", text=QUOTED, quotes=(_quote(speaker=None),))),
    ],
    ids=[
        "substantial-beats-teaser",
        "key-quotes-beat-length",
        "longer",
        "earlier-among-equals",
        "unattributed-quote-counts-for-nothing",
    ],
)
def test_the_lead_is_the_most_informative_article(winner, loser) -> None:
    for order in ([winner, loser], [loser, winner]):
        group = [_in_story(x, "s") for x in order]
        story = build_digest(group, destination="C1", now=NOW).stories[0]
        assert story.lead.article.id == "w"
        assert story.headline == "Headline w"


def _in_story(story_item, key):
    return replace(story_item, assessment=replace(story_item.assessment, story=key))


def test_key_quotes_lead_first_attributed_only_each_words_once_at_most_two() -> None:
    other = 'Trump said "we will see" and "peace is within reach" and "talks go on". ' + LONG_TEXT
    lead = item("lead", story="s", text=QUOTED * 2, quotes=(_quote(),))
    second = item(
        "second",
        story="s",
        source="Reuters",
        text=other,
        quotes=(
            quote_in(other, "we will see", speaker=None, key=True),
            quote_in(other, "peace is within reach", speaker="Trump", key=True),
            quote_in(other, "talks go on", speaker="Trump", key=False),
            quote_in(other, "we will see", speaker="Trump", key=True),
        ),
    )
    story = build_digest([second, lead], destination="C1", now=NOW).stories[0]
    assert [q.quote for q in story.quotes] == ["peace is within reach", "we will see"]
    assert story.quote_sources == ("lead", "second")
    for quote, source in zip(story.quotes, story.quote_sources, strict=True):
        text = next(i.article.text for i in story.items if i.article.id == source)
        assert text[quote.start : quote.end] == quote.quote


def test_one_statement_translated_by_two_outlets_is_shown_once() -> None:
    first = 'Choi said "we have thoroughly inspected the reactor safety on scientific grounds". '
    second = (
        'Choi said "reactor safety was thoroughly verified on scientific and technical grounds" '
        'and "commercial operation will begin next spring". '
    )
    lead = item(
        "lead",
        story="s",
        text=first + LONG_TEXT * 2,
        quotes=(
            quote_in(
                first,
                "we have thoroughly inspected the reactor safety on scientific grounds",
                speaker="Choi",
                key=True,
            ),
        ),
    )
    other = item(
        "other",
        story="s",
        source="Reuters",
        text=second + LONG_TEXT,
        quotes=(
            quote_in(
                second,
                "reactor safety was thoroughly verified on scientific and technical grounds",
                speaker="Choi",
                key=True,
            ),
            quote_in(
                second, "commercial operation will begin next spring", speaker="Choi", key=True
            ),
        ),
    )
    story = build_digest([other, lead], destination="C1", now=NOW).stories[0]
    assert [q.quote for q in story.quotes] == [
        "we have thoroughly inspected the reactor safety on scientific grounds",
        "commercial operation will begin next spring",
    ]


def test_topics_are_the_union_lead_first() -> None:
    items = [
        item("a", story="s", topics=("nuclear", "diplomacy"), text=LONG_TEXT * 2),
        item("b", story="s", topics=("sanctions", "nuclear")),
    ]
    assert build_digest(items, destination="C1", now=NOW).stories[0].topics == (
        "nuclear",
        "diplomacy",
        "sanctions",
    )


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (
            [Evidence("Kim Jong Un", "title", 1, 3.0), Evidence("Pyongyang", "body", 4, 0.5)],
            "Kim Jong Un (title), Pyongyang ×4",
        ),
        ([Evidence("Seoul", "lead", 1, 1.0), Evidence("Seoul", "body", 2, 1.0)], "Seoul ×3"),
        (
            [Evidence(t, "body", 1, w) for t, w in [("a", 1), ("b", 4), ("c", 3), ("d", 2)]],
            "b, c, d",
        ),
        ([], ""),
    ],
    ids=["title-and-count", "counts-add-up", "heaviest-three", "none"],
)
def test_why_is_compact_evidence(evidence, expected) -> None:
    assert why(evidence) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ([item("x1", story="x"), item("x2", story="x", source="Reuters")], [item("y", score=0.99)]),
        ([item("x", score=0.9)], [item("y", score=0.5)]),
        ([item("x", minutes_ago=5)], [item("y", minutes_ago=50)]),
    ],
    ids=["more-outlets", "higher-score", "newer"],
)
def test_ranking(first, second) -> None:
    for items in itertools.permutations(first + second):
        stories = build_digest(list(items), destination="C1", now=NOW).stories
        assert stories[0].items[0].article.id.startswith("x")


def test_same_items_same_digest_in_any_order() -> None:
    items = [item(f"i{n}", story=f"s{n % 3}", minutes_ago=n * 7, source=f"O{n}") for n in range(6)]
    digests = {
        build_digest(list(p), destination="C", now=NOW) for p in itertools.permutations(items)
    }
    assert len(digests) == 1


@pytest.mark.parametrize("max_stories", [0, 1, 3, 10])
def test_at_most_max_stories(max_stories: int) -> None:
    items = [item(f"i{n}") for n in range(5)]
    digest = build_digest(items, destination="C1", now=NOW, max_stories=max_stories)
    assert len(digest.stories) == min(max_stories, 5)


def test_digest_carries_destination_time_and_lines() -> None:
    digest = build_digest(
        [item("a")],
        destination="C9",
        now=NOW,
        timezone="Europe/London",
        top_line=" Talks resume. ",
        footer="12 feeds polled",
    )
    assert (digest.destination, digest.created, digest.timezone) == ("C9", NOW, "Europe/London")
    assert (digest.top_line, digest.footer) == ("Talks resume.", "12 feeds polled")


def test_bad_inputs_are_refused_with_a_reason() -> None:
    with pytest.raises(ConfigError, match="timezone"):
        build_digest([], destination="C1", now=NOW, timezone="Mars/Olympus")
    with pytest.raises(ValueError, match="aware"):
        build_digest([], destination="C1", now=datetime(2018, 3, 6, 8))
