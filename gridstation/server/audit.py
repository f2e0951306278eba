"""The server audit log: append-only, one row per refusal or administrative action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gridstation.server import clock, database
from gridstation.server.schema import server_audit

_DETAIL_MAX = 2000


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    station_id: str | None
    action: str
    detail: str
    success: bool


def entry(*, action: str, detail: str, success: bool, station_id: str | None = None) -> dict[str, Any]:
    """The row of one audit entry, timed now (for ``append_all``)."""
    return {"at": clock.iso(clock.now()), "station_id": station_id, "action": _storable(action[:64]),
            "detail": _storable(detail[:_DETAIL_MAX]), "success": success}


def _storable(text: str) -> str:
    """Text both databases hold: a NUL (refused by PostgreSQL) or an unpaired surrogate, which a
    request's path or body may carry into a refusal's description, is written escaped."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text.replace("\x00", "\\x00")


def append(conn: Connection, *, action: str, detail: str, success: bool, station_id: str | None = None) -> None:
    conn.execute(server_audit.insert().values(**entry(action=action, detail=detail, success=success,
                                                       station_id=station_id)))


def append_all(conn: Connection, entries: list[dict[str, Any]]) -> None:
    """Append entries made with ``entry``, in their order, with one statement."""
    if entries:
        conn.execute(server_audit.insert(), entries)


def record(engine: Engine, *, action: str, detail: str, success: bool, station_id: str | None = None) -> None:
    """Append in a transaction of its own (used after the refused request's work rolled back)."""
    with database.write(engine) as conn:
        append(conn, action=action, detail=detail, success=success, station_id=station_id)


def latest(engine: Engine, limit: int = 50) -> list[AuditEntry]:
    """The newest ``limit`` entries, newest first."""
    with database.read(engine) as conn:
        rows = conn.execute(sa.select(server_audit).order_by(server_audit.c.id.desc()).limit(limit)).all()
    return [AuditEntry(r.id, r.at, r.station_id, r.action, r.detail, bool(r.success)) for r in rows]
