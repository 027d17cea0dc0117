"""Full-text search over article titles and text: SQLite FTS5 or PostgreSQL tsvector.

The query reads like a web search on both databases: words (all must match, English
stemming), "quoted phrases", `or` between alternatives, `-word` to exclude. Matched words
are wrapped in MARK in the snippet; renderers turn them into bold.

Only the newest matches are ranked (RANKED, after the since/source/topic filters): readers
of a news bot want recent news, and scoring every match of a common word ("korea" is in a
third of a Korea news store) took hundreds of milliseconds on a million articles. "Newest"
is when the article happened (its feed date, else when it was first seen; on SQLite to the
minute, then the order stored). Finding those newest matches without reading every match is
each database's own work: search_sqlite.py and search_newest.py say how.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.model import SearchHit
from bot.store.engine import Store, transaction
from bot.store.search_filters import to_wanted
from bot.store.search_postgres import postgres_hits
from bot.store.search_sqlite import sqlite_hits

MARK = ("«", "»")
ELLIPSIS = "…"
SNIPPET_WORDS = 24
RANKED = 2_000  # newest matches ranked per search: enough for pages, cheap to score
TERM = re.compile(r'"([^"]*)"?|(\S+)')
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
    page = (limit, offset)
    with transaction(store, doing="search articles", write=False) as connection:
        wanted = to_wanted(connection, since=since, source=source, topic=topic)
        if wanted.is_impossible:
            return []  # no stored article comes from such a source
        if store.dialect == "sqlite":
            mark = (*MARK, ELLIPSIS, SNIPPET_WORDS)
            return sqlite_hits(connection, match, wanted, page=page, ranked=ranked, mark=mark)
        return postgres_hits(connection, query, wanted, page=page, ranked=ranked, headline=HEADLINE)


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
