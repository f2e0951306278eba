"""The outbox entries of a batch, found by the batch id: picking and re-reading a batch no longer
walks every pending entry (with a backlog of 10,000 that was most of the station's push time)."""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements

NUMBER = 8


def upgrade(conn: sqlite3.Connection) -> None:
    run_statements(conn, ["CREATE INDEX ix_outbox_batch ON outbox(batch_id, seq) WHERE state = 'pending'"])
