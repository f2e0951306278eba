"""Opening a station data directory: checks, the single-instance lock, migrations, sessions.

All writes go through ``Store.write()`` (or ``unit_of_work()``, built on it): a process-wide lock
serialises them and each runs in a ``BEGIN IMMEDIATE`` transaction on the writer engine. Reads use
``Store.read()`` on a separate engine and may run concurrently (WAL).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlmodel import Session

from gridstation.db import migrations
from gridstation.db.clock import Clock, SystemClock
from gridstation.db.connection import make_engine, raw_connect
from gridstation.db.errors import AlreadyRunningError, DatabaseFileError, StoreError
from gridstation.db.migrations import APPLICATION_ID, MigrationReport
from gridstation.db.unit_of_work import Actor, UnitOfWork
from gridstation.domain.errors import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DB_NAME = "gridstation.sqlite3"
LOCK_NAME = "gridstation.lock"
SQLITE_MAGIC = b"SQLite format 3\x00"


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_NAME


def check_database_file(path: Path) -> None:
    """Refuse a file that is not a healthy GridStation database, without changing it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if not path.is_file():
        raise DatabaseFileError(QT_TRANSLATE_NOOP("Errors", "{path} is not a file."), path=str(path))
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP(
                "Errors", "{path} is not a GridStation database (it is not an SQLite file). Nothing was changed."
            ),
            path=str(path),
        )
    try:
        conn = raw_connect(path, read_only=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP(
                "Errors", "{path} is damaged and cannot be opened ({reason}). Restore a backup; nothing was changed."
            ),
            path=str(path),
            reason=str(exc),
        ) from exc
    if tables and app_id != APPLICATION_ID:
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP(
                "Errors", "{path} belongs to another program, not GridStation. Nothing was changed."
            ),
            path=str(path),
        )
    if status != "ok":
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP(
                "Errors", "{path} is damaged ({reason}). Restore a backup; nothing was changed."
            ),
            path=str(path),
            reason=str(status),
        )


def _prepare_dir(data_dir: Path) -> None:
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(
            QT_TRANSLATE_NOOP("Errors", "The data directory {path} is a file, not a directory."), path=str(data_dir)
        )
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("Errors", "Cannot create the data directory {path}: {reason}"),
            path=str(data_dir),
            reason=exc.strerror or str(exc),
        ) from exc


class Store:
    def __init__(self, data_dir: Path, clock: Clock, lock: FileLock | None, report: MigrationReport) -> None:
        self.data_dir = data_dir
        self.path = database_path(data_dir)
        self.clock = clock
        self.migration = report
        self._lock = lock
        self._write_lock = threading.Lock()
        self._writer = make_engine(self.path, writer=True)
        self._reader = make_engine(self.path, writer=False)

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock | None = None, exclusive: bool = True) -> Store:
        """Open (creating or migrating) the station database in ``data_dir``.

        ``exclusive`` takes the data directory's instance lock: a second app on the same directory
        is refused with ``AlreadyRunningError`` instead of racing.
        """
        data_dir = Path(data_dir).expanduser().absolute()
        _prepare_dir(data_dir)
        lock: FileLock | None = None
        if exclusive:
            lock = FileLock(data_dir / LOCK_NAME)
            try:
                lock.acquire(timeout=0)
            except Timeout as exc:
                raise AlreadyRunningError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "GridStation is already running on the data directory {path}. Switch to the open window, "
                        "or close it first.",
                    ),
                    path=str(data_dir),
                ) from exc
        try:
            path = database_path(data_dir)
            check_database_file(path)
            conn = raw_connect(path)
            try:
                report = migrations.migrate(conn, data_dir / "backups")
            finally:
                conn.close()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if report.to_version != report.from_version:
            log.info("database at schema v%s (was v%s)", report.to_version, report.from_version)
        return cls(data_dir, clock or SystemClock(), lock, report)

    def close(self) -> None:
        self._writer.dispose()
        self._reader.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self._reader, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction on the single writer; commits on success, rolls back on error."""
        with self._write_lock, Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def unit_of_work(self, actor: Actor) -> Iterator[UnitOfWork]:
        with self.write() as session:
            yield UnitOfWork(session, actor, self.clock)

    def backup_to(self, target: Path) -> Path:
        conn = raw_connect(self.path, read_only=True)
        try:
            return migrations.backup_database(conn, target)
        finally:
            conn.close()
