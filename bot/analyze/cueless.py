"""Quotes without a cue of their own: whose they are from the quotes and sentences around.

'"...," Min said. "...," he added.': "he" goes on with Min. A quote with no cue at all continues
the quote before it (unless a sentence of the writer's opened with another person in between),
else belongs to whoever the paragraph before was about; one whose cue comes later ('"A.\n\n"B,"
she said') takes the next quote's speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analyze.coref import Cast, goes_on, last_person, recent_speaker, subject_between
from bot.analyze.cues import CUE
from bot.analyze.inverted import mention_at_cue, object_after
from bot.analyze.mentions import Mention
from bot.analyze.namerun import SENTENCE_END
from bot.analyze.quotemarks import Span
from bot.analyze.resolve import Attribution, resolve


def same_speaker(
    text: str,
    spans: Sequence[Span],
    index: int,
    located: tuple[Mention, int] | None,
    found: list[Attribution],
    cast: Cast,
) -> Attribution | None:
    """'"...," special prosecutor Min said. "...," he added.': "he" right after a person's quote
    in the same paragraph is that person, unless someone else is named since that quote's
    sentence began."""
    if not located or located[0].kind != "pronoun" or not found or not found[-1].speaker:
        return None
    previous, span = spans[index - 1], spans[index]
    if previous.line_start != span.line_start or previous.closed is None:
        return None
    ends = list(SENTENCE_END.finditer(text, previous.line_start, previous.opened + 1))
    start = ends[-1].end() if ends else previous.line_start  # the first quote's sentence
    speaker, (mention, at) = found[-1].speaker, located
    return found[-1] if goes_on(cast, speaker, mention.text, start=start, at=at) else None


def borrow_from_next(spans: Sequence[Span], found: list[Attribution]) -> list[Attribution]:
    """A quote whose cue comes later ('"A.\n\n"B," she said') takes the next quote's speaker."""
    for index in range(len(spans) - 2, -1, -1):
        span, following = spans[index], spans[index + 1]
        joined = span.line_start == following.line_start or span.closed is None
        if found[index].speaker is None and joined and following.line_start - span.line_end <= 3:
            found[index] = found[index + 1]
    return found


def inherit(
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
    end = SENTENCE_END.search(text, previous.after, span.opened)
    return subject_between(cast, end.end(), span.opened) if end else None


def _from_paragraph_before(
    text: str, span: Span, cast: Cast, found: list[Attribution]
) -> Attribution | None:
    end = text[: span.line_start].rstrip()
    start = end.rfind("\n") + 1
    paragraph = end[start:]
    for cue in reversed(list(CUE.finditer(paragraph))):
        before = paragraph[: cue.start()]
        ends = list(SENTENCE_END.finditer(before))
        clause = before[ends[-1].end() :] if ends else before
        mention = mention_at_cue(clause, cue) if clause.strip() else None
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
