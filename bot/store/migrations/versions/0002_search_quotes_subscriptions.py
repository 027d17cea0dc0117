"""Full-text search, a quote index for find_quotes, and subscriptions.

Search is dialect-specific: SQLite gets an FTS5 table kept in step by triggers (it holds its
own copy of title and text, because a TEXT-keyed table's rowid may change on VACUUM);
PostgreSQL gets a generated tsvector column with a GIN index.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_SEARCH = (
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
POSTGRES_SEARCH = (
    "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(text, '')), 'B')) STORED",
    "CREATE INDEX articles_search ON articles USING gin (search)",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_SEARCH if dialect == "sqlite" else POSTGRES_SEARCH:
        op.execute(statement)
    _create_quotes()
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("destination", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("value_key", sa.Text, nullable=False),
        sa.Column("times", sa.JSON, nullable=False),
        sa.Column("timezone", sa.Text, nullable=False),
        sa.Column("instant", sa.Boolean, nullable=False),
        sa.Column("quiet_start", sa.Text),
        sa.Column("quiet_end", sa.Text),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("destination", "kind", "value_key", name="subscriptions_once"),
    )


def _create_quotes() -> None:
    quotes = op.create_table(
        "quotes",
        sa.Column(
            "article_id",
            sa.Text,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("speaker_key", sa.Text, nullable=False),
        sa.Column("words_key", sa.Text, nullable=False),
    )
    op.create_index("quotes_speaker", "quotes", ["speaker_key"])
    rows = op.get_bind().execute(sa.text("SELECT article_id, quotes FROM assessments"))
    backfill = [_quote_row(article_id, n, q) for article_id, raw in rows for n, q in _each(raw)]
    if backfill and quotes is not None:
        op.bulk_insert(quotes, backfill)


def _each(raw: Any) -> list[tuple[int, dict[str, Any]]]:
    items = json.loads(raw) if isinstance(raw, str) else raw
    return list(enumerate(items or []))


def _quote_row(article_id: str, position: int, quote: dict[str, Any]) -> dict[str, Any]:
    # The same keys bot.store.quotes writes, frozen here as they were at this revision.
    speaker = "".join(re.findall(r"[^\W_]+", (quote.get("speaker") or "").casefold()))
    words = " ".join(re.findall(r"[^\W_]+", quote["quote"].casefold()))
    return {
        "article_id": article_id,
        "position": position,
        "speaker_key": speaker,
        "words_key": f" {words} ",
    }


def downgrade() -> None:
    op.drop_table("subscriptions")
    op.drop_table("quotes")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER articles_fts_{trigger}")
        op.execute("DROP TABLE articles_fts")
    else:
        op.execute("ALTER TABLE articles DROP COLUMN search")
