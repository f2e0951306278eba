"""Numbered migrations: an old database with data migrates after a backup; a newer one is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel, select

from gridstation.db import accounts, migrations, station, todos
from gridstation.db.connection import raw_connect
from gridstation.db.errors import SchemaTooNewError
from gridstation.db.models import UserAccount
from gridstation.db.store import Store, database_path

from .conftest import ADMIN_PASSWORD, OWN_GRID, make_setup


def build_v1_database(data_dir: Path) -> None:
    """A station database as schema v1 wrote it, with a station, an admin and audit entries."""
    conn = raw_connect(database_path(data_dir))
    migrations.migrate(conn, data_dir / "backups", target=1)
    conn.close()
    # Fill it with data using only v1 tables, the way the v1 program did.
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute(
        "INSERT INTO station VALUES (1, 'sid', '旧站点', '230204', '230204001', '站前街道', '230204001003', "
        "'新兴社区', '2025-01-01T00:00:00+00:00')"
    )
    conn.execute(f"INSERT INTO station_grid VALUES ('{OWN_GRID}', '第一网格', 1)")
    conn.commit()
    conn.close()


def test_old_schema_with_data_migrates_after_backup(data_dir: Path) -> None:
    data_dir.mkdir(exist_ok=True)
    build_v1_database(data_dir)

    with Store.open(data_dir) as store:
        assert store.migration.from_version == 1
        assert store.migration.to_version == migrations.latest_version()
        backup = store.migration.backup
        assert backup is not None and backup.exists()
        # data kept, and the new tables work
        assert station.get_station(store).name == "旧站点"  # type: ignore[union-attr]
        with store.write() as session:
            accounts.create_user(session, actor=accounts.Actor("system", "system"), at="t", username="leader",
                                 display_name="王芳", role="grid_leader", password=ADMIN_PASSWORD, grid_code=OWN_GRID)
        user = accounts.authenticate(store, "leader", ADMIN_PASSWORD)
        todos.add_todo(store, user.actor, grid_code=OWN_GRID, title="迁移后新增")

    # The backup is the v1 database with its data, taken before anything changed.
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM station").fetchone()[0] == "旧站点"
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'todo_item'").fetchone()[0] == 0
    conn.close()


def test_fresh_database_needs_no_backup(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.migration.from_version == 0 and store.migration.backup is None
    assert not (data_dir / "backups").exists()


def test_newer_schema_is_refused_unchanged(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        station.initialize_station(store, make_setup())
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    conn.close()
    before = database_path(data_dir).read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer GridStation"):
        Store.open(data_dir)
    assert database_path(data_dir).read_bytes() == before
    assert not (data_dir / "backups").exists()


def test_failed_migration_rolls_back_to_previous_version(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_v1_database(data_dir)
    real = migrations.all_migrations()

    def broken(conn: sqlite3.Connection) -> None:
        real[1].upgrade(conn)
        raise RuntimeError("power cut in the middle of a migration")

    monkeypatch.setattr(migrations, "all_migrations", lambda: [real[0], migrations.Migration(2, "m0002", broken)])
    with pytest.raises(RuntimeError):
        Store.open(data_dir)
    conn = sqlite3.connect(database_path(data_dir))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'todo_item'").fetchone()[0] == 0
    conn.close()


def test_models_match_migrated_schema(data_dir: Path) -> None:
    """The schema comes from migrations, not create_all; both must describe the same columns."""
    with Store.open(data_dir) as store, store.read() as session:
        conn = session.connection()
        for table in SQLModel.metadata.sorted_tables:
            rows = conn.exec_driver_sql(f"PRAGMA table_info({table.name})").fetchall()
            assert rows, f"table {table.name} missing from migrations"
            assert {r[1] for r in rows} == {c.name for c in table.columns}, table.name
        assert session.exec(select(UserAccount)).all() == []


def test_users_of_an_older_station_are_not_asked_to_change_their_passwords(data_dir: Path) -> None:
    data_dir.mkdir(exist_ok=True)
    with Store.open(data_dir) as store:
        station.initialize_station(store, make_setup())
    conn = raw_connect(database_path(data_dir))  # back to the schema before migration 10, user kept
    conn.execute("ALTER TABLE user_account DROP COLUMN must_change_password")
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    with Store.open(data_dir) as store:
        assert store.migration.from_version == 9
        assert not accounts.authenticate(store, "admin", ADMIN_PASSWORD).must_change_password
