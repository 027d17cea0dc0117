"""Lead-3 beside our offline summary for 30 Korea stories, for a person to judge; and speed.

Usage: .venv/bin/python benchmarks/summaries_side_by_side.py [--out benchmarks/out/summaries.md]
Stories come from grouping the whole corpus; the first Korea article of each is shown.
Speed is summarize() over every corpus article, and group_stories() over the whole corpus.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from bot.analyze.cluster import group_stories
from bot.analyze.sentences import split_sentences
from bot.analyze.summarize import summarize
from bot.evaluation.stories import CORPUS, read_articles
from bot.model import Article

KOREA = re.compile(r"\b(?:Korea|Korean|Seoul|Pyongyang|Yonhap|KCNA)\b|\bN\. ?K\.", re.I)
STORIES = 30


def lead3(text: str) -> tuple[str, ...]:
    """The plain baseline: the first three sentences, whatever they are."""
    return tuple(text[start:end] for start, end in split_sentences(text)[:3])


def korea_leads(articles: list[Article], keys: list[str]) -> list[Article]:
    """One Korea article per story, stories in corpus order, at most STORIES of them."""
    seen: set[str] = set()
    chosen = []
    for article, key in zip(articles, keys, strict=True):
        if key in seen or not KOREA.search(f"{article.title} {article.text[:400]}"):
            continue
        seen.add(key)
        chosen.append(article)
    step = max(len(chosen) // STORIES, 1)  # spread over sources and decades
    return chosen[::step][:STORIES]


def to_markdown(articles: list[Article]) -> str:
    """Articles -> a side-by-side page: lead-3 then ours, sentences as a list."""
    parts = ["# Lead-3 vs offline summary\n"]
    for number, article in enumerate(articles, 1):
        parts.append(f"\n## {number}. {article.title}\n`{article.id}` · {article.source}\n")
        for name, summary in (
            ("lead-3", lead3(article.text)),
            ("ours", summarize(article.title, article.text)),
        ):
            parts.append(f"\n**{name}**\n")
            parts.extend(f"- {' '.join(sentence.split())}\n" for sentence in summary)
    return "".join(parts)


def rate(count: int, seconds: float) -> str:
    return f"{count} articles in {seconds:.2f} s = {count / seconds:.0f} articles/s"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=Path, default=CORPUS / "articles.jsonl")
    parser.add_argument("--out", type=Path, help="write the page here instead of stdout")
    options = parser.parse_args(argv)
    articles = read_articles(options.articles)
    started = time.perf_counter()
    for article in articles:
        summarize(article.title, article.text)
    summarized = time.perf_counter() - started
    started = time.perf_counter()
    keys = group_stories(articles)
    grouped = time.perf_counter() - started
    page = to_markdown(korea_leads(articles, keys))
    if options.out:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    sys.stderr.write(f"summarize: {rate(len(articles), summarized)}\n")
    sys.stderr.write(f"group_stories (whole corpus, one batch): {rate(len(articles), grouped)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
