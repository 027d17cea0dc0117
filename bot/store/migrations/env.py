"""Alembic environment: always run programmatically by bot.store.migrate with a live connection.

Several instances may start at once: on PostgreSQL an advisory lock, on SQLite the write lock
of one transaction, makes the second wait for the first and then find nothing to do.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

MIGRATION_LOCK = 0x70656E69  # "peni": any constant shared by every instance works

connection = context.config.attributes["connection"]
# One transaction for the whole upgrade on both databases (SQLite has transactional DDL too):
# on SQLite it opens with BEGIN IMMEDIATE, so a second process waits, then finds nothing to do.
context.configure(connection=connection, target_metadata=None, transactional_ddl=True)

with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.run_migrations()
