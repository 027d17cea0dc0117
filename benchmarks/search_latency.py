"""Latency of `bot.store.search_articles` on a store of synthetic articles, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search_latency.py [--articles 1000000] [--repeat 20]
        [--databases sqlite,postgresql] [--build-budget 600]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test] [--keep DIR]

Articles are loaded with `bot.store.bulk.bulk_load` (executemany on SQLite, COPY on PostgreSQL,
50,000 per call), so the search index is filled by the same triggers / generated column as in
production; `save_new` would take ~15 minutes per database for 1M. If the
build would not finish within `--build-budget` seconds, it stops at the budget and the search
is measured at the size reached (printed). Texts are ~100 words from a vocabulary where a few
words have fixed document frequencies (korea 30%, seoul 10%, missile 3%, tariff 0.3%) and the
rest follow a Zipf-like tail. Each query runs `--repeat` times; p50/p95 are over all runs.
Target: p95 <= 50 ms. SQLite lives in a temporary directory; PostgreSQL in its own schema,
dropped afterwards. With `--keep DIR` both are kept for the next run instead (SQLite in
DIR/search-N.db, PostgreSQL in schema search_keep_N, N the article count): a run finding one
fills it up to N where the last run stopped and migrates it to the newest schema on opening,
so the index rebuild of a new migration is measured on a million articles too.
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
    Query("30% word, last 24 h", "korea", since=NOW - timedelta(days=1)),
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


def build(store: Store, *, articles: int, budget: float, seed: int = 7) -> tuple[int, int, float]:
    """Fill the store up to `articles`, stopping early when `budget` seconds are spent.

    Each chunk has its own seed, so a kept store filled in several runs holds the same articles.
    Returns the articles stored, how many of them this call added and the seconds it took.
    """
    started = time.perf_counter()
    built = before = stored(store)
    while built < articles and time.perf_counter() - started < budget:
        count = min(CHUNK, articles - built)
        rng = random.Random(f"{seed}/{built}")
        bulk_load(store, articles=synthetic(built, count, rng, total=articles))
        built += count
        if built % 100_000 == 0:
            rate = built / (time.perf_counter() - started)
            print(f"  built {built:,} ({rate:,.0f} articles/s)", flush=True)
    return built, built - before, time.perf_counter() - started


def stored(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(sa.text("SELECT count(*) FROM articles")).scalar_one())


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
def sqlite_store(keep: Path | None, *, articles: int) -> Iterator[Store]:
    """A store in a temporary file, or in `keep`'s file for this size, left for the next run."""
    with tempfile.TemporaryDirectory(prefix="peninsula-search-") as folder:
        path = Path(folder) / "search.db" if keep is None else keep / f"search-{articles}.db"
        opened = timed_open(f"sqlite:///{path}")
        try:
            yield opened
        finally:
            opened.close()


@contextmanager
def postgres_store(url: str, keep: Path | None, *, articles: int) -> Iterator[Store]:
    """A store in a fresh schema of `url`'s database, dropped afterwards unless kept."""
    schema = f"bench_{uuid.uuid4().hex[:10]}" if keep is None else f"search_keep_{articles}"
    admin = sa.create_engine(url)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    scoped = sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        opened = timed_open(scoped.render_as_string(hide_password=False))
        try:
            yield opened
        finally:
            opened.close()
    finally:
        if keep is None:
            with admin.begin() as connection:
                connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def timed_open(url: str) -> Store:
    """open_store, saying how long it took when it had a kept store to migrate."""
    started = time.perf_counter()
    opened = open_store(url)
    seconds = time.perf_counter() - started
    if seconds > 1:
        print(f"  opened and migrated {opened.where} in {seconds:.0f} s", flush=True)
    return opened


def run(name: str, store: Store, options: argparse.Namespace) -> tuple[int, list[float]]:
    built, added, seconds = build(store, articles=options.articles, budget=options.build_budget)
    rate = f" ({added / seconds:,.0f}/s)" if added else ""
    print(f"{name}: {built:,} articles, {added:,} of them added in {seconds:.0f} s{rate}")
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
    parser.add_argument("--keep", type=Path, help="keep the stores here and reuse them")
    options = parser.parse_args(argv)
    met = True
    for name in options.databases.split(","):
        size, keep = options.articles, options.keep
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
        opened = (
            sqlite_store(keep, articles=size)
            if name == "sqlite"
            else postgres_store(options.postgres, keep, articles=size)
        )
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
