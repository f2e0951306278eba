"""The database's connections dropped under a running server (PostgreSQL restarted, a firewall
closing idle connections): at most one request answers 503 (which a station sends again), and
then the server works on fresh connections; nothing is written twice or lost."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from gridstation.server.app import create_app
from tests.server.conftest import pg_base_url
from tests.server.harness import Harness


@pytest.fixture
def named(database_url: str, tmp_path: Path) -> Iterator[tuple[Harness, str]]:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no connections to lose")
    name = f"gs-{secrets.token_hex(6)}"  # this server's connections, by their application name
    url = make_url(database_url).update_query_dict({"application_name": name}).render_as_string(hide_password=False)
    app = create_app(url, data_dir=tmp_path)
    with TestClient(app) as client:
        yield Harness(app, client), name
    app.state.engine.dispose()


def _drop_connections(name: str) -> int:
    with psycopg.connect(pg_base_url(), autocommit=True) as admin:
        row = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE application_name = %s", [name]).fetchone()
    assert row is not None
    return int(row[0])


def test_after_the_connections_are_dropped_one_retry_at_most_then_all_is_applied(
        named: tuple[Harness, str]) -> None:
    harness, name = named
    a = harness.enrol()
    assert harness.push(a, [harness.create(title="之前")]).status_code == 200
    assert _drop_connections(name) >= 1
    op = harness.create(title="之后")
    statuses = []
    for _attempt in range(3):  # a station's quick retries of the same batch
        response = harness.push(a, [op], batch_id="after-the-drop")
        statuses.append(response.status_code)
        if response.status_code == 200:
            break
        assert response.status_code == 503 and response.headers.get("retry-after"), response.text
    assert statuses[-1] == 200 and statuses.count(503) <= 1, statuses
    assert harness.results(a, [op])[0]["status"] == "duplicate"  # applied once, by the batch above
    assert harness.sync_counts()["record"] == 2
    assert harness.pull(a, 0)["changes"][-1]["payload"]["title"] == "之后"
