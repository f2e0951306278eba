"""Initial district server schema: district structure, stations, records, change log,
idempotency (applied ops, batches), conflicts, service catalogue, server audit log.

Revision ID: r0001
Revises:
Create Date: 2026-05-10
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "r0001"
down_revision = None
branch_labels = None
depends_on = None

_AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    info = op.create_table(
        "server_info",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "street",
        sa.Column("code", sa.String(9), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "community",
        sa.Column("code", sa.String(12), primary_key=True),
        sa.Column("street_code", sa.String(9), sa.ForeignKey("street.code"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "grid",
        sa.Column("code", sa.String(17), primary_key=True),
        sa.Column("community_code", sa.String(12), sa.ForeignKey("community.code"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "station",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("code_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("code_expires_at", sa.String(32), nullable=True),
        sa.Column("code_used", sa.Boolean, nullable=False),
        sa.Column("enrolled_at", sa.String(32), nullable=True),
        sa.Column("revoked", sa.Boolean, nullable=False),
        sa.Column("last_sync_at", sa.String(32), nullable=True),
        sa.Column("last_protocol", sa.Integer, nullable=True),
        sa.Column("last_app_version", sa.String(40), nullable=True),
        sa.Column("backlog", sa.Integer, nullable=True),
    )
    op.create_table(
        "station_grid",
        sa.Column("station_id", sa.String(36), sa.ForeignKey("station.id"), primary_key=True),
        sa.Column("grid_code", sa.String(17), sa.ForeignKey("grid.code"), primary_key=True),
    )
    op.create_table(
        "record",
        sa.Column("kind", sa.String(64), primary_key=True),
        sa.Column("record_id", sa.String(64), primary_key=True),
        sa.Column("grid_code", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("origin_station", sa.String(36), nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_record_grid_seq", "record", ["grid_code", "last_seq"])
    op.create_index("ix_record_last_seq", "record", ["last_seq"])
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changed", sa.Text, nullable=False),
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("station_version", sa.Integer, nullable=False),
        sa.Column("op_id", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_change_log_record", "change_log", ["kind", "record_id", "version"])
    counter = op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "applied_op",
        sa.Column("op_id", sa.String(64), primary_key=True),
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_table(
        "batch",
        sa.Column("batch_id", sa.String(64), primary_key=True),
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_table(
        "conflict",
        sa.Column("id", _AUTO_ID, primary_key=True, autoincrement=True),
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
        sa.Column("resolved", sa.Boolean, nullable=False),
    )
    op.create_index("ix_conflict_record", "conflict", ["kind", "record_id", "station_id"])
    op.create_table(
        "catalogue",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("published_at", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "server_audit",
        sa.Column("id", _AUTO_ID, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("station_id", sa.String(36), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("success", sa.Boolean, nullable=False),
    )
    op.bulk_insert(counter, [{"id": 1, "last": 0}])
    # The server's identity, told to stations at enrolment: a restored copy keeps it.
    op.bulk_insert(info, [{"key": "server_id", "value": str(uuid.uuid4())}])


def downgrade() -> None:
    for table in (
        "server_audit", "catalogue", "conflict", "batch", "applied_op", "sync_counter", "change_log", "record",
        "station_grid", "station", "grid", "community", "street", "server_info",
    ):
        op.drop_table(table)
