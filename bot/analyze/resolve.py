"""Who a speaker mention is: pronouns, surnames and roles resolved against the article's cast.

A surname ("said Delury") widens to the latest full name it belongs to; "he"/"she" to the
nearest fitting person; "it" to the organisation heard or written about last; "they" to a pair
named at a cue; roles ("the ministry") stay as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analyze.coref import Cast, full_name, pronoun_person, recent_organisation
from bot.analyze.cues import CUE
from bot.analyze.mentions import Mention
from bot.analyze.namerun import RUN, SENTENCE_END
from bot.analyze.namewords import is_organisation_word, is_person
from bot.analyze.runs import drop_common

_PRONOUNS_PERSON = frozenset({"he", "she", "i", "we"})
_POSSESSIVE = {"his": "he", "her": "she"}
_PAIR_CUE = re.compile(rf"({RUN})\s+and\s+({RUN}),?\s+(?:also\s+)?{CUE.pattern}")
_GROUP_BACK = 600  # characters searched back for the people "they" are
_DOCUMENT = re.compile(r"[Tt]he\s+(statement|release|letter|message|notice)")
_DOCUMENT_BACK = 600  # characters between a quote given in a statement and one it goes on with
_UTTERANCES = frozenset(
    str.split("statement letter post tweet message email e-mail note blog memoir speech remarks")
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A resolved speaker and the description the article gives them (None when unknown)."""

    speaker: str | None = None
    title: str | None = None


def resolve(
    located: tuple[Mention, int], cast: Cast, titles: dict[str, str], found: list[Attribution]
) -> Attribution | None:
    """A mention at a position -> who it is: a pronoun or surname resolved to a full name, a
    role kept as written; None when a pronoun finds nobody."""
    mention, at = located
    if mention.kind == "pronoun":
        if mention.text in _PRONOUNS_PERSON:
            person = pronoun_person(cast, at, mention.text)
            return Attribution(person, titles.get(person)) if person else None
        organisation = recent_organisation(cast, at) if mention.text == "it" else None
        if organisation:
            return Attribution(organisation, titles.get(organisation))
        group = _named_group(cast, at) if mention.text == "they" else None
        if group:
            return Attribution(group)
        return found[-1] if found else None
    if mention.kind == "role":
        return _document_author(mention.text, cast, found) or _resolve_role(mention.text, cast, at)
    full = full_name(mention.text, cast, at, title=mention.title)
    return Attribution(full, mention.title or titles.get(full))


def _named_group(cast: Cast, at: int) -> str | None:
    """'they' after "owners Tore Sohlberg and Lehla Abreder said ...": the pair that spoke last
    within the paragraph or two before, as written; else None (the last speaker is kept)."""
    pairs = list(_PAIR_CUE.finditer(cast.text, max(0, at - _GROUP_BACK), at))
    if not pairs:
        return None
    first, second = (drop_common(pairs[-1].group(i), cast.common) for i in (1, 2))
    return f"{first} and {second}" if first and second else None


def _document_author(role: str, cast: Cast, found: list[Attribution]) -> Attribution | None:
    """'"...," the statement read.': the author of the statement, when the quote before was given
    in it ('Kim said in a written statement') or the last speaker was said to issue it ('The
    ministry said in a statement that ...'); None otherwise, and the role stays as written."""
    document = _DOCUMENT.fullmatch(role)
    if document is None:
        return None
    noun, current = document.group(1).lower(), cast.quoted[len(found)][0]
    if found and found[-1].speaker:
        opened, closed = cast.quoted[len(found) - 1]
        if current - opened <= _DOCUMENT_BACK and noun in _sentence(cast.text, opened, closed):
            return found[-1]
    for position, name in reversed(cast.speeches):
        if position < current:
            near = current - position <= _DOCUMENT_BACK and _is_issuer(name)
            return Attribution(name) if near and noun in _sentence(cast.text, position) else None
    return None


def _is_issuer(name: str) -> bool:
    """A person named in full or an organisation ('Unification Ministry', 'KCNA'): a speech
    heard under a fragment ('Affairs' of a ministry of foreign affairs) issues nothing."""
    words = name.split()
    return (len(words) > 1 and is_person(words)) or is_organisation_word(words[-1])


def _sentence(text: str, start: int, end: int | None = None) -> str:
    """The sentence (or sentences, for a quote) around text[start:end], lower case."""
    end = start if end is None else end
    lo = max(0, start - _DOCUMENT_BACK // 2, text.rfind("\n", 0, start) + 1)
    starts = list(SENTENCE_END.finditer(text, lo, start))
    stop = SENTENCE_END.search(text, end, end + _DOCUMENT_BACK // 2)
    return text[starts[-1].end() if starts else lo : stop.start() if stop else end].lower()


def _resolve_role(role: str, cast: Cast, at: int) -> Attribution:
    """'her statement' is hers; other roles ('the ministry', 'a spokesperson for X', 'the
    rookie defenceman') stay as written: guessing the person behind them loses more than it
    wins on both gold sets, and a role is never a wrong name."""
    words = role.split()
    pronoun = _POSSESSIVE.get(words[0].lower())
    if pronoun and len(words) == 2 and words[1].lower() in _UTTERANCES:
        person = pronoun_person(cast, at, pronoun)
        return Attribution(person or role)
    return Attribution(role)
