"""Feeds changed in chat: added ones (enabled) and configured ones removed (disabled).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("interval_minutes", sa.Integer, nullable=False),
        sa.Column("timezone", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sources")
