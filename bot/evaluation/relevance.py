"""`peninsula eval relevance`: score judge and tag_topics against the hand labels in ../shared.

Prints precision, recall and F1 for korea, nk and sk and micro/macro F1 for topics, for all labels
and for confidence "high", beside a naive baseline (any mention of Korea, Seoul, Pyongyang, DPRK or
Kim Jong), and a held-out-by-source figure: the threshold is chosen on the other sources and
applied to each source in turn. `--errors` lists every miss with its evidence.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot import records
from bot.analyze.relevance import Relevance, judge
from bot.analyze.rules import RelevanceRules
from bot.analyze.topics import tag_topics
from bot.evaluation.topics_held_out import by_id_hash, by_source, held_out, tags_by_scale
from bot.evaluation.topics_report import report_topics

_NAIVE = re.compile(r"korea|seoul|pyongyang|dprk|kim jong", re.IGNORECASE)
_NAIVE_NK = re.compile(r"north korea|pyongyang|dprk|kim jong", re.IGNORECASE)
_NAIVE_SK = re.compile(r"south korea|seoul", re.IGNORECASE)
_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled article with what the rules said about it."""

    id: str
    source: str
    title: str
    gold: dict[str, Any]
    verdict: Relevance
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one yes/no question."""

    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


def load_rules(path: Path) -> RelevanceRules:
    """A TOML file -> RelevanceRules (errors name this file)."""
    with path.open("rb") as handle:
        return RelevanceRules.from_mapping(tomllib.load(handle), file=str(path))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """A JSON-lines file -> its records (a bad line names itself)."""
    return list(records.read_jsonl(path))


def to_cases(
    articles: Iterable[dict[str, Any]], labels: Iterable[dict[str, Any]], rules: RelevanceRules
) -> list[Case]:
    """Articles and labels -> one Case per labelled article."""
    gold = {label["id"]: label for label in labels}
    return [
        Case(
            id=a["id"],
            source=a["id"].split("-")[0],
            title=a["title"],
            gold=gold[a["id"]],
            verdict=judge(a["title"], a["text"], rules=rules),
            topics=tag_topics(a["title"], a["text"], rules=rules),
        )
        for a in articles
        if a["id"] in gold
    ]


def to_score(pairs: Iterable[tuple[bool, bool]]) -> Score:
    """(gold, predicted) pairs -> precision, recall, F1."""
    tp = fp = fn = 0
    for gold, predicted in pairs:
        tp += gold and predicted
        fp += predicted and not gold
        fn += gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def field_score(cases: Sequence[Case], field: str) -> Score:
    """Cases -> score of one of korea / nk / sk."""
    return to_score((bool(c.gold[field]), bool(getattr(c.verdict, field))) for c in cases)


def topic_scores(cases: Sequence[Case]) -> tuple[float, float]:
    """Cases -> (micro F1, macro F1) over every topic in the gold labels."""
    names = sorted({t for c in cases for t in c.gold["topics"]})
    per_topic = {n: to_score((n in c.gold["topics"], n in c.topics) for c in cases) for n in names}
    pairs = [(n in c.gold["topics"], n in c.topics) for c in cases for n in names]
    macro = sum(s.f1 for s in per_topic.values()) / len(per_topic) if per_topic else 0.0
    return to_score(pairs).f1, macro


def naive_score(
    articles: dict[str, dict[str, Any]], cases: Sequence[Case], field: str, pattern: re.Pattern[str]
) -> Score:
    """The naive baseline: any mention of the pattern in title or text."""

    def mentions(case: Case) -> bool:
        article = articles[case.id]
        return bool(pattern.search(article["title"]) or pattern.search(article["text"]))

    return to_score((bool(c.gold[field]), mentions(c)) for c in cases)


def held_out_by_source(cases: Sequence[Case]) -> Score:
    """Each source judged with the threshold that is best on all the other sources."""
    pairs: list[tuple[bool, bool]] = []
    for source in sorted({c.source for c in cases}):
        tuning = [c for c in cases if c.source != source]
        best = max(_THRESHOLDS, key=lambda t: (_f1_at(tuning, t), -abs(t - 0.5)))
        pairs += [
            (bool(c.gold["korea"]), c.verdict.score >= best) for c in cases if c.source == source
        ]
    return to_score(pairs)


def _f1_at(cases: Sequence[Case], threshold: float) -> float:
    return to_score((bool(c.gold["korea"]), c.verdict.score >= threshold) for c in cases).f1


def report_held_out_topics(
    cases: Sequence[Case],
    articles: dict[str, dict[str, Any]],
    rules: RelevanceRules,
    out: Callable[[str], None],
) -> None:
    """Prints topic micro-F1 in sample and held out (threshold scale tuned on the other part)."""
    tags = tags_by_scale(articles, [c.id for c in cases], rules)
    out(
        f"== topics held out (one threshold scale tuned on the other part): in sample"
        f" {topic_scores(cases)[0]:.3f}  | by source {held_out(cases, tags, by_source):.3f}"
        f"  | 2-fold by id hash {held_out(cases, tags, by_id_hash):.3f}"
    )


def report(
    cases: Sequence[Case], articles: dict[str, dict[str, Any]], out: Callable[[str], None]
) -> None:
    """Prints every figure for all labels and for high-confidence labels."""
    for name, subset in (
        ("all labels", cases),
        ("confidence high", [c for c in cases if c.gold["confidence"] == "high"]),
    ):
        out(f"== {name} (n={len(subset)}, korea={sum(bool(c.gold['korea']) for c in subset)})")
        for field, pattern in (("korea", _NAIVE), ("nk", _NAIVE_NK), ("sk", _NAIVE_SK)):
            out(
                f"  {field:6} rules {field_score(subset, field)}"
                f"   | naive {naive_score(articles, subset, field, pattern)}"
            )
        micro, macro = topic_scores(subset)
        korea_micro, korea_macro = topic_scores([c for c in subset if c.gold["korea"]])
        out(
            f"  topics micro-F1 {micro:.3f}  macro-F1 {macro:.3f}"
            f"   | on korea articles micro {korea_micro:.3f}  macro {korea_macro:.3f}"
        )
    out(
        "== held out by source (threshold tuned on the other sources):"
        f" korea {held_out_by_source(cases)}"
    )
    for source in sorted({c.source for c in cases}):
        subset = [c for c in cases if c.source == source]
        out(f"  {source:5} n={len(subset):3}  korea {field_score(subset, 'korea')}")


def list_errors(cases: Sequence[Case], out: Callable[[str], None]) -> None:
    """Prints each wrong korea/nk/sk decision and topic set with the evidence behind it."""
    for case in cases:
        wrong = [f for f in ("korea", "nk", "sk") if bool(case.gold[f]) != getattr(case.verdict, f)]
        if set(case.gold["topics"]) != set(case.topics):
            wrong.append(f"topics gold={case.gold['topics']} got={list(case.topics)}")
        if not wrong:
            continue
        evidence = ", ".join(
            f"{e.term}@{e.where}x{e.count}={e.weight:g}" for e in case.verdict.evidence[:8]
        )
        out(
            f"{case.id} [{case.gold['confidence']}] score={case.verdict.score:.2f}"
            f" {'; '.join(wrong)}"
        )
        out(f"    {case.title[:100]}")
        out(f"    evidence: {evidence}")
        if case.gold.get("note"):
            out(f"    note: {case.gold['note'][:160]}")


def main(argv: list[str]) -> int:
    """CLI entry: prints the figures; returns 0."""
    parser = argparse.ArgumentParser(prog="peninsula eval relevance", description=__doc__)
    parser.add_argument("--articles", type=Path, default=Path("../shared/corpus/articles.jsonl"))
    parser.add_argument("--labels", type=Path, default=Path("../shared/corpus/labels.jsonl"))
    parser.add_argument("--config", type=Path, default=Path("config/relevance.toml"))
    parser.add_argument("--errors", action="store_true", help="list every error with its evidence")
    parser.add_argument(
        "--only", choices=("korea", "sides", "topics"), help="with --errors: one kind"
    )
    parser.add_argument("--per-topic", action="store_true", help="P/R per topic, F1 per source")
    args = parser.parse_args(argv)
    rules = load_rules(args.config)
    articles = {a["id"]: a for a in read_jsonl(args.articles)}
    cases = to_cases(articles.values(), read_jsonl(args.labels), rules)
    report(cases, articles, print)
    report_held_out_topics(cases, articles, rules, print)
    if args.per_topic:
        report_topics(cases, print)
    if args.errors:
        list_errors(_only(cases, args.only), print)
    return 0


def _only(cases: Sequence[Case], kind: str | None) -> list[Case]:
    if kind is None:
        return list(cases)
    fields = {"korea": ("korea",), "sides": ("nk", "sk"), "topics": ()}[kind]
    keep = []
    for case in cases:
        if kind == "topics":
            hidden = replace(
                case.verdict,
                korea=bool(case.gold["korea"]),
                nk=bool(case.gold["nk"]),
                sk=bool(case.gold["sk"]),
            )
            keep.append(replace(case, verdict=hidden))
        elif any(bool(case.gold[f]) != getattr(case.verdict, f) for f in fields):
            keep.append(replace(case, topics=tuple(case.gold["topics"])))
    return keep


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
