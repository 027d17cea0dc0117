"""Who a surname, pronoun or role points back to: the names an article has introduced so far.

A surname ("Delury", "Kim") resolves to the latest full name before it whose last token matches,
or whose first does, since Korean names put the family name first; a pronoun to the latest person
heard speaking, else the latest person named. What the article says about its people is the
`Cast`, read lazily (see `cast`).
"""

from __future__ import annotations

import re

from bot.analyze.cast import Cast, full_name, read_cast
from bot.analyze.namewords import is_person
from bot.analyze.salience import antecedent, opens_sentence, starts_sentence

_BOUND = re.compile(r",\s*(?:he|she)\s+$")
_ORGANISATION_BACK = 400  # characters searched back for the subject "it" stands for

__all__ = [
    "Cast",
    "full_name",
    "goes_on",
    "last_person",
    "pronoun_person",
    "read_cast",
    "recent_organisation",
    "recent_speaker",
    "subject_between",
]


def recent_speaker(cast: Cast, at: int, *, since: int = 0, pronoun: str = "") -> str | None:
    """The person heard speaking last before `at` (not before `since`) who fits the pronoun."""
    for position, name in reversed(cast.speeches):
        if since <= position < at and is_person(name.split()) and _fits(cast, name, pronoun):
            return name
    return None


def recent_organisation(cast: Cast, at: int, *, window: int = 1500) -> str | None:
    """The organisation heard speaking last before `at`: what "it said" refers to; else the
    organisation a sentence just before was about ("EDC declined to answer. '...,' it said")."""
    for position, name in reversed(cast.speeches):
        if at - window <= position < at and not is_person(name.split()):
            return name
    return _subject_organisation(cast, at, since=at - _ORGANISATION_BACK)


def _subject_organisation(cast: Cast, at: int, *, since: int) -> str | None:
    for run, (position, name) in zip(reversed(cast.runs), reversed(cast.names), strict=True):
        if position >= at:
            continue
        if position < since:
            return None
        if name and opens_sentence(cast.text, run.start(), run.end()):
            return None if is_person(name.split()) else name
    return None


def last_person(cast: Cast, at: int, *, since: int) -> str | None:
    """The person mentioned last between `since` and `at`, preferring a sentence subject."""
    people = tuple(p for p in cast.people if since <= p.start < at)
    return antecedent(people, at, lambda name, end: True)


def subject_between(cast: Cast, start: int, end: int) -> str | None:
    """The last person opening a sentence between `start` and `end` as its subject."""
    for person in reversed(cast.people):
        if person.start < start:
            return None
        if person.start < end and person.subject and starts_sentence(cast.text, person.start):
            return person.name
    return None


def goes_on(cast: Cast, speaker: str, pronoun: str, *, start: int, at: int) -> bool:
    """Whether "he"/"she" at `at` is still `speaker`, quoted last at `start`: their gender fits
    and no other person is named in between."""
    words = speaker.split()
    if pronoun not in ("he", "she") or words[0].lower() in ("the", "a", "an"):
        return False  # a role ("the British actor") is no one to go on with
    if not words[0][:1].isupper() or not is_person(words):
        return False
    between = (p.name for p in cast.people if start <= p.start < at)
    return _fits(cast, speaker, pronoun) and all(name == speaker for name in between)


def _fits(cast: Cast, name: str, pronoun: str) -> bool:
    if pronoun not in ("he", "she"):
        return True
    known = cast.gender(name)
    return known is None or known == pronoun


def pronoun_person(cast: Cast, at: int, pronoun: str, *, window: int = 1500) -> str | None:
    """The person "he"/"she" at `at` refers to: the nearest fitting subject, else speaker."""
    bound = _BOUND.search(cast.text, max(0, at - 12), at)
    end = bound.start() if bound else -1  # "Schumer, he said, '...'": Schumer is not "he"
    dead = _deceased(cast)
    found = antecedent(
        cast.people,
        at,
        lambda name, stop: stop != end and name not in dead and _fits(cast, name, pronoun),
        window=window,
    )
    return found or recent_speaker(cast, at, since=at - window, pronoun=pronoun)


def _deceased(cast: Cast) -> set[str]:
    """People the article calls "the late ...": whoever "he said" is, it is not them."""
    if "late " not in cast.text:
        return set()
    text = cast.text
    return {p.name for p in cast.people if text[max(0, p.start - 5) : p.start].lower() == "late "}
