"""Every store test runs twice: on a fresh SQLite file and in a fresh PostgreSQL schema.

PostgreSQL comes from PENINSULA_TEST_POSTGRES_URL (default: trust auth on 127.0.0.1). Each
test gets its own schema `t_<random>` via search_path, dropped afterwards, so parallel runs
never see each other. No PostgreSQL: skipped locally, a failure in CI or with
PENINSULA_REQUIRE_SHARED=1.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store import Store, open_store

POSTGRES_URL = os.environ.get(
    "PENINSULA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def must_have_postgres() -> bool:
    return os.environ.get("PENINSULA_REQUIRE_SHARED") == "1" or os.environ.get("CI") == "true"


@cache
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    engine = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except sa.exc.SQLAlchemyError as exc:
        return f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc}"
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose search_path is a brand-new schema, dropped after the test."""
    problem = postgres_problem()
    if problem:
        if must_have_postgres():
            pytest.fail(problem)
        pytest.skip(problem)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/data/peninsula.db"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, migrated, empty store; closed after the test."""
    opened = open_store(store_url)
    yield opened
    opened.close()
