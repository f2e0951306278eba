"""The change log keeps the op ids: the separate table of applied ops goes.

Every op the server applied wrote one change-log row with its op id and one ``applied_op`` row;
the op id is the only part of the latter anything reads (an op already applied answers
``duplicate``). A unique index on ``change_log.op_id`` keeps that check, and an applied op costs
one row and one index entry less.

Revision ID: r0003
Revises: r0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0003"
down_revision = "r0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every applied op has had its change-log row since r0001; an id without one would be
    # forgotten here (and its op applied again if sent again), so such a database is refused.
    orphans = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM applied_op a WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.op_id = a.op_id)"
    )).scalar_one()
    if orphans:
        raise RuntimeError(f"{orphans} applied op ids have no row in change_log: the database was changed by hand "
                           "or is damaged; restore it from a backup before upgrading.")
    op.create_index("ux_change_log_op_id", "change_log", ["op_id"], unique=True)
    op.drop_table("applied_op")


def downgrade() -> None:
    op.create_table(
        "applied_op",
        sa.Column("op_id", sa.String(64), primary_key=True),
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    # The batch an op came in and its answer were not kept after r0003 (nothing read them); the
    # op ids are what the older server's duplicate check needs.
    op.execute("INSERT INTO applied_op (op_id, station_id, batch_id, result, at) "
               "SELECT op_id, station_id, '', '{}', at FROM change_log")
    op.drop_index("ux_change_log_op_id", "change_log")
