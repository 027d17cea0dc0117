"""Who "he" or "she" most likely is: the people an article mentions, where, and their gender.

News writing introduces a speaker as the subject of a sentence ("Mike McFadden also rejoiced
...") and then quotes them with a pronoun ("..." he said). So a pronoun resolves to the nearest
earlier person of its gender who was a sentence subject, and only then to the nearest person at
all. Gender comes from the text itself, never from a name list: an honorific (Mr., Ms.), a
gendered noun beside the name (spokeswoman, father) or a pronoun later in the same sentence
("Wojtaszek questioned that logic, saying ... her ability").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

_GENDERED = re.compile(
    r"\b(?:(he|his|him|himself)|(she|her|hers|herself))\b|[\"“”.!?]", re.IGNORECASE
)
_HONORIFIC = re.compile(r"\b(?:(Mr|Sir|Lord|King|Prince)|(Ms|Mrs|Miss|Dame|Lady|Queen|Princess))\b")
_GENDERED_NOUN = (
    r"(?:(spokesman|chairman|father|husband|son|brother|man|boy|businessman|congressman|"
    r"king|prince|uncle|grandfather|actor)|(spokeswoman|chairwoman|mother|wife|daughter|sister|"
    r"woman|girl|businesswoman|congresswoman|queen|princess|aunt|grandmother|actress))"
)
# The noun must stand beside the name: "spokeswoman Kim", "his wife, Jane", "Kim, a father of
# two". In "Wendy Golden has no idea why her son ..." the son is someone else.
_NOUN_BEFORE = re.compile(rf"\b{_GENDERED_NOUN},?\s+$")
_NOUN_IN_RUN = re.compile(rf"\b{_GENDERED_NOUN}\b")
_NOUN_AFTER = re.compile(
    rf"\s*,\s+(?:(?:a|an|the|his|her|[\w’'-]+['’]s)\s+)?(?:[\w-]+\s+){{0,3}}?{_GENDERED_NOUN}\b"
)
_NOT_VERB = (
    r"and|or|of|in|at|on|for|to|with|from|by|as|than|about|after|before|during|over|under|"
    r"into|through|that|if|because|when|while|where|is a"
)
_SUBJECT_NEXT = re.compile(rf"(?:\s*\([^()]{{1,40}}\))?(?:,|\s+(?!(?:{_NOT_VERB})\b)[a-z])")
_SENTENCE_LEAD = re.compile(r"(?:^|[.!?:;\"”]\s+|\n)(?:[\w’'.-]+,?\s+){0,4}$")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?”\"]\s|\n)$")
_FRONTED = re.compile(r"(?:^|[.!?”\"]\s|\n)((?:[\w’'.-]+\s+){0,3}[\w’'.-]+),\s+$")
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")
_PREPOSITIONS = frozenset(
    str.split(
        "unlike like with for to by from of about against than at in on into over under "
        "between among without including toward towards via besides beside"
    )
)
_WINDOW = 1500  # characters searched back for a pronoun's antecedent


@dataclass(frozen=True, slots=True)
class Person:
    """One mention of a person: where it sits, the full name, and whether it starts a clause."""

    start: int
    end: int
    name: str
    subject: bool


def is_subject(text: str, start: int, end: int) -> bool:
    """A mention followed by a verb, or by an appositive or opening its sentence when no
    preposition comes before it."""
    if text.startswith(("'s", "’s"), end):
        return False  # "Mr. Hemming's request": a possessor, not who acts
    after = _SUBJECT_NEXT.match(text, end)
    if after and after.group().rstrip()[-1:] != ",":
        return True
    if _follows_preposition(text, start):
        return False
    return after is not None or _SENTENCE_LEAD.search(text, max(0, start - 40), start) is not None


def starts_sentence(text: str, start: int, *, fronted: bool = False) -> bool:
    """Whether a sentence (or paragraph) starts at `start`; with `fronted`, also after a short
    phrase set off by a comma ("Down the street, Mike McFadden ...")."""
    if _SENTENCE_OPEN.search(text, max(0, start - 3), start) is not None:
        return True
    phrase = _FRONTED.search(text, max(0, start - 50), start) if fronted else None
    words = phrase.group(1).split() if phrase else []
    return len(words) == 1 or any(word[0].islower() for word in words)  # not "Jim Eglinski, MP"


def opens_sentence(text: str, start: int, end: int) -> bool:
    """'Roy Graf protested ...', 'EDC declined ...': a mention opening its sentence as subject."""
    return starts_sentence(text, start) and is_subject(text, start, end)


def _follows_preposition(text: str, start: int) -> bool:
    """A name after a preposition is no subject, whatever follows it ("Unlike Al Mnajer, he
    ...", "according to Kim, the ...")."""
    word = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return word is not None and word.group(1).lower() in _PREPOSITIONS


def genders(text: str, people: Iterable[Person], raw: Callable[[Person], str]) -> dict[str, str]:
    """Full name -> "he" or "she" by majority of the cues the article gives around its mentions."""
    mentions: dict[str, list[Person]] = {}
    for person in people:
        mentions.setdefault(person.name, []).append(person)
    return {name: said for name, group in mentions.items() if (said := gender(text, group, raw))}


def gender(
    text: str,
    mentions: Iterable[Person],
    raw: Callable[[Person], str],
    *,
    others: Sequence[int] = (),
) -> str | None:
    """One person's gender from the cues around their mentions; None when they say nothing.
    `others` (where other people are mentioned, in order) bound the pronoun a mention reads:
    in "Stanovaya noted that Putin's stance stems from his view", "his" is Putin's."""
    said = []
    for person in mentions:
        after = bisect.bisect_right(others, person.start)
        stop = others[after] if after < len(others) else len(text)
        vote = _vote(text, person, raw(person), stop)
        if vote:
            said.append(vote)
    return _majority(said)


def _majority(said: list[str]) -> str | None:
    """The gender most cues give; None on a tie, which says nothing either way."""
    he, she = said.count("he"), said.count("she")
    return "he" if he > she else "she" if she > he else None


def _vote(text: str, person: Person, run: str, stop: int) -> str | None:
    honorific = _HONORIFIC.search(run)
    if honorific:
        return "he" if honorific.group(1) else "she"
    noun = _beside(text, person, run)
    if noun:
        return "he" if noun.group(1) else "she"
    following = _GENDERED.search(text, person.end, min(stop, person.end + 160))
    if following is None or following.lastindex is None:
        return None
    return "he" if following.group(1) else "she"


def _beside(text: str, person: Person, run: str) -> re.Match[str] | None:
    """A gendered noun in the run ("Spokeswoman Kim") or right beside it ("his wife, Jane")."""
    return (
        _NOUN_IN_RUN.search(run.lower())
        or _NOUN_BEFORE.search(text, max(0, person.start - 30), person.start)
        or _NOUN_AFTER.match(text, person.end, person.end + 40)
    )


def antecedent(
    people: tuple[Person, ...],
    at: int,
    fits: Callable[[str, int], bool],
    *,
    window: int = _WINDOW,
) -> str | None:
    """The person a pronoun at `at` refers to: nearest fitting subject, else nearest fitting.
    `fits` is asked with the name and where that mention ends."""
    nearest: str | None = None
    for person in reversed(people):
        if person.start >= at:
            continue
        if person.start < at - window:
            break
        if not fits(person.name, person.end):
            continue
        if person.subject:
            return person.name
        nearest = nearest or person.name
    return nearest
