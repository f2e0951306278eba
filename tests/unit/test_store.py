"""Opening a data directory: pragmas, the instance lock, and refusing bad files unchanged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from gridstation.db import station
from gridstation.db.errors import AlreadyRunningError, DatabaseFileError, StoreError
from gridstation.db.store import Store, database_path

from .conftest import make_setup


def test_pragmas_on_every_connection(store: Store) -> None:
    for context in (store.read, store.write):
        with context() as session:
            conn = session.connection()
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_second_instance_is_refused(data_dir: Path) -> None:
    with Store.open(data_dir):
        with pytest.raises(AlreadyRunningError, match="already running"):
            Store.open(data_dir)
    Store.open(data_dir).close()  # free again once the first closed


def test_writes_are_serialised(store: Store) -> None:
    """The writer path holds one lock: a second writer thread waits instead of failing."""
    import threading

    station.initialize_station(store, make_setup())
    results: list[str] = []

    def writer(n: int) -> None:
        for i in range(20):
            station.set_setting(store, "idle_lock_minutes", str(n * 100 + i), actor="t")
        results.append("done")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["done"] * 4
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log WHERE action = 'setting.change'")).scalar() == 80


@pytest.mark.parametrize(
    "content, message",
    [
        (b"PK\x03\x04 this is a zip file, not a database" * 20, "not an SQLite file"),
        (b"SQLite format 3\x00" + b"\xff" * 5000, "damaged"),
    ],
)
def test_corrupt_file_is_refused_unchanged(data_dir: Path, content: bytes, message: str) -> None:
    database_path(data_dir).write_bytes(content)
    with pytest.raises(DatabaseFileError, match=message):
        Store.open(data_dir)
    assert database_path(data_dir).read_bytes() == content
    assert sorted(p.name for p in data_dir.iterdir()) == ["gridstation.lock", "gridstation.sqlite3"]


def test_foreign_sqlite_database_is_refused_unchanged(data_dir: Path) -> None:
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    conn.execute("INSERT INTO photos (path) VALUES ('a.jpg')")
    conn.commit()
    conn.close()
    before = database_path(data_dir).read_bytes()
    with pytest.raises(DatabaseFileError, match="another program"):
        Store.open(data_dir)
    assert database_path(data_dir).read_bytes() == before


def test_truncated_database_is_refused(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        station.initialize_station(store, make_setup())
    path = database_path(data_dir)
    shutil.copy(path, data_dir / "good.sqlite3")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseFileError):
        Store.open(data_dir)


def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("hello")
    with pytest.raises(StoreError, match="is a file"):
        Store.open(not_a_dir)
    assert not_a_dir.read_text() == "hello"
