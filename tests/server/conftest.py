"""Server test fixtures: every test that uses ``database_url`` runs on SQLite (a temporary file)
and on PostgreSQL (a fresh schema per test in ``GRIDSTATION_TEST_PG_URL``).

PostgreSQL unreachable → those tests are skipped, unless ``GRIDSTATION_REQUIRE_PG=1`` (CI), then
they fail.
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from gridstation.server import database
from gridstation.server.app import create_app
from tests.server.harness import Harness

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/gridstation_test"


def pg_base_url() -> str:
    return os.environ.get("GRIDSTATION_TEST_PG_URL") or PG_DEFAULT


@functools.cache
def pg_problem() -> str | None:
    """Why PostgreSQL cannot be used (None when it can)."""
    try:
        with psycopg.connect(pg_base_url(), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure to connect means "not available here"
        return f"PostgreSQL at {pg_base_url()} is not reachable: {exc}"
    return None


def _require_pg() -> None:
    problem = pg_problem()
    if problem is None:
        return
    if os.environ.get("GRIDSTATION_REQUIRE_PG") == "1":
        pytest.fail(f"{problem} (GRIDSTATION_REQUIRE_PG=1)")
    pytest.skip(problem)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    _require_pg()
    schema = f"t_{secrets.token_hex(6)}"
    admin = sa.create_engine(database.normalise_url(pg_base_url()))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(database.normalise_url(pg_base_url())).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def harness(database_url: str, tmp_path: Path) -> Iterator[Harness]:
    app = create_app(database_url, data_dir=tmp_path)
    with TestClient(app) as client:
        yield Harness(app, client)
    app.state.engine.dispose()
