"""Opening a station data directory: checks, the single-instance lock, migrations, sessions.

All writes go through ``Store.write()`` (or ``unit_of_work()``, built on it): a process-wide lock
serialises them and each runs in a ``BEGIN IMMEDIATE`` transaction on the writer engine. Reads use
``Store.read()`` on a separate engine and may run concurrently (WAL).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock
from sqlmodel import Session

from gridstation.db import migrations
from gridstation.db.clock import Clock, SystemClock
from gridstation.db.connection import make_engine, raw_connect
from gridstation.db.files import acquire_instance_lock, check_database_file, database_path, prepare_data_dir
from gridstation.db.migrations import MigrationReport
from gridstation.db.unit_of_work import Actor, UnitOfWork

log = logging.getLogger(__name__)

class Store:
    def __init__(self, data_dir: Path, clock: Clock, lock: FileLock | None, report: MigrationReport) -> None:
        self.data_dir = data_dir
        self.path = database_path(data_dir)
        self.clock = clock
        self.migration = report
        self._lock = lock
        self._write_lock = threading.Lock()
        # Called (on the writing thread) after a unit of work commits: a record changed and its
        # outbox entry waits to be sent. The sync scheduler listens, to send it soon.
        self.change_listeners: list[Callable[[], None]] = []
        self._writer = make_engine(self.path, writer=True)
        self._reader = make_engine(self.path, writer=False)

    @classmethod
    def open(
        cls, data_dir: Path, *, clock: Clock | None = None, exclusive: bool = True, lock: FileLock | None = None
    ) -> Store:
        """Open (creating or migrating) the station database in ``data_dir``.

        ``exclusive`` takes the data directory's instance lock: a second app on the same directory
        is refused with ``AlreadyRunningError`` instead of racing. A caller that already holds the
        lock (the GUI takes it before its first window) hands it over as ``lock``.
        """
        data_dir = Path(data_dir).expanduser().absolute()
        if lock is None and exclusive:
            lock = acquire_instance_lock(data_dir)
        else:
            prepare_data_dir(data_dir)
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
            uow = UnitOfWork(session, actor, self.clock)
            yield uow
        if uow.changed:
            for listener in list(self.change_listeners):
                try:
                    listener()
                except Exception:  # a listener must never undo or hide a committed change
                    log.exception("a change listener failed")

    def backup_to(self, target: Path) -> Path:
        conn = raw_connect(self.path, read_only=True)
        try:
            return migrations.backup_database(conn, target)
        finally:
            conn.close()
