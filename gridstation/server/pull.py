"""Pull (sync.md §4, §9): the records of the station's grids changed after its cursor.

Each record is sent once per page in its latest state, numbered by the sequence of its latest
change (``record.last_seq``), oldest first; a record changed again while a station pages through
moves to the end and is sent again later, so nothing is missed. A station receives its own writes
too (applying a version it already holds is a no-op), which also makes a reload after ``reset``
complete.

The server's last sequence is read first and the page is bounded by it: every change up to that
number has committed (pushes allocate under a lock and commit before anyone can read the new
counter), so when the page is not full the cursor can safely jump to it, past changes of grids
the station does not serve.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from gridstation.server.schema import record, sync_counter
from gridstation.server.stations import StationRef
from gridstation.sync.protocol import Change, PullRequest, PullResponse


def last_seq(conn: Connection) -> int:
    return int(conn.execute(sa.select(sync_counter.c.last).where(sync_counter.c.id == 1)).scalar_one())


def pull(conn: Connection, *, station: StationRef, request: PullRequest) -> PullResponse:
    horizon = last_seq(conn)
    if request.cursor > horizon:
        # The server knows no such sequence (restored from a backup): start over.
        return PullResponse(changes=[], cursor=0, more=False, reset=True)
    if not station.grids:
        return PullResponse(changes=[], cursor=horizon, more=False)
    rows = conn.execute(
        sa.select(record)
        .where(record.c.last_seq > request.cursor, record.c.last_seq <= horizon,
               record.c.grid_code.in_(sorted(station.grids)))
        .order_by(record.c.last_seq)
        .limit(request.limit + 1)
    ).all()
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    changes = [
        Change(seq=r.last_seq, kind=r.kind, record_id=r.record_id, version=r.version, grid_code=r.grid_code,
               deleted=bool(r.deleted), payload=json.loads(r.payload), origin_station=r.origin_station)
        for r in rows
    ]
    cursor = changes[-1].seq if more else horizon
    return PullResponse(changes=changes, cursor=cursor, more=more)
