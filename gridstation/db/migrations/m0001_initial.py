"""Station profile, accounts, settings, the hash-chained audit log and the sync outbox."""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import APPLICATION_ID, run_statements

NUMBER = 1

STATEMENTS = [
    f"PRAGMA application_id = {APPLICATION_ID}",
    """CREATE TABLE station (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        station_id TEXT NOT NULL,
        name TEXT NOT NULL,
        district_code TEXT NOT NULL,
        street_code TEXT NOT NULL,
        street_name TEXT NOT NULL,
        community_code TEXT NOT NULL,
        community_name TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE station_grid (
        code TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        own INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE app_setting (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE user_account (
        id TEXT PRIMARY KEY NOT NULL,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('grid_leader', 'backup_leader', 'mediator', 'station_admin')),
        grid_code TEXT REFERENCES station_grid(code),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        lock_remaining_s REAL NOT NULL DEFAULT 0,
        lock_ref_mono REAL NOT NULL DEFAULT 0,
        lock_ref_boot TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        success INTEGER NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
        base_version INTEGER NOT NULL,
        version INTEGER NOT NULL,
        changed TEXT NOT NULL,
        payload TEXT NOT NULL,
        actor TEXT NOT NULL,
        grid_code TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'quarantined')),
        batch_id TEXT,
        UNIQUE (kind, record_id, version)
    )""",
    "CREATE INDEX ix_outbox_state ON outbox(state, seq)",
]


def upgrade(conn: sqlite3.Connection) -> None:
    run_statements(conn, STATEMENTS)
