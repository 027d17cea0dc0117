"""Relevance on the labelled corpus: the metric itself, and the targets of issue 3 held.

Targets (issue 3): korea P and R >= 0.97 on high-confidence labels and F1 >= 0.95 on all labels;
nk and sk F1 >= 0.95; topics micro-F1 >= 0.85. Targets not reached yet are pinned at today's
level (a regression floor) and listed as strict xfails, so reaching one turns the suite red
until its floor is raised to the target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation.relevance import (
    Case,
    field_score,
    load_rules,
    main,
    read_jsonl,
    to_cases,
    to_score,
    topic_scores,
)
from tests.conftest import shared_path

CONFIG = Path(__file__).resolve().parents[2] / "config" / "relevance.toml"


@pytest.mark.parametrize(
    ("pairs", "precision", "recall"),
    [
        ([(True, True), (False, False)], 1.0, 1.0),
        ([(True, True), (False, True)], 0.5, 1.0),
        ([(True, True), (True, False)], 1.0, 0.5),
        ([(True, False), (False, True)], 0.0, 0.0),
    ],
)
def test_precision_and_recall(
    pairs: list[tuple[bool, bool]], precision: float, recall: float
) -> None:
    score = to_score(pairs)
    assert (score.precision, score.recall) == pytest.approx((precision, recall))


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    articles = read_jsonl(shared_path("corpus/articles.jsonl"))
    labels = read_jsonl(shared_path("corpus/labels.jsonl"))
    return to_cases(articles, labels, load_rules(CONFIG))


@pytest.fixture(scope="module")
def high(cases: list[Case]) -> list[Case]:
    return [c for c in cases if c.gold["confidence"] == "high"]


@pytest.mark.shared
def test_korea_on_high_confidence(high: list[Case]) -> None:
    score = field_score(high, "korea")
    assert score.precision >= 0.97 and score.recall >= 0.97, score


@pytest.mark.shared
def test_korea_on_all_labels(cases: list[Case]) -> None:
    assert field_score(cases, "korea").f1 >= 0.95


@pytest.mark.shared
def test_north_korea(cases: list[Case]) -> None:
    assert field_score(cases, "nk").f1 >= 0.95


@pytest.mark.shared
def test_south_korea(cases: list[Case]) -> None:
    assert field_score(cases, "sk").f1 >= 0.95


@pytest.mark.shared
def test_topics_floor(cases: list[Case]) -> None:
    assert topic_scores(cases)[0] >= 0.82


@pytest.mark.shared
@pytest.mark.xfail(
    strict=True,
    reason="topics micro-F1 0.821; 0.85 only by fitting the labels, which loses held out"
    " (benchmarks/topics_ceiling.py: the two passes label 'other' abroad differently)",
)
def test_topics_target(cases: list[Case]) -> None:
    assert topic_scores(cases)[0] >= 0.85


@pytest.mark.shared
def test_cli_prints_rules_beside_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    articles = shared_path("corpus/articles.jsonl")
    labels = shared_path("corpus/labels.jsonl")
    argv = ["--articles", str(articles), "--labels", str(labels), "--config", str(CONFIG)]
    assert main([*argv, "--errors", "--only", "korea"]) == 0
    out = capsys.readouterr().out
    assert "naive" in out and "held out by source" in out and "evidence:" in out
    assert "topics held out" in out and "2-fold by id hash" in out
