"""Search on SQLite: FTS5 walks its rowids backwards and stops at the newest matches.

articles_fts's rowid says when the article happened (migration 0006): the minute since 1970
(UTC) times SLOTS, plus a counter within the minute. So the newest `ranked` matches are the
first ones FTS5 meets walking rowids backwards, a `since` filter is a rowid range, and a source
filter is part of the MATCH (the outlets column holds "s<key>" for the article's outlets).
Neither filter reads an article; only a topic filter and the minute `since` falls in do.
"""

from __future__ import annotations

from datetime import datetime, timedelta
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
from bot.store.reading import HAPPENED
from bot.store.rows import to_article
from bot.store.schema import article_topics, articles, to_utc
from bot.store.search_filters import Wanted
from bot.store.search_weeks import EPOCH

SLOTS = 2**31  # FTS rowids per minute, as migration 0006 numbers them
FTS = table("articles_fts", column("rowid"), column("article_id"))
FTS_MATCH: ColumnClause[Any] = literal_column("articles_fts")
WORDS = "{title text}"  # the user's words never match the outlet tokens
# bm25 weights per column (article_id, title, text, outlets): titles weigh more, outlets nothing.
RELEVANCE = -func.bm25(FTS_MATCH, 0.0, 4.0, 1.0, 0.0)  # bm25 is lower-is-better


def sqlite_hits(
    connection: Connection,
    match: str,
    wanted: Wanted,
    *,
    page: tuple[int, int],
    ranked: int,
    mark: tuple[str, str, str, int],
) -> list[SearchHit]:
    """The page of the best among the newest `ranked` articles matching the FTS5 expression
    `match` and `wanted`; `mark` is snippet()'s (open, close, ellipsis, words)."""
    matching = text("articles_fts MATCH :match").bindparams(match=to_match(match, wanted))
    best = connection.execute(_best(matching, wanted, page=page, ranked=ranked)).all()
    shown = _shown(connection, matching, [row.rowid for row in best], mark=mark)
    return [
        SearchHit(article=to_article(shown[rowid]), snippet=shown[rowid]["snippet"], rank=rank)
        for rowid, rank in best
    ]


def to_match(words: str, wanted: Wanted) -> str:
    """The FTS5 expression for the user's `words` (title and text only) and the outlets."""
    match = f"{WORDS} : ({words})"
    if wanted.outlets:
        match += " AND {outlets} : (" + " OR ".join(f"s{o.key}" for o in wanted.outlets) + ")"
    return match


def first_rowid(moment: datetime) -> int:
    """The first rowid of the minute `moment` falls in: articles that happened at or after
    `moment` all have rowids at least this (the SQL of migration 0006, in Python)."""
    return (to_utc(moment) - EPOCH) // timedelta(minutes=1) * SLOTS


def _best(
    matching: Any, wanted: Wanted, *, page: tuple[int, int], ranked: int
) -> Select[tuple[Any, ...]]:
    """Rowid and relevance of the page's matches, best first (newest first on a tie)."""
    newest = select(FTS.c.rowid, RELEVANCE.label("relevance")).where(matching, *_filters(wanted))
    newest_sq = newest.order_by(FTS.c.rowid.desc()).limit(ranked).subquery("newest")
    limit, offset = page
    best = select(newest_sq.c.rowid, newest_sq.c.relevance)
    return (
        best.order_by(newest_sq.c.relevance.desc(), newest_sq.c.rowid.desc())
        .limit(limit)
        .offset(offset)
    )


def _filters(wanted: Wanted) -> list[ColumnElement[bool]]:
    """Conditions on articles_fts rows for `since` and `topic` (outlets are in the MATCH)."""
    found: list[ColumnElement[bool]] = []
    if wanted.since is not None:
        first = first_rowid(wanted.since)
        # Only the minute `since` falls in needs the article's exact time (OR stops early).
        exact = exists().where(articles.c.id == FTS.c.article_id, wanted.since <= HAPPENED)
        found += [FTS.c.rowid >= first, (FTS.c.rowid >= first + SLOTS) | exact]
    if wanted.topic:
        tagged = article_topics.c.article_id == FTS.c.article_id
        found.append(exists().where(tagged, article_topics.c.topic == wanted.topic))
    return found


def _shown(
    connection: Connection, matching: Any, rowids: list[int], *, mark: tuple[str, str, str, int]
) -> dict[int, Any]:
    """The articles and snippets of the page's rows: snippet() costs as much as ranking a row."""
    if not rowids:
        return {}
    snippet = func.snippet(FTS_MATCH, 2, *mark).label("snippet")
    joined = FTS.join(articles, articles.c.id == FTS.c.article_id)
    query = select(FTS.c.rowid.label("fts_rowid"), articles, snippet).select_from(joined)
    rows = connection.execute(query.where(matching, FTS.c.rowid.in_(rowids))).mappings()
    return {row["fts_rowid"]: row for row in rows}
