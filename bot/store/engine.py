"""Opening the database and running work on it, with SQLAlchemy's errors turned into StoreError.

SQLite is tuned for one machine with a few threads: WAL (readers never wait for the writer),
a busy timeout (writers queue instead of failing) and `BEGIN IMMEDIATE` for writes (a read
that later wants to write cannot deadlock against another writer). PostgreSQL needs nothing
special: writes are made safe by unique keys and ON CONFLICT.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, func, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from bot.errors import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
HINT = "set PENINSULA_DATABASE_URL (e.g. sqlite:///./data/peninsula.db)"


class Store:
    """An open database: holds the engine; pass it to every store function, close it once."""

    __slots__ = ("engine",)

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @property
    def where(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def connect_engine(url: str) -> Engine:
    """A configured engine for `url`; refuses URLs we cannot use with a message saying why."""
    parsed = _parse(url)
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r}: {HINT}")
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use the database URL {_hidden(parsed)}: {exc}; {HINT}") from exc


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}; {HINT}") from exc


def _hidden(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {database}: {exc}; {HINT}") from exc
    engine = create_engine(url)
    event.listen(engine, "connect", _tune_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level so that _begin_sqlite alone decides how a transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _switch_to_wal(cursor)
    for pragma in ("foreign_keys=ON", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """WAL mode, waiting out a connection that holds the file while it migrates.

    SQLite answers "database is locked" at once, without its busy handler, when a journal-mode
    switch meets another connection's lock; several processes or threads opening a new file
    together hit that, so we retry for as long as the busy timeout would have waited.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _begin_sqlite(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def transaction(store: Store, *, doing: str, write: bool = True) -> Iterator[Connection]:
    """One transaction, committed on success; any database failure becomes a StoreError."""
    with _connection(store) as connection:
        connection.execution_options(write=write)
        try:
            with connection.begin():
                yield connection
        except SQLAlchemyError as exc:
            raise refused(store, doing=doing, exc=exc) from exc


@contextmanager
def _connection(store: Store) -> Iterator[Connection]:
    try:
        connection = store.engine.connect()
    except SQLAlchemyError as exc:
        raise unreachable(store, exc=exc) from exc
    with connection:
        yield connection


def unreachable(store: Store, *, exc: SQLAlchemyError) -> StoreError:
    """The error for a database we could not even connect to."""
    log.error("store.unreachable", extra={"database": store.where, "error": str(exc)})
    reason = _reason(exc)
    if store.dialect == "sqlite":
        return StoreError(f"cannot open the SQLite database at {store.where}: {reason}; {HINT}")
    return StoreError(
        f"cannot reach the database at {store.where}: is it running? {HINT} ({reason})"
    )


def refused(store: Store, *, doing: str, exc: SQLAlchemyError) -> StoreError:
    """The error for a statement the database refused, saying what we were doing."""
    log.error("store.refused", extra={"database": store.where, "doing": doing, "error": str(exc)})
    reason = _reason(exc)
    if isinstance(exc, OperationalError) and "locked" in reason:
        return StoreError(
            f"could not {doing}: the SQLite file {store.where} stayed locked by another "
            "writer; retry, or use PostgreSQL for several instances"
        )
    return StoreError(f"could not {doing} in {store.where}: {reason}")


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).strip().splitlines()[0]


def insert(store: Store, table: Table) -> sqlite.Insert | postgresql.Insert:
    """An INSERT that knows ON CONFLICT in this store's dialect."""
    if store.dialect == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def database_now(store: Store) -> Any:
    """The database's clock as an SQL expression, for rows the caller gave no time."""
    if store.dialect == "sqlite":
        # The text layout SQLAlchemy writes (microseconds), so stored times sort together.
        return func.strftime("%Y-%m-%d %H:%M:%f", "now").op("||")("000")
    return func.current_timestamp()
