"""The offline summary: two or three whole sentences, picked, never written.

Each candidate sentence is scored by centrality (how much it shares with the article as a
whole and with its headline) and by position (news writing puts the event first). The best
are returned in reading order, so every sentence is a verbatim slice of the article text.
Hangul-dominant text gets the headline and first sentence: we cannot judge Korean prose.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from bot.analyze.sentences import (
    has_boilerplate_phrase,
    is_caption,
    is_furniture,
    is_hangul_dominant,
    is_whole,
    split_sentences,
)
from bot.analyze.shingles import to_terms

POSITION_WEIGHT = 0.5  # how much "comes first" counts against "says what the article says"
POSITION_DECAY = 0.35  # the lead outweighs the third sentence by about 2:1
MAX_CANDIDATES = 16  # picks come from the first dozen; the rest give centrality context
TEXT_CHARS = 3000  # sixteen news sentences fit; long texts stop here
CHARACTER_BUDGET = 480  # a third sentence only if the first two leave room
DUPLICATE_OVERLAP = 0.7  # term overlap at which two sentences say the same thing


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that could go into the summary."""

    position: int
    text: str
    terms: frozenset[str]


def summarize(title: str, text: str, *, max_sentences: int = 3) -> tuple[str, ...]:
    """Headline and plain text -> up to `max_sentences` verbatim sentences, in article order."""
    if is_hangul_dominant(f"{title} {text[:500]}"):
        return _fallback(title, text)
    candidates = _candidates(text)
    if not candidates:
        return ()
    scores = _scores(title, candidates)
    ranked = sorted(candidates, key=lambda c: (-scores[c.position], c.position))
    return tuple(c.text for c in sorted(_pick(ranked, max_sentences), key=lambda c: c.position))


def _fallback(title: str, text: str) -> tuple[str, ...]:
    """Headline plus first sentence, the honest summary of text we cannot read."""
    spans = split_sentences(text)
    first = text[spans[0][0] : spans[0][1]] if spans else ""
    return tuple(part for part in (title.strip(), first) if part)


def _candidates(text: str) -> list[Candidate]:
    """Text -> its whole sentences that are not furniture, numbered in order.

    Duplicates and read-more lines are left for `_pick`, which tests only the few it takes.
    """
    found: list[Candidate] = []
    for start, end in split_sentences(text[:TEXT_CHARS]):
        sentence = text[start:end]
        if not is_whole(sentence) or is_furniture(sentence) or is_caption(text, end):
            continue
        terms = frozenset(to_terms(sentence))
        if terms:
            found.append(Candidate(position=len(found), text=sentence, terms=terms))
        if len(found) >= MAX_CANDIDATES:
            break
    return found


def _is_same(first: frozenset[str], second: frozenset[str]) -> bool:
    return len(first & second) >= DUPLICATE_OVERLAP * min(len(first), len(second))


def _scores(title: str, candidates: list[Candidate]) -> dict[int, float]:
    """Candidates -> score per position: centrality blended with a decaying lead bonus."""
    weights = Counter(chain.from_iterable(c.terms for c in candidates))
    weights.update(dict.fromkeys(to_terms(title), 2))
    central = {
        c.position: sum(map(weights.__getitem__, c.terms)) / math.sqrt(len(c.terms))
        for c in candidates
    }
    top = max(central.values()) or 1.0
    return {
        position: (1 - POSITION_WEIGHT) * score / top
        + POSITION_WEIGHT / (1 + POSITION_DECAY * position)
        for position, score in central.items()
    }


def _pick(ranked: list[Candidate], max_sentences: int) -> list[Candidate]:
    """Best-first candidates -> the chosen few: at most `max_sentences`, within the budget,
    none saying again what a chosen one says (duplicates are only checked against the few)."""
    chosen: list[Candidate] = []
    used = 0
    for candidate in ranked:
        if len(chosen) >= max_sentences:
            break
        if has_boilerplate_phrase(candidate.text) or any(
            _is_same(candidate.terms, other.terms) for other in chosen
        ):
            continue
        if len(chosen) >= 2 and used + len(candidate.text) > CHARACTER_BUDGET:
            break
        chosen.append(candidate)
        used += len(candidate.text)
    return chosen
