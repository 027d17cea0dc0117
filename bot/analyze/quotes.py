"""Direct quotations: spans between quote marks, minus what is not speech, with speakers.

The guarantee digests rely on: every Quote has `text[start:end] == quote`, taken by slicing the
article text itself, never rebuilt (found in a same-length unwrapped text, see `wraps`). Spans
are found paragraph by paragraph (a newline resets the quote state, which is how a quote running
over paragraphs reopens on each one); an opening mark with no closing one runs to the paragraph
end. Scare quotes, one- or two-word terms and titles are
dropped here, partial quotes woven into the writer's sentence by `embedded`; speakers are found
by `speakers.attribute` and key quotes by `keyquotes.mark_key`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analyze.cues import CUE, CUE_START
from bot.analyze.embedded import CLAUSE_BREAK, WORD, is_embedded
from bot.analyze.keyquotes import mark_key
from bot.analyze.quotemarks import Span, find_spans
from bot.analyze.resolve import Attribution
from bot.analyze.speakers import attribute
from bot.analyze.titles import shown_title
from bot.analyze.wraps import unwrap
from bot.model import Quote

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPLIT_GAP = re.compile(r"[^\"“”'.]{1,60}?,\s*(?=[\"“]|'')")
_AND_BETWEEN = re.compile(r"(?:^|,)\s*(?:and|or)\s*$")
_SMALL = frozenset(str.split("a an the of and or in on at to for by with from as is vs"))
_TITLE_CUE = re.compile(
    r"(?:book|film|movie|song|album|show|series|novel|play|titled|entitled|dubbed|"
    r"called|named|nicknamed|operation|campaign|slogan|hashtag|term|phrase|word|words|"
    r"label|labelled|labeled|branded|known as)\W*$",
    re.IGNORECASE,
)


def extract_quotes(text: str) -> tuple[Quote, ...]:
    """Article text -> its direct quotations, verbatim, with speaker, description and key flag."""
    unwrapped = unwrap(text)
    spans = _speech_spans(unwrapped, find_spans(unwrapped))
    attributions = attribute(_readable(unwrapped), spans)
    quotes = [_to_quote(text, span, who) for span, who in zip(spans, attributions, strict=True)]
    keys = mark_key(quotes)
    return tuple(replace(q, key=True) if i in keys else q for i, q in enumerate(quotes))


def _readable(text: str) -> str:
    """The text with zero-width characters as spaces, for reading speakers: scraped pages leave
    them inside sentences ("Traeger\u200b said"). Same length, so every offset still holds."""
    return _INVISIBLE.sub(" ", text) if _INVISIBLE.search(text) else text


def _speech_spans(text: str, spans: list[Span]) -> list[Span]:
    """The spans that are speech; one joined by 'and' to a quotation is one too ('shout, "A!"
    and "B!"'; '"A," said Lee, and "b."')."""
    kept: list[Span] = []
    for span in spans:
        if is_speech(text, span) or (kept and _continues(text, kept[-1], span)):
            kept.append(span)
    return kept


def _continues(text: str, previous: Span, span: Span) -> bool:
    if previous.closed is None or previous.line_start != span.line_start:
        return False
    between = text[previous.after : span.opened]
    words = WORD.findall(text, span.start, span.end)
    return (
        len(words) > 2
        and _AND_BETWEEN.search(between) is not None
        and (CLAUSE_BREAK.search(between) is None)
    )


def _to_quote(text: str, span: Span, who: Attribution) -> Quote:
    end = _content_end(text, span)
    return Quote(
        quote=text[span.start : end],
        start=span.start,
        end=end,
        speaker=who.speaker,
        speaker_title=shown_title(who.title),
    )


def _content_end(text: str, span: Span) -> int:
    """Where the words end: a comma before the closing mark belongs to the writer's sentence."""
    end = span.end
    if span.closed is not None:
        while end > span.start + 1 and (text[end - 1] == "," or text[end - 1].isspace()):
            end -= 1
    return end


def is_speech(text: str, span: Span) -> bool:
    """False for scare quotes, short terms and titles: what a reader would not call a quotation."""
    words = WORD.findall(text, span.start, span.end)
    if len(words) == 1:
        return _is_exclamation(text, span) or _opens_split(text, span)
    if len(words) < 2 or (len(words) == 2 and not _is_short_utterance(text, span)):
        return False
    if _is_title_case(words) and not _ends_sentence(text, span):
        return False
    if is_embedded(text, span):
        return False
    title = _TITLE_CUE.search(text, max(span.line_start, span.opened - 25), span.opened)
    return title is None or len(words) > 8 or _is_announced(text, span, title)


def _is_announced(text: str, span: Span, title: re.Match[str]) -> bool:
    """'posted a photo with two words: "I'm back."': a sentence after a colon is said, not named."""
    return title.group().rstrip().endswith(":") and _ends_sentence(text, span)


def _opens_split(text: str, span: Span) -> bool:
    """'"That," he added, "promises to make life harder."': one word opening a quotation that
    a cue splits, the rest reopening right after the cue's clause."""
    if text[span.end - 1] != ",":
        return False
    gap = _SPLIT_GAP.match(text, span.after, span.line_end)
    return gap is not None and CUE.search(gap.group()) is not None


def _is_short_utterance(text: str, span: Span) -> bool:
    """'"No comment," he said.', 'stammered, "I … I …"': two words said on their own, not a
    term in a sentence."""
    return text[span.end - 1] in ".!?,…" and not is_embedded(text, span)


def _is_exclamation(text: str, span: Span) -> bool:
    """'"Really?" said Colton': one word said on its own, a cue right after the closing mark."""
    after = text[span.after : min(span.line_end, span.after + 20)]
    return text[span.end - 1] in "!?" and CUE_START.match(after) is not None


def _is_title_case(words: list[str]) -> bool:
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in words)


def _ends_sentence(text: str, span: Span) -> bool:
    return text[span.end - 1] in ".!?…"
