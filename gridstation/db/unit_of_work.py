"""The one way to create, update and delete syncable records.

Each change appends an outbox entry in the same transaction as the record (``Store.unit_of_work``
opens that transaction on the serialised writer) and an audit entry. The database refuses a record
write that has no matching outbox entry (see ``migrations.syncable_table``), so a code path that
bypasses this class fails loudly instead of silently never syncing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session, select
from uuid6 import uuid7

from gridstation.db import audit
from gridstation.db.clock import Clock, iso
from gridstation.db.errors import PermissionDenied
from gridstation.db.models import OutboxEntry, StationGrid, SyncRecord
from gridstation.db.validation import field_values
from gridstation.domain.errors import QT_TRANSLATE_NOOP

R = TypeVar("R", bound=SyncRecord)

_SYSTEM_FIELDS = {"id", "grid_code", "author", "created_at", "updated_at", "version", "deleted"}


def new_id() -> str:
    """A station-generated UUIDv7: unique without asking the server, sorts by creation time."""
    return str(uuid7())


@dataclass(frozen=True)
class Actor:
    """Who is making a change: the signed-in user (or ``system`` for the CLI and demo loader)."""

    user_id: str
    username: str


SYSTEM = Actor(user_id="system", username="system")


def sync_kinds() -> dict[str, type[SyncRecord]]:
    """Every syncable record type, by kind. A new kind needs only a model and a migration."""
    return {cls.sync_kind: cls for cls in SyncRecord.__subclasses__() if hasattr(cls, "sync_kind")}


class UnitOfWork:
    def __init__(self, session: Session, actor: Actor, clock: Clock) -> None:
        self.session = session
        self.actor = actor
        self.clock = clock
        # A bulk loader (demo data) may audit once for the whole load instead of once per record.
        self.audit_records = True
        self._grids: set[str] | None = None
        self.changed = False  # a record was written (an outbox entry waits)

    # -- records -------------------------------------------------------------------------------
    def create(self, model: type[R], *, grid_code: str, **fields: Any) -> R:
        self._check_grid(grid_code)
        now = iso(self.clock.now())
        record = model(
            id=new_id(), grid_code=grid_code, author=self.actor.user_id, created_at=now, updated_at=now,
            version=1, deleted=False, **fields,
        )
        field_values(model)(record.model_dump())  # the model's checks, without a second ORM instance
        self._write(record, op="create", base_version=0, changed=sorted(fields), values={})
        return record

    def update(self, record: R, **changes: Any) -> R:
        bad = _SYSTEM_FIELDS.intersection(changes)
        if bad:
            raise ValueError(f"system fields cannot be changed directly: {sorted(bad)}")
        changed = sorted(k for k, v in changes.items() if getattr(record, k) != v)
        if not changed:
            return record
        if record.deleted:
            raise ValueError("a deleted record cannot be updated")
        values = {k: changes[k] for k in changed}
        values.update(version=record.version + 1, updated_at=iso(self.clock.now()))
        self._write(record, op="update", base_version=record.version, changed=changed, values=values)
        return record

    def delete(self, record: R) -> R:
        """Tombstone the record: it stays, marked deleted, so the deletion syncs."""
        if record.deleted:
            return record
        values = {"deleted": True, "version": record.version + 1, "updated_at": iso(self.clock.now())}
        self._write(record, op="delete", base_version=record.version, changed=["deleted"], values=values)
        return record

    # -- audit ---------------------------------------------------------------------------------
    def audit(self, action: str, target: str = "", detail: str = "", success: bool = True) -> None:
        audit.append(
            self.session, at=iso(self.clock.now()), actor=self.actor.username, action=action, target=target,
            detail=detail, success=success,
        )

    # -- internals -----------------------------------------------------------------------------
    def _check_grid(self, grid_code: str) -> None:
        if self._grids is None:
            self._grids = set(self.session.exec(select(StationGrid.code)).all())
        if grid_code not in self._grids:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("Errors", "This station does not serve grid {grid}."), grid=grid_code
            )

    def _write(self, record: SyncRecord, *, op: str, base_version: int, changed: list[str],
               values: dict[str, Any]) -> None:
        """Write the outbox entry, then the record with ``values`` applied.

        The record is changed only after the outbox row has been flushed: the table's trigger
        checks for that row, and a record changed earlier could be flushed first (autoflush).
        """
        payload = {**record.model_dump(mode="json"), **_json_values(type(record), values)}
        entry = OutboxEntry(
            op_id=new_id(), kind=record.sync_kind, record_id=record.id, op=op, base_version=base_version,
            version=payload["version"], changed=json.dumps(changed), payload=json.dumps(payload, ensure_ascii=False),
            actor=self.actor.user_id, grid_code=record.grid_code, created_at=payload["updated_at"],
        )
        self.session.add(entry)
        self.session.flush()
        for key, value in values.items():
            setattr(record, key, value)
        self.session.add(record)
        self.session.flush()
        self.changed = True
        if self.audit_records:
            self.audit(f"record.{op}", target=f"{record.sync_kind}:{record.id}", detail=f"v{record.version}")


def _json_values(model: type[SyncRecord], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` as they appear in ``model_dump(mode="json")`` (dates as ISO strings, …)."""
    if not values:
        return {}
    fields = {name: values[name] for name in values}
    probe = model.model_construct(**fields)
    dumped = probe.model_dump(mode="json", include=set(fields))
    return {k: dumped[k] for k in fields}
