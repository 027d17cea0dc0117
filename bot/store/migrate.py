"""Opening a store: connect, then bring the schema to the newest migration (no alembic.ini)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.exc import SQLAlchemyError

from bot.store.engine import Store, connect_engine, refused, unreachable

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic keeps its `context` and `op` in module globals: one migration per process at a time.
# Other processes are held off by the database (advisory lock, or SQLite's write lock).
IN_PROCESS = threading.Lock()


def upgrade(store: Store, *, revision: str = "head") -> None:
    """Apply every migration up to `revision` not yet applied; running it again is a no-op."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        connection = store.engine.connect()
    except SQLAlchemyError as exc:
        raise unreachable(store, exc=exc) from exc
    with IN_PROCESS, connection:
        # A write transaction on SQLite, so two processes migrating at once queue up.
        connection.execution_options(write=True)
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, revision)
        except SQLAlchemyError as exc:
            raise refused(store, doing="migrate the schema", exc=exc) from exc
    log.info("store.migrated", extra={"database": store.where})


def open_store(url: str) -> Store:
    """Connect to `url` and migrate it to the newest schema: the one way to get a Store."""
    store = Store(connect_engine(url))
    try:
        upgrade(store)
    except BaseException:
        store.close()
        raise
    return store
