"""Per-topic topic figures: tallies, precision/recall per topic, micro-F1 overall and by source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.evaluation.topics_report import Tally, micro, per_topic, report_topics


@dataclass(frozen=True, slots=True)
class Tagged:
    source: str
    gold: dict[str, Any] = field(default_factory=dict)
    topics: tuple[str, ...] = ()


def _case(source: str, gold: list[str], got: tuple[str, ...]) -> Tagged:
    return Tagged(source, {"topics": gold}, got)


CASES = [
    _case("reu", ["economy"], ("economy",)),
    _case("reu", ["economy", "japan"], ("economy",)),
    _case("kcna", ["missiles", "military"], ("missiles", "military", "nuclear")),
    _case("kcna", ["politics"], ("other",)),
]


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("economy", Tally(2, 0, 0)),
        ("japan", Tally(0, 0, 1)),
        ("nuclear", Tally(0, 1, 0)),
        ("military", Tally(1, 0, 0)),
        ("politics", Tally(0, 0, 1)),
        ("other", Tally(0, 1, 0)),
    ],
)
def test_tally_per_topic_counts_labels_and_answers(topic: str, expected: Tally) -> None:
    assert per_topic(CASES)[topic] == expected


@pytest.mark.parametrize(
    ("row", "precision", "recall", "f1"),
    [
        (Tally(2, 0, 0), 1.0, 1.0, 1.0),
        (Tally(1, 1, 0), 0.5, 1.0, 2 / 3),
        (Tally(1, 0, 3), 1.0, 0.25, 0.4),
        (Tally(0, 2, 2), 0.0, 0.0, 0.0),
    ],
)
def test_precision_recall_f1(row: Tally, precision: float, recall: float, f1: float) -> None:
    assert (row.precision, row.recall, row.f1) == pytest.approx((precision, recall, f1))


def test_micro_adds_every_topic() -> None:
    total = micro(CASES)
    assert total == Tally(4, 2, 2)
    assert total.f1 == pytest.approx(8 / 12)


def test_report_lists_each_topic_and_each_source() -> None:
    lines: list[str] = []
    report_topics(CASES, lines.append)
    text = "\n".join(lines)
    for topic in ("economy", "japan", "nuclear", "other", "all (micro)"):
        assert topic in text
    assert "reu 0.800" in text and "kcna 0.571" in text
