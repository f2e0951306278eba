"""Service checklist and help-and-proxy records: the catalogue tables, seeded with the bundled
33-item catalogue (``resources/catalogue/catalogue.json``), and the syncable ``service_record``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from gridstation.db.migrations import run_statements, syncable_table

NUMBER = 7


def upgrade(conn: sqlite3.Connection) -> None:
    statements = [
        """CREATE TABLE service_item (
            code TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            department TEXT NOT NULL,
            level TEXT NOT NULL,
            materials TEXT NOT NULL DEFAULT '[]',
            time_limit_days INTEGER NOT NULL,
            time_limit_kind TEXT NOT NULL CHECK (time_limit_kind IN ('working', 'calendar')),
            proxy INTEGER NOT NULL,
            position INTEGER NOT NULL,
            retired INTEGER NOT NULL DEFAULT 0,
            hidden INTEGER NOT NULL DEFAULT 0,
            catalogue_version INTEGER NOT NULL
        )""",
        """CREATE TABLE service_catalogue_version (
            version INTEGER PRIMARY KEY NOT NULL,
            installed_at TEXT NOT NULL,
            items INTEGER NOT NULL
        )""",
        """CREATE TRIGGER service_item_no_delete BEFORE DELETE ON service_item
            BEGIN SELECT RAISE(ABORT, 'catalogue items are retired, never deleted'); END""",
    ]
    statements += syncable_table(
        "service_record",
        "service_record",
        """item_code TEXT NOT NULL,
           item_name TEXT NOT NULL,
           resident_name TEXT NOT NULL,
           resident_phone TEXT NOT NULL DEFAULT '',
           resident_id_number TEXT NOT NULL DEFAULT '',
           received_on TEXT NOT NULL,
           promised_on TEXT NOT NULL,
           materials_received TEXT NOT NULL DEFAULT '[]',
           status TEXT NOT NULL DEFAULT 'accepted',
           status_by TEXT NOT NULL DEFAULT '',
           status_at TEXT NOT NULL DEFAULT '',
           history TEXT NOT NULL DEFAULT '[]',
           completed_on TEXT,
           result TEXT NOT NULL DEFAULT '',
           satisfaction TEXT NOT NULL DEFAULT '',
           note TEXT NOT NULL DEFAULT ''""",
        journal=True,
    )
    statements += [
        "CREATE INDEX ix_service_record_received ON service_record(received_on)",
        "CREATE INDEX ix_service_record_open ON service_record(status, promised_on) WHERE deleted = 0",
        "CREATE INDEX ix_service_record_item ON service_record(item_code)",
        # The notice-board guard looks residents' values up (db.services_queries.ResidentValues).
        "CREATE INDEX ix_service_record_name ON service_record(resident_name)",
        "CREATE INDEX ix_service_record_phone ON service_record(resident_phone)",
        "CREATE INDEX ix_service_record_id_number ON service_record(resident_id_number)",
    ]
    run_statements(conn, statements)
    from gridstation.db.catalogue import apply_catalogue, bundled_catalogue

    apply_catalogue(conn.execute, bundled_catalogue(), at=datetime.now(UTC).isoformat(timespec="milliseconds"))
