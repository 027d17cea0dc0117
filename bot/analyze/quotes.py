"""Direct quotations: spans between quote marks, minus what is not speech, with speakers.

The guarantee digests rely on: every Quote has `text[start:end] == quote`, taken by slicing the
article text itself, never rebuilt. Spans are found paragraph by paragraph (a newline resets the
quote state, which is how a quote running over paragraphs reopens on each one); an opening mark
with no closing one runs to the paragraph end. Scare quotes, one- or two-word terms and titles are
dropped here; speakers are found by `speakers.attribute` and key quotes by `keyquotes.mark_key`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analyze.cues import CUE, CUE_START
from bot.analyze.keyquotes import mark_key
from bot.analyze.quotemarks import Span, find_spans
from bot.analyze.resolve import Attribution
from bot.analyze.speakers import attribute
from bot.model import Quote

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_GLUE = frozenset(
    str.split(
        "that as if whether because than and or but to in of with for from at on by while then "
        "is was are were be been being has have had he she they it we i his her their its"
    )
)
_NEXT_QUOTE = re.compile(r"\s*,?\s*(?:and|or)?\s*[\"“]")
_CLAUSE_WORDS = frozenset(
    str.split(
        "i we you he she they is are was were will can must need needs should would do does did "
        "has have had am"
    )
)
_POSSESSIVE = re.compile(r"\w[sS]['’]$")  # 'on CBS’ "Face the Nation."': the possessor's title
_SPLIT_GAP = re.compile(r"[^\"“”'.]{1,60}?,\s*(?=[\"“]|'')")
_SELF = frozenset(str.split("it he she they we I"))
_JOINERS = frozenset(str.split("and or but to in of with for from at on by as than because"))
_CUE_END = re.compile(rf"\b(?:{CUE.pattern}),?$")
_NEW_CLAUSE = frozenset(str.split("and but or then"))
_AND_BETWEEN = re.compile(r"(?:^|,)\s*(?:and|or)\s*$")
_RUN_ON = frozenset(str.split("is was are were be been because as if whether than that"))
_CLAUSE_BREAK = re.compile(r"(?<![A-Z])[.!?:;][\"”’]?\s")
_LOWER_HEAD = re.compile(r"\s*[a-z]")
_SMALL = frozenset(str.split("a an the of and or in on at to for by with from as is vs"))
_TITLE_CUE = re.compile(
    r"(?:book|film|movie|song|album|show|series|novel|play|titled|entitled|dubbed|"
    r"called|named|nicknamed|operation|campaign|slogan|hashtag|term|phrase|word|words|"
    r"label|labelled|labeled|branded|known as)\W*$",
    re.IGNORECASE,
)


def extract_quotes(text: str) -> tuple[Quote, ...]:
    """Article text -> its direct quotations, verbatim, with speaker, description and key flag."""
    spans = _speech_spans(text, find_spans(text))
    attributions = attribute(_readable(text), spans)
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
    words = _WORD.findall(text, span.start, span.end)
    return (
        len(words) > 2
        and _AND_BETWEEN.search(between) is not None
        and (_CLAUSE_BREAK.search(between) is None)
    )


def _to_quote(text: str, span: Span, who: Attribution) -> Quote:
    end = _content_end(text, span)
    return Quote(
        quote=text[span.start : end],
        start=span.start,
        end=end,
        speaker=who.speaker,
        speaker_title=who.title,
    )


def _content_end(text: str, span: Span) -> int:
    """Where the words end: a comma before the closing mark belongs to the writer's sentence."""
    end = span.end
    if span.closed is not None:
        while end > span.start + 1 and text[end - 1] in ", \t":
            end -= 1
    return end


def is_speech(text: str, span: Span) -> bool:
    """False for scare quotes, short terms and titles: what a reader would not call a quotation."""
    words = _WORD.findall(text, span.start, span.end)
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


def is_embedded(text: str, span: Span) -> bool:
    """A partial quote woven into the writer's sentence ('called it "a true wake-up call" to')."""
    return _is_glued_before(text, span) or _is_glued_after(text, span)


def _is_glued_before(text: str, span: Span) -> bool:
    """The sentence runs into the mark with words that are not a cue and its object."""
    before = text[max(span.line_start, span.opened - 160) : span.opened].rstrip()
    breaks = list(_CLAUSE_BREAK.finditer(before))
    before = before[breaks[-1].end() :] if breaks else before
    if not before or not (before[-1].isalnum() or before[-1] == "," or _POSSESSIVE.search(before)):
        return False
    if before[-1] == "," and _is_sentence(text, span, before):
        return False
    cues = list(CUE.finditer(before))
    if not cues:
        return before[-1].isalnum() or text[span.start].islower()
    gap = before[cues[-1].end() :].replace(",", " ").split()
    if not gap:
        return False
    if gap[-1] == "that" or _is_self_report(gap):
        return len(gap) > 4 or len(_WORD.findall(text, span.start, span.end)) < 6
    return len(gap) > 4 or any(word in _GLUE for word in gap)


def _is_self_report(gap: list[str]) -> bool:
    """'said he would "introduce legislation ..."': the speaker's own words, quoted from the
    verb on after a cue and a pronoun for the speaker."""
    words = gap[1:] if gap[:1] == ["that"] else gap
    return 2 <= len(words) <= 3 and words[0] in _SELF and all(w.islower() for w in words[1:])


def _is_sentence(text: str, span: Span, before: str) -> bool:
    """A whole sentence or question set off by a comma ('joked, "It was a twinkle."') is said,
    not woven in.

    Unless the writer's clause runs on into it ('the message is, "You will pay."'): then the
    quote completes the writer's sentence.
    """
    closing = text[span.end - 1]
    if closing != "?" and not (closing in ".!" and text[span.start].isupper()):
        return False
    last = _WORD.findall(before[-30:])
    return (
        bool(last)
        and last[-1].lower() not in _RUN_ON
        and len(_WORD.findall(text, span.start, span.end)) > 2
    )


def _is_glued_after(text: str, span: Span) -> bool:
    """The writer's sentence carries on after the closing mark ('" in federal taxes')."""
    if span.closed is None or text[span.end - 1] in ".!?…":
        return False
    following = text[span.after : min(span.line_end, span.after + 59)]
    if not _LOWER_HEAD.match(following):
        return False
    words = following.split()
    if words[0] in _NEW_CLAUSE and _is_introduced(text, span):
        return False
    if _is_listed(text, span):
        return False
    if text[span.end - 1] in ",;:—–-":
        return bool(words) and words[0] in _JOINERS
    return not CUE.search(" ".join(words[:6]))


def _is_listed(text: str, span: Span) -> bool:
    """'placards reading: "Coach is really sick" and "We need a donor."': a colon opens a list
    of quotations, each a clause of its own (a subject pronoun or a finite verb in it), not a
    list of terms ('made it: "Most important election of our time" and "OTUS"')."""
    opens = text[span.line_start : span.opened].rstrip().endswith(":")
    if not opens or not _NEXT_QUOTE.match(text, span.after):
        return False
    return any(word.lower() in _CLAUSE_WORDS for word in _WORD.findall(text, span.start, span.end))


def _is_introduced(text: str, span: Span) -> bool:
    """'said "it is wrong," and added', 'said it was "troubled by ...," and that': a cue right
    before the mark opens a quotation, and the writer's sentence may go on past it with a new
    clause."""
    before = text[max(span.line_start, span.opened - 40) : span.opened].rstrip()
    if _CUE_END.search(before):
        return True
    cues = list(CUE.finditer(before))
    return bool(cues) and _is_self_report(before[cues[-1].end() :].split())


def _is_title_case(words: list[str]) -> bool:
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in words)


def _ends_sentence(text: str, span: Span) -> bool:
    return text[span.end - 1] in ".!?…"
