"""Average-link merging of scored article pairs into stories, honouring stored keys.

The strongest pairs merge first; two groups join only when their members are alike on
average, where a pair never proposed counts as sharing nothing (minus its time penalty)
and a pair outside the window counts strongly against. Groups that already carry a stored
key never merge with each other, so a key once given stays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from bot.analyze.story_pairs import Pair
from bot.analyze.story_profile import Profile, hours_apart

_OUT_OF_WINDOW = -1.0  # pairs too far apart count against a merge
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def merge_groups(
    profiles: Sequence[Profile],
    scores: Mapping[Pair, float],
    *,
    fixed: Mapping[int, str],
    window_hours: float,
    threshold: float,
    average_floor: float,
    decay_per_day: float,
) -> list[str]:
    """Scored pairs -> a key per profile: the stored key, or the id of its group's first."""
    groups = _initial_groups(len(profiles), fixed)
    owner = {member: gid for gid, members in groups.items() for member in members}
    anchored = set(fixed.values())

    def average(first: list[int], second: list[int]) -> float:
        total = 0.0
        for i in first:
            for j in second:
                score = scores.get((min(i, j), max(i, j)))
                if score is None:
                    gap = hours_apart(profiles[i], profiles[j])
                    score = _OUT_OF_WINDOW if gap > window_hours else -decay_per_day * gap / 24
                total += score
        return total / (len(first) * len(second))

    edges = sorted((-score, i, j) for (i, j), score in scores.items() if score >= threshold)
    for _, i, j in edges:
        first, second = owner[i], owner[j]
        if first == second or (first in anchored and second in anchored):
            continue
        if average(groups[first], groups[second]) < average_floor:
            continue
        keep, gone = sorted((first, second), key=lambda gid: (gid not in anchored, gid))
        groups[keep] += groups.pop(gone)
        owner.update(dict.fromkeys(groups[keep], keep))
    return _keys(groups, owner, profiles, anchored)


def _initial_groups(size: int, fixed: Mapping[int, str]) -> dict[str, list[int]]:
    """Singletons, except that stored articles sharing a key start as one group."""
    groups: dict[str, list[int]] = {}
    for index in range(size):
        gid = fixed.get(index, f"\x00{index}")  # cannot clash with a stored key
        groups.setdefault(gid, []).append(index)
    return groups


def _keys(
    groups: Mapping[str, list[int]],
    owner: Mapping[int, str],
    profiles: Sequence[Profile],
    anchored: set[str],
) -> list[str]:
    """Groups -> a key per article: the stored key, or the id of the group's first article."""
    names: dict[str, str] = {}
    for gid, members in groups.items():
        if gid in anchored:
            names[gid] = gid
            continue
        first = min(members, key=lambda i: (profiles[i].published or _EARLIEST, profiles[i].id))
        names[gid] = profiles[first].id
    return [names[owner[index]] for index in range(len(profiles))]
