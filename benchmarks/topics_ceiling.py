"""How far can topic tagging get on the labelled corpus? Today's rules beside fitted variants.

Run from the repo root: `.venv/bin/python benchmarks/topics_ceiling.py [--articles P --labels P]`.

Every variant keeps the features the rules see (each topic term's points, by position and
density, as `bot/analyze/topics.py` computes them) and the same last steps (`pick_topics`,
`finish_topics`); only the numbers change, fitted to the labels:

- thresholds: one scale per topic, chosen by coordinate ascent over a grid;
- weights: every term weight and threshold learned by logistic regression, pulled toward the hand
  weights of config/relevance.toml (L2, strength `lambda`) and kept >= 0, so they stay readable;
- oracle: each topic on its own at its best threshold on all labels: an upper bound, not a model.

Fitted variants are scored in sample and held out (two folds by id hash, leave-one-source-out).
Last, the "other" label per source and labelling pass (articles.jsonl lines 1-463 are the first
pass, PROVENANCE.md sections 2 and 7) for foreign articles without a China or Japan label.
"""

from __future__ import annotations

import argparse
import math
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.analyze.relevance import scan
from bot.analyze.rules import RelevanceRules
from bot.analyze.topics import dominance, finish_topics, pick_topics
from bot.evaluation.relevance import Case, load_rules, read_jsonl, to_cases
from bot.evaluation.topics_report import Tally, micro, tally

FIRST_PASS = 463  # articles in the first labelling pass (PROVENANCE.md section 7)
FINE = tuple(round(0.05 * i, 2) for i in range(6, 61))  # 0.3 .. 3.0
GRID = (0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 2.0)
Weights = dict[str, dict[str, float]]  # topic -> term -> points per mention
Features = dict[str, dict[str, dict[str, float]]]  # case id -> topic -> term -> points


@dataclass(frozen=True, slots=True)
class Answer:
    """A case answered by a variant: what topics_report needs."""

    source: str
    gold: dict[str, Any]
    topics: tuple[str, ...]


def features(cases: Sequence[Case], articles: Mapping[str, Any], rules: RelevanceRules) -> Features:
    """Case -> topic -> term -> points (x region dominance), for topics whose requirement holds."""
    found: Features = {}
    for case in cases:
        article = articles[case.id]
        earned = scan(article["title"], article["text"], rules=rules).earned
        v = case.verdict
        sides = {"": True, "korea": v.korea, "nk": v.nk, "sk": v.sk, "both": v.nk and v.sk}
        per: dict[str, dict[str, float]] = {}
        for topic in rules.topics:
            if not sides[topic.requires]:
                continue
            share = dominance(topic, v, rules)
            terms = per.setdefault(topic.name, {})
            for (term, _), base in earned.items():
                if term in topic.weights:
                    terms[term] = terms.get(term, 0.0) + base * share
        found[case.id] = per
    return found


def answer(
    cases: Sequence[Case],
    feats: Features,
    rules: RelevanceRules,
    weights: Weights,
    thresholds: Mapping[str, float],
) -> list[Answer]:
    """Cases -> their topics under these weights and thresholds, through the real last steps."""
    out = []
    for case in cases:
        ratios = {
            name: sum(weights[name][t] * x for t, x in terms.items()) / thresholds[name]
            for name, terms in feats[case.id].items()
            if terms
        }
        names = pick_topics(ratios, rules=rules)
        out.append(
            Answer(case.source, case.gold, finish_topics(names, rules=rules, verdict=case.verdict))
        )
    return out


def hand(rules: RelevanceRules) -> tuple[Weights, dict[str, float]]:
    """The weights and thresholds of config/relevance.toml."""
    weights = {t.name: dict(t.weights) for t in rules.topics}
    return weights, {t.name: t.threshold for t in rules.topics}


Fit = Callable[[Sequence[Case]], tuple[Weights, dict[str, float]]]


def fit_thresholds(feats: Features, rules: RelevanceRules) -> Fit:
    """A fitter choosing one threshold scale per topic (two rounds of coordinate ascent)."""
    weights, base = hand(rules)

    def fit(cases: Sequence[Case]) -> tuple[Weights, dict[str, float]]:
        scales = dict.fromkeys(base, 1.0)
        for _ in range(2):
            for name in base:

                def score(s: float, name: str = name) -> tuple[float, float]:
                    th = {n: base[n] * (s if n == name else scales[n]) for n in base}
                    return micro(answer(cases, feats, rules, weights, th)).f1, -abs(s - 1.0)

                scales[name] = max(GRID, key=score)
        return weights, {n: base[n] * scales[n] for n in base}

    return fit


def fit_weights(feats: Features, rules: RelevanceRules, strength: float) -> Fit:
    """A fitter learning term weights and thresholds by logistic regression per topic."""
    prior, base = hand(rules)

    def fit(cases: Sequence[Case]) -> tuple[Weights, dict[str, float]]:
        weights: Weights = {}
        thresholds: dict[str, float] = {}
        for name in base:
            rows = [
                (feats[c.id][name], name in c.gold["topics"]) for c in cases if name in feats[c.id]
            ]
            weights[name], thresholds[name] = _regress(rows, prior[name], base[name], strength)
        return weights, thresholds

    return fit


def _regress(
    rows: list[tuple[dict[str, float], bool]],
    prior: Mapping[str, float],
    threshold: float,
    strength: float,
    sharpness: float = 4.0,
    steps: int = 300,
    rate: float = 0.5,
) -> tuple[dict[str, float], float]:
    """Gradient descent on log loss + strength x distance to the prior; weights stay >= 0.
    The logit is sharpness x (points / threshold - 1), so the prior is today's rule."""
    u0 = {t: sharpness * w / threshold for t, w in prior.items()}
    u, b = dict(u0), -sharpness
    n = max(1, len(rows))
    for _ in range(steps):
        grad = dict.fromkeys(u, 0.0)
        grad_b = 0.0
        for x, y in rows:
            z = max(-30.0, min(30.0, b + sum(u[t] * v for t, v in x.items())))
            error = 1.0 / (1.0 + math.exp(-z)) - y
            grad_b += error
            for t, v in x.items():
                grad[t] += error * v
        for t in u:
            u[t] = max(0.0, u[t] - rate * (grad[t] + strength * (u[t] - u0[t])) / n)
        b -= rate * (grad_b + strength * (b + sharpness)) / n
    return u, max(-b, 1e-3)


def held_out(
    cases: Sequence[Case],
    feats: Features,
    rules: RelevanceRules,
    fit: Fit,
    part: Callable[[Case], str],
) -> float:
    """Micro-F1 of each part answered with what was fitted on the other parts."""
    total = Tally()
    for name in sorted({part(c) for c in cases}):
        weights, thresholds = fit([c for c in cases if part(c) != name])
        total += micro(
            answer([c for c in cases if part(c) == name], feats, rules, weights, thresholds)
        )
    return total.f1


def oracle(cases: Sequence[Case], feats: Features, rules: RelevanceRules) -> dict[str, Tally]:
    """Topic -> its tally at its best threshold on all labels, the others as today: a bound."""
    weights, base = hand(rules)
    best: dict[str, Tally] = {}
    for name in base:
        if name == "other":
            continue
        rows = [
            tally(answer(cases, feats, rules, weights, {**base, name: base[name] * s}), name)
            for s in FINE
        ]
        best[name] = max(rows, key=lambda r: r.f1)
    return best


def other_by_pass(
    cases: Sequence[Case], order: Mapping[str, int], out: Callable[[str], None]
) -> Tally:
    """Prints how often foreign articles with no China/Japan label are "other", by source and pass.
    Returns the least errors a rule blind to the pass makes on sources labelled in both passes."""
    out("== 'other' on foreign articles without a china/japan label (by source and pass)")
    blind = Tally()
    for source in sorted({c.source for c in cases}):
        group = [
            c
            for c in cases
            if c.source == source
            and not c.gold["korea"]
            and not {"china", "japan"} & set(c.gold["topics"])
        ]
        passes = {p: [c for c in group if (order[c.id] < FIRST_PASS) == (p == 1)] for p in (1, 2)}
        line = [
            f"pass {p}: {sum('other' in c.gold['topics'] for c in g)}/{len(g)}"
            for p, g in passes.items()
            if g
        ]
        if line:
            out(f"  {source:5} " + "   ".join(line))
        if all(passes.values()):
            yes = sum("other" in c.gold["topics"] for c in group)
            blind += (
                Tally(0, 0, yes) if yes <= len(group) - yes else Tally(yes, len(group) - yes, 0)
            )
    return blind


def main(argv: list[str]) -> int:
    """CLI entry: prints every variant in sample and held out, per-topic oracle, 'other' by pass."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=Path, default=Path("../shared/corpus/articles.jsonl"))
    parser.add_argument("--labels", type=Path, default=Path("../shared/corpus/labels.jsonl"))
    parser.add_argument("--config", type=Path, default=Path("config/relevance.toml"))
    args = parser.parse_args(argv)
    rules = load_rules(args.config)
    records = read_jsonl(args.articles)
    articles = {a["id"]: a for a in records}
    cases = to_cases(records, read_jsonl(args.labels), rules)
    feats = features(cases, articles, rules)
    today = micro(answer(cases, feats, rules, *hand(rules)))
    print(
        f"== today's rules: micro-F1 {today.f1:.3f} (tp {today.tp}, fp {today.fp}, fn {today.fn})"
    )
    variants = {"thresholds per topic": fit_thresholds(feats, rules)}
    variants |= {f"weights, lambda {s:g}": fit_weights(feats, rules, s) for s in (1.0, 10.0, 40.0)}
    print("== fitted to the labels:        in sample | 2-fold by id hash | by source")
    for name, fit in variants.items():
        inside = micro(answer(cases, feats, rules, *fit(cases))).f1
        two = held_out(cases, feats, rules, fit, lambda c: str(zlib.crc32(c.id.encode()) % 2))
        loso = held_out(cases, feats, rules, fit, lambda c: c.source)
        print(f"  {name:28} {inside:.3f}     | {two:.3f}             | {loso:.3f}")
    best = oracle(cases, feats, rules)
    print("== per topic, today -> oracle threshold (fitted on all labels):  errors fp+fn")
    for name, row in best.items():
        now = tally(answer(cases, feats, rules, *hand(rules)), name)
        errors = f"{now.fp:3}+{now.fn:3} -> {row.fp:3}+{row.fn:3}"
        print(f"  {name:14} {errors}   F1 {now.f1:.3f} -> {row.f1:.3f}")
    order = {a["id"]: i for i, a in enumerate(records)}
    blind = other_by_pass(cases, order, print)
    gold_other = sum("other" in c.gold["topics"] for c in cases)
    bound = sum(best.values(), Tally()) + Tally(gold_other - blind.fn, blind.fp, blind.fn)
    print(
        "== optimistic bound: oracle thresholds, 'other' right wherever the pass does not matter:"
        f" micro-F1 {bound.f1:.3f} (tp {bound.tp}, fp {bound.fp}, fn {bound.fn})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
