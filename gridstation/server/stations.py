"""Stations: enrolment codes, tokens, revocation, and who is calling (sync.md §11).

A station is added by an administrator with the grids it serves and gets a one-time enrolment
code (``K7QM-2XPD``, valid 7 days). Enrolling turns the code into a long-lived random token.
Only SHA-256 hashes of codes and tokens are stored; neither is ever logged.

Issuing a new code for a station (``new_code``: a lost, stolen or replaced PC) withdraws its
token at once: until the new code is used, requests with the old token are answered
``token_revoked``, which tells the station to enrol again (its unsent changes stay queued).
Revoking (``revoke``) is for good: a revoked station gets no new code; add a new station instead.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gridstation.server import audit, clock, database
from gridstation.server.district import admin_name, grid_codes
from gridstation.server.errors import AdminError, ApiError
from gridstation.server.schema import station, station_grid

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone
CODE_VALIDITY = timedelta(days=7)
# How stale the recorded last sync time may get before a request writes it again: pulls then need
# no write transaction of their own (on SQLite one would queue behind every push).
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class StationRef:
    id: str
    name: str
    grids: frozenset[str]
    # What the station table held when the station was looked up (for ``needs_touch``).
    last_sync_at: str | None = None
    last_protocol: int | None = None
    last_app_version: str | None = None
    backlog: int | None = None


@dataclass(frozen=True)
class StationRow:
    id: str
    name: str
    grids: tuple[str, ...]
    enrolled: bool
    revoked: bool
    last_sync_at: str | None
    last_protocol: int | None
    last_app_version: str | None
    backlog: int | None


@dataclass(frozen=True)
class NewCode:
    station_id: str
    code: str
    expires_at: datetime


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch not in "- ")


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def _code_values(moment: datetime) -> tuple[str, dict[str, object]]:
    code = _new_code()
    values = {"code_hash": sha256(normalise_code(code)), "code_expires_at": clock.iso(moment + CODE_VALIDITY),
              "code_used": False}
    return code, values


def add(engine: Engine, *, name: str, grids: Iterable[str], now: datetime | None = None) -> NewCode:
    moment = now or clock.now()
    name = name.strip()
    wanted = sorted({g.strip().upper() for g in grids})
    if not name or len(name) > 100:
        raise AdminError("A station name must have 1 to 100 characters.")
    if not wanted:
        raise AdminError("A station serves at least one grid (--grid CODE).")
    station_id = str(uuid.uuid4())
    with database.write(engine) as conn:
        same = conn.execute(sa.select(station.c.id).where(station.c.name == name, station.c.revoked.is_(False))
                            .order_by(station.c.created_at).limit(1)).scalar()
        if same is not None:
            raise AdminError(f"Station {name!r} already exists (id {same}). For a new PC of that station use "
                             f"'station code {same}'; for more grids 'station grant {same} --grid CODE'; "
                             "otherwise choose another name.")
        missing = sorted(set(wanted) - grid_codes(conn))
        if missing:
            raise AdminError(f"Unknown grid(s) {', '.join(missing)}: add them with 'district add-grid' first.")
        code, values = _code_values(moment)
        conn.execute(station.insert().values(id=station_id, name=name, created_at=clock.iso(moment), revoked=False,
                                             **values))
        conn.execute(station_grid.insert(), [{"station_id": station_id, "grid_code": g} for g in wanted])
        audit.append(conn, action="admin.station.add", station_id=station_id, success=True,
                     detail=f"{name} grids={','.join(wanted)} by {admin_name()}")
    return NewCode(station_id, code, moment + CODE_VALIDITY)


def new_code(engine: Engine, station_id: str, *, now: datetime | None = None) -> NewCode:
    """A fresh enrolment code for an existing station (a lost or replaced PC). The station's token
    stops working at once (``authenticate`` answers ``token_revoked`` while a code is unused), and
    enrolling with the code gives the station a new one."""
    moment = now or clock.now()
    with database.write(engine) as conn:
        row = _require(conn, station_id)
        if row.revoked:
            raise AdminError(f"Station {station_id} is revoked; add a new station instead.")
        code, values = _code_values(moment)
        conn.execute(station.update().where(station.c.id == station_id).values(**values))
        audit.append(conn, action="admin.station.code", station_id=station_id, success=True,
                     detail=f"new enrolment code by {admin_name()}")
    return NewCode(station_id, code, moment + CODE_VALIDITY)


def grant(engine: Engine, station_id: str, grids: Iterable[str]) -> list[str]:
    """Let a station also write the given grids (e.g. it covers a neighbouring grid); returns the
    grids it did not serve before. Changes it sent for them earlier and had refused can be re-sent."""
    wanted = sorted({g.strip().upper() for g in grids})
    with database.write(engine) as conn:
        row = _require(conn, station_id)
        if row.revoked:
            raise AdminError(f"Station {station_id} is revoked.")
        missing = sorted(set(wanted) - grid_codes(conn))
        if missing:
            raise AdminError(f"Unknown grid(s) {', '.join(missing)}: add them with 'district add-grid' first.")
        served = set(conn.execute(sa.select(station_grid.c.grid_code)
                                  .where(station_grid.c.station_id == station_id)).scalars())
        added = [g for g in wanted if g not in served]
        if added:
            conn.execute(station_grid.insert(), [{"station_id": station_id, "grid_code": g} for g in added])
        audit.append(conn, action="admin.station.grant", station_id=station_id, success=True,
                     detail=f"{row.name} grids+={','.join(added) or '-'} by {admin_name()}")
    return added


def revoke(engine: Engine, station_id: str) -> None:
    """Refuse the station for good: its token, its unused code, and any new code (``new_code``)."""
    with database.write(engine) as conn:
        row = _require(conn, station_id)
        conn.execute(station.update().where(station.c.id == station_id).values(revoked=True))
        audit.append(conn, action="admin.station.revoke", station_id=station_id, success=True,
                     detail=f"{row.name} by {admin_name()}")


def _require(conn: Connection, station_id: str) -> sa.Row[tuple[object, ...]]:
    row = conn.execute(sa.select(station).where(station.c.id == station_id)).first()
    if row is None:
        raise AdminError(f"No station with id {station_id} ('station list' shows them).")
    return row


def listing(engine: Engine) -> list[StationRow]:
    with database.read(engine) as conn:
        grids: dict[str, list[str]] = {}
        for sid, code in conn.execute(sa.select(station_grid.c.station_id, station_grid.c.grid_code)):
            grids.setdefault(sid, []).append(code)
        rows = conn.execute(sa.select(station).order_by(station.c.name, station.c.id)).all()
    return [
        # Enrolled: holds a token that works (not while a new code waits to be used).
        StationRow(r.id, r.name, tuple(sorted(grids.get(r.id, []))), r.token_hash is not None and bool(r.code_used),
                   bool(r.revoked),
                   r.last_sync_at, r.last_protocol, r.last_app_version, r.backlog)
        for r in rows
    ]


def enrol(conn: Connection, *, code: str, now: datetime) -> tuple[StationRef, str]:
    """Spend the one-time ``code``; returns the station and its new token (shown once)."""
    row = conn.execute(sa.select(station).where(station.c.code_hash == sha256(normalise_code(code)))).first()
    if row is None:
        raise ApiError(401, "enrolment_code_invalid", "This enrolment code is not known to the district server.")
    if row.revoked:
        raise ApiError(403, "station_revoked", "This station has been revoked; ask the district for a new one.",
                       station_id=row.id)
    if row.code_used:
        raise ApiError(401, "enrolment_code_used", "This enrolment code has already been used; ask the district "
                       "for a new one.", station_id=row.id)
    if row.code_expires_at is None or row.code_expires_at < clock.iso(now):
        raise ApiError(401, "enrolment_code_expired", "This enrolment code has expired; ask the district for a "
                       "new one.", station_id=row.id)
    token = secrets.token_urlsafe(32)
    spent = conn.execute(
        station.update()
        .where(station.c.id == row.id, station.c.code_used.is_(False))
        .values(code_used=True, token_hash=sha256(token), enrolled_at=clock.iso(now))
    )
    if spent.rowcount != 1:  # another request spent it first
        raise ApiError(401, "enrolment_code_used", "This enrolment code has already been used.", station_id=row.id)
    return _ref(conn, row.id, row.name), token


# Every request's first statement, made once.
_BY_TOKEN = (sa.select(station.c.id, station.c.name, station.c.revoked, station.c.code_used, station.c.last_sync_at,
                       station.c.last_protocol, station.c.last_app_version, station.c.backlog, station_grid.c.grid_code)
             .select_from(station.outerjoin(station_grid, station_grid.c.station_id == station.c.id))
             .where(station.c.token_hash == sa.bindparam("token_hash")))


def authenticate(conn: Connection, authorization: str | None) -> StationRef:
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "token_invalid", "No station token was sent (Authorization: Bearer …).")
    rows = conn.execute(_BY_TOKEN, {"token_hash": sha256(token)}).all()
    if not rows:
        raise ApiError(401, "token_invalid", "The station token is not valid; enrol the station again.")
    row = rows[0]
    if row.revoked:
        raise ApiError(401, "token_revoked", "This station's token has been revoked by the district.",
                       station_id=row.id)
    if not row.code_used:  # a token exists, so the station enrolled; a new code has been issued since
        raise ApiError(401, "token_revoked", "The district has issued a new enrolment code for this station, "
                       "which withdrew this token; enrol the station again with the new code.", station_id=row.id)
    return StationRef(row.id, row.name, frozenset(r.grid_code for r in rows if r.grid_code is not None),
                      row.last_sync_at, row.last_protocol, row.last_app_version, row.backlog)


def identify(conn: Connection, authorization: str | None) -> str | None:
    """The station id a request claims through its token, or None: for the audit of refusals."""
    _, _, token = (authorization or "").partition(" ")
    if not token.strip():
        return None
    return conn.execute(sa.select(station.c.id).where(station.c.token_hash == sha256(token.strip()))).scalar()


def _ref(conn: Connection, station_id: str, name: str) -> StationRef:
    grids = conn.execute(sa.select(station_grid.c.grid_code).where(station_grid.c.station_id == station_id))
    return StationRef(station_id, name, frozenset(grids.scalars()))


def needs_touch(ref: StationRef, *, protocol: int, app_version: str, backlog: int | None, now: datetime) -> bool:
    """Whether ``touch`` would change what ``ref`` was read with: a version or the backlog differs,
    or the last sync time is more than ``TOUCH_INTERVAL`` old."""
    if ref.last_protocol != protocol or ref.last_app_version != app_version:
        return True
    if backlog is not None and ref.backlog != backlog:
        return True
    last = ref.last_sync_at
    return last is None or last < clock.iso(now - TOUCH_INTERVAL) or last > clock.iso(now)  # or the clock went back


def touch(conn: Connection, station_id: str, *, protocol: int, app_version: str, backlog: int | None,
          now: datetime) -> None:
    """Record the station's last sync time and versions (and its outbox backlog if it said)."""
    values: dict[str, object] = {"last_sync_at": clock.iso(now), "last_protocol": protocol,
                                 "last_app_version": app_version}
    if backlog is not None:
        values["backlog"] = backlog
    conn.execute(station.update().where(station.c.id == station_id).values(**values))
