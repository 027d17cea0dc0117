"""Search on PostgreSQL: the user's query as tsqueries, the newest matches ranked, the page shown.

search_newest.py finds the newest matches; this module turns the web-style query and the
outlets into tsqueries, ranks those matches (ts_rank_cd, computed while finding them) and
reads the page's articles with headlines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Text, cast, func, literal, select, text
from sqlalchemy.dialects.postgresql import TSQUERY

from bot.model import SearchHit
from bot.store.rows import to_article
from bot.store.schema import articles
from bot.store.search_filters import Outlet, Wanted
from bot.store.search_newest import Found, Query, newest_matches

PLANNING = (  # for this transaction only
    # Parallel workers and JIT compiling cost more than they save on queries of milliseconds.
    ("max_parallel_workers_per_gather", "0"),
    ("jit", "off"),
    # The weekly index is the only way to read weeks: never a scan computing it for each row
    # (PostgreSQL's guess at how many match an OR of rare lexemes can be far too high).
    ("enable_seqscan", "off"),
    # Custom plans: parameters such as the week range decide the plan.
    ("plan_cache_mode", "force_custom_plan"),
)
# One round trip: set_config(..., true) is SET LOCAL.
_PLAN = text("SELECT " + ", ".join(f"set_config('{k}', '{v}', true)" for k, v in PLANNING))


def postgres_hits(
    connection: Connection,
    query: str,
    wanted: Wanted,
    *,
    page: tuple[int, int],
    ranked: int,
    headline: str,
) -> list[SearchHit]:
    """The page of the best among the newest `ranked` articles matching the web-style `query`
    and `wanted`; `headline` is ts_headline()'s options."""
    connection.execute(_PLAN)
    search = to_query(connection, query, wanted)
    if not search.full:
        return []  # only stop words: nothing to look for
    limit, offset = page
    found = newest_matches(connection, search, ranked=ranked, keep=offset + limit).best
    found.sort(key=lambda f: -f.relevance)  # stable: newest first among equals
    return _shown(connection, found[offset : offset + limit], search.words, headline=headline)


def to_query(connection: Connection, query: str, wanted: Wanted) -> Query:
    """The tsqueries of web-style `query` and `wanted`'s outlets."""
    words: ColumnElement[Any] = func.websearch_to_tsquery("english", query)
    full = words
    if wanted.outlets:
        outlets = cast(literal(to_outlet_query(wanted.outlets), Text), TSQUERY)
        full = words.op("&&")(outlets)
    return Query(words, connection.execute(select(cast(full, Text))).scalar_one(), wanted)


def to_outlet_query(outlets: Sequence[Outlet]) -> str:
    """A tsquery for articles from any of `outlets` (0006 gives each lexeme 'src:<md5 of name>')."""
    return " | ".join(f"'src:{hashlib.md5(o.name.encode()).hexdigest()}'" for o in outlets)


def _shown(
    connection: Connection, best: list[Found], words: ColumnElement[Any], *, headline: str
) -> list[SearchHit]:
    """The articles of the page, with headlines: ts_headline() costs as much as ranking."""
    if not best:
        return []
    snippet = func.ts_headline("english", articles.c.text, words, headline).label("snippet")
    query = select(articles, snippet).where(articles.c.id.in_([f.id for f in best]))
    rows = {row["id"]: row for row in connection.execute(query).mappings()}
    return [
        SearchHit(article=to_article(rows[f.id]), snippet=rows[f.id]["snippet"], rank=f.relevance)
        for f in best
    ]
