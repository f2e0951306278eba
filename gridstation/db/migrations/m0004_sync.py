"""Sync state on the station: settings and cursor, the journal of records applied from the
district server, issues (conflicts and refusals) to show a person, and the history of runs.

Records pulled from the server have no outbox entry (they are not the station's own changes):
``sync_applied`` vouches for them instead, so the syncable tables' triggers are recreated to
accept either. The journal keeps the server's full payload, unknown fields included.
"""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements, sync_triggers

NUMBER = 4

EXISTING_KINDS = {"todo_item": "todo", "diary_day": "diary_day", "diary_item": "diary_item",
                  "diary_week_note": "diary_week_note"}


def upgrade(conn: sqlite3.Connection) -> None:
    statements = [
        """CREATE TABLE sync_state (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE sync_applied (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            server_seq INTEGER NOT NULL,
            payload TEXT NOT NULL,
            applied_at TEXT NOT NULL,
            PRIMARY KEY (kind, record_id, version)
        )""",
        """CREATE TABLE sync_issue (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            issue TEXT NOT NULL CHECK (issue IN ('conflict', 'rejected')),
            reason TEXT NOT NULL DEFAULT '',
            conflict_fields TEXT NOT NULL DEFAULT '[]',
            local_payload TEXT NOT NULL,
            server_payload TEXT,
            server_version INTEGER,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX ix_sync_issue_open ON sync_issue(status, id)",
        """CREATE TABLE sync_run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            pushed INTEGER NOT NULL DEFAULT 0,
            pulled INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            outcome TEXT NOT NULL DEFAULT 'running',
            message TEXT NOT NULL DEFAULT ''
        )""",
    ]
    for table, kind in EXISTING_KINDS.items():
        for trigger in ("outbox_insert", "outbox_update", "no_delete"):
            statements.append(f"DROP TRIGGER {table}_{trigger}")
        statements.extend(sync_triggers(table, kind, journal=True))
    run_statements(conn, statements)
