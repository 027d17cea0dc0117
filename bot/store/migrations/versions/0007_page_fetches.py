"""Full text for teasers, retried: one row per teaser whose article page we want.

A separate table, not columns on `articles`: only the teasers of full-text feeds have a page
to fetch (a few percent of articles), the rows change several times (tries, next try, last
problem) and then never again, and an UPDATE of `articles` on PostgreSQL rewrites its wide
row and its generated `search` column (SQLite's FTS triggers fire on named columns only, but
the cost on PostgreSQL alone decides). The due lookup reads the small index below.

Existing articles get no row: their pages were tried once, before this table existed.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_fetches",
        sa.Column(
            "article_id",
            sa.Text,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("state", sa.Text, nullable=False),  # pending | done | given_up
        sa.Column("tries", sa.Integer, nullable=False),
        sa.Column("next_try", sa.DateTime(timezone=True)),
        sa.Column("last_problem", sa.Text),
        sa.Column("queued", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("page_fetches_due", "page_fetches", ["state", "next_try"])
    # posted's key starts with the destination; asking for a story anywhere needs its own index.
    op.create_index("posted_story", "posted", ["story_id"])


def downgrade() -> None:
    op.drop_index("posted_story", table_name="posted")
    op.drop_index("page_fetches_due", table_name="page_fetches")
    op.drop_table("page_fetches")
