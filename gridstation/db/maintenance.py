"""Backup, restore and health checks of a station database (used by the CLI and the admin UI)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from gridstation.db import audit, migrations
from gridstation.db.connection import raw_connect
from gridstation.db.errors import DatabaseFileError
from gridstation.db.events import record_event
from gridstation.db.files import check_database_file, database_path
from gridstation.db.store import Store
from gridstation.db.unit_of_work import sync_kinds
from gridstation.domain.errors import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def backup(store: Store, target: Path | None = None, *, actor: str = "system") -> Path:
    """A consistent copy of the live database (SQLite backup API), recorded in the audit log."""
    target = target or store.data_dir / "backups" / f"gridstation-{_stamp()}.sqlite3"
    if target.exists():
        raise DatabaseFileError(QT_TRANSLATE_NOOP("Errors", "{path} already exists."), path=str(target))
    store.backup_to(target)
    record_event(store, actor=actor, action="backup", target=str(target))
    return target


def restore(data_dir: Path, source: Path) -> Path:
    """Replace the station database with a backup. The app must not be running (the instance lock
    is taken); the current database is backed up first, so a restore can itself be undone."""
    source = Path(source)
    if not source.is_file():
        raise DatabaseFileError(QT_TRANSLATE_NOOP("Errors", "Backup file {path} not found."), path=str(source))
    check_database_file(source)
    src = raw_connect(source, read_only=True)
    try:
        if migrations.schema_version(src) == 0:
            raise DatabaseFileError(
                QT_TRANSLATE_NOOP("Errors", "{path} is not a GridStation backup."), path=str(source)
            )
        with Store.open(data_dir) as store:  # takes the lock, refuses a running app, checks the current file
            safety = store.backup_to(data_dir / "backups" / f"gridstation-before-restore-{_stamp()}.sqlite3")
            store.close()
            dst = raw_connect(database_path(data_dir))
            try:
                src.backup(dst)
            finally:
                dst.close()
    finally:
        src.close()
    with Store.open(data_dir) as store:  # migrates an older backup, after backing it up
        record_event(store, actor="system", action="restore", target=str(source), detail=f"previous: {safety}")
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
