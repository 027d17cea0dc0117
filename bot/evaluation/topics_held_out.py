"""Held-out topic figures: how the topic rules do on labels they were not tuned on.

The topic weights are fixed in config/relevance.toml; what one could still tune on the labels is
how demanding the thresholds are. Here one factor scaling every topic threshold is chosen on one
part of the labels (the best micro-F1 there) and the articles of the other part are tagged with
it: leave-one-source-out, and two folds split by a hash of the article id.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from bot.analyze.rules import RelevanceRules, index_topics
from bot.analyze.topics import tag_topics

SCALES = (0.8, 0.9, 1.0, 1.1, 1.25)

Tags = Mapping[str, tuple[str, ...]]  # article id -> topics


class Labelled(Protocol):
    """What a held-out split needs of a labelled case (read-only, as in a frozen Case)."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def gold(self) -> dict[str, Any]: ...


def scaled(rules: RelevanceRules, scale: float) -> RelevanceRules:
    """Rules whose topic thresholds are all multiplied by `scale`."""
    topics = tuple(replace(topic, threshold=topic.threshold * scale) for topic in rules.topics)
    return replace(rules, topics=topics, topic_index=index_topics(topics))


def tags_by_scale(
    articles: Mapping[str, Mapping[str, Any]], ids: Iterable[str], rules: RelevanceRules
) -> dict[float, Tags]:
    """Scale -> the topics of every article under the scaled thresholds."""
    wanted = list(ids)
    tags: dict[float, Tags] = {}
    for scale in SCALES:
        variant = scaled(rules, scale)
        tags[scale] = {
            i: tag_topics(articles[i]["title"], articles[i]["text"], rules=variant) for i in wanted
        }
    return tags


def counts(cases: Iterable[Labelled], tags: Tags) -> tuple[int, int, int]:
    """Cases -> (true positives, false positives, false negatives) over all topics."""
    tp = fp = fn = 0
    for case in cases:
        gold, got = set(case.gold["topics"]), set(tags[case.id])
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    return tp, fp, fn


def micro_f1(tp: int, fp: int, fn: int) -> float:
    """Counts -> micro-F1."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def held_out(
    cases: Sequence[Labelled], tags: Mapping[float, Tags], part: Callable[[Labelled], str]
) -> float:
    """Micro-F1 of each part tagged with the scale that is best on the other parts."""
    total = [0, 0, 0]
    for name in sorted({part(c) for c in cases}):
        tuning = [c for c in cases if part(c) != name]
        best = max(SCALES, key=lambda s: (micro_f1(*counts(tuning, tags[s])), -abs(s - 1.0)))
        found = counts([c for c in cases if part(c) == name], tags[best])
        total = [a + b for a, b in zip(total, found, strict=True)]
    return micro_f1(*total)


def by_source(case: Labelled) -> str:
    """The part of a case when holding out one source at a time."""
    return case.source


def by_id_hash(case: Labelled) -> str:
    """The part of a case in two folds that do not depend on the order of the files."""
    return str(zlib.crc32(case.id.encode()) % 2)
