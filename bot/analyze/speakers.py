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

from bot.analyze.acronyms import is_acronym, spell_out
from bot.analyze.coref import (
    Cast,
    full_name,
    last_person,
    read_cast,
    recent_speaker,
    subject_between,
)
from bot.analyze.cues import CUE, CUE_START
from bot.analyze.inverted import object_after
from bot.analyze.mentions import Mention, split_title, subject_before
from bot.analyze.namerun import NOT_ABBREVIATION, RUN
from bot.analyze.namewords import is_person
from bot.analyze.quotemarks import Span
from bot.analyze.resolve import Attribution, resolve

_LEAD = re.compile(r"^[\s,.;:—–-]*")
_SENTENCE_END = re.compile(rf"[.!?]{NOT_ABBREVIATION}(?<!\b[A-Z].)['\"”’]?\s+(?=[A-Z\"“‘'])")
_INVERTED = re.compile(r"\s+[A-Z][^,.;:!?\"“”]{0,80},\s*$")  # 'asks editor Jo Ditch, "'
_COLON = re.compile(r":\s*$")
_DASH_NAME = re.compile(rf"^\s*[―—–]\s*({RUN})")
_FIRST_RUN = re.compile(RUN)


def attribute(text: str, spans: Sequence[Span]) -> list[Attribution]:
    """Quote spans in reading order -> one Attribution each, references resolved to names."""
    if not spans:
        return []
    cast = read_cast(text, [(s.opened, s.closed or s.end) for s in spans])
    titles: dict[str, str] = {}
    found: list[Attribution] = []
    for index in range(len(spans)):
        located = find_mention(text, spans, index, cast=cast)
        who = resolve(located, cast, titles, found) if located else None
        if who is None or who.speaker is None:
            who = _inherit(text, spans, index, found, cast)
        if who.speaker and who.title:
            titles.setdefault(who.speaker, who.title)
        found.append(who)
    return [
        _spelled_out(text, span, who)
        for span, who in zip(spans, _borrow_from_next(spans, found), strict=True)
    ]


def _spelled_out(text: str, span: Span, who: Attribution) -> Attribution:
    """'EDC' -> 'Export Development Canada' when the article spells it out before the quote."""
    if who.speaker is None or not is_acronym(who.speaker):
        return who
    name = spell_out(text, who.speaker, span.opened)
    return Attribution(name, who.title) if name else who


def _borrow_from_next(spans: Sequence[Span], found: list[Attribution]) -> list[Attribution]:
    """A quote whose cue comes later ('"A.\n\n"B," she said') takes the next quote's speaker."""
    for index in range(len(spans) - 2, -1, -1):
        span, following = spans[index], spans[index + 1]
        joined = span.line_start == following.line_start or span.closed is None
        if found[index].speaker is None and joined and following.line_start - span.line_end <= 3:
            found[index] = found[index + 1]
    return found


def find_mention(
    text: str, spans: Sequence[Span], index: int, *, cast: Cast | None = None
) -> tuple[Mention, int] | None:
    """The speaker mention for one quote and where it sits: after the quote first, then before."""
    after, at = _after_context(text, spans, index)
    dash = _DASH_NAME.match(after)
    if dash:
        name, title = split_title(dash.group(1))
        return (Mention("name", name, title), at + dash.start(1)) if name else None
    cue = CUE_START.match(after)
    if cue:
        mention = object_after(after[cue.end() :])
        return (mention, at + cue.end()) if mention else None
    cue = CUE.search(after) if not _opens_sentence(text, spans[index], after) else None
    if cue and len(after[: cue.start()].split()) <= 30:
        mention = subject_before(_LEAD.sub("", after[: cue.start()]))
        if mention:
            return mention, at
    before, lo = _before_context(text, spans, index)
    for cue in reversed(list(CUE.finditer(before))):
        mention = _mention_at_cue(before, cue)
        if mention:
            return mention, lo + cue.start()
    if _COLON.search(before):
        run = _colon_speaker(before, lo, cast)
        if run:
            name, title = split_title(run.group())
            return (Mention("name", name, title), lo + run.start()) if name else None
    return None


def _opens_sentence(text: str, span: Span, after: str) -> bool:
    """'"... or not." While some critics say ...': after a quote that ends its sentence, a new
    sentence is the writer's, and its cue is someone else's."""
    return text[span.end - 1] == "." and after[:1].isspace() and after.lstrip()[:1].isupper()


def _colon_speaker(before: str, lo: int, cast: Cast | None) -> re.Match[str] | None:
    """Who introduces a quote with a colon: the first name in the clause that is a person the
    article has named in full ("when Musk again took to Twitter with this:"), else its first."""
    runs = list(_FIRST_RUN.finditer(before))
    for run in runs:
        name = split_title(run.group())[0]
        if cast is None:
            break
        full = full_name(name, cast, lo + run.start()) if name else ""
        if " " in full and is_person(full.split()):
            return run
    return runs[0] if runs else None


def _mention_at_cue(before: str, cue: re.Match[str]) -> Mention | None:
    if cue.group().lower() == "according to" or _is_inverted(before, cue):
        return object_after(before[cue.end() :])
    return subject_before(before[: cue.start()])


def _is_inverted(before: str, cue: re.Match[str]) -> bool:
    """'..., asks Policy Options editor Jo Ditch, "': the cue opens its clause (at its start or
    after a comma) and a capitalised name runs from it to the comma before the mark."""
    opener = before[: cue.start()].rstrip()[-1:]
    return opener in ("", ",", "(") and _INVERTED.match(before, cue.end()) is not None


def _after_context(text: str, spans: Sequence[Span], index: int) -> tuple[str, int]:
    span = spans[index]
    if span.closed is None:
        return "", span.end
    limit = span.line_end
    if index + 1 < len(spans) and spans[index + 1].line_start == span.line_start:
        limit = spans[index + 1].opened
    start = span.after
    chunk = text[start:limit]
    end = _SENTENCE_END.search(chunk)
    return (chunk[: end.start() + 1] if end else chunk), start


def _before_context(text: str, spans: Sequence[Span], index: int) -> tuple[str, int]:
    span = spans[index]
    lo = span.line_start
    previous = spans[index - 1] if index else None
    if previous and previous.line_start == span.line_start and previous.closed is not None:
        lo = previous.after
    chunk = text[lo : span.opened]
    if not chunk.strip() and lo == span.line_start:
        chunk, lo = _introducing_paragraph(text, lo)
    ends = list(_SENTENCE_END.finditer(chunk))
    if ends:
        return chunk[ends[-1].end() :], lo + ends[-1].end()
    return chunk, lo


def _introducing_paragraph(text: str, line_start: int) -> tuple[str, int]:
    """The paragraph before, when it ends in a colon: 'Kim said in a statement:' then the quote."""
    end = text[:line_start].rstrip()
    if not end.endswith(":"):
        return "", line_start
    start = end.rfind("\n") + 1
    return end[start:], start


def _inherit(
    text: str, spans: Sequence[Span], index: int, found: list[Attribution], cast: Cast
) -> Attribution:
    """A cue-less quote continues the quote just before it unless a sentence between them opens
    with another person ('"...," says House. Durning agreed. "..."'); else it belongs to whoever
    the paragraph before was about: its last speech verb's subject, else its last person, else
    the last heard."""
    span = spans[index]
    if found:
        previous = spans[index - 1]
        if previous.line_start == span.line_start or span.line_start - previous.line_end <= 3:
            person = _other_subject(text, previous, span, cast)
            return Attribution(person) if person and person != found[-1].speaker else found[-1]
    if span.closed is not None:
        who = _from_paragraph_before(text, span, cast, found)
        if who is not None:
            return who
    speaker = recent_speaker(cast, span.opened, since=span.opened - 400)
    return Attribution(speaker) if speaker else Attribution()


def _other_subject(text: str, previous: Span, span: Span, cast: Cast) -> str | None:
    """The person opening a sentence of the writer's between two quotes, after the sentence
    the first quote ends ('"...," says House. Durning agreed. "..."'); None if none does."""
    if previous.closed is None:
        return None
    if text[previous.end - 1] in ".!?":
        return subject_between(cast, previous.after, span.opened)
    end = _SENTENCE_END.search(text, previous.after, span.opened)
    return subject_between(cast, end.end(), span.opened) if end else None


def _from_paragraph_before(
    text: str, span: Span, cast: Cast, found: list[Attribution]
) -> Attribution | None:
    end = text[: span.line_start].rstrip()
    start = end.rfind("\n") + 1
    paragraph = end[start:]
    for cue in reversed(list(CUE.finditer(paragraph))):
        before = paragraph[: cue.start()]
        ends = list(_SENTENCE_END.finditer(before))
        clause = before[ends[-1].end() :] if ends else before
        mention = _mention_at_cue(clause, cue) if clause.strip() else None
        if (
            mention is None
            and cue.group().lower() != "according to"
            and clause.rstrip()[-1:] in ',"”'
        ):
            mention = object_after(paragraph[cue.end() :])
        who = resolve((mention, start + cue.start()), cast, {}, found) if mention else None
        if who is not None and who.speaker:
            return who
    person = last_person(cast, span.line_start, since=start)
    return Attribution(person) if person else None
