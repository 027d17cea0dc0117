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

from bot.analyze.sentences import (
    is_boilerplate,
    is_caption,
    is_hangul_dominant,
    is_whole,
    split_sentences,
)
from bot.analyze.shingles import to_terms

POSITION_WEIGHT = 0.5  # how much "comes first" counts against "says what the article says"
POSITION_DECAY = 0.35  # the lead outweighs the third sentence by about 2:1
MAX_CANDIDATES = 40  # past this, sentences are background; skipping them keeps it fast
TEXT_CHARS = 6000  # the summary lives in the first screens of an article; long texts stop here
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
    """Text -> its whole, non-boilerplate sentences, numbered in order, duplicates dropped."""
    found: list[Candidate] = []
    for start, end in split_sentences(text[:TEXT_CHARS]):
        sentence = text[start:end]
        if not is_whole(sentence) or is_boilerplate(sentence) or is_caption(text, end):
            continue
        terms = frozenset(to_terms(sentence))
        if terms and not any(_is_same(terms, other.terms) for other in found):
            found.append(Candidate(position=len(found), text=sentence, terms=terms))
        if len(found) >= MAX_CANDIDATES:
            break
    return found


def _is_same(first: frozenset[str], second: frozenset[str]) -> bool:
    return len(first & second) >= DUPLICATE_OVERLAP * min(len(first), len(second))


def _scores(title: str, candidates: list[Candidate]) -> dict[int, float]:
    """Candidates -> score per position: centrality blended with a decaying lead bonus."""
    weights = Counter(term for c in candidates for term in c.terms)
    weights.update({term: 2 for term in to_terms(title)})
    total = sum(weights.values()) or 1
    scores = {}
    for c in candidates:
        central = sum(weights[t] for t in c.terms) / (total * math.sqrt(len(c.terms)))
        scores[c.position] = central
    top = max(scores.values()) or 1.0
    return {
        position: (1 - POSITION_WEIGHT) * score / top
        + POSITION_WEIGHT / (1 + POSITION_DECAY * position)
        for position, score in scores.items()
    }


def _pick(ranked: list[Candidate], max_sentences: int) -> list[Candidate]:
    """Best-first candidates -> the chosen few: at most `max_sentences`, within the budget."""
    chosen: list[Candidate] = []
    for candidate in ranked:
        if len(chosen) >= max_sentences:
            break
        used = sum(len(c.text) for c in chosen)
        if len(chosen) >= 2 and used + len(candidate.text) > CHARACTER_BUDGET:
            break
        chosen.append(candidate)
    return chosen
