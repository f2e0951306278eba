"""Tasks the district assigns to a grid (交办事项, domain.md §1): a to-do item (kind ``todo``) that the
stations serving the grid receive on their next pull and show on their home page.

A task is written exactly as if a station had pushed its create: the same payload (the station's
``TodoItem`` fields, checked by the kind's model), through the same write path (``push.push``
with a one-op batch), so it gets its change-log row and its sequence number under the counter
lock like any other change, in one transaction with the audit entry. It differs only in who made
it: the payload's ``author`` is ``DISTRICT_AUTHOR`` (which the station's home page marks), and the
change's station is ``DISTRICT_ORIGIN``, which no station id can equal (those are UUIDs), so no
station mistakes it for one of its own changes. A station that marks the task done pushes an
ordinary update; ``listing`` then shows it done.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gridstation import __version__
from gridstation.db.clock import iso as station_iso
from gridstation.db.models import TodoItem
from gridstation.db.todos import DISTRICT_AUTHOR
from gridstation.db.todos import MAX_TITLE as STATION_MAX_TITLE
from gridstation.db.unit_of_work import new_id
from gridstation.server import audit, clock, database, push
from gridstation.server.checks import text_problem
from gridstation.server.district import admin_name
from gridstation.server.errors import AdminError
from gridstation.server.kinds import KindRegistry, default_registry
from gridstation.server.push_prepare import created_fields
from gridstation.server.schema import grid, record, station, station_grid
from gridstation.server.stations import StationRef
from gridstation.sync.protocol import PROTOCOL, Op, PushRequest, PushResponse

DISTRICT_ORIGIN = "district"  # the "station" of a district-made change (record.origin_station, change_log)
MAX_TITLE = STATION_MAX_TITLE  # what a station accepts for a to-do it adds itself
MAX_NOTE = 1000
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A stored payload is compact JSON (``push_prepare.dumps`` or orjson), so a district task's holds this text;
# ``listing`` confirms each match from the parsed payload.
_AUTHOR_TEXT = f'%"author":{json.dumps(DISTRICT_AUTHOR)}%'


@dataclass(frozen=True)
class NewTask:
    id: str
    grid_code: str
    grid_name: str
    seq: int  # the change's sequence number: stations of the grid receive it from their next pull on
    stations: int  # stations (not revoked) serving the grid


@dataclass(frozen=True)
class Task:
    id: str
    grid_code: str
    title: str
    note: str
    due_date: str | None
    done: bool
    deleted: bool
    version: int
    updated_at: str  # server time (UTC) of the latest change


def _grid(text: str) -> str:
    if text_problem(text):  # NUL or undecodable bytes: no grid's code, and no text a database takes
        raise AdminError("A grid code looks like 230204001003-001U.")
    return text.strip().upper()


def _text(what: str, value: str, limit: int, *, one_line: bool) -> str:
    value = value.strip()
    problem = text_problem(value)
    if problem:
        raise AdminError(f"The {what}: {problem}")
    if one_line and any(unicodedata.category(ch) == "Cc" for ch in value):
        raise AdminError(f"The {what} must be one line (no line breaks, tabs or control characters).")
    if len(value) > limit:
        raise AdminError(f"The {what} is too long ({len(value)} characters, at most {limit}).")
    return value


def _title(title: str) -> str:
    title = _text("title", title, MAX_TITLE, one_line=True)
    if not title:
        raise AdminError("A task needs a title (--title TEXT).")
    return title


def _due(text: str | None, today: date) -> date | None:
    if text is None:
        return None
    text = text.strip()
    try:
        due = date.fromisoformat(text) if _DATE.fullmatch(text) else None
    except ValueError:
        due = None
    if due is None:
        raise AdminError(f"Due date {text!r} is not a valid date in the form YYYY-MM-DD (e.g. 2026-06-30).")
    if due < today:
        raise AdminError(f"Due date {due.isoformat()} is in the past (today is {today.isoformat()}).")
    return due


def todo_payload(*, record_id: str, grid_code: str, title: str, note: str, due: date | None,
                 at: datetime) -> dict[str, object]:
    """A new district to-do as a station would send it: every ``TodoItem`` field, version 1."""
    created = station_iso(at)
    return {"id": record_id, "grid_code": grid_code, "author": DISTRICT_AUTHOR, "created_at": created,
            "updated_at": created, "version": 1, "deleted": False, "title": title, "note": note,
            "due_date": due.isoformat() if due is not None else None, "done": False}


def add(engine: Engine, *, grid_code: str, title: str, due: str | None = None, note: str = "",
        kinds: KindRegistry | None = None, now: datetime | None = None, today: date | None = None) -> NewTask:
    """Assign a to-do to ``grid_code`` (a grid of the district); ``due``: YYYY-MM-DD, not in the past
    (``today``: the server's local date)."""
    moment = now or clock.now()
    grid_code = _grid(grid_code)
    title = _title(title)
    note = _text("note", note, MAX_NOTE, one_line=False)
    due_date = _due(due, today or datetime.now().date())
    record_id = new_id()
    created = station_iso(moment)
    payload = todo_payload(record_id=record_id, grid_code=grid_code, title=title, note=note, due=due_date, at=moment)
    op = Op(op_id=new_id(), kind=TodoItem.sync_kind, record_id=record_id, op="create", base_version=0, version=1,
            changed=list(created_fields(payload)), payload=payload, actor=admin_name()[:64],
            grid_code=grid_code, created_at=created)
    request = PushRequest(protocol=PROTOCOL, app_version=__version__, batch_id=new_id(), ops=[op])
    district = StationRef(id=DISTRICT_ORIGIN, name="district", grids=frozenset({grid_code}))
    with database.write(engine) as conn:
        name = conn.execute(sa.select(grid.c.name).where(grid.c.code == grid_code)).scalar()
        if name is None:
            raise AdminError(f"Unknown grid {grid_code}: add it with 'district add-grid' first.")
        answer = PushResponse.model_validate_json(push.push(
            conn, station=district, request=request, kinds=kinds if kinds is not None else default_registry(),
            at=clock.iso(moment)))
        result = answer.results[0]
        if result.status != "applied" or answer.first_seq is None:  # rolled back with everything else
            raise AdminError(f"The task was not stored: {result.reason or result.status}.")
        serving = conn.execute(
            sa.select(sa.func.count())
            .select_from(station_grid.join(station, station.c.id == station_grid.c.station_id))
            .where(station_grid.c.grid_code == grid_code, station.c.revoked.is_(False))
        ).scalar_one()
        # The title and note stay out of the audit log (they may name residents); the id finds them.
        audit.append(conn, action="admin.task.add", success=True,
                     detail=f"todo {record_id} grid {grid_code} due {due_date or '-'} seq {answer.first_seq} "
                            f"by {admin_name()}")
    return NewTask(record_id, grid_code, str(name), answer.first_seq, int(serving))


def listing(engine: Engine, grid_code: str | None = None) -> list[Task]:
    """The district's tasks, oldest first (ids are UUIDv7), as the server holds them now."""
    where = [record.c.kind == TodoItem.sync_kind, record.c.payload.like(_AUTHOR_TEXT)]
    with database.read(engine) as conn:
        if grid_code is not None:
            grid_code = _grid(grid_code)
            if conn.execute(sa.select(grid.c.code).where(grid.c.code == grid_code)).first() is None:
                raise AdminError(f"Unknown grid {grid_code} ('district add-grid' adds one).")
            where.append(record.c.grid_code == grid_code)
        rows = conn.execute(sa.select(record.c.record_id, record.c.grid_code, record.c.deleted, record.c.version,
                                      record.c.updated_at, record.c.payload)
                            .where(*where).order_by(record.c.record_id)).all()
    tasks = []
    for row in rows:
        payload = json.loads(row.payload)
        if payload.get("author") != DISTRICT_AUTHOR:
            continue
        tasks.append(Task(row.record_id, row.grid_code, str(payload.get("title", "")), str(payload.get("note") or ""),
                          payload.get("due_date"), bool(payload.get("done")), bool(row.deleted), int(row.version),
                          row.updated_at))
    return tasks
