"""Story grouping: one key per article, the same key for every report of one event.

Average-link agglomeration over pair similarities: the strongest pairs merge first, and two
groups join only when they are alike on average, so one loose pair cannot chain two events
of a saga together. Similarity decays with the time between reports and stops at the
window, which keeps two launches a week apart (or a monthly template page) apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from bot.analyze.story_pairs import Pair, candidate_pairs, cosine, to_vectors
from bot.analyze.story_profile import Profile, hours_apart, similarity, to_profile, to_sketch
from bot.model import Article

THRESHOLD = 0.3  # a pair this alike (after time decay) may start a merge
AVERAGE_FLOOR = 0.15  # two groups join only if their members are this alike on average
DECAY_PER_DAY = 0.1  # similarity lost per day between two reports
_OUT_OF_WINDOW = -1.0  # pairs too far apart count against a merge
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def group_stories(articles: Sequence[Article], *, window_hours: float = 48) -> list[str]:
    """Articles -> a story key per article (the id of the story's first article)."""
    return _group(articles, fixed={}, window_hours=window_hours)


def assign_stories(
    new: Sequence[Article],
    recent: Sequence[tuple[Article, str]],
    *,
    window_hours: float = 48,
) -> list[str]:
    """New articles and recent (article, key) pairs -> a key per new article.

    A new article takes the key of the recent story it joins; otherwise new articles group
    among themselves under a new key. Recent stories never merge with each other here, so
    a key once given stays.
    """
    articles = [*new, *(article for article, _ in recent)]
    fixed = {len(new) + i: key for i, (_, key) in enumerate(recent)}
    return _group(articles, fixed=fixed, window_hours=window_hours)[: len(new)]


def _pair_scores(
    profiles: Sequence[Profile], *, fixed: Mapping[int, str], window_hours: float
) -> dict[Pair, float]:
    """Profiles -> time-decayed similarity of the candidate pairs, keyed (i, j), i < j.

    Pairs of two already-keyed (recent) articles are never scored: they cannot merge.
    """
    vectors = to_vectors(profiles)
    new = min(fixed, default=None)  # stored (keyed) articles come after the new ones
    pairs = candidate_pairs(profiles, vectors, window_hours=window_hours, new=new)
    sketches = _Sketches()
    scores: dict[Pair, float] = {}
    for i, j in sorted(pairs):
        alike = cosine(vectors[i], vectors[j])
        alike = similarity(profiles[i], profiles[j], cosine=alike, sketches=sketches.of)
        scores[(i, j)] = alike - _decay(profiles[i], profiles[j])
    return scores


class _Sketches:
    """Near-duplicate sketches built on first use: most articles never need one."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, ...]] = {}

    def of(self, profile: Profile) -> tuple[int, ...]:
        if profile.id not in self._known:
            self._known[profile.id] = to_sketch(profile)
        return self._known[profile.id]


def _decay(first: Profile, second: Profile) -> float:
    return DECAY_PER_DAY * hours_apart(first, second) / 24


def _group(
    articles: Sequence[Article], *, fixed: Mapping[int, str], window_hours: float
) -> list[str]:
    profiles = [to_profile(article) for article in articles]
    scores = _pair_scores(profiles, fixed=fixed, window_hours=window_hours)
    groups = _initial_groups(len(profiles), fixed)
    owner = {member: gid for gid, members in groups.items() for member in members}
    anchored = set(fixed.values())
    edges = sorted((-score, i, j) for (i, j), score in scores.items() if score >= THRESHOLD)
    for _, i, j in edges:
        first, second = owner[i], owner[j]
        if first == second or (first in anchored and second in anchored):
            continue
        if _average(groups[first], groups[second], scores, profiles, window_hours) < AVERAGE_FLOOR:
            continue
        keep, gone = sorted((first, second), key=lambda gid: (gid not in anchored, gid))
        groups[keep] += groups.pop(gone)
        owner.update(dict.fromkeys(groups[keep], keep))
    return _keys(groups, owner, profiles, fixed)


def _initial_groups(size: int, fixed: Mapping[int, str]) -> dict[str, list[int]]:
    """Singletons, except that recent articles sharing a given key start as one group."""
    groups: dict[str, list[int]] = {}
    for index in range(size):
        gid = fixed.get(index, f"\x00{index}")  # cannot clash with a given key
        groups.setdefault(gid, []).append(index)
    return groups


def _average(
    first: list[int],
    second: list[int],
    scores: Mapping[Pair, float],
    profiles: Sequence[Profile],
    window_hours: float,
) -> float:
    """Mean score between two groups; a pair never proposed counts as sharing nothing."""
    total = 0.0
    for i in first:
        for j in second:
            score = scores.get((min(i, j), max(i, j)))
            total += _unscored(profiles[i], profiles[j], window_hours) if score is None else score
    return total / (len(first) * len(second))


def _unscored(first: Profile, second: Profile, window_hours: float) -> float:
    if hours_apart(first, second) > window_hours:
        return _OUT_OF_WINDOW
    return -_decay(first, second)


def _keys(
    groups: Mapping[str, list[int]],
    owner: Mapping[int, str],
    profiles: Sequence[Profile],
    fixed: Mapping[int, str],
) -> list[str]:
    """Groups -> a key per article: the given key, or the id of the group's first article."""
    names: dict[str, str] = {}
    for gid, members in groups.items():
        if gid in fixed.values():
            names[gid] = gid
            continue
        first = min(members, key=lambda i: (profiles[i].published or _EARLIEST, profiles[i].id))
        names[gid] = profiles[first].id
    return [names[owner[index]] for index in range(len(profiles))]
