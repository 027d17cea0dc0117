"""Partial quotes woven into the writer's sentence: 'called it "a true wake-up call" to'.

A quoted stretch the writer's sentence runs into (words before the mark that are not a cue and
its object) or carries on after (' " in federal taxes') is a phrase, not a quotation; unless the
quote is a sentence set off by a comma, the speaker's own words from the verb on ('said he would
"introduce legislation ..."'), or one of a list of clauses opened by a colon.
"""

from __future__ import annotations

import re

from bot.analyze.cues import CUE
from bot.analyze.quotemarks import Span

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")  # a word, with its apostrophes and hyphens
CLAUSE_BREAK = re.compile(r"(?<![A-Z])[.!?:;][\"”’]?\s")
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
_SELF = frozenset(str.split("it he she they we I"))
_JOINERS = frozenset(str.split("and or but to in of with for from at on by as than because"))
_CUE_END = re.compile(rf"\b(?:{CUE.pattern}),?$")
_NEW_CLAUSE = frozenset(str.split("and but or then"))
_RUN_ON = frozenset(str.split("is was are were be been because as if whether than that"))
_LOWER_HEAD = re.compile(r"\s*[a-z]")


def is_embedded(text: str, span: Span) -> bool:
    """A partial quote woven into the writer's sentence ('called it "a true wake-up call" to')."""
    return _is_glued_before(text, span) or _is_glued_after(text, span)


def _is_glued_before(text: str, span: Span) -> bool:
    """The sentence runs into the mark with words that are not a cue and its object."""
    before = text[max(span.line_start, span.opened - 160) : span.opened].rstrip()
    breaks = list(CLAUSE_BREAK.finditer(before))
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
        return len(gap) > 4 or len(WORD.findall(text, span.start, span.end)) < 6
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
    last = WORD.findall(before[-30:])
    return (
        bool(last)
        and last[-1].lower() not in _RUN_ON
        and len(WORD.findall(text, span.start, span.end)) > 2
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
    return any(word.lower() in _CLAUSE_WORDS for word in WORD.findall(text, span.start, span.end))


def _is_introduced(text: str, span: Span) -> bool:
    """'said "it is wrong," and added', 'said it was "troubled by ...," and that': a cue right
    before the mark opens a quotation, and the writer's sentence may go on past it with a new
    clause."""
    before = text[max(span.line_start, span.opened - 40) : span.opened].rstrip()
    if _CUE_END.search(before):
        return True
    cues = list(CUE.finditer(before))
    return bool(cues) and _is_self_report(before[cues[-1].end() :].split())
