"""To-do items (待办事项) on the home page: the first syncable record kind."""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements, syncable_table

NUMBER = 2


def upgrade(conn: sqlite3.Connection) -> None:
    run_statements(
        conn,
        syncable_table(
            "todo_item",
            "todo",
            """title TEXT NOT NULL,
               note TEXT NOT NULL DEFAULT '',
               due_date TEXT,
               done INTEGER NOT NULL DEFAULT 0""",
        )
        + ["CREATE INDEX ix_todo_item_open ON todo_item(done, due_date)"],
    )
