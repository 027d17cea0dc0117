"""Feeds, articles, assessments, cursors and the delivery outbox.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("body_hash", sa.Text),
        sa.Column("last_status", sa.Integer),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("last_success", TIME),
        sa.Column("next_check", TIME),
        sa.Column("gone", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("feed", sa.Text),
        sa.Column("published", TIME),
        sa.Column("seen", TIME, nullable=False),
        sa.Column("language", sa.Text),
    )
    op.create_index("articles_seen", "articles", ["seen"])
    op.create_index("articles_published", "articles", ["published"])
    op.create_table(
        "assessments",
        sa.Column(
            "article_id",
            sa.Text,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("korea", sa.Boolean, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("nk", sa.Boolean, nullable=False),
        sa.Column("sk", sa.Boolean, nullable=False),
        sa.Column("topics", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("quotes", sa.JSON, nullable=False),
        sa.Column("story", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("assessments_story", "assessments", ["story"])
    op.create_table(
        "article_topics",
        sa.Column(
            "article_id",
            sa.Text,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("topic", sa.Text, primary_key=True),
    )
    op.create_index("article_topics_topic", "article_topics", ["topic"])
    op.create_table(
        "cursors",
        sa.Column("destination", sa.Text, primary_key=True),
        sa.Column("at", TIME, nullable=False),
    )
    _create_outbox()


def _create_outbox() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("destination", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("story_ids", sa.JSON, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt", TIME, nullable=False),
        sa.Column("claimed_by", sa.Text),
        sa.Column("lease_until", TIME),
        sa.Column("message_ids", sa.JSON),
        sa.Column("last_error", sa.Text),
        sa.Column("created", TIME, nullable=False),
        sa.Column("updated", TIME, nullable=False),
    )
    op.create_index("deliveries_due", "deliveries", ["status", "next_attempt"])
    op.create_table(
        "posted",
        sa.Column("destination", sa.Text, primary_key=True),
        sa.Column("story_id", sa.Text, primary_key=True),
        sa.Column(
            "delivery_id",
            sa.Text,
            sa.ForeignKey("deliveries.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("posted_at", TIME, nullable=False),
    )


def downgrade() -> None:
    for table in ("posted", "deliveries", "cursors", "article_topics", "assessments"):
        op.drop_table(table)
    op.drop_table("articles")
    op.drop_table("feeds")
