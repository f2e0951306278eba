"""The station database file, looked at with the plain sqlite3 module only.

Cheap enough to run before the interface shows its first window: it checks that the file is a
GridStation database and reads what the login window needs, without importing SQLAlchemy. The
full ``Store.open`` (migrations, engines, a ``quick_check`` of every page) follows meanwhile.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from gridstation.db.errors import AlreadyRunningError, DatabaseFileError, StoreError
from gridstation.db.migrations import APPLICATION_ID
from gridstation.domain.errors import QT_TRANSLATE_NOOP

DB_NAME = "gridstation.sqlite3"
SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_NAME = "gridstation.lock"


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_NAME


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=5)


def _damaged(path: Path, reason: str) -> DatabaseFileError:
    return DatabaseFileError(
        QT_TRANSLATE_NOOP(
            "Errors", "{path} is damaged and cannot be opened ({reason}). Restore a backup; nothing was changed."
        ),
        path=str(path),
        reason=reason,
    )


def check_database_file(path: Path, *, thorough: bool = True) -> None:
    """Refuse a file that is not a healthy GridStation database, without changing it.

    ``thorough`` adds SQLite's ``quick_check`` over every page (about 1 s per GB).
    """
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
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
        conn = _read_only(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            status = conn.execute("PRAGMA quick_check").fetchone()[0] if thorough else "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
    if tables and app_id != APPLICATION_ID:
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP("Errors", "{path} belongs to another program, not GridStation. Nothing was changed."),
            path=str(path),
        )
    if status != "ok":
        raise _damaged(path, str(status))


@dataclass(frozen=True)
class StationPeek:
    """What the first window needs to know before the store is open."""

    initialized: bool
    station_name: str = ""
    language: str = ""


def peek_station(data_dir: Path) -> StationPeek:
    """Read the station name and language setting; raises ``DatabaseFileError`` for a bad file."""
    path = database_path(data_dir)
    check_database_file(path, thorough=False)
    if not path.is_file() or path.stat().st_size == 0:
        return StationPeek(initialized=False)
    try:
        conn = _read_only(path)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "station" not in names:
                return StationPeek(initialized=False)
            row = conn.execute("SELECT name FROM station WHERE id = 1").fetchone()
            language = conn.execute("SELECT value FROM app_setting WHERE key = 'language'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
    if row is None:
        return StationPeek(initialized=False)
    return StationPeek(initialized=True, station_name=row[0], language=language[0] if language else "")


def prepare_data_dir(data_dir: Path) -> None:
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


def acquire_instance_lock(data_dir: Path) -> FileLock:
    """Take the data directory's single-instance lock, or raise ``AlreadyRunningError``."""
    data_dir = Path(data_dir).expanduser().absolute()
    prepare_data_dir(data_dir)
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
    return lock
