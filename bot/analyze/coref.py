"""Who a surname, pronoun or role points back to: the names an article has introduced so far.

Built once per article: every capitalised run (a name, a place, an organisation) and every
"X said" clause (who was speaking where). A surname ("Delury", "Kim") resolves to the latest full
name before it whose last token matches, or whose first does, since Korean names put the family
name first; a pronoun to the latest person heard speaking, else the latest person named.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, replace

from bot.analyze.cues import CUE
from bot.analyze.mentions import NOT_ABBREVIATION, RUN, object_after, split_title, subject_before
from bot.analyze.namewords import LowerWords, is_person
from bot.analyze.salience import Person, antecedent, genders, is_subject

_NAMES = re.compile(RUN)
_CLAUSE_START = re.compile(
    rf"(?:[.!?]{NOT_ABBREVIATION}(?<!\b[A-Z].)\s+|"
    r"[;:\"“”\n]\s*|,\s*(?:and|but)\s+)"
)
_SUBJECT = re.compile(rf"(?:\A|\n|[.!?][ \xa0])({RUN})(?=,|\s+[a-z])")
_INVERTED = re.compile(r"[,\"”’]\s*$")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?”\"]\s|\n)$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_MAX_BACK = 2500  # characters searched back for the person a pronoun refers to
_MAX_LOOKUP = 1600  # farthest back any speech is looked up from a quote (pronouns: 1,500)
_AFTER_LAST = 1000  # names read past the last quote, for gender and surname evidence


@dataclass(frozen=True, slots=True)
class Cast:
    """What an article has said about its people: names (title-free) and who spoke where."""

    names: tuple[tuple[int, str], ...]
    speeches: tuple[tuple[int, str], ...]
    by_token: dict[str, list[tuple[int, str]]]  # first or last token -> full person names
    common: Container[str] = frozenset()  # words the article writes in lower case
    genders: dict[str, str] | None = None  # full name -> "he" or "she", from nearby pronouns
    people: tuple[Person, ...] = ()  # every mention of a person, as a full name


def read_cast(text: str, quoted: Sequence[tuple[int, int]] = ()) -> Cast:
    """Article text -> its names and the named subjects of its cue verbs, in order."""
    common = LowerWords(text)
    windows = _windows(quoted, len(text))
    runs = list(_NAMES.finditer(text, 0, windows[-1][1] + _AFTER_LAST if windows else len(text)))
    dropped: dict[str, str] = {}
    names = tuple((m.start(), _memo_drop(m.group(), common, dropped)) for m in runs)
    by_token: dict[str, list[tuple[int, str]]] = {}
    for position, full in names:
        parts = full.split()
        if len(parts) >= 2 and is_person(parts):
            by_token.setdefault(parts[0], []).append((position, full))
            by_token.setdefault(parts[-1], []).append((position, full))
    cast = Cast(names, (), by_token, common)
    speeches: list[tuple[int, str]] = []
    for lo, hi in windows:
        for cue in CUE.finditer(text, lo, hi):
            speaker = _speaker_at(text, cue.start(), cue.end(), cast)
            if speaker:
                speeches.append((cue.start(), speaker))
    spoke = {name for _, name in speeches}
    for lo, hi in windows:
        for subject in _SUBJECT.finditer(text, lo, hi):
            written = _drop_common(subject.group(1), common)
            name = full_name(written, cast, subject.start(1))
            if " " in name and is_person(name.split()):
                speeches.append((subject.start(1), name))
    ordered = tuple(sorted(speeches))
    outside = [(r, n) for r, n in zip(runs, names, strict=True) if not _inside(quoted, r.start())]
    people, raw = _people(text, outside, replace(cast, speeches=tuple(speeches)), spoke)
    return Cast(names, ordered, by_token, common, genders(text, people, raw), people)


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


def _people(
    text: str,
    outside: list[tuple[re.Match[str], tuple[int, str]]],
    cast: Cast,
    spoke: set[str],
) -> tuple[tuple[Person, ...], Callable[[Person], str]]:
    """Every run that names a person, surnames widened to the full name met before."""
    people: list[Person] = []
    written: dict[int, str] = {}
    for run, (position, name) in outside:
        full = full_name(name, cast, position) if name else ""
        titled = split_title(run.group())[1] is not None
        if (" " in full or titled) and is_person(full.split()):
            people.append(Person(position, run.end(), full, is_subject(text, position, run.end())))
            written[position] = run.group()
    titled_names = {p.name for p in people if split_title(written[p.start])[1]}
    singles = {
        name
        for run, (position, name) in outside
        if name and " " not in name and _is_bare_subject(text, position, run.end())
    }
    sure = _sure_people(people, singles, spoke | titled_names)
    kept = tuple(p for p in people if p.name in sure or _opens_sentence(text, p))
    return kept, lambda person: written[person.start]


def _inside(quoted: Sequence[tuple[int, int]], at: int) -> bool:
    index = bisect.bisect_right(quoted, (at, at)) - 1
    return index >= 0 and quoted[index][0] <= at < quoted[index][1]


def _opens_sentence(text: str, person: Person) -> bool:
    """'Roy Graf protested ...': a one-off name opening its sentence as the subject."""
    return (
        person.subject
        and _SENTENCE_OPEN.search(text, max(0, person.start - 3), person.start) is not None
    )


def _is_bare_subject(text: str, start: int, end: int) -> bool:
    """A lone surname doing something ("Foster pieced"), not "the Legislature voted"."""
    return is_subject(text, start, end) and not _THE_BEFORE.search(text, max(0, start - 5), start)


def _sure_people(people: list[Person], singles: set[str], known: set[str]) -> set[str]:
    """Names that are people, not 'Kinder Morgan': quoted, titled or later called by surname."""
    return {
        person.name
        for person in people
        if person.name in known
        or person.name.split()[-1] in singles
        or person.name.split()[0] in singles
    }


def _memo_drop(run: str, common: Container[str], memo: dict[str, str]) -> str:
    found = memo.get(run)
    if found is None:
        found = memo[run] = _drop_common(run, common)
    return found


def _drop_common(run: str, common: Container[str]) -> str:
    """'Knowing Bardos' -> 'Bardos': a leading word the article also writes in lower case."""
    name = split_title(run)[0]
    parts = name.split()
    while len(parts) > 1 and parts[0].lower() in common:
        parts.pop(0)
    return " ".join(parts)


def _speaker_at(text: str, start: int, end: int, cast: Cast) -> str | None:
    window = text[max(0, start - 200) : start]
    breaks = list(_CLAUSE_START.finditer(window))
    before = window[breaks[-1].end() :] if breaks else window
    mention = subject_before(before) if before.strip() else None
    if mention is not None and mention.kind == "name":
        return full_name(_drop_common(mention.text, cast.common), cast, start)
    if mention is None and _INVERTED.search(window):
        mention = object_after(text[end : end + 150])
    if mention is None or mention.kind != "name":
        return None
    return full_name(mention.text, cast, start)


def full_name(name: str, cast: Cast, at: int) -> str:
    """A one-word name ("Delury", "Kim") -> the latest earlier full name it belongs to."""
    if " " in name:
        return name
    earlier = [full for position, full in cast.by_token.get(name, ()) if position < at]
    return earlier[-1] if earlier else name


def recent_speaker(cast: Cast, at: int, *, since: int = 0, pronoun: str = "") -> str | None:
    """The person heard speaking last before `at` (not before `since`) who fits the pronoun."""
    for position, name in reversed(cast.speeches):
        if since <= position < at and is_person(name.split()) and _fits(cast, name, pronoun):
            return name
    return None


def recent_organisation(cast: Cast, at: int, *, window: int = 1500) -> str | None:
    """The organisation heard speaking last before `at`: what "it said" refers to."""
    for position, name in reversed(cast.speeches):
        if at - window <= position < at and not is_person(name.split()):
            return name
    return None


def last_person(cast: Cast, at: int, *, since: int) -> str | None:
    """The person mentioned last between `since` and `at`, preferring a sentence subject."""
    return antecedent(tuple(p for p in cast.people if since <= p.start < at), at, lambda name: True)


def _fits(cast: Cast, name: str, pronoun: str) -> bool:
    known = (cast.genders or {}).get(name)
    return pronoun not in ("he", "she") or known is None or known == pronoun


def pronoun_person(cast: Cast, at: int, pronoun: str, *, window: int = 1500) -> str | None:
    """The person "he"/"she" at `at` refers to: the nearest fitting subject, else speaker."""
    found = antecedent(cast.people, at, lambda name: _fits(cast, name, pronoun), window=window)
    return found or recent_speaker(cast, at, since=at - window, pronoun=pronoun)


def recent_person(cast: Cast, at: int, *, pronoun: str = "") -> str | None:
    """The person named or surnamed last before `at`, as a full name."""
    for position, full in reversed(cast.names):
        if position >= at or position < at - _MAX_BACK:
            continue
        parts = full.split()
        if len(parts) == 1:
            full = full_name(parts[0], cast, position)
            parts = full.split()
        if len(parts) >= 2 and is_person(parts) and _fits(cast, full, pronoun):
            return full
    return None
