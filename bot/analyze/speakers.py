"""Who said each quote: the cue beside it, the mention next to the cue, resolved to a full name.

Cues come after the quote ('," said Kim Yo Jong, vice department director') or before it
('Lankov told Reuters: "'). Surnames ("said Delury"), pronouns ("he said") and roles ("the
minister") resolve to the nearest earlier full name that fits: a surname matches a name's last
token, or its first for Korean family-first names ("Kim" is whoever named Kim was mentioned last).
A quote with no cue of its own (the second half of a split quote, a paragraph that continues a
quote) takes the speaker of the quote just before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analyze.mentions import RUN, Mention, object_after, split_title, subject_before
from bot.analyze.quotemarks import Span

_CUES = (
    r"said|says|say|told|tells|added|adds|warned|warns|wrote|writes|tweeted|tweets|asked|asks|"
    r"explained|explains|noted|notes|stated|states|declared|insisted|insists|argued|argues|"
    r"recalled|recalls|continued|reported|reports|announced|claimed|claims|replied|responded|"
    r"answered|acknowledged|admitted|admits|urged|cautioned|suggested|observed|conceded|"
    r"emphasized|emphasised|stressed|posted|quipped|joked|shouted|yelled|remarked|concluded|"
    r"predicted|commented|testified|confirmed|complained|lamented|boasted|vowed|promised|"
    r"pledged|accused|charged|countered|retorted|mused|wondered|recounted|described|"
    r"according to|quoted|cited|denounced|slammed|blasted|criticized|criticised|thundered|"
    r"demanded|alleged|maintained|believes|believed|thinks|thought|agreed|agrees|"
    r"pointed out|went on|told reporters|tells reporters"
)
_CUE = re.compile(rf"\b(?:{_CUES})\b", re.IGNORECASE)
_CUE_START = re.compile(rf"^[\s,.;:!?—–-]*(?:{_CUES})\b\s*", re.IGNORECASE)
_LEAD = re.compile(r"^[\s,.;:—–-]*")
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
    r"(?<!\bGen)(?<!\b[A-Z])[.!?]['\"”’]?\s+(?=[A-Z\"“‘'])"
)
_NAMES = re.compile(RUN)
_ORG_WORDS = frozenset(
    str.split(
        """korea korean koreas china chinese japan japanese united states america american
    washington
    seoul pyongyang beijing tokyo moscow russia russian north south east west new york times post
    news agency ministry house department party committee university institute center centre
    council assembly office court bank group corp inc co ltd association foundation force forces
    army navy command union nations government service commission olympic olympics games street
    peninsula sea day monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december twitter facebook cnn bbc
    reuters yonhap kcna canada canadian ottawa toronto"""
    )
)
_PRONOUNS_PERSON = frozenset({"he", "she", "i", "we"})
_MAX_BACK = 2500  # characters searched back for the person a pronoun refers to


@dataclass(frozen=True, slots=True)
class Attribution:
    """A resolved speaker and the description the article gives them (None when unknown)."""

    speaker: str | None = None
    title: str | None = None


def attribute(text: str, spans: Sequence[Span]) -> list[Attribution]:
    """Quote spans in reading order -> one Attribution each, references resolved to names."""
    names = [(m.start(), m.group()) for m in _NAMES.finditer(text)]
    titles: dict[str, str] = {}
    found: list[Attribution] = []
    for index in range(len(spans)):
        located = find_mention(text, spans, index)
        who = _resolve(located, names, titles, found) if located else None
        if who is None or who.speaker is None:
            who = _inherit(spans, index, found)
        if who.speaker and who.title:
            titles.setdefault(who.speaker, who.title)
        found.append(who)
    return found


def find_mention(text: str, spans: Sequence[Span], index: int) -> tuple[Mention, int] | None:
    """The speaker mention for one quote and where it sits: after the quote first, then before."""
    after, at = _after_context(text, spans, index)
    cue = _CUE_START.match(after)
    if cue:
        mention = object_after(after[cue.end() :])
        return (mention, at + cue.end()) if mention else None
    cue = _CUE.search(after)
    if cue and len(after[: cue.start()].split()) <= 30:
        mention = subject_before(_LEAD.sub("", after[: cue.start()]))
        if mention:
            return mention, at
    before, lo = _before_context(text, spans, index)
    for cue in reversed(list(_CUE.finditer(before))):
        mention = _mention_at_cue(before, cue)
        if mention:
            return mention, lo + cue.start()
    return None


def _mention_at_cue(before: str, cue: re.Match[str]) -> Mention | None:
    if cue.group().lower() == "according to":
        return object_after(before[cue.end() :])
    return subject_before(before[: cue.start()])


def _after_context(text: str, spans: Sequence[Span], index: int) -> tuple[str, int]:
    span = spans[index]
    if span.closed is None:
        return "", span.end
    limit = span.line_end
    if index + 1 < len(spans) and spans[index + 1].line_start == span.line_start:
        limit = spans[index + 1].opened
    start = span.closed + 1
    chunk = text[start:limit]
    end = _SENTENCE_END.search(chunk)
    return (chunk[: end.start() + 1] if end else chunk), start


def _before_context(text: str, spans: Sequence[Span], index: int) -> tuple[str, int]:
    span = spans[index]
    lo = span.line_start
    previous = spans[index - 1] if index else None
    if previous and previous.line_start == span.line_start and previous.closed is not None:
        lo = previous.closed + 1
    chunk = text[lo : span.opened]
    ends = list(_SENTENCE_END.finditer(chunk))
    if ends:
        return chunk[ends[-1].end() :], lo + ends[-1].end()
    return chunk, lo


def _resolve(
    located: tuple[Mention, int],
    names: list[tuple[int, str]],
    titles: dict[str, str],
    found: list[Attribution],
) -> Attribution | None:
    mention, at = located
    if mention.kind == "pronoun":
        if mention.text in _PRONOUNS_PERSON:
            person = _recent_person(names, at)
            return Attribution(person, titles.get(person)) if person else None
        return found[-1] if found else None
    if mention.kind == "role":
        return Attribution(mention.text, None)
    full = _full_name(mention.text, names, at)
    return Attribution(full, mention.title or titles.get(full))


def _full_name(name: str, names: list[tuple[int, str]], at: int) -> str:
    """A one-word name ("Delury", "Kim") -> the latest earlier full name it belongs to."""
    tokens = name.split()
    if len(tokens) != 1:
        return name
    for position, run in reversed(names):
        if position >= at:
            continue
        full, _ = split_title(run)
        parts = full.split()
        if len(parts) >= 2 and tokens[0] in (parts[0], parts[-1]) and _is_person(parts):
            return full
    return name


def _recent_person(names: list[tuple[int, str]], at: int) -> str | None:
    """The person named or surnamed last before `at`, as a full name."""
    for position, run in reversed(names):
        if position >= at or position < at - _MAX_BACK:
            continue
        full, _ = split_title(run)
        parts = full.split()
        if len(parts) >= 2 and _is_person(parts):
            return full
        if len(parts) == 1 and parts[0][0].isupper():
            resolved = _full_name(parts[0], names, position)
            if resolved != parts[0]:
                return resolved
    return None


def _is_person(parts: list[str]) -> bool:
    return not any(part.lower().strip(".,'’") in _ORG_WORDS for part in parts)


def _inherit(spans: Sequence[Span], index: int, found: list[Attribution]) -> Attribution:
    """A cue-less quote continues the previous quote in its paragraph or the paragraph before."""
    if not found:
        return Attribution()
    previous, span = spans[index - 1], spans[index]
    if previous.line_start == span.line_start or span.line_start - previous.line_end <= 3:
        return found[-1]
    return Attribution()
