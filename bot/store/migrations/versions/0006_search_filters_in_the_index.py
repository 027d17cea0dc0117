"""Search filters inside the search indexes: when an article happened, and where it came from.

A search ranks the newest 2,000 matches that pass its filters. Checking `since` and `source`
against each article's row cost ~5 µs a match: 240 ms for a 3% word from one outlet among a
million articles, and seconds for `korea since:1d` (fewer recent matches than 2,000, so every
older one was checked too). Now both filters are answered by the index itself.

Both databases: `search_outlets` lists every lowercased source and feed name once (kept by
triggers), so "any part of the outlet name" is looked up among a few hundred names, and the
index holds the article's outlets.

SQLite: articles_fts is rebuilt. Its rowid says when the article happened: the minute (since
1970, UTC) times 2^31, plus a counter within the minute. Walking rowids backwards walks the
news newest first and a `since` filter is a rowid range; FTS5 does both without reading a row.
The column `outlets` holds tokens "s<number>" for the article's source and feed.

PostgreSQL: the generated `search` also holds a lexeme "src:<md5 of the lowercased name>" for
the article's source and feed, and the GIN index now holds every lexeme suffixed with the week
(since 1970, UTC) the article happened ("missil@2834"): the matches of the newest weeks are
read without touching the older ones (bot/store/search_postgres.py never needs the plain
index). Rebuilding `search` rewrites the table: 143 s for a million articles on 2 cores.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SLOTS = 2**31  # rowids per minute: any real burst fits, and years 1 to 9999 fit in 63 bits


def _minute_key(row: str) -> str:
    """SQL for the first FTS rowid of the minute `row` happened in (floor, so before 1970 too)."""
    seconds = f"CAST(strftime('%s', coalesce({row}.published, {row}.seen)) AS INTEGER)"
    return f"((({seconds}) - ((({seconds}) % 60) + 60) % 60) / 60 * {SLOTS})"


def _outlet_tokens(row: str) -> str:
    return (
        "(SELECT group_concat('s' || key, ' ') FROM search_outlets "
        f"WHERE name IN (lower({row}.source), lower({row}.feed)))"
    )


def _sqlite_note_outlets(row: str) -> str:
    return (
        "INSERT OR IGNORE INTO search_outlets (name) SELECT name FROM "
        f"(SELECT lower({row}.source) AS name UNION SELECT lower({row}.feed)) WHERE name <> '';"
    )


def _sqlite_index(row: str) -> str:
    first = _minute_key(row)
    free = (
        f"coalesce((SELECT max(rowid) + 1 FROM articles_fts "
        f"WHERE rowid BETWEEN {first} AND {first} + {SLOTS - 1}), {first})"
    )
    return (
        "INSERT INTO articles_fts (rowid, article_id, title, text, outlets) VALUES "
        f"({free}, {row}.id, {row}.title, {row}.text, {_outlet_tokens(row)});"
    )


def _sqlite_unindex(row: str) -> str:
    first = _minute_key(row)
    return (
        f"DELETE FROM articles_fts WHERE rowid BETWEEN {first} AND {first} + {SLOTS - 1} "
        f"AND article_id = {row}.id;"
    )


SQLITE_TRIGGERS = (
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    f"{_sqlite_note_outlets('new')} {_sqlite_index('new')} END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    f"{_sqlite_unindex('old')} END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, text, source, feed, published, "
    f"seen ON articles BEGIN {_sqlite_unindex('old')} {_sqlite_note_outlets('new')} "
    f"{_sqlite_index('new')} END",
)
SQLITE_FILL = (
    "INSERT OR IGNORE INTO search_outlets (name) SELECT name FROM (SELECT lower(source) AS name "
    "FROM articles UNION SELECT lower(feed) FROM articles) WHERE name <> ''",
    # Keys first (narrow rows, one sort), then the index filled in key order.
    "CREATE TEMP TABLE fts_keys (key INTEGER PRIMARY KEY, article INTEGER NOT NULL)",
    f"INSERT INTO fts_keys (key, article) SELECT first + row_number() OVER (PARTITION BY first "
    f"ORDER BY happened, article) - 1, article FROM (SELECT {_minute_key('articles')} AS first, "
    "coalesce(published, seen) AS happened, rowid AS article FROM articles)",
    "INSERT INTO articles_fts (rowid, article_id, title, text, outlets) SELECT fts_keys.key, "
    f"articles.id, articles.title, articles.text, {_outlet_tokens('articles')} "
    "FROM fts_keys JOIN articles ON articles.rowid = fts_keys.article ORDER BY fts_keys.key",
    "DROP TABLE fts_keys",
)
SQLITE_OLD = (  # as 0002 made it, for downgrade
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "article_id UNINDEXED, title, text, tokenize='porter unicode61 remove_diacritics 2')",
    "INSERT INTO articles_fts (article_id, title, text) SELECT id, title, text FROM articles",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "DELETE FROM articles_fts WHERE article_id = old.id; END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "UPDATE articles_fts SET title = new.title, text = new.text WHERE article_id = old.id; END",
)


HAPPENED = "coalesce(published, seen)"
POSTGRES_SEARCH = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(text, '')), 'B')"
)
POSTGRES_OUTLETS = (
    "array_to_tsvector(array_remove(ARRAY['src:' || md5(nullif(lower(source), '')), "
    "'src:' || md5(nullif(lower(feed), ''))], NULL))"
)
POSTGRES_WEEK = "floor(date_part('epoch', timezone('UTC', happened)) / 604800)::bigint"
POSTGRES_UPGRADE = (
    "INSERT INTO search_outlets (name) SELECT name FROM (SELECT lower(source) AS name FROM "
    "articles UNION SELECT lower(feed) FROM articles) AS names WHERE name <> '' ORDER BY name",
    # Sorted names: two transactions adding the same new names lock them in the same order.
    "CREATE FUNCTION search_outlets_note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO search_outlets (name) SELECT name FROM (SELECT lower(source) AS name FROM added "
    "UNION SELECT lower(feed) FROM added) AS names WHERE name <> '' ORDER BY name "
    "ON CONFLICT (name) DO NOTHING; RETURN NULL; END $$",
    "CREATE TRIGGER articles_outlets_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS "
    "added FOR EACH STATEMENT EXECUTE FUNCTION search_outlets_note()",
    "CREATE TRIGGER articles_outlets_update AFTER UPDATE ON articles REFERENCING NEW TABLE AS "
    "added FOR EACH STATEMENT EXECUTE FUNCTION search_outlets_note()",
    "ALTER TABLE articles DROP COLUMN search",
    f"ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ({POSTGRES_SEARCH} || "
    f"{POSTGRES_OUTLETS}) STORED",
    # plpgsql: its inner query is planned once (a SQL function here took 32 µs a row, this 20).
    "CREATE FUNCTION search_by_week(search tsvector, happened timestamptz) RETURNS tsvector "
    "LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ "
    f"DECLARE suffix text := '@' || {POSTGRES_WEEK}; "
    "BEGIN RETURN array_to_tsvector(ARRAY(SELECT lexeme || suffix "
    "FROM unnest(tsvector_to_array(search)) AS lexeme)); END $$",
    # No pending list: searching one (up to 4 MB until a vacuum) took 200 ms.
    "CREATE INDEX articles_search_weeks ON articles USING gin "
    f"(search_by_week(search, {HAPPENED})) WITH (fastupdate = off)",
)
POSTGRES_DOWNGRADE = (
    "DROP INDEX articles_search_weeks",
    "DROP FUNCTION search_by_week(tsvector, timestamptz)",
    "DROP TRIGGER articles_outlets_insert ON articles",
    "DROP TRIGGER articles_outlets_update ON articles",
    "DROP FUNCTION search_outlets_note()",
    "ALTER TABLE articles DROP COLUMN search",
    f"ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ({POSTGRES_SEARCH}) "
    "STORED",
    "CREATE INDEX articles_search ON articles USING gin (search)",
)


def upgrade() -> None:
    op.create_table(
        "search_outlets",
        sa.Column("key", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
    )
    if op.get_bind().dialect.name == "sqlite":
        _drop_sqlite_search()
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text, "
            "outlets, tokenize='porter unicode61 remove_diacritics 2')"
        )
        for statement in (*SQLITE_FILL, *SQLITE_TRIGGERS):
            op.execute(statement)
    else:
        for statement in POSTGRES_UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_sqlite_search()
        for statement in SQLITE_OLD:
            op.execute(statement)
    else:
        for statement in POSTGRES_DOWNGRADE:
            op.execute(statement)
    op.drop_table("search_outlets")


def _drop_sqlite_search() -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER articles_fts_{trigger}")
    op.execute("DROP TABLE articles_fts")
