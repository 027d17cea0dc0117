"""An index on when an article happened (coalesce(published, seen)).

Search with `since` and korea_items filter and order on that expression; without the index
PostgreSQL walked `seen` backwards through every article (~300 ms on 300,000) when fewer than
the ranked number of matches fell inside the window.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX articles_happened ON articles ((coalesce(published, seen)))")


def downgrade() -> None:
    op.execute("DROP INDEX articles_happened")
