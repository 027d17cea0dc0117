"""Who was heard speaking where: the named subjects of cue verbs and of sentences.

"Delury said" and '," said Kim Yo Jong' put a speaker at the cue; "Park Ji-won also rejoiced"
puts one at the sentence start. Only the stretches a quote can look back over are read (the
cast's windows), and `spoken` reads only the cues that could name the people it is asked about.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from bot.analyze.cues import CUE
from bot.analyze.inverted import object_after
from bot.analyze.mentions import subject_before
from bot.analyze.namerun import NOT_ABBREVIATION, RUN
from bot.analyze.namewords import is_person
from bot.analyze.runs import Named, drop_common, widen

if TYPE_CHECKING:
    from bot.analyze.cast import Cast

_CLAUSE_START = re.compile(
    rf"(?:[.!?]{NOT_ABBREVIATION}(?<!\b[A-Z].)\s+|"
    r"[;:\"“”\n]\s*|,\s*(?:and|but)\s+)"
)
_SUBJECT = re.compile(rf"(?:\A|\n|[.!?][ \xa0])({RUN})(?=,|\s+[a-z])")
_INVERTED = re.compile(r"[,\"”’]\s*$")
_BEFORE, _AFTER = 200, 150  # characters a cue's speaker is read from, either side


def read_speeches(cast: Cast) -> tuple[tuple[Named, ...], set[str]]:
    """(every speech in the windows in order, the names heard at a cue verb)."""
    text = cast.text
    speeches = _cue_speeches(cast)
    spoke = {name for _, name in speeches}
    for lo, hi in cast.windows:
        for subject in _SUBJECT.finditer(text, lo, hi):
            written = drop_common(subject.group(1), cast.common)
            name = widen(written, cast.by_token, subject.start(1))
            if " " in name and is_person(name.split()):
                speeches.append((subject.start(1), name))
    return tuple(sorted(speeches)), spoke


def spoken(cast: Cast, names: set[str]) -> set[str]:
    """Which of these names were heard at a cue verb, reading only the cues written beside one
    of their first or last names: a speaker is always named next to the cue."""
    tokens = {token for name in names for token in (name.split()[0], name.split()[-1])}
    return {name for _, name in _cue_speeches(cast, tokens)} & names


def _cue_speeches(cast: Cast, tokens: Collection[str] | None = None) -> list[Named]:
    text, speeches = cast.text, []
    for lo, hi in cast.windows:
        for cue in CUE.finditer(text, lo, hi):
            start, end = cue.span()
            if tokens is not None and not _near(text, start, end, tokens):
                continue
            speaker = _speaker_at(text, start, end, cast)
            if speaker:
                speeches.append((start, speaker))
    return speeches


def _near(text: str, start: int, end: int, tokens: Collection[str]) -> bool:
    before, after = text[max(0, start - _BEFORE) : start], text[end : end + _AFTER]
    return any(token in before or token in after for token in tokens)


def _speaker_at(text: str, start: int, end: int, cast: Cast) -> str | None:
    window = text[max(0, start - _BEFORE) : start]
    breaks = list(_CLAUSE_START.finditer(window))
    before = window[breaks[-1].end() :] if breaks else window
    mention = subject_before(before) if before.strip() else None
    if mention is not None and mention.kind == "name":
        return widen(drop_common(mention.text, cast.common), cast.by_token, start)
    if (mention is None or mention.kind == "role") and _INVERTED.search(window):
        mention = object_after(text[end : end + _AFTER])  # "a way, adds Al Basha."
    if mention is None or mention.kind != "name":
        return None
    return widen(mention.text, cast.by_token, start)
