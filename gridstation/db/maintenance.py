"""Backup, restore and health checks of a station database (used by the CLI and the admin UI)."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock
from sqlalchemy import text

from gridstation.db import audit, migrations
from gridstation.db.connection import raw_connect
from gridstation.db.errors import DatabaseFileError, SchemaTooNewError, StoreError
from gridstation.db.events import record_event
from gridstation.db.files import acquire_instance_lock, check_database_file, database_path
from gridstation.db.store import Store
from gridstation.db.unit_of_work import sync_kinds
from gridstation.domain.errors import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Files SQLite keeps beside a database; a stale one left beside a replaced database would corrupt it.
SIDECARS = ("-wal", "-shm", "-journal")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def printable_path(path: Path | str) -> str:
    """A path as text that can always be printed, logged and stored: bytes that are not UTF-8
    (a file name from another system) are shown as ``\\xff`` escapes instead of failing later."""
    return os.fsdecode(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def has_station_database(data_dir: Path) -> bool:
    path = database_path(Path(data_dir).expanduser())
    return path.is_file() and path.stat().st_size > 0


def require_station_database(data_dir: Path) -> None:
    """Refuse a data directory without a station database, creating nothing (a mistyped
    ``--data-dir`` must not turn into a new, empty station)."""
    if not has_station_database(data_dir):
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "Errors", "There is no station database in {path}. Check the data directory; nothing was created."
            ),
            path=printable_path(Path(data_dir).expanduser().absolute()),
        )


def default_backup_path(data_dir: Path) -> Path:
    """Where a backup goes unless told otherwise: ``DATA_DIR/backups/gridstation-<UTC time>.sqlite3``."""
    return Path(data_dir) / "backups" / f"gridstation-{_stamp()}.sqlite3"


def last_backup(store: Store) -> tuple[str, str] | None:
    """(when, where) of the latest backup the audit log records, or None."""
    with store.read() as session:
        entries = audit.list_entries(session, limit=1, flt=audit.AuditFilter(actions=("backup",)))
    return (entries[0].at, entries[0].target) if entries else None


def backup(store: Store, target: Path | None = None, *, actor: str = "system") -> Path:
    """A consistent copy of the live database (SQLite backup API), recorded in the audit log."""
    target = (target or default_backup_path(store.data_dir)).expanduser().absolute()
    shown = printable_path(target)
    if target.is_dir():
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP("Errors", "{path} is a folder. Give a file name for the backup, e.g. {example}."),
            path=shown, example=printable_path(target / f"gridstation-{_stamp()}.sqlite3"),
        )
    if target.exists():
        raise DatabaseFileError(QT_TRANSLATE_NOOP("Errors", "{path} already exists."), path=shown)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Create the file ourselves: an unwritable place fails here with the system's reason (SQLite
        # would only say "unable to open database file"), and a file appearing meanwhile is not overwritten.
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        store.backup_to(target)
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise _cannot_write(target, exc) from exc
    record_event(store, actor=actor, action="backup", target=shown)
    return target


def _cannot_write(target: Path, exc: BaseException) -> DatabaseFileError:
    return DatabaseFileError(
        QT_TRANSLATE_NOOP("Errors", "Cannot write the backup {path}: {reason}"),
        path=printable_path(target), reason=_reason(exc),
    )


def _check_backup(source: Path, *, force: bool) -> None:
    """Refuse, before anything is touched, a source this program cannot restore."""
    shown = printable_path(source)
    if source.is_dir():
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP("Errors", "{path} is a folder. Give the backup file inside it."), path=shown
        )
    if not source.exists():
        raise DatabaseFileError(QT_TRANSLATE_NOOP("Errors", "Backup file {path} not found."), path=shown)
    try:
        check_database_file(source)
        src = raw_connect(source, read_only=True)
        try:
            app_id = src.execute("PRAGMA application_id").fetchone()[0]
            version = migrations.schema_version(src)
            tables = {row[0] for row in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            station = admins = 0
            if {"station", "user_account"} <= tables:
                station = src.execute("SELECT count(*) FROM station").fetchone()[0]
                admins = src.execute(
                    "SELECT count(*) FROM user_account WHERE role = 'station_admin' AND active = 1"
                ).fetchone()[0]
        finally:
            src.close()
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP("Errors", "Cannot read the backup {path}: {reason}. Nothing was changed."),
            path=shown, reason=_reason(exc),
        ) from exc
    if version == 0 or app_id != migrations.APPLICATION_ID:
        raise DatabaseFileError(QT_TRANSLATE_NOOP("Errors", "{path} is not a GridStation backup."), path=shown)
    latest = migrations.latest_version()
    if version > latest:
        raise SchemaTooNewError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The backup {path} was written by a newer GridStation (schema {found}, this program knows up to "
                "{latest}). Install the newer version; the database was not changed.",
            ),
            path=shown, found=version, latest=latest,
        )
    if not force and not (station and admins):
        raise DatabaseFileError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The backup {path} holds no set-up station (no station or no active admin user); restoring it would "
                "empty this station. Nothing was changed. To restore it anyway, use --force.",
            ),
            path=shown,
        )


def _keep_current(path: Path, target: Path) -> Path | None:
    """Keep the database about to be replaced: a consistent copy when SQLite can read it, else its
    bytes (and those of its journal files), so even a damaged or too-new database can be replaced."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        check_database_file(path)
        conn = raw_connect(path, read_only=True)
        try:
            return migrations.backup_database(conn, target)
        finally:
            conn.close()
    except (DatabaseFileError, sqlite3.Error) as exc:
        log.info("the current database cannot be read (%s); keeping a byte copy of it", exc)
        target.unlink(missing_ok=True)
    for suffix in ("", *SIDECARS):
        side = Path(f"{path}{suffix}")
        if side.exists():
            shutil.copy2(side, Path(f"{target}{suffix}"))
    return target


def restore(data_dir: Path, source: Path, *, force: bool = False) -> Path | None:
    """Replace the station database with a backup; returns where the replaced database was kept
    (None when there was none). The app must not be running (the instance lock is taken).

    The backup is checked first (a GridStation database this program can read, holding a set-up
    station unless ``force``): a refused restore changes nothing. The current database is never
    opened as a station, so a damaged or too-new one can be replaced too.
    """
    data_dir = Path(data_dir).expanduser().absolute()
    source = Path(source).expanduser().absolute()
    _check_backup(source, force=force)
    lock: FileLock | None = acquire_instance_lock(data_dir)
    try:
        path = database_path(data_dir)
        incoming = path.with_name(f"{path.name}.restoring")
        try:
            (data_dir / "backups").mkdir(exist_ok=True)
            safety = _keep_current(path, data_dir / "backups" / f"gridstation-before-restore-{_stamp()}.sqlite3")
            incoming.unlink(missing_ok=True)
            src = raw_connect(source, read_only=True)
            try:
                migrations.backup_database(src, incoming)  # a single self-contained file
            finally:
                src.close()
            with incoming.open("rb") as fh:
                os.fsync(fh.fileno())
            for suffix in SIDECARS:  # kept above; would be replayed onto the restored file
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            os.replace(incoming, path)
        except (OSError, sqlite3.Error) as exc:
            incoming.unlink(missing_ok=True)
            raise DatabaseFileError(
                QT_TRANSLATE_NOOP("Errors", "Cannot restore into {path}: {reason}"),
                path=printable_path(data_dir), reason=_reason(exc),
            ) from exc
        detail = f"previous: {printable_path(safety)}" if safety else "previous: none"
        with Store.open(data_dir, lock=lock) as store:  # migrates an older backup, after backing it up
            lock = None  # the store releases it
            record_event(store, actor="system", action="restore", target=printable_path(source), detail=detail)
    finally:
        if lock is not None:
            lock.release()
    log.info("restored %s into %s", printable_path(source), printable_path(data_dir))
    return safety
@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(store: Store) -> CheckReport:
    """SQLite integrity, foreign keys, the audit chain and the outbox invariant."""
    report = CheckReport()
    with store.read() as session:
        for (row,) in session.execute(text("PRAGMA integrity_check")):
            if row != "ok":
                report.problems.append(f"integrity: {row}")
        for row in session.execute(text("PRAGMA foreign_key_check")):
            report.problems.append(f"foreign key: {tuple(row)}")
        report.problems.extend(str(p) for p in audit.verify_chain(session))
        for kind, model in sync_kinds().items():
            table = model.__tablename__
            missing = session.execute(
                text(
                    f"SELECT count(*) FROM {table} r WHERE NOT EXISTS (SELECT 1 FROM outbox o "
                    "WHERE o.kind = :kind AND o.record_id = r.id AND o.version = r.version) "
                    "AND NOT EXISTS (SELECT 1 FROM sync_applied j "
                    "WHERE j.kind = :kind AND j.record_id = r.id AND j.version = r.version)"
                ),
                {"kind": kind},
            ).scalar_one()
            if missing:
                report.problems.append(f"outbox: {missing} {kind} record(s) neither in the outbox nor from the server")
    return report
