"""Scores for a story clustering against gold keys: pairwise and B-cubed precision/recall/F1.

Only articles that carry a gold key are scored; how the others were grouped does not count,
because the gold file leaves out on purpose the articles that could fairly go either way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class PairErrors:
    """Pairs of gold ids the clustering got wrong: merged across stories, or split within one."""

    merged: tuple[tuple[str, str], ...]
    missed: tuple[tuple[str, str], ...]


def _pairs(keys: Mapping[str, str], ids: Iterable[str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id in sorted(ids):
        groups[keys[article_id]].append(article_id)
    return {pair for members in groups.values() for pair in combinations(members, 2)}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Predicted and gold keys per id -> pairwise scores over the gold ids."""
    found = _pairs(predicted, gold)
    wanted = _pairs(gold, gold)
    hits = len(found & wanted)
    return Scores(precision=_ratio(hits, len(found)), recall=_ratio(hits, len(wanted)))


def pair_errors(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PairErrors:
    """Predicted and gold keys per id -> the wrongly merged and the missed pairs, sorted."""
    found = _pairs(predicted, gold)
    wanted = _pairs(gold, gold)
    return PairErrors(merged=tuple(sorted(found - wanted)), missed=tuple(sorted(wanted - found)))


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Predicted and gold keys per id -> B-cubed scores (per-item overlap, averaged)."""
    by_predicted: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for article_id in gold:
        by_predicted[predicted[article_id]].add(article_id)
        by_gold[gold[article_id]].add(article_id)
    precision = recall = 0.0
    for article_id in gold:
        mine = by_predicted[predicted[article_id]]
        theirs = by_gold[gold[article_id]]
        overlap = len(mine & theirs)
        precision += overlap / len(mine)
        recall += overlap / len(theirs)
    count = len(gold) or 1
    return Scores(precision=precision / count, recall=recall / count)
