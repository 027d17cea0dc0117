"""Latency of `bot.store.search_articles` on a store of synthetic articles, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search_latency.py [--articles 1000000] [--repeat 20]
        [--databases sqlite,postgresql] [--build-budget 600]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]

Articles are loaded with `bot.store.bulk.bulk_load` (executemany on SQLite, COPY on PostgreSQL,
50,000 per call), so the search index is filled by the same triggers / generated column as in
production; `save_new` would take ~15 minutes per database for 1M. If the
build would not finish within `--build-budget` seconds, it stops at the budget and the search
is measured at the size reached (printed). Texts are ~100 words from a vocabulary where a few
words have fixed document frequencies (korea 30%, seoul 10%, missile 3%, tariff 0.3%) and the
rest follow a Zipf-like tail. Each query runs `--repeat` times; p50/p95 are over all runs.
Target: p95 <= 50 ms. SQLite lives in a temporary directory; PostgreSQL in its own schema,
dropped afterwards.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bot.model import Article
from bot.store import Store, open_store, search_articles
from bot.store.bulk import bulk_load

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
CHUNK = 50_000
FIXED = {"korea": 0.30, "seoul": 0.10, "missile": 0.03, "launch": 0.03, "tariff": 0.003}
TAIL = [f"w{n}" for n in range(5000)]
TAIL_CUMULATIVE = list(itertools.accumulate(1 / (n + 10) for n in range(5000)))
OUTLETS = tuple(f"Outlet {n}" for n in range(20))
TARGET_MS = 50.0


@dataclass(frozen=True, slots=True)
class Query:
    label: str
    text: str
    since: datetime | None = None
    source: str | None = None


QUERIES = (
    Query("common word (30%)", "korea"),
    Query("10% word", "seoul"),
    Query("two words (AND)", "missile launch"),
    Query("phrase", '"missile launch"'),
    Query("rare word (0.3%)", "tariff"),
    Query("word -word", "korea -seoul"),
    Query("a or b", "tariff or missile"),
    Query("10% word, last 7 days", "seoul", since=NOW - timedelta(days=7)),
    Query("3% word, one outlet", "missile", source="outlet 3"),
    Query("tail word", "w1500"),
)


# --- building the store ----------------------------------------------------------------------


def synthetic(start: int, count: int, rng: random.Random, *, total: int) -> list[Article]:
    """`count` articles with ids from `start`: titles, ~100-word texts, outlets, dates.

    Stored in the order they were seen, as a bot fills its store: `total` articles one every
    30 s up to NOW (a million span ~a year), each published up to 6 hours before it was seen.
    """
    made = []
    for index in range(start, start + count):
        words = rng.choices(TAIL, cum_weights=TAIL_CUMULATIVE, k=100)
        for word, share in FIXED.items():
            if rng.random() < share:
                words[rng.randrange(100)] = word
        if "missile" in words and rng.random() < 0.5:
            position = words.index("missile")
            words[position : position + 2] = ["missile", "launch"]
        seen = NOW - timedelta(seconds=30 * (total - 1 - index))
        made.append(_article(index, words, seen - timedelta(minutes=rng.randrange(360)), seen))
    return made


def _article(index: int, words: list[str], published: datetime, seen: datetime) -> Article:
    outlet = OUTLETS[index % len(OUTLETS)]
    return Article(
        id=f"a{index}",
        title=" ".join(words[:8]).capitalize(),
        text=" ".join(words) + ".",
        url=f"https://news{index % 97}.example/{index}",
        source=outlet,
        feed=outlet.lower().replace(" ", "-"),
        published=published,
        seen=seen,
        language="en",
    )


def build(store: Store, *, articles: int, budget: float, seed: int = 7) -> tuple[int, float]:
    """Fill the store up to `articles`, stopping early when `budget` seconds are spent."""
    rng = random.Random(seed)
    started = time.perf_counter()
    built = 0
    while built < articles and time.perf_counter() - started < budget:
        count = min(CHUNK, articles - built)
        bulk_load(store, articles=synthetic(built, count, rng, total=articles))
        built += count
        if built % 100_000 == 0:
            rate = built / (time.perf_counter() - started)
            print(f"  built {built:,} ({rate:,.0f} articles/s)", flush=True)
    return built, time.perf_counter() - started


# --- measuring -------------------------------------------------------------------------------


def timed(store: Store, query: Query, repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` searches (one untimed first, to warm caches)."""

    def search() -> None:
        search_articles(store, query=query.text, since=query.since, source=query.source)

    search()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        search()
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(store: Store, name: str, repeat: int) -> list[float]:
    every: list[float] = []
    for query in QUERIES:
        times = timed(store, query, repeat)
        hits = len(search_articles(store, query=query.text, since=query.since, source=query.source))
        every += times
        print(
            f"  {name:<10} {query.label:<24} p50 {statistics.median(times):7.1f} ms  "
            f"p95 {percentile(times, 0.95):7.1f} ms  ({hits} hits shown)"
        )
    return every


# --- databases -------------------------------------------------------------------------------


@contextmanager
def sqlite_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory(prefix="peninsula-search-") as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'search.db'}")
        try:
            yield store
        finally:
            store.close()


@contextmanager
def postgres_store(url: str) -> Iterator[Store]:
    """A store in a fresh schema of `url`'s database, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    scoped = sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        store = open_store(scoped.render_as_string(hide_password=False))
        try:
            yield store
        finally:
            store.close()
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def run(name: str, store: Store, options: argparse.Namespace) -> tuple[int, list[float]]:
    built, seconds = build(store, articles=options.articles, budget=options.build_budget)
    print(f"{name}: {built:,} articles built in {seconds:.0f} s ({built / seconds:,.0f}/s)")
    if name == "postgresql":
        with store.engine.begin() as connection:  # fresh statistics, as autovacuum would give
            connection.execute(sa.text("ANALYZE"))
    return built, measure(store, name, options.repeat)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--build-budget", type=float, default=600.0)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    options = parser.parse_args(argv)
    met = True
    for name in options.databases.split(","):
        opened = sqlite_store() if name == "sqlite" else postgres_store(options.postgres)
        with opened as store:
            built, times = run(name, store, options)
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        verdict = "met" if p95 <= TARGET_MS else "NOT met"
        print(f"{name}: {built:,} articles, all queries p50 {p50:.1f} ms, p95 {p95:.1f} ms "
              f"(target p95 <= {TARGET_MS:g} ms: {verdict})")  # fmt: skip
        met = met and p95 <= TARGET_MS
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
