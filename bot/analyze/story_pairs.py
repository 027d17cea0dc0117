"""Which pairs of articles could report one story, found without comparing every pair.

Two reports of one event share rare words (names, places, figures) in their headlines and
leads, and appear within the window. So an inverted index over rare terms, walked in time
order, proposes the candidate pairs, and only those are scored in full. Common terms still
weigh in the score; they just never make a pair worth looking at on their own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime

from bot.analyze.story_profile import Profile

RARE_SHARE = 0.05  # a term in more than this share of the batch proposes no pairs...
RARE_FLOOR = 8  # ...unless the batch is so small that this many is still rare
RARE_COSINE = 0.05  # rare terms must make up this much cosine for a pair to be scored

Vector = dict[str, float]
Pair = tuple[int, int]


def to_vectors(profiles: Sequence[Profile]) -> list[Vector]:
    """Profiles -> unit TF-IDF vectors of headline (twice) and lead, with smoothed IDF.

    Term frequency is sublinear (1 + log n): a topic word a report repeats ("rate ... rate
    ... rate" in every central-bank story) says what it is about, but not n times more than
    the one name that says which event it is.
    """
    frequency: Counter[str] = Counter()
    for profile in profiles:
        frequency.update(profile.bag.keys())
    size = len(profiles)
    idf = {term: math.log((size + 1) / count) for term, count in frequency.items()}
    return [_unit({t: (1 + math.log(n)) * idf[t] for t, n in p.bag.items()}) for p in profiles]


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {term: value / norm for term, value in vector.items()}


def cosine(first: Vector, second: Vector) -> float:
    """Two unit vectors -> their cosine, over the few shared terms (a set intersection).

    `fsum` is exact, so the set's order (which varies between processes) cannot change it.
    """
    return math.fsum([first[term] * second[term] for term in first.keys() & second.keys()])


def candidate_pairs(
    profiles: Sequence[Profile],
    vectors: Sequence[Vector],
    *,
    window_hours: float,
    new: int | None = None,
) -> set[Pair]:
    """Profiles -> pairs (i < j) within the window whose rare terms alone make them alike.

    The rare terms' share of the cosine is summed per pair as the postings are walked, so
    one shared rare word that weighs nothing in either article proposes nothing. With `new`,
    only pairs touching the first `new` profiles are wanted (the incremental case), and a
    posting of stored articles alone is never walked.
    """
    hours = [_hours(p.published) for p in profiles]
    shared: dict[Pair, float] = defaultdict(float)
    for term, members in _postings(profiles, vectors, hours, new).items():
        weights = [vectors[member][term] for member in members]
        _accumulate(shared, members, weights, hours, window_hours)
    return {
        pair
        for pair, weight in shared.items()
        if weight >= RARE_COSINE and (new is None or pair[0] < new)
    }


def _hours(published: datetime | None) -> float | None:
    return None if published is None else published.timestamp() / 3600


def _postings(
    profiles: Sequence[Profile],
    vectors: Sequence[Vector],
    hours: Sequence[float | None],
    new: int | None,
) -> dict[str, list[int]]:
    """Rare term -> the articles using it, in time order (undated ones first).

    With `new`, only terms of the new articles are indexed: no other posting can pair one.
    """
    order = sorted(range(len(profiles)), key=lambda i: (hours[i] is not None, hours[i] or 0, i))
    postings: dict[str, list[int]] = defaultdict(list)
    if new is None:
        for index in order:
            for term in vectors[index]:
                postings[term].append(index)
    else:
        wanted = set().union(*(vectors[index].keys() for index in range(new)))
        for index in order:
            for term in wanted.intersection(vectors[index]):
                postings[term].append(index)
    cap = max(RARE_FLOOR, RARE_SHARE * len(profiles))
    return {term: members for term, members in postings.items() if 1 < len(members) <= cap}


def _accumulate(
    shared: dict[Pair, float],
    members: list[int],
    weights: list[float],
    hours: Sequence[float | None],
    window_hours: float,
) -> None:
    """Add one term's share of the cosine to every pair of its members within the window.

    Members are in time order with the undated first, so once a dated member's window is
    passed, every later member is past it too.
    """
    for position, first in enumerate(members):
        start = hours[first]
        limit = float("inf") if start is None else start + window_hours
        weight = weights[position]
        for offset in range(position + 1, len(members)):
            second = members[offset]
            if (hours[second] or 0.0) > limit:
                break
            pair = (first, second) if first < second else (second, first)
            shared[pair] += weight * weights[offset]
