"""Attachments: photos and scans attached to records, their content stored by SHA-256."""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements, syncable_table

NUMBER = 5


def upgrade(conn: sqlite3.Connection) -> None:
    run_statements(
        conn,
        syncable_table(
            "attachment",
            "attachment",
            """sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
               size INTEGER NOT NULL CHECK (size > 0),
               media_type TEXT NOT NULL,
               file_name TEXT NOT NULL DEFAULT '',
               caption TEXT NOT NULL DEFAULT '',
               owner_kind TEXT NOT NULL,
               owner_id TEXT NOT NULL""",
            journal=True,
        )
        + ["CREATE INDEX ix_attachment_owner ON attachment(owner_kind, owner_id)",
           "CREATE INDEX ix_attachment_sha256 ON attachment(sha256)"],
    )
