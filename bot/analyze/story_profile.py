"""What story grouping knows of one article, and how alike two articles are.

Similarity is TF-IDF cosine over the cleaned headline (counted twice) and the lead, because
outlets paraphrase headlines but report the same names, places and numbers up front. Two
signals adjust it: near-duplicate text (a republished or updated version) lifts it, and a
conflict of names (each headline names someone or something the other article never
mentions, as in "Kuwait hikes" vs "Bahrain hikes") halves it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.analyze.shingles import clean_headline, resemblance, sketch, to_stem, to_terms
from bot.model import Article

LEAD_CHARS = 800  # about the first three sentences: who, what, where, when
BODY_CHARS = 3000  # enough to tell whether a name appears at all
SKETCH_CHARS = 6000  # versions of one report differ at the end (updates), rarely at the start
NEAR_DUPLICATE = 0.5  # sketch resemblance above which two texts are versions of one report
UNRELATED = 0.15  # below this cosine no text is a near-duplicate, so skip the finer checks
_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-zA-Z'’-]+")


@dataclass(frozen=True, slots=True)
class Profile:
    """One article reduced to what grouping compares."""

    id: str
    published: datetime | None
    headline: tuple[str, ...]
    lead: tuple[str, ...]
    names: frozenset[str]  # terms written capitalized mid-sentence: people, places, firms
    body: frozenset[str]
    sketch: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Vectors:
    """Unit-length TF-IDF vectors of headline+lead, one per profile, in input order."""

    weights: tuple[dict[str, float], ...]


def to_profile(article: Article) -> Profile:
    """Article -> its profile (terms of headline, lead and body; names; near-duplicate sketch)."""
    headline = to_terms(clean_headline(article.title))
    body_text = article.text[:BODY_CHARS]
    names = {to_stem(word) for word in _MID_SENTENCE_NAME.findall(body_text)}
    return Profile(
        id=article.id,
        published=article.published,
        headline=tuple(headline),
        lead=tuple(to_terms(article.text[:LEAD_CHARS])),
        names=frozenset(names),
        body=frozenset(to_terms(body_text)) | frozenset(headline),
        sketch=sketch(to_terms(article.text[:SKETCH_CHARS]) or headline),
    )


def to_vectors(profiles: Sequence[Profile]) -> Vectors:
    """Profiles -> TF-IDF vectors with smoothed IDF, so a batch of two still compares."""
    bags = [Counter(p.headline * 2 + p.lead) for p in profiles]
    frequency = Counter(term for bag in bags for term in bag)
    size = len(bags)
    idf = {term: math.log((size + 1) / count) for term, count in frequency.items()}
    return Vectors(weights=tuple(_unit({t: n * idf[t] for t, n in bag.items()}) for bag in bags))


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {term: value / norm for term, value in vector.items()}


def cosine(first: dict[str, float], second: dict[str, float]) -> float:
    """Two unit vectors -> their cosine."""
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(term, 0.0) for term, value in first.items())


def hours_apart(first: Profile, second: Profile) -> float:
    """Two profiles -> hours between their publication; an unknown time counts as the same time."""
    if first.published is None or second.published is None:
        return 0.0
    return abs((first.published - second.published).total_seconds()) / 3600


def _unexplained_names(first: Profile, second: Profile) -> bool:
    return any(t in first.names and t not in second.body for t in first.headline)


def is_name_conflict(first: Profile, second: Profile) -> bool:
    """True when each headline names something the other article never mentions."""
    return _unexplained_names(first, second) and _unexplained_names(second, first)


def similarity(
    first: Profile, second: Profile, *, vectors: tuple[dict[str, float], dict[str, float]]
) -> float:
    """Two profiles and their vectors -> how alike they are, 0..1 (before any time penalty)."""
    score = cosine(*vectors)
    if is_name_conflict(first, second):
        return score / 2  # a template about someone else is no near-duplicate
    if score >= UNRELATED and resemblance(first.sketch, second.sketch) >= NEAR_DUPLICATE:
        return 1.0
    return score
