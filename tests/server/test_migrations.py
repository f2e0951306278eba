"""The Alembic migrations build exactly the schema the code queries, on both databases."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient

from gridstation.server import database
from gridstation.server.app import create_app
from gridstation.server.schema import metadata, server_info, sync_counter
from tests.server.harness import Harness


def test_migrated_schema_matches_the_table_definitions(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert database.current_revision(engine) == "r0003"
    engine.dispose()


def test_migrating_twice_at_once_is_safe_and_down_then_up_works(database_url: str) -> None:
    engine = database.make_engine(database_url)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            database.migrate(engine)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with engine.connect() as conn:
        server_id = conn.execute(sa.select(server_info.c.value)).scalar_one()
        assert conn.execute(sa.select(sync_counter.c.last)).scalar_one() == 0
    config = database.alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
        conn.commit()
    assert database.current_revision(engine) is None
    database.migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.select(server_info.c.value)).scalar_one() != server_id  # a new, empty server
    engine.dispose()


def test_ops_applied_before_r0003_are_still_recognised_after_it(database_url: str, tmp_path: Path) -> None:
    """r0003 moves the applied op ids from ``applied_op`` into the change log: an op an older
    server applied still answers ``duplicate``, and going back down restores the ids."""
    engine = database.make_engine(database_url)
    database.migrate(engine, "r0002")
    app = create_app(database_url, data_dir=tmp_path, migrate=False)
    with TestClient(app) as client:
        harness = Harness(app, client)
        station = harness.enrol()
        created = harness.create("before")
        assert harness.results(station, [created])[0]["status"] == "applied"
        with database.write(engine) as conn:  # what the r0002 server wrote beside the change log
            conn.exec_driver_sql("INSERT INTO applied_op (op_id, station_id, batch_id, result, at) "
                                 "SELECT op_id, station_id, 'batch-1', '{}', at FROM change_log")
        database.migrate(engine)
        assert database.current_revision(engine) == "r0003"
        after = harness.create("after")
        assert [r["status"] for r in harness.results(station, [created, after])] == ["duplicate", "applied"]
        with engine.connect() as conn:
            assert "applied_op" not in sa.inspect(conn).get_table_names()
        config = database.alembic_config()
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "r0002")
            conn.commit()
        with engine.connect() as conn:
            op_ids = conn.exec_driver_sql("SELECT op_id FROM applied_op").scalars().all()
        assert sorted(op_ids) == sorted([created["op_id"], after["op_id"]])
    app.state.engine.dispose()
    engine.dispose()


def test_r0003_refuses_a_database_with_applied_ops_missing_from_the_change_log(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine, "r0002")
    with database.write(engine) as conn:
        conn.exec_driver_sql("INSERT INTO applied_op (op_id, station_id, batch_id, result, at) "
                             "VALUES ('lost', 's', 'b', '{}', 't')")
    with pytest.raises(RuntimeError, match="1 applied op ids have no row in change_log"):
        database.migrate(engine)
    assert database.current_revision(engine) == "r0002"
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT op_id FROM applied_op").scalars().all() == ["lost"]
    engine.dispose()
