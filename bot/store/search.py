"""Full-text search over article titles and text: SQLite FTS5 or PostgreSQL tsvector.

The query reads like a web search on both databases: words (all must match, English
stemming), "quoted phrases", `or` between alternatives, `-word` to exclude. Matched words
are wrapped in MARK in the snippet; renderers turn them into bold.

Only the newest matches are ranked (RANKED, after the since/source/topic filters): readers
of a news bot want recent news, and scoring every match of a common word ("korea" is in a
third of a Korea news store) took hundreds of milliseconds on a million articles. "Newest"
is the order articles were stored: FTS rowid on SQLite, `seen` on PostgreSQL.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
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
RANKED = 2_000  # newest matches ranked per search: enough for pages, cheap to score
TERM = re.compile(r'"([^"]*)"?|(\S+)')
FTS = table("articles_fts", column("rowid"), column("article_id"))
FTS_MATCH: ColumnClause[Any] = literal_column("articles_fts")
RELEVANCE: ColumnClause[Any] = literal_column("relevance")
SEARCH: ColumnClause[Any] = literal_column("articles.search")
HEADLINE = (
    f"StartSel={MARK[0]}, StopSel={MARK[1]}, MaxWords={SNIPPET_WORDS}, MinWords=8, "
    f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
)


def search_articles(
    store: Store,
    *,
    query: str,
    since: datetime | None = None,
    source: str | None = None,
    topic: str | None = None,
    limit: int = 10,
    offset: int = 0,
    ranked: int = RANKED,
) -> list[SearchHit]:
    """Articles matching `query`, best first among the newest `ranked` matches, optionally
    only since a time, from a source (outlet or feed name, any part, any case) or with a topic."""
    match = to_fts5(query)
    if match is None:
        return []  # nothing wanted (e.g. only "-word"): both databases answer nothing
    wanted = _filters(since=since, source=source, topic=topic)
    page = (limit, offset)
    with transaction(store, doing="search articles", write=False) as connection:
        if store.dialect == "sqlite":
            return _sqlite_search(connection, match, wanted, page=page, ranked=ranked)
        return _postgres_search(connection, query, wanted, page=page, ranked=ranked)


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


# --- SQLite: find the rowid floor of the newest matches, rank above it, then snip the page ---


def _sqlite_search(
    connection: Connection,
    match: str,
    wanted: list[ColumnElement[bool]],
    *,
    page: tuple[int, int],
    ranked: int,
) -> list[SearchHit]:
    matching = text("articles_fts MATCH :match").bindparams(match=match)
    floor = connection.execute(_sqlite_floor(matching, wanted, ranked)).scalar()
    if floor is None:
        return []
    found = _sqlite_matches(matching, wanted).where(FTS.c.rowid >= floor)
    rank = -func.bm25(FTS_MATCH, 0.0, 4.0, 1.0)  # bm25 is lower-is-better; titles weigh more
    found = found.add_columns(FTS.c.rowid.label("fts_rowid"), rank.label("relevance"))
    rows = connection.execute(_paged(found, page)).mappings().all()
    snippets = _sqlite_snippets(connection, matching, [row["fts_rowid"] for row in rows])
    return [_to_hit(row, snippets[row["fts_rowid"]]) for row in rows]


def _sqlite_matches(matching: Any, wanted: list[ColumnElement[bool]]) -> Select[Any]:
    joined = FTS.join(articles, articles.c.id == FTS.c.article_id)
    return select(articles).select_from(joined).where(matching, *wanted)


def _sqlite_floor(matching: Any, wanted: list[ColumnElement[bool]], ranked: int) -> Select[Any]:
    """The smallest rowid among the newest `ranked` matches that pass the filters."""
    newest = select(FTS.c.rowid).where(matching).order_by(FTS.c.rowid.desc()).limit(ranked)
    if wanted:  # the join costs a lookup per match: only when a filter needs the article
        newest = newest.select_from(FTS.join(articles, articles.c.id == FTS.c.article_id))
        newest = newest.where(*wanted)
    return select(func.min(newest.subquery().c.rowid))


def _sqlite_snippets(connection: Connection, matching: Any, rowids: list[int]) -> dict[int, str]:
    """Snippets for the page's rows only: snippet() costs as much as ranking a row."""
    if not rowids:
        return {}
    snippet = func.snippet(FTS_MATCH, 2, *MARK, ELLIPSIS, SNIPPET_WORDS)
    query = select(FTS.c.rowid, snippet).where(matching, FTS.c.rowid.in_(rowids))
    return {rowid: snip for rowid, snip in connection.execute(query)}


# --- PostgreSQL: the newest matches by `seen`, ranked, then headlines for the page ----------


def _postgres_search(
    connection: Connection,
    query: str,
    wanted: list[ColumnElement[bool]],
    *,
    page: tuple[int, int],
    ranked: int,
) -> list[SearchHit]:
    # A word's frequency decides the plan (walk `seen` backwards, or the GIN index): never let
    # psycopg's prepared statements settle on one generic plan for every query.
    connection.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    tsquery = func.websearch_to_tsquery("english", query)
    matching = SEARCH.op("@@")(tsquery)
    newest = select(articles.c.id).where(matching, *wanted)
    newest_cte = newest.order_by(articles.c.seen.desc()).limit(ranked).cte("newest")
    rank = func.ts_rank_cd(SEARCH, tsquery).label("relevance")
    found = select(articles, rank).join(newest_cte, newest_cte.c.id == articles.c.id)
    shown = _paged(found, page).subquery("shown")  # ts_headline only for the page's rows
    snippet = func.ts_headline("english", shown.c.text, tsquery, HEADLINE).label("snippet")
    final = select(shown, snippet).order_by(shown.c.relevance.desc(), shown.c.id)
    rows = connection.execute(final).mappings().all()
    return [_to_hit(row, row["snippet"]) for row in rows]


def _paged(found: Select[Any], page: tuple[int, int]) -> Select[Any]:
    limit, offset = page
    return found.order_by(RELEVANCE.desc(), articles.c.id).limit(limit).offset(offset)


def _to_hit(row: Any, snippet: str) -> SearchHit:
    return SearchHit(article=to_article(row), snippet=snippet, rank=float(row["relevance"]))


def _filters(
    *, since: datetime | None, source: str | None, topic: str | None
) -> list[ColumnElement[bool]]:
    wanted: list[ColumnElement[bool]] = []
    if since is not None:
        wanted.append(since <= HAPPENED)
    if source:
        lowered = source.lower()
        wanted.append(
            func.lower(func.coalesce(articles.c.source, "")).contains(lowered, autoescape=True)
            | func.lower(func.coalesce(articles.c.feed, "")).contains(lowered, autoescape=True)
        )
    if topic:
        tagged = article_topics.c.article_id == articles.c.id
        wanted.append(exists().where(tagged, article_topics.c.topic == topic))
    return wanted
