"""Full-text search over article titles and text: SQLite FTS5 or PostgreSQL tsvector.

The query reads like a web search on both databases: words (all must match, English
stemming), "quoted phrases", `or` between alternatives, `-word` to exclude. Matched words
are wrapped in MARK in the snippet; renderers turn them into bold.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnClause,
    Select,
    column,
    exists,
    func,
    literal_column,
    select,
    table,
    text,
)

from bot.model import SearchHit
from bot.store.engine import Store, transaction
from bot.store.reading import HAPPENED
from bot.store.rows import to_article
from bot.store.schema import article_topics, articles

MARK = ("«", "»")
ELLIPSIS = "…"
SNIPPET_WORDS = 24
TERM = re.compile(r'"([^"]*)"?|(\S+)')
FTS = table("articles_fts", column("article_id"))
RELEVANCE: ColumnClause[Any] = literal_column("relevance")
SEARCH: ColumnClause[Any] = literal_column("articles.search")


def search_articles(
    store: Store,
    *,
    query: str,
    since: datetime | None = None,
    source: str | None = None,
    topic: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> list[SearchHit]:
    """Articles matching `query`, best first, optionally only since a time, from a source
    (outlet or feed name, any part, any case) or with a topic."""
    match = to_fts5(query)
    if match is None:
        return []  # nothing wanted (e.g. only "-word"): both databases answer nothing
    found = _sqlite_query(match) if store.dialect == "sqlite" else _postgres_query(query)
    found = _filtered(found, since=since, source=source, topic=topic)
    found = found.order_by(RELEVANCE.desc(), articles.c.id).limit(limit).offset(offset)
    with transaction(store, doing="search articles", write=False) as connection:
        rows = connection.execute(found).mappings().all()
    return [_to_hit(row) for row in rows]


def _to_hit(row: Any) -> SearchHit:
    return SearchHit(article=to_article(row), snippet=row["snippet"], rank=float(row["relevance"]))


def to_fts5(query: str) -> str | None:
    """A web-style query as an FTS5 MATCH expression, every term quoted so that no user
    input can be read as FTS5 syntax; None when nothing is left to look for."""
    wanted: list[str] = []
    unwanted: list[str] = []
    for phrase, word in TERM.findall(query):
        if not phrase and word.lower() == "or":
            if wanted and wanted[-1] != "OR":
                wanted.append("OR")
            continue
        term = phrase or word
        negative = not phrase and term.startswith("-")
        quoted = _quoted(term[1:] if negative else term)
        if quoted:
            (unwanted if negative else wanted).append(quoted)
    while wanted and wanted[-1] == "OR":
        wanted.pop()
    if not wanted:
        return None
    return " ".join([f"({' '.join(wanted)})", *(f"NOT {term}" for term in unwanted)])


def _quoted(term: str) -> str | None:
    if not re.search(r"[^\W_]", term):
        return None  # only punctuation: FTS5 would find nothing or refuse it
    return '"' + term.replace('"', '""') + '"'


def _sqlite_query(match: str) -> Select[Any]:
    fts: ColumnClause[Any] = literal_column("articles_fts")
    snippet = func.snippet(fts, 2, *MARK, ELLIPSIS, SNIPPET_WORDS)
    rank = -func.bm25(fts, 0.0, 4.0, 1.0)  # bm25 is lower-is-better; titles weigh more
    return (
        select(articles, snippet.label("snippet"), rank.label("relevance"))
        .select_from(FTS.join(articles, articles.c.id == FTS.c.article_id))
        .where(text("articles_fts MATCH :match").bindparams(match=match))
    )


def _postgres_query(query: str) -> Select[Any]:
    wanted = func.websearch_to_tsquery("english", query)
    options = (
        f"StartSel={MARK[0]}, StopSel={MARK[1]}, MaxWords={SNIPPET_WORDS}, MinWords=8, "
        f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
    )
    snippet = func.ts_headline("english", articles.c.text, wanted, options)
    rank = func.ts_rank_cd(SEARCH, wanted)
    return select(articles, snippet.label("snippet"), rank.label("relevance")).where(
        SEARCH.op("@@")(wanted)
    )


def _filtered(
    query: Select[Any], *, since: datetime | None, source: str | None, topic: str | None
) -> Select[Any]:
    if since is not None:
        query = query.where(since <= HAPPENED)
    if source:
        wanted = source.lower()
        query = query.where(
            func.lower(func.coalesce(articles.c.source, "")).contains(wanted, autoescape=True)
            | func.lower(func.coalesce(articles.c.feed, "")).contains(wanted, autoescape=True)
        )
    if topic:
        tagged = article_topics.c.article_id == articles.c.id
        query = query.where(exists().where(tagged, article_topics.c.topic == topic))
    return query
