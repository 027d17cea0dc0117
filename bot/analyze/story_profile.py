"""What story grouping knows of one article, and how alike two articles are.

Similarity is TF-IDF cosine over the cleaned headline (counted twice) and the lead, with
names, abbreviations and units in one spelling, because outlets paraphrase headlines but
report the same names, places and numbers up front. Two signals adjust it: near-duplicate
text (a republished or updated version) lifts it, and a conflict of names (each headline
names someone or something the other article never mentions, as in "Kuwait hikes" vs
"Bahrain hikes") cuts it to a quarter. Time between two reports is counted in days between
their events: the days their leads name, when that explains a listing a day apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from bot.analyze.event_days import to_event_day
from bot.analyze.shingles import (
    clean_headline,
    containment,
    resemblance,
    sketch,
    to_stem,
    to_terms,
)
from bot.analyze.spellings import fold_spellings
from bot.model import Article

LEAD_CHARS = 800  # about the first three sentences: who, what, where, when
BODY_CHARS = 1500  # enough to tell whether a name appears at all, and to spot a copy
NAME_CHARS = 1500  # a headline's names are introduced early
NEAR_DUPLICATE = 0.5  # sketch resemblance above which two texts are versions of one report
CONFLICT_FACTOR = 0.25  # what is left of the similarity of reports naming different subjects
LISTING_SLACK_DAYS = 1.5  # a date-only listing (24 h apart) and a time zone, not two days
UNRELATED = 0.15  # below this cosine no text is a near-duplicate, so skip the finer checks
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # as `to_terms` reads numbers
_FIGURE = re.compile(r"\d+[.,]\d|\d{3}")
_YEAR = re.compile(r"(?:19|20)\d\d$")
_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-zA-Z'’-]+")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?] ))[A-Z][a-zA-Z'’-]+")
_CAPITALIZED = re.compile(r"\b[A-Z][a-zA-Z'’-]*")


@dataclass(frozen=True, slots=True)
class Profile:
    """One article reduced to what grouping compares."""

    id: str
    published: datetime | None
    event_day: date | None  # the day the lead says its event happened ("said Tuesday")
    headline: tuple[str, ...]
    lead: tuple[str, ...]
    headline_names: frozenset[str]  # headline terms the text writes as names
    text: tuple[str, ...]  # terms of the opening screens, lead included, in order
    body: frozenset[str]  # the same terms and the headline's, for "is it mentioned at all"
    figures: frozenset[str]  # specific numbers of headline and lead ("431,000", "57.69")
    bag: Mapping[str, int]  # term counts of headline (twice) and lead: what vectors weigh


def to_profile(article: Article) -> Profile:
    """Article -> its profile (terms of headline, lead and opening text; names)."""
    title = fold_spellings(clean_headline(article.title))
    opening = fold_spellings(article.text[:BODY_CHARS])
    headline = to_terms(title)
    lead = to_terms(opening[:LEAD_CHARS])
    text = lead + to_terms(opening[LEAD_CHARS:])
    # Yonhap's text repeats slug and headline before the dateline: neither names nor dates
    story = opening.replace(title, " ") if title else opening
    return Profile(
        id=article.id,
        published=article.published,
        event_day=to_event_day(story, article.published),
        headline=tuple(headline),
        lead=tuple(lead),
        headline_names=_names(story[:NAME_CHARS]).intersection(headline),
        text=tuple(text),
        body=frozenset(text).union(headline),
        figures=_figures(f"{title} {opening[:LEAD_CHARS]}"),
        bag=Counter(headline * 2 + lead),
    )


def _names(text: str) -> frozenset[str]:
    """Text -> terms written as names: capitalized mid-sentence, or opening a sentence and
    never written in lower case ("Uber (UBER) released ..."; not "Officials said ...")."""
    names = set(map(to_stem, _MID_SENTENCE_NAME.findall(text)))
    starts = set(map(to_stem, _SENTENCE_START.findall(text)))
    return frozenset(names | (starts - set(to_terms(_CAPITALIZED.sub("", text)))))


def _figures(text: str) -> frozenset[str]:
    """Text -> the figures in it: numbers specific enough to name one event's data
    ("431,000", "4,214.17", "57.69", "700"), not years or small counts."""
    numbers = _NUMBER.findall(text)
    return frozenset(n for n in numbers if _FIGURE.match(n) and not _YEAR.match(n))


def to_sketch(profile: Profile) -> tuple[int, ...]:
    """Profile -> its near-duplicate sketch; built only for pairs that need one."""
    return sketch(list(profile.text) or list(profile.headline))


def hours_apart(first: Profile, second: Profile) -> float:
    """Two profiles -> hours between their publication; an unknown time counts as the same time."""
    if first.published is None or second.published is None:
        return 0.0
    return abs((first.published - second.published).total_seconds()) / 3600


def days_apart(first: Profile, second: Profile) -> float:
    """Two profiles -> days between their events.

    The days their leads name can explain away a listing a day apart (a portal's date-only
    listing, another time zone) but no more: a report two days on that names the same day
    is a follow-up recalling the event ("the disclosure of his stake on Monday").
    """
    days = hours_apart(first, second) / 24
    if first.event_day is None or second.event_day is None or days > LISTING_SLACK_DAYS:
        return days
    return min(days, abs((first.event_day - second.event_day).days))


def is_name_conflict(first: Profile, second: Profile) -> bool:
    """True when each headline names something the other article never mentions."""
    return bool(first.headline_names - second.body) and bool(second.headline_names - first.body)


def similarity(
    first: Profile,
    second: Profile,
    *,
    cosine: float,
    sketches: Callable[[Profile], tuple[int, ...]] = to_sketch,
) -> float:
    """Two profiles and the cosine of their vectors -> how alike they are, 0..1 (before time).

    `sketches` lets a caller memoize sketches across the pairs of one batch.
    """
    if is_name_conflict(first, second):
        return cosine * CONFLICT_FACTOR  # a template about someone else is no near-duplicate
    if cosine >= UNRELATED and is_near_duplicate(sketches(first), sketches(second)):
        return 1.0
    return cosine


def is_near_duplicate(first: tuple[int, ...], second: tuple[int, ...]) -> bool:
    """Two sketches -> True when the texts are versions of one report: mostly the same
    shingles, or the shorter one found almost whole in the longer (an URGENT in its LEAD)."""
    return (
        resemblance(first, second) >= NEAR_DUPLICATE or containment(first, second) >= NEAR_DUPLICATE
    )
