"""The speaker right after an inverted cue: '," said Kim Yo Jong, vice department director'.

The mirror of `mentions.subject_before`: the noun phrase after the cue read as a name with the
description that follows it, a pronoun, or a role ("said the ministry's spokesperson").
"""

from __future__ import annotations

import re

from bot.analyze.mentions import DETERMINED, DETERMINERS, Mention, subject_before
from bot.analyze.namerun import NOT_ABBREVIATION, RUN
from bot.analyze.namewords import is_personal_title
from bot.analyze.speaker_words import FUNCTION_WORDS, ROLE_NOUNS, TITLE_WORDS
from bot.analyze.titles import clean_title, split_title

_RUNS = re.compile(RUN)
_INVERTED = re.compile(r"\s+[A-Z][^,.;:!?\"“”]{0,80},\s*$")  # 'asks editor Jo Ditch, "'
_NOUN_PHRASE_START = re.compile(
    rf"^\s*({DETERMINED}\s+(?:[\w’'-]+\s+){{0,3}}[a-z][\w’'-]*)\s*(?:[,.;]|$)"
)
_CLAUSE_END = re.compile(
    rf",|;|:|\.{NOT_ABBREVIATION}(?<!\b[A-Z]\.)(?:\s|$)|"
    r"\s(?:who|which|in|at|on|during|after|while|when|as|before|because|with)\s"
)
_PRONOUN_START = re.compile(r"^\s*(he|she|they|it|we)\b", re.IGNORECASE)
_NAMED_APPOSITION = re.compile(rf"\s*({RUN})(?=\s*[,.;:]|\s*$)")
_POSSESSOR_LEAD = re.compile(r"^(?:the\s+)?[A-Z][\w.&-]*['’]s$")
_DESC_AFTER = re.compile(
    r"^\s*(?:,\s*|\s(?:of|from|at)\s+(?!an?\s))(.+?)\s*(?:,\s*(?:[a-z(]|said|told).*)?$"
)
_ROLE_START = re.compile(  # the role runs on through nouns: "a senior ministry official"
    rf"^\s*((?:{DETERMINERS}\s+)?(?:[\w.-]+\s+){{0,3}}?(?:{ROLE_NOUNS})(?:\s+(?:{ROLE_NOUNS}))*)\b",
    re.IGNORECASE,
)
# "a", "one": someone not named ("said one EU diplomat", "said a customer surnamed Kim"); a name
# may still follow the role ("said a Samsung spokesman, Kim Min-soo").
_INDEFINITE = re.compile(r"^\s*(?:an?|one|another)\s", re.IGNORECASE)
_PEOPLE = (  # who is quoted unnamed besides the role nouns: "said a resident surnamed Park"
    "customers?|consumers?|residents?|citizens?|passengers?|employees?|defectors?|soldiers?|"
    "investors?|traders?|visitors?|users?|villagers?|shoppers?|patients?|relatives?"
)
_UNNAMED = re.compile(
    rf"^\s*((?:an?|one|another)\s+(?:[\w.-]+\s+){{0,4}}?(?:{ROLE_NOUNS}|{_PEOPLE})"
    rf"(?:\s+(?:{ROLE_NOUNS}))*)\b",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(rf"{ROLE_NOUNS}|{'|'.join(sorted(TITLE_WORDS))}")
_OF_ORGANISATION = re.compile(rf"\s+(?:of|for|at|from)\s+(?:the\s+)?{RUN}")
_SURNAMED = re.compile(r"\s+surnamed\s+[A-Z][\w-]*")
_NAME_AFTER_ROLE = re.compile(rf",\s*({RUN})\s*(?:[,.;]|$)")


def object_after(segment: str) -> Mention | None:
    """The speaker right after an inverted cue: 'said Kim Yo Jong, vice department director ...'."""
    pronoun = _PRONOUN_START.search(segment)
    if pronoun:
        return Mention("pronoun", pronoun.group(1).lower())
    end = _CLAUSE_END.search(segment)
    clause = segment[: end.start()] if end else segment
    unnamed = _unnamed(segment) if _INDEFINITE.match(segment) else None
    if unnamed:
        return unnamed
    run = _best_run(clause)
    if run is None:
        role = _ROLE_START.search(segment) or _NOUN_PHRASE_START.search(clause)
        return Mention("role", role.group(1).strip()) if role else None
    if segment[run.end() : run.end() + 2] in ("'s", "’s"):
        return _after_possessor(segment, end)
    name, title = split_title(run.group())
    lead = clause[: run.start()].strip()
    if _POSSESSOR_LEAD.match(lead):
        lead = ""
    if lead in ("the", "The") and title:
        lead = ""  # "said the Rev. Peter Wherry": the article belongs to the title
    if len(lead.split()) > 5 or (lead[:1].islower() and lead.split()[0] in FUNCTION_WORDS):
        role = _ROLE_START.search(segment)
        return Mention("role", role.group(1).strip()) if role else None
    rest = _DESC_AFTER.search(segment[run.end() :])
    description = rest.group(1) if rest else None
    title = " ".join(part for part in (lead, title) if part) or None
    return Mention("name", name, clean_title(description, title))


def _unnamed(segment: str) -> Mention | None:
    """'one EU diplomat involved in ...' -> the role; 'a Samsung spokesman, Kim Min-soo' -> Kim
    Min-soo, the role his title; 'a customer surnamed Kim' stays whole: the family name alone
    names no one (and must not widen to another Kim)."""
    role = _UNNAMED.match(segment)
    if role is None:
        return None
    surnamed = _SURNAMED.match(segment, role.end())
    if surnamed:
        return Mention("role", segment[role.start(1) : surnamed.end()].strip())
    named = _NAME_AFTER_ROLE.match(segment, role.end())
    name = split_title(named.group(1))[0] if named else ""
    if name and " " in name:
        return Mention("name", name, clean_title(role.group(1), None))
    organisation = _OF_ORGANISATION.match(segment, role.end())
    end = organisation.end() if organisation else role.end()
    return Mention("role", segment[role.start(1) : end].strip())


def _after_possessor(segment: str, end: re.Match[str] | None) -> Mention | None:
    """'says Campbell's partner, Jason Louth' -> Jason Louth; no name after -> the role."""
    clause = segment[: end.start()] if end else segment
    named = _NAMED_APPOSITION.match(segment, end.end()) if end and end.group() == "," else None
    if named:
        name, title = split_title(named.group(1))
        if name:
            return Mention("name", name, title or clause.strip())
    return Mention("role", clause.strip()) if len(clause.split()) <= 5 else None


def _best_run(clause: str) -> re.Match[str] | None:
    """The run naming a person: the first if titled ('Mr. Fanusie of the Center for a New
    American Security'), else the first with two name tokens, else the first; but a role word
    between two runs makes the first a modifier ('Policy Options editor Jo Ditch')."""
    runs = [run for run in _RUNS.finditer(clause) if split_title(run.group())[0]]
    for index, run in enumerate(runs):
        name, title = split_title(run.group())
        if is_personal_title(title) and not index:
            return run
        if len(name.split()) >= 2:
            later = runs[index + 1] if index + 1 < len(runs) else None
            gap = clause[run.end() : later.start()].split() if later else []
            if later and _is_role_between(gap):
                return later
            return run
    return runs[0] if runs else None


def _is_role_between(gap: list[str]) -> bool:
    """'Policy Options editor Jo Ditch', 'Standard Chartered chief executive Mervyn Davies': a
    role in lower case between an organisation and a person."""
    if not 1 <= len(gap) <= 3 or not all(word.islower() for word in gap):
        return False
    return gap[0] not in FUNCTION_WORDS and (
        len(gap) == 1 or _ROLE_WORD.fullmatch(gap[-1]) is not None
    )


def mention_at_cue(before: str, cue: re.Match[str]) -> Mention | None:
    """The speaker at a cue in `before`: after it when the cue is inverted or 'according to',
    else the subject before it."""
    if cue.group().lower() == "according to" or _is_inverted(before, cue):
        return object_after(before[cue.end() :])
    return subject_before(before[: cue.start()])


def _is_inverted(before: str, cue: re.Match[str]) -> bool:
    """'..., asks Policy Options editor Jo Ditch, "': the cue opens its clause (at its start or
    after a comma) and a capitalised name runs from it to the comma before the mark."""
    opener = before[: cue.start()].rstrip()[-1:]
    return opener in ("", ",", "(") and _INVERTED.match(before, cue.end()) is not None
