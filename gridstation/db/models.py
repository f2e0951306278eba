"""Table models. The schema itself is created by numbered migrations, never by ``create_all``;
``tests/unit/test_migrations.py`` checks that these models match the migrated schema."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlmodel import Field, SQLModel

ROLES = ("grid_leader", "backup_leader", "mediator", "station_admin")


class Station(SQLModel, table=True):
    __tablename__ = "station"

    id: int = Field(default=1, primary_key=True)
    station_id: str
    name: str
    district_code: str
    street_code: str
    street_name: str
    community_code: str
    community_name: str
    created_at: str


class StationGrid(SQLModel, table=True):
    __tablename__ = "station_grid"

    code: str = Field(primary_key=True)
    name: str
    own: bool = False


class AppSetting(SQLModel, table=True):
    __tablename__ = "app_setting"

    key: str = Field(primary_key=True)
    value: str


class UserAccount(SQLModel, table=True):
    __tablename__ = "user_account"

    id: str = Field(primary_key=True)
    username: str
    display_name: str
    role: str
    grid_code: str | None = None
    password_hash: str
    active: bool = True
    created_at: str
    failed_logins: int = 0
    lock_remaining_s: float = 0.0
    lock_ref_mono: float = 0.0
    lock_ref_boot: str = ""


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"

    seq: int = Field(primary_key=True)
    at: str
    actor: str
    action: str
    target: str = ""
    detail: str = ""
    success: bool
    prev_hash: str
    hash: str


class OutboxEntry(SQLModel, table=True):
    __tablename__ = "outbox"

    seq: int | None = Field(default=None, primary_key=True)
    op_id: str
    kind: str
    record_id: str
    op: str
    base_version: int
    version: int
    changed: str
    payload: str
    actor: str
    grid_code: str
    created_at: str
    state: str = "pending"
    batch_id: str | None = None


class SyncRecord(SQLModel):
    """Fields every syncable record carries. ``created_at``/``updated_at`` are the station's clock,
    for display only; order and conflicts are decided by ``version`` and the server's sequence."""

    sync_kind: ClassVar[str]

    id: str = Field(primary_key=True)
    grid_code: str
    author: str
    created_at: str
    updated_at: str
    version: int = 1
    deleted: bool = False


class TodoItem(SyncRecord, table=True):
    __tablename__ = "todo_item"
    sync_kind: ClassVar[str] = "todo"

    title: str
    note: str = ""
    due_date: date | None = None
    done: bool = False
