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
    must_change_password: bool = False  # the admin set the password: the user chooses their own at sign-in


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


class Attachment(SyncRecord, table=True):
    """A photo or scan attached to another record (``owner_kind``/``owner_id``), e.g. a hazard
    photo on a diary item. The content is a file in the station's data directory named by its
    SHA-256 (``db.attachments``); the record syncs like any other, its content by protocol 2's
    resumable upload."""

    __tablename__ = "attachment"
    sync_kind: ClassVar[str] = "attachment"

    sha256: str
    size: int
    media_type: str
    file_name: str = ""
    caption: str = ""
    owner_kind: str
    owner_id: str


class DiaryDay(SyncRecord, table=True):
    """One diary page: one author, one grid, one day. ``grid_code`` is the grid the work was done
    in; ``cover`` marks a backup leader (B角) writing for a grid he covers (代岗)."""

    __tablename__ = "diary_day"
    sync_kind: ClassVar[str] = "diary_day"

    day: date
    weather: str = ""
    patrol_period: str = ""
    patrol_route: str = ""
    cover: bool = False
    tomorrow_plan: str = ""
    closed: bool = False
    closed_at: str | None = None


class DiaryItem(SyncRecord, table=True):
    """One piece of work on a diary page.

    Corrections after the day was closed are new items: ``amends_id`` names the item corrected
    (which stops counting), ``retracted`` withdraws it, ``late`` marks an item added after
    closing. ``follows_id`` links a follow-up to an earlier open item it continues or closes.
    """

    __tablename__ = "diary_item"
    sync_kind: ClassVar[str] = "diary_item"

    day_id: str
    seq: int
    time: str = ""
    category: str
    hazard_type: str | None = None
    place: str = ""
    problem: str = ""
    action: str = ""
    result: str = ""
    open: bool = False
    escalated: bool = False
    households: int = 0
    special_households: int = 0
    hazards_found: int = 0
    hazards_rectified: int = 0
    follows_id: str | None = None
    amends_id: str | None = None
    retracted: bool = False
    late: bool = False
    amend_reason: str = ""


class DiaryWeekNote(SyncRecord, table=True):
    """The leader's own words for a week's summary (周结); the totals are computed, never stored."""

    __tablename__ = "diary_week_note"
    sync_kind: ClassVar[str] = "diary_week_note"

    week_start: date
    note: str = ""
    next_week_focus: str = ""


# Feature tables declared in their own modules, imported here so that every table and record kind is
# registered wherever the models are (migration check, sync registry, district server).
from gridstation.db import mediation_models, services_models  # noqa: E402,F401
