"""The reference clusterer the issue quotes: single-link TF-IDF cosine over title and lead.

Kept only to print beside our own scores, so a reader sees what the signals buy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from bot.analyze.shingles import to_terms
from bot.model import Article

LEAD_CHARS = 500


def baseline_stories(articles: Sequence[Article], *, threshold: float) -> list[str]:
    """Articles -> a key per article: connected components of pairs with cosine >= threshold."""
    vectors = _vectors(articles)
    parent = list(range(len(articles)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, first in enumerate(vectors):
        for j in range(i + 1, len(vectors)):
            if sum(w * vectors[j].get(t, 0.0) for t, w in first.items()) >= threshold:
                parent[root(j)] = root(i)
    return [articles[root(index)].id for index in range(len(articles))]


def _vectors(articles: Sequence[Article]) -> list[dict[str, float]]:
    bags = [Counter(to_terms(f"{a.title} {a.text[:LEAD_CHARS]}")) for a in articles]
    frequency = Counter(term for bag in bags for term in bag)
    idf = {term: math.log(len(bags) / count) for term, count in frequency.items()}
    vectors = []
    for bag in bags:
        raw = {term: count * idf[term] for term, count in bag.items()}
        norm = math.sqrt(sum(value * value for value in raw.values())) or 1.0
        vectors.append({term: value / norm for term, value in raw.items()})
    return vectors
