"""Articles per second for extract_quotes alone over ../shared/corpus/articles.jsonl (one core).

Run: .venv/bin/python benchmarks/quotes_speed.py [--corpus PATH] [--rounds N]
The whole offline analyze must stay >= 300 articles/s; quotes alone aims at >= 1,500/s.
Both wall-clock and CPU time (this process only) are reported: on a shared, busy machine the
wall figure drops with the load while the CPU figure is what one core does.
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


def measure(texts: list[str], rounds: int) -> tuple[float, float, int]:
    """(articles/s wall, articles/s CPU, each over its best round; quotes found in one round)."""
    wall = cpu = float("inf")
    found = 0
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = sum(len(extract_quotes(text)) for text in texts)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return len(texts) / wall, len(texts) / cpu, found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    texts = read_texts(args.corpus)
    rate, cpu_rate, found = measure(texts, args.rounds)
    summary = (
        f"{len(texts)} articles, {found} quotes, {rate:,.0f} articles/s wall, "
        f"{cpu_rate:,.0f} articles/s CPU"
    )
    print(f"quotes: {summary} (best of {args.rounds})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
