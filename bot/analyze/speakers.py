"""Who said each quote: the cue beside it, the mention next to the cue, resolved to a full name.

Cues come after the quote ('," said Kim Yo Jong, vice department director') or before it
('Lankov told Reuters: "'). Surnames ("said Delury"), pronouns ("he said") and roles ("the
minister") resolve to the nearest earlier full name that fits: a surname matches a name's last
token, or its first for Korean family-first names ("Kim" is whoever named Kim was mentioned last).
A quote with no cue of its own (the second half of a split quote, a paragraph that continues a
quote) is left to `cueless`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.analyze.acronyms import is_acronym, spell_out
from bot.analyze.coref import Cast, full_name, read_cast
from bot.analyze.cueless import borrow_from_next, inherit, same_speaker
from bot.analyze.cues import CUE, CUE_START
from bot.analyze.introductions import introduced_title, is_plain_honorific
from bot.analyze.inverted import mention_at_cue, object_after
from bot.analyze.mentions import Mention, subject_before
from bot.analyze.namerun import RUN, SENTENCE_END
from bot.analyze.namewords import is_person
from bot.analyze.quotedby import quoted_after, quoted_before
from bot.analyze.quotemarks import Span
from bot.analyze.resolve import Attribution, resolve
from bot.analyze.titles import split_title

_LEAD = re.compile(r"^[\s,.;:—–-]*")
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
    cued = False  # whether the quote before was attributed by a cue of its own
    for index in range(len(spans)):
        located = find_mention(text, spans, index, cast=cast)
        who = same_speaker(text, spans, index, located, found, cast) if cued else None
        if who and who.speaker:
            who = Attribution(who.speaker, titles.get(who.speaker, who.title))
        who = who or (resolve(located, cast, titles, found) if located else None)
        cued = who is not None and who.speaker is not None
        if who is None or who.speaker is None:
            who = inherit(text, spans, index, found, cast)
        if who.speaker and who.title:
            titles.setdefault(who.speaker, who.title)
        found.append(who)
    known: dict[str, tuple[int, str] | None] = {}
    return [
        _introduced(cast, span, _spelled_out(text, span, who), known)
        for span, who in zip(spans, borrow_from_next(spans, found), strict=True)
    ]


def _introduced(
    cast: Cast, span: Span, who: Attribution, known: dict[str, tuple[int, str] | None]
) -> Attribution:
    """A person quoted without an office ('Bae said') takes the one they were introduced with."""
    if who.speaker is None or not (who.title is None or is_plain_honorific(who.title)):
        return who
    if not who.speaker[:1].isupper() or not is_person(who.speaker.split()):
        return who
    title = introduced_title(cast, who.speaker, span.opened, known=known)
    return Attribution(who.speaker, title) if title else who


def _spelled_out(text: str, span: Span, who: Attribution) -> Attribution:
    """'EDC' -> 'Export Development Canada' when the article spells it out before the quote."""
    if who.speaker is None or not is_acronym(who.speaker):
        return who
    name = spell_out(text, who.speaker, span.opened)
    return Attribution(name, who.title) if name else who


def find_mention(
    text: str, spans: Sequence[Span], index: int, *, cast: Cast | None = None
) -> tuple[Mention, int] | None:
    """The speaker mention for one quote and where it sits: after the quote first, then before."""
    after, at = _after_context(text, spans, index)
    relayed = quoted_after(after)
    if relayed:
        return relayed[0], at + relayed[1]
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
    relayed = quoted_before(before)
    if relayed:
        return relayed[0], lo + relayed[1]
    for cue in reversed(list(CUE.finditer(before))):
        mention = mention_at_cue(before, cue)
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


def _after_context(text: str, spans: Sequence[Span], index: int) -> tuple[str, int]:
    span = spans[index]
    if span.closed is None:
        return "", span.end
    limit = span.line_end
    if index + 1 < len(spans) and spans[index + 1].line_start == span.line_start:
        limit = spans[index + 1].opened
    start = span.after
    chunk = text[start:limit]
    end = SENTENCE_END.search(chunk)
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
    ends = list(SENTENCE_END.finditer(chunk))
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
