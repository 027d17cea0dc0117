"""Articles per second for judge + tag_topics over the whole corpus, beside the naive regex.

Run from the repo root: `.venv/bin/python benchmarks/relevance_speed.py [--articles PATH]`.
The naive baseline is one case-insensitive regex over title and text (any mention of Korea,
Seoul, Pyongyang, DPRK or Kim Jong); the ratio says what the rules cost on top of it.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.analyze.relevance import _judge, judge, scan
from bot.analyze.topics import tag_topics
from bot.evaluation.relevance import load_rules, read_jsonl

_NAIVE = re.compile(r"korea|seoul|pyongyang|dprk|kim jong", re.IGNORECASE)


def seconds(articles: Sequence[dict[str, Any]], classify: Callable[[str, str], object]) -> float:
    """CPU seconds of one pass of one classifier over every article (one core: process time,
    so other programs on the machine do not count against us)."""
    scan.cache_clear()  # each pass pays for its own scans
    _judge.cache_clear()
    started = time.process_time()
    for article in articles:
        classify(article["title"], article["text"])
    return time.process_time() - started


def rates(
    articles: Sequence[dict[str, Any]], *classifiers: Callable[[str, str], object], passes: int = 5
) -> list[float]:
    """Articles per second for each classifier, best of `passes` passes taken in turn, so a
    busy moment on the machine hurts both alike."""
    best = [float("inf")] * len(classifiers)
    for _ in range(passes):
        for i, classify in enumerate(classifiers):
            best[i] = min(best[i], seconds(articles, classify))
    return [len(articles) / b for b in best]


def main(argv: list[str]) -> int:
    """CLI entry: prints both rates and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=Path, default=Path("../shared/corpus/articles.jsonl"))
    parser.add_argument("--config", type=Path, default=Path("config/relevance.toml"))
    args = parser.parse_args(argv)
    articles = read_jsonl(args.articles)
    rules = load_rules(args.config)

    def rules_classify(title: str, text: str) -> object:
        return judge(title, text, rules=rules), tag_topics(title, text, rules=rules)

    def naive_classify(title: str, text: str) -> object:
        return bool(_NAIVE.search(title) or _NAIVE.search(text))

    ours, naive = rates(articles, rules_classify, naive_classify)
    print(f"articles: {len(articles)}")
    print(f"judge + tag_topics: {ours:,.0f} articles/s")
    print(f"naive regex:        {naive:,.0f} articles/s")
    print(f"ratio naive/rules:  {naive / ours:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
