"""Articles per second for the whole offline analyze, next to a naive regex Korea filter.

Run: .venv/bin/python benchmarks/analyze_speed.py [--articles PATH] [--rules PATH] [--rounds N]
Runs `bot.analyze.assess_all` (relevance, topics, quotes, summary, story grouping) over the
corpus in one batch, pinned to one core, with rules from config/relevance.toml. The floor is
300 articles/s. The regex filter, timed in the same run on the same core, is the yardstick:
the ratio says how many times a bare keyword test our analysis costs, whatever the machine.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bot.analyze.assess import assess_all
from bot.analyze.cluster import group_stories
from bot.analyze.quotes import extract_quotes
from bot.analyze.relevance import judge
from bot.analyze.rules import RelevanceRules
from bot.analyze.summarize import summarize
from bot.analyze.topics import tag_topics
from bot.evaluation.stories import CORPUS, read_articles
from bot.model import Article

ROOT = Path(__file__).resolve().parent.parent
KOREA = re.compile(r"\b(?:Korea|Korean|Koreans|Seoul|Pyongyang|Yonhap|KCNA|Kim Jong)\b", re.I)
FLOOR = 300


def naive_filter(articles: list[Article]) -> int:
    """The yardstick: how many articles mention Korea by a bare regex over title and text."""
    return sum(1 for a in articles if KOREA.search(a.title) or KOREA.search(a.text))


def timed_rounds(work: Callable[[], object], rounds: int) -> list[float]:
    """Seconds of each of `rounds` runs. The first is cold (word tables empty, nothing
    profiled), as in a one-off `peninsula analyze`; the fastest carries the least noise."""
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def stages(rules: RelevanceRules) -> dict[str, Callable[[list[Article]], object]]:
    """Each stage of analyze alone, so a miss of the floor names its cause."""
    return {
        "relevance": lambda batch: [judge(a.title, a.text, rules=rules) for a in batch],
        "topics": lambda batch: [tag_topics(a.title, a.text, rules=rules) for a in batch],
        "quotes": lambda batch: [extract_quotes(a.text) for a in batch],
        "summary": lambda batch: [summarize(a.title, a.text) for a in batch],
        "stories": lambda batch: group_stories(unseen(batch)),
    }


_ROUND = itertools.count()


def unseen(batch: list[Article]) -> list[Article]:
    """The batch under fresh ids, so grouping cannot reuse profiles of an earlier round."""
    suffix = f"#{next(_ROUND)}"
    return [replace(article, id=article.id + suffix) for article in batch]


def pin_to_one_core() -> str:
    """Pin this process to one CPU, the budget the floor is stated for."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=Path, default=CORPUS / "articles.jsonl")
    parser.add_argument("--rules", type=Path, default=ROOT / "config" / "relevance.toml")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    pinned = pin_to_one_core()
    with options.rules.open("rb") as handle:
        rules = RelevanceRules.from_mapping(tomllib.load(handle))
    articles = read_articles(options.articles)
    count = len(articles)
    runs = timed_rounds(lambda: assess_all(articles, rules=rules), options.rounds)
    regex = min(timed_rounds(lambda: naive_filter(articles), options.rounds))
    cold, best = count / runs[0], count / min(runs)
    print(f"{count} articles, {pinned}, {options.rounds} rounds")
    print(f"analyze (assess_all): {cold:,.0f} articles/s cold, {best:,.0f} best")
    print(f"naive regex filter:   {count / regex:,.0f} articles/s")
    print(f"ratio: analyze (cold) costs {runs[0] / regex:,.0f}x the regex filter")
    print(f"floor {FLOOR}/s (cold): {'met' if cold >= FLOOR else 'NOT met'}")
    for name, stage in stages(rules).items():
        seconds = min(timed_rounds(lambda stage=stage: stage(articles), options.rounds))
        print(f"  {name:<10} {count / seconds:8,.0f} articles/s (best)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
