"""Tables of the service checklist (便民服务清单) and help-and-proxy records (帮代办).

Catalogue items are the district's reference data: installed from a published catalogue document,
never authored or synced upward by the station; an item missing from a newer version is retired,
never deleted, so old records keep pointing at it. ``hidden`` is the station's own choice (admin).
Service records are the station's syncable records.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlmodel import Field, SQLModel

from gridstation.db.models import SyncRecord


class ServiceItem(SQLModel, table=True):
    __tablename__ = "service_item"

    code: str = Field(primary_key=True)
    name: str
    category: str
    department: str
    level: str
    materials: str = "[]"  # JSON list of the required materials, in the catalogue's order
    time_limit_days: int
    time_limit_kind: str
    proxy: bool
    position: int
    retired: bool = False
    hidden: bool = False
    catalogue_version: int


class ServiceCatalogueVersion(SQLModel, table=True):
    """Each catalogue version installed on the station."""

    __tablename__ = "service_catalogue_version"

    version: int = Field(primary_key=True)
    installed_at: str
    items: int


class ServiceRecord(SyncRecord, table=True):
    """One service handled for a resident. ``history`` is the JSON list of status changes
    (status, by, at, note); ``status``, ``status_by`` and ``status_at`` repeat its last entry."""

    __tablename__ = "service_record"
    sync_kind: ClassVar[str] = "service_record"

    item_code: str
    item_name: str
    resident_name: str
    resident_phone: str = ""
    resident_id_number: str = ""
    received_on: date
    promised_on: date
    materials_received: str = "[]"
    status: str = "accepted"
    status_by: str = ""
    status_at: str = ""
    history: str = "[]"
    completed_on: date | None = None
    result: str = ""
    satisfaction: str = ""
    note: str = ""
