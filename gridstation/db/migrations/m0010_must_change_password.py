"""A password the station admin set (a reset, or a new account's first password) is known to the
admin: the user must choose their own at the next sign-in (``user_account.must_change_password``)."""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements

NUMBER = 10


def upgrade(conn: sqlite3.Connection) -> None:
    run_statements(conn, ["ALTER TABLE user_account ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0"])
