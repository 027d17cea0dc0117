"""The people an article mentions, read only as far as a quote asks.

A Cast holds every capitalised run (a name, a place, an organisation), who was heard speaking
where, the people among the runs and their genders. Each part is worked out the first time a
lookup needs it: a quote whose speaker is written out in full asks for nothing, a surname only
for the names, and only pronouns and cue-less quotes for speeches, people and genders (a gender
only for the names a pronoun meets). Reading everything up front was most of extract_quotes' time.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from bot.analyze.cues import CUE
from bot.analyze.heard import read_speeches, spoken
from bot.analyze.namewords import LowerWords, is_person, is_personal_title
from bot.analyze.runs import Named, one_token, outside, read_names, widen
from bot.analyze.salience import Person, gender, is_subject, starts_sentence
from bot.analyze.speaker_words import ROLE_NOUNS
from bot.analyze.titles import split_title

_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_ROLE_BEFORE = re.compile(rf"\b(?:{ROLE_NOUNS})(?:\s+(?:of|for|to|at)\s+[^,.;]{{1,40}})?,\s*$")
_CUE_BEFORE = re.compile(rf"{CUE.pattern}[ \t\xa0]+$")
_PLAIN_HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "dr"))  # say nothing of who
_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))
_MAX_LOOKUP = 1600  # farthest back any speech is looked up from a quote (pronouns: 1,500)
_AFTER_LAST = 1000  # names read past the last quote, for gender and surname evidence


class Cast:
    """What an article says about its people; each part is read on first use."""

    __slots__ = (
        "_by_token",
        "_genders",
        "_mentions",
        "_names",
        "_people",
        "_runs",
        "_speeches",
        "_spoke",
        "_written",
        "common",
        "quoted",
        "text",
        "windows",
    )

    def __init__(self, text: str, quoted: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.quoted = quoted  # (opening mark, closing mark or end) of each quote, in order
        self.common: Container[str] = LowerWords(text)  # words the article writes in lower case
        self.windows = _windows(quoted, len(text))  # where a speaker can be looked up
        self._runs: list[re.Match[str]] = []
        self._names: tuple[Named, ...] | None = None
        self._by_token: dict[str, list[Named]] | None = None
        self._speeches: tuple[Named, ...] | None = None
        self._spoke: set[str] = set()
        self._people: tuple[Person, ...] | None = None
        self._written: dict[int, str] = {}
        self._mentions: dict[str, list[Person]] | None = None
        self._genders: dict[str, str | None] = {}

    @property
    def names(self) -> tuple[Named, ...]:
        """Every capitalised run up to just past the last quote, title-free, in order."""
        if self._names is None:
            end = self.windows[-1][1] + _AFTER_LAST if self.quoted else len(self.text)
            self._runs, self._names = read_names(self.text, end, self.common)
        return self._names

    @property
    def runs(self) -> list[re.Match[str]]:
        """The capitalised runs behind `names`, one for one."""
        _ = self.names
        return self._runs

    @property
    def by_token(self) -> dict[str, list[Named]]:
        """First or last token -> the full person names carrying it, in order."""
        if self._by_token is None:
            self._by_token = {}
            for position, full in self.names:
                parts = full.split()
                if len(parts) >= 2 and is_person(parts):
                    self._by_token.setdefault(parts[0], []).append((position, full))
                    self._by_token.setdefault(family_token(parts), []).append((position, full))
        return self._by_token

    @property
    def speeches(self) -> tuple[Named, ...]:
        """Who was heard speaking where: named subjects of cue verbs and of sentences."""
        if self._speeches is None:
            self._speeches, self._spoke = read_speeches(self)
        return self._speeches

    @property
    def people(self) -> tuple[Person, ...]:
        """Every mention of a person outside the quotes, as a full name."""
        if self._people is None:
            self._people = _people(self)
        return self._people

    def gender(self, name: str) -> str | None:
        """ "he" or "she" for a person, by the cues around their mentions; None if unsure."""
        if name not in self._genders:
            if self._mentions is None:
                self._mentions = {}
                for person in self.people:
                    self._mentions.setdefault(person.name, []).append(person)
            mentions = self._mentions.get(name, ())
            written = self._written
            others = [p.start for p in self.people if p.name != name]
            self._genders[name] = gender(
                self.text, mentions, lambda p: written[p.start], others=others
            )
        return self._genders[name]

    def spoke(self, names: set[str]) -> set[str]:
        """Which of these names were heard at a cue verb."""
        return self._spoke & names if self._speeches is not None else spoken(self, names)


def family_token(parts: Sequence[str]) -> str:
    """The name's last word but a generational suffix: 'Samuel Paparo Jr.' is 'Paparo' later."""
    end = len(parts)
    while end > 2 and parts[end - 1].rstrip(".,") in _SUFFIXES:
        end -= 1
    return parts[end - 1]


def read_cast(text: str, quoted: Sequence[tuple[int, int]] = ()) -> Cast:
    """Article text and its quote spans -> the cast, read lazily as lookups ask."""
    return Cast(text, quoted)


def full_name(name: str, cast: Cast, at: int, *, title: str | None = None) -> str:
    """A one-word name ("Delury", "Kim") -> the latest earlier full name it belongs to; with a
    title ("first lady Kim"), the latest one introduced with that title's last word, since
    Korean news names several Kims."""
    if " " in name:
        return name
    head = title.split()[-1].lower().rstrip(".") if title else ""
    if head and head not in _PLAIN_HONORIFICS:
        for position, full in reversed(cast.by_token.get(name, ())):
            if position < at and head in cast.text[max(0, position - 40) : position].lower():
                return full
    return widen(name, cast.by_token, at)


def _windows(quoted: Sequence[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The stretches a speaker can be looked up in: from _MAX_LOOKUP before each quote to its
    end, merged. Who spoke elsewhere is never asked, so it is not worked out."""
    if not quoted:
        return [(0, size)]
    merged: list[tuple[int, int]] = []
    for start, end in quoted:
        lo = max(0, start - _MAX_LOOKUP)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((lo, end))
    return merged


def _people(cast: Cast) -> tuple[Person, ...]:
    """Every run that names a person, surnames widened to the full name met before; kept when
    sure it is a person (see _sure_people) or when it opens a sentence."""
    text, names, by_token = cast.text, cast.names, cast.by_token
    runs = outside(cast.quoted, cast._runs, names)
    people: list[Person] = []
    for run, (position, name) in runs:
        if not name or (" " not in name and name not in by_token and one_token(run.group())):
            continue  # no full name to widen to, and no title: cannot name a person
        full = widen(name, by_token, position)
        titled = is_personal_title(split_title(run.group())[1])
        if (" " in full or titled) and is_person(full.split()):
            subject = _is_bare_subject(text, position, run.end()) or _follows_cue(text, position)
            people.append(Person(position, run.end(), full, subject))
            cast._written[position] = run.group()
    ends = {end for p in people for end in (p.name.split()[0], family_token(p.name.split()))}
    singles = {
        name
        for run, (position, name) in runs
        if name in ends and " " not in name and _is_bare_subject(text, position, run.end())
    }
    titled_names = {
        p.name
        for p in people
        if is_personal_title(split_title(cast._written[p.start])[1]) or _after_role(text, p.start)
    }  # _after_role first looks at the two characters before: most names follow no comma
    sure = _sure_people(people, singles, titled_names)
    maybe = {p.name for p in people if p.name not in sure and not _opens_sentence(text, p)}
    sure |= cast.spoke(maybe) if maybe else set()
    return tuple(p for p in people if p.name in sure or _opens_sentence(text, p))


def _opens_sentence(text: str, person: Person) -> bool:
    """'Roy Graf protested ...', 'Down the street, Mike McFadden rejoiced': a one-off name
    opening its sentence as the subject."""
    return person.subject and starts_sentence(text, person.start, fronted=True)


def _after_role(text: str, start: int) -> bool:
    """'The U.S. special envoy for North Korea, Sung Kim, met ...': a name set beside a role is
    a person, whether or not anyone quotes them by surname."""
    if text[max(0, start - 2) : start].rstrip()[-1:] != ",":
        return False
    return _ROLE_BEFORE.search(text, max(0, start - 60), start) is not None


def _follows_cue(text: str, start: int) -> bool:
    """'..., adds Al Basha.': the speaker after an inverted cue is its clause's subject."""
    return _CUE_BEFORE.search(text, max(0, start - 25), start) is not None


def _is_bare_subject(text: str, start: int, end: int) -> bool:
    """A lone surname doing something ("Foster pieced"), not "the Legislature voted"."""
    return is_subject(text, start, end) and not _THE_BEFORE.search(text, max(0, start - 5), start)


def _sure_people(people: list[Person], singles: set[str], known: set[str]) -> set[str]:
    """Names that are people, not 'Kinder Morgan': quoted, titled or later called by surname."""
    return {
        person.name
        for person in people
        if person.name in known
        or family_token(person.name.split()) in singles
        or person.name.split()[0] in singles
    }
