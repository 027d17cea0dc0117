"""Story grouping: one key per article, the same key for every report of one event.

Average-link agglomeration over pair scores: the strongest pairs merge first, and two groups
join only when they are alike on average, so one loose pair cannot chain two events of a
saga together. A pair's score is how alike the reports are (words, copies, names), plus a
bonus for each specific figure they share (one data release, one tally; none between reports
about different subjects), minus a penalty per day between their events (the days their
leads name, when that explains a listing a day apart); it stops at the window, which keeps
two launches a week apart (or a monthly template page) apart.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from bot.analyze.story_merge import merge_groups
from bot.analyze.story_pairs import Pair, candidate_pairs, cosine, to_vectors
from bot.analyze.story_profile import (
    Profile,
    days_apart,
    is_name_conflict,
    similarity,
    to_profile,
    to_sketch,
)
from bot.model import Article


@dataclass(frozen=True, slots=True)
class Tuning:
    """The numbers that decide a merge; defaults measured on the shared corpus (cross-checked
    on halves of its gold stories, see `peninsula eval stories --cross-validate`)."""

    threshold: float = 0.2  # a pair this alike (after time decay) may start a merge
    average_floor: float = 0.2  # two groups join only if their members are this alike on average
    decay_per_day: float = 0.2  # score lost per day between the events of two reports
    figure_weight: float = 0.15  # score gained per shared specific figure (at most two count)


TUNED = Tuning()
_MAX_FIGURES = 2
PROFILES_MAX = 10_000  # ~130 MB at most: a 48 h window of 5,000 articles a day


class ProfileCache:
    """Article profiles by id and text hash (never whole articles), least recently used out first.

    The pipeline hands grouping every article of the story window on each poll. An LRU smaller
    than that window evicts, in every cycle, exactly the profiles the next cycle asks for first,
    so it never hits. This one therefore grows to the largest batch it has been asked for and
    looks up a whole batch before adding to it (so a batch never evicts its own members), but
    never holds more than `limit` profiles: memory stays bounded (about 13 kB per profile on
    the shared corpus) even when a window outgrows it, at the price of recomputing.
    """

    def __init__(self, *, limit: int = PROFILES_MAX) -> None:
        if limit < 1:
            raise ValueError(f"a profile cache holds at least one profile, not {limit}")
        self.limit = limit
        self.computed = 0  # profiles built so far: what a hit saves
        self._capacity = 0
        self._held: OrderedDict[tuple[str, int], Profile] = OrderedDict()
        self._lock = threading.Lock()  # one cache may serve several threads

    def __len__(self) -> int:
        return len(self._held)

    def profiles(self, articles: Sequence[Article]) -> list[Profile]:
        """Articles -> their profiles in order, each built only if not held already."""
        keys = [
            (article.id, hash((article.title, article.text, article.published)))
            for article in articles
        ]
        with self._lock:
            self._capacity = min(self.limit, max(self._capacity, len(set(keys))))
            found = {key: self._held[key] for key in keys if key in self._held}
            for key in found:
                self._held.move_to_end(key)
        made = {
            key: to_profile(a) for key, a in zip(keys, articles, strict=True) if key not in found
        }
        with self._lock:
            self.computed += len(made)
            self._held.update(made)
            while len(self._held) > self._capacity:
                self._held.popitem(last=False)
        held = found | made
        return [held[key] for key in keys]


# Callers that pass no cache (evaluation replays, `peninsula analyze`) share this one.
_SHARED = ProfileCache()


def group_stories(
    articles: Sequence[Article],
    *,
    window_hours: float = 48,
    tuning: Tuning = TUNED,
    cache: ProfileCache | None = None,
) -> list[str]:
    """Articles -> a story key per article (the id of the story's first article)."""
    profiles = (_SHARED if cache is None else cache).profiles(articles)
    return group_profiles(profiles, window_hours=window_hours, tuning=tuning)


def group_profiles(
    profiles: Sequence[Profile],
    *,
    fixed: Mapping[int, str] | None = None,
    window_hours: float = 48,
    tuning: Tuning = TUNED,
) -> list[str]:
    """Profiles -> a key per profile; `fixed` gives stored profiles (all after the new ones)
    their keys. Split from `group_stories` so evaluation can profile a corpus once."""
    fixed = fixed or {}
    scores = pair_scores(profiles, new=min(fixed, default=None), window_hours=window_hours)
    decayed = {pair: _decayed(alike, profiles, pair, tuning) for pair, alike in scores.items()}
    return merge_groups(
        profiles,
        decayed,
        fixed=fixed,
        window_hours=window_hours,
        threshold=tuning.threshold,
        average_floor=tuning.average_floor,
        decay_per_day=tuning.decay_per_day,
    )


def assign_stories(
    new: Sequence[Article],
    recent: Sequence[tuple[Article, str]],
    *,
    window_hours: float = 48,
    tuning: Tuning = TUNED,
    cache: ProfileCache | None = None,
) -> list[str]:
    """New articles and recent (article, key) pairs -> a key per new article.

    A new article takes the key of the recent story it joins; otherwise new articles group
    among themselves under a new key. Recent stories never merge with each other here, so
    a key once given stays, and pairs of two recent articles are never even scored.
    """
    articles = [*new, *(article for article, _ in recent)]
    profiles = (_SHARED if cache is None else cache).profiles(articles)
    fixed = {len(new) + i: key for i, (_, key) in enumerate(recent)}
    keys = group_profiles(profiles, fixed=fixed, window_hours=window_hours, tuning=tuning)
    return keys[: len(new)]


class Alike(NamedTuple):
    """What a pair shares, before the time between the reports is counted (a tuple: one is
    made per candidate pair, and tuples are cheap)."""

    similarity: float
    figures: int


def pair_scores(
    profiles: Sequence[Profile], *, new: int | None = None, window_hours: float = 48
) -> dict[Pair, Alike]:
    """Profiles -> what each candidate pair (i < j) shares; with `new`, only pairs touching
    the first `new` profiles (two stored articles cannot merge, so they are never scored)."""
    vectors = to_vectors(profiles)
    pairs = candidate_pairs(profiles, vectors, window_hours=window_hours, new=new)
    sketches: dict[str, tuple[int, ...]] = {}

    def sketch_of(profile: Profile) -> tuple[int, ...]:  # built on first use: most never are
        if profile.id not in sketches:
            sketches[profile.id] = to_sketch(profile)
        return sketches[profile.id]

    scores = {}
    for i, j in sorted(pairs):
        first, second = profiles[i], profiles[j]
        alike = similarity(first, second, cosine=cosine(vectors[i], vectors[j]), sketches=sketch_of)
        # reports about different subjects share the figures of their template, not an event
        figures = 0 if is_name_conflict(first, second) else len(first.figures & second.figures)
        scores[(i, j)] = Alike(alike, figures)
    return scores


def _decayed(alike: Alike, profiles: Sequence[Profile], pair: Pair, tuning: Tuning) -> float:
    figures = tuning.figure_weight * min(alike.figures, _MAX_FIGURES)
    days = days_apart(profiles[pair[0]], profiles[pair[1]])
    return alike.similarity + figures - tuning.decay_per_day * days
