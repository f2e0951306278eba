"""The district server's tables (SQLAlchemy Core), the shape the Alembic migrations build.

Migrations under ``migrations/versions`` create the schema; these definitions are what the queries
use. ``tests/server/test_migrations.py`` compares the two, so they cannot drift apart.

Times are ISO-8601 UTC strings of fixed width (``2026-05-01T08:30:00.000000Z``): they sort as
text and read the same on SQLite and PostgreSQL. Payloads and stored answers are JSON text, so a
repeated batch gets back the exact bytes it got the first time.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# An auto-numbered key: BIGINT (identity) on PostgreSQL, the rowid alias INTEGER on SQLite.
AutoId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

server_info = sa.Table(
    "server_info",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

street = sa.Table(
    "street",
    metadata,
    sa.Column("code", sa.String(9), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
)

community = sa.Table(
    "community",
    metadata,
    sa.Column("code", sa.String(12), primary_key=True),
    sa.Column("street_code", sa.String(9), sa.ForeignKey("street.code"), nullable=False),
    sa.Column("name", sa.String(100), nullable=False),
)

grid = sa.Table(
    "grid",
    metadata,
    sa.Column("code", sa.String(17), primary_key=True),
    sa.Column("community_code", sa.String(12), sa.ForeignKey("community.code"), nullable=False),
    sa.Column("name", sa.String(100), nullable=False),
)

station = sa.Table(
    "station",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=True, unique=True),
    sa.Column("code_hash", sa.String(64), nullable=True, unique=True),
    sa.Column("code_expires_at", sa.String(32), nullable=True),
    sa.Column("code_used", sa.Boolean, nullable=False, default=False),
    sa.Column("enrolled_at", sa.String(32), nullable=True),
    sa.Column("revoked", sa.Boolean, nullable=False, default=False),
    sa.Column("last_sync_at", sa.String(32), nullable=True),
    sa.Column("last_protocol", sa.Integer, nullable=True),
    sa.Column("last_app_version", sa.String(40), nullable=True),
    sa.Column("backlog", sa.Integer, nullable=True),
)

station_grid = sa.Table(
    "station_grid",
    metadata,
    sa.Column("station_id", sa.String(36), sa.ForeignKey("station.id"), primary_key=True),
    sa.Column("grid_code", sa.String(17), sa.ForeignKey("grid.code"), primary_key=True),
)

record = sa.Table(
    "record",
    metadata,
    sa.Column("kind", sa.String(64), primary_key=True),
    sa.Column("record_id", sa.String(64), primary_key=True),
    sa.Column("grid_code", sa.String(32), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("origin_station", sa.String(36), nullable=False),
    sa.Column("last_seq", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Index("ix_record_grid_seq", "grid_code", "last_seq"),
    sa.Index("ix_record_last_seq", "last_seq"),
)

# One row per change the server accepted, numbered by the server. ``changed`` (JSON list) is what
# the merge rule compares; ``station_version`` is the version the station gave the op, so the
# station's own earlier changes are not mistaken for edits made elsewhere. Every applied op has
# its row, so ``op_id`` (unique) is also how a repeated op is recognised.
change_log = sa.Table(
    "change_log",
    metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("record_id", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("changed", sa.Text, nullable=False),
    sa.Column("station_id", sa.String(36), nullable=False),
    sa.Column("station_version", sa.Integer, nullable=False),
    sa.Column("op_id", sa.String(64), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Index("ix_change_log_record", "kind", "record_id", "version"),
    sa.Index("ux_change_log_op_id", "op_id", unique=True),
)

# The single row that hands out sequence numbers. A push locks it to number and write its changes
# and holds it until commit, so sequence numbers become visible in commit order (sync.md §4).
sync_counter = sa.Table(
    "sync_counter",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last", sa.BigInteger, nullable=False),
)

batch = sa.Table(
    "batch",
    metadata,
    sa.Column("batch_id", sa.String(64), primary_key=True),
    sa.Column("station_id", sa.String(36), nullable=False),
    sa.Column("body_sha256", sa.String(64), nullable=False),
    sa.Column("response", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
)

conflict = sa.Table(
    "conflict",
    metadata,
    sa.Column("id", AutoId, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("record_id", sa.String(64), nullable=False),
    sa.Column("grid_code", sa.String(32), nullable=False),
    sa.Column("station_id", sa.String(36), nullable=False),
    sa.Column("op_id", sa.String(64), nullable=False),
    sa.Column("base_version", sa.Integer, nullable=False),
    sa.Column("station_version", sa.Integer, nullable=False),
    sa.Column("server_version", sa.Integer, nullable=False),
    sa.Column("fields", sa.Text, nullable=False),
    sa.Column("station_payload", sa.Text, nullable=False),
    sa.Column("server_payload", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("resolved", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_conflict_record", "kind", "record_id", "station_id"),
)

catalogue = sa.Table(
    "catalogue",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("published_at", sa.String(32), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
)

# Attachment content (photos, scans) by SHA-256, uploaded in chunks that may resume after a cut
# connection; ``received`` bytes are stored, the content is ``complete`` once all ``length``
# bytes arrived and hashed to the name. Chunks live in the database, so any number of server
# processes on one PostgreSQL database serve them.
attachment = sa.Table(
    "attachment",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("length", sa.BigInteger, nullable=False),
    sa.Column("received", sa.BigInteger, nullable=False),
    sa.Column("complete", sa.Boolean, nullable=False),
    sa.Column("station_id", sa.String(36), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("completed_at", sa.String(32), nullable=True),
)

attachment_chunk = sa.Table(
    "attachment_chunk",
    metadata,
    sa.Column("sha256", sa.String(64), sa.ForeignKey("attachment.sha256"), primary_key=True),
    sa.Column("offset", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

server_audit = sa.Table(
    "server_audit",
    metadata,
    sa.Column("id", AutoId, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("station_id", sa.String(36), nullable=True),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("success", sa.Boolean, nullable=False),
)

# Everything a sync request may write; the fuzz tests check refused requests left these alone.
SYNC_TABLES = (record, change_log, batch, conflict)
