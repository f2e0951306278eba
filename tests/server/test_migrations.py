"""The Alembic migrations build exactly the schema the code queries, on both databases."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from gridstation.server import database
from gridstation.server.schema import metadata, server_info, sync_counter


def test_migrated_schema_matches_the_table_definitions(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert database.current_revision(engine) == "r0002"
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
