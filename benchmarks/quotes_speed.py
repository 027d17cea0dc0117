"""Articles per second for extract_quotes alone over ../shared/corpus/articles.jsonl (one core).

Run: .venv/bin/python benchmarks/quotes_speed.py [--corpus PATH] [--rounds N]
The whole offline analyze must stay >= 300 articles/s; quotes alone aims at >= 1,500/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bot.analyze.quotes import extract_quotes

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/articles.jsonl"


def read_texts(path: Path) -> list[str]:
    """The text field of every article in a JSON-lines corpus."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def measure(texts: list[str], rounds: int) -> tuple[float, int]:
    """(articles per second over the best round, quotes found in one round)."""
    best = float("inf")
    found = 0
    for _ in range(rounds):
        started = time.perf_counter()
        found = sum(len(extract_quotes(text)) for text in texts)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best, found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    texts = read_texts(args.corpus)
    rate, found = measure(texts, args.rounds)
    summary = f"{len(texts)} articles, {found} quotes, {rate:,.0f} articles/s"
    print(f"quotes: {summary} (best of {args.rounds})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
