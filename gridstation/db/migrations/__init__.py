"""Numbered schema migrations, applied at start-up after a backup.

Each module ``mNNNN_name.py`` defines ``NUMBER`` and ``upgrade(conn)``. The schema version is
SQLite's ``PRAGMA user_version``; each migration runs in its own ``BEGIN IMMEDIATE`` transaction
together with the version bump, so a crash leaves the database at the previous version. Before
the first pending migration touches an existing database, a copy is taken with SQLite's online
backup API (never a file copy of a live database). A database newer than this program is refused.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from gridstation.db.errors import SchemaTooNewError
from gridstation.domain.errors import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

APPLICATION_ID = 0x47524453  # "GRDS": marks a file as a GridStation station database


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    upgrade: Callable[[sqlite3.Connection], None]


def _load(module: ModuleType) -> Migration:
    return Migration(number=module.NUMBER, name=module.__name__.rsplit(".", 1)[-1], upgrade=module.upgrade)


def all_migrations() -> list[Migration]:
    found = [
        _load(importlib.import_module(f"{__name__}.{info.name}"))
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("m") and info.name[1:5].isdigit()
    ]
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1..N without gaps, found {numbers}")
    return found


def latest_version() -> int:
    return all_migrations()[-1].number


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_database(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file, no -wal beside it
    finally:
        dest.close()
    return target


@dataclass
class MigrationReport:
    from_version: int
    to_version: int
    backup: Path | None


def migrate(conn: sqlite3.Connection, backup_dir: Path, *, target: int | None = None) -> MigrationReport:
    migrations = all_migrations()
    latest = migrations[-1].number
    target = latest if target is None else target
    current = schema_version(conn)
    if current > latest:
        raise SchemaTooNewError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "This database was written by a newer GridStation (schema {found}, this program knows up to "
                "{latest}). Install the newer version; the database was not changed.",
            ),
            found=current,
            latest=latest,
        )
    pending = [m for m in migrations if current < m.number <= target]
    if not pending:
        return MigrationReport(current, current, None)
    backup = None
    if current > 0:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_database(conn, backup_dir / f"gridstation-v{current}-before-migration-{stamp}.sqlite3")
        log.info("backed up schema v%s to %s before migrating", current, backup)
    for migration in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.upgrade(conn)
            conn.execute(f"PRAGMA user_version = {migration.number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("applied migration %s", migration.name)
    return MigrationReport(current, pending[-1].number, backup)


def run_statements(conn: sqlite3.Connection, statements: list[str]) -> None:
    """Execute DDL one statement at a time (``executescript`` would commit our transaction)."""
    for statement in statements:
        conn.execute(statement)


def syncable_table(table: str, kind: str, columns: str, *, journal: bool = False) -> list[str]:
    """DDL for a table of syncable records, with triggers that enforce the outbox invariant.

    Every insert and update must find the outbox entry for the same record id and version written
    earlier in the same transaction; versions only grow; rows are never deleted (a delete is a
    tombstone: ``deleted = 1`` with a new version). The database itself refuses a write that
    skipped the unit of work. With ``journal`` (tables created from schema v4 on), a row applied
    from the district server may instead be vouched for by its ``sync_applied`` journal entry.
    """
    return [
        f"""CREATE TABLE {table} (
            id TEXT PRIMARY KEY NOT NULL,
            grid_code TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            {columns}
        )""",
        f"CREATE INDEX ix_{table}_grid ON {table}(grid_code, deleted)",
        *sync_triggers(table, kind, journal=journal),
    ]


def sync_triggers(table: str, kind: str, *, journal: bool) -> list[str]:
    """The outbox triggers of a syncable table. With ``journal``, a row vouched for by its
    ``sync_applied`` entry (the district's version of the record) may take any version number:
    the server's numbering wins when a person settles a conflict in its favour."""
    missing = f"outbox entry missing for {kind}"
    own = f"EXISTS (SELECT 1 FROM outbox WHERE kind = '{kind}' AND record_id = NEW.id AND version = NEW.version)"
    applied = (f"EXISTS (SELECT 1 FROM sync_applied WHERE kind = '{kind}' AND record_id = NEW.id "
               "AND version = NEW.version)")
    vouched = f"({own} OR {applied})" if journal else own
    version_ok = f"(NEW.version > OLD.version OR {applied})" if journal else "NEW.version > OLD.version"
    return [
        f"""CREATE TRIGGER {table}_outbox_insert BEFORE INSERT ON {table}
            WHEN NOT {vouched}
            BEGIN SELECT RAISE(ABORT, '{missing}'); END""",
        f"""CREATE TRIGGER {table}_outbox_update BEFORE UPDATE ON {table}
            WHEN NOT {version_ok} OR NEW.id != OLD.id OR NOT {vouched}
            BEGIN SELECT RAISE(ABORT, '{missing} or version not increased'); END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{kind} records are tombstoned, never deleted'); END""",
    ]
