"""Pull (sync.md §4, §9): the records of the station's grids changed after its cursor.

Each record is sent once per page in its latest state, numbered by the sequence of its latest
change (``record.last_seq``), oldest first; a record changed again while a station pages through
moves to the end and is sent again later, so nothing is missed. A station receives its own writes
too (applying a version it already holds is a no-op), which also makes a reload after ``reset``
complete, except those it names in ``own_changes``: the sequence numbers of its pushes whose
answers it stored. A record whose latest change is one of those is the version it holds (the
answer carried the server's version whenever that differed), so sending it would only download
again what it has just uploaded. The station's identity is part of the test, so naming another
station's numbers leaves nothing out; a station restored from a backup names only the answers in
that backup, whose records it has.

A page holds as many records as the station asks for, up to ``PULL_PAGE_BYTES`` of payloads
(at least one record), so that a poor connection can finish each page.

The server's last sequence is read first and the page is bounded by it: every change up to that
number has committed (pushes allocate under a lock and commit before anyone can read the new
counter), so when the page is not full the cursor can safely jump to it, past changes of grids
the station does not serve.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from gridstation.server.schema import record, sync_counter
from gridstation.server.stations import StationRef
from gridstation.sync.protocol import PULL_PAGE_BYTES, Change, PullRequest, PullResponse, first_within

_text = json.JSONEncoder(ensure_ascii=False).encode
_BOOL = {True: "true", False: "false"}


def last_seq(conn: Connection) -> int:
    return int(conn.execute(sa.select(sync_counter.c.last).where(sync_counter.c.id == 1)).scalar_one())


def _page(conn: Connection, station: StationRef, request: PullRequest) -> tuple[Sequence[Any], int, bool, bool]:
    """(record rows, cursor, more, reset) of the page: one query for the counter, one for the rows."""
    horizon = last_seq(conn)
    if request.cursor > horizon:
        # The server knows no such sequence (restored from a backup): start over.
        return [], 0, False, True
    if not station.grids:
        return [], horizon, False, False
    wanted = [record.c.last_seq > request.cursor, record.c.last_seq <= horizon,
              record.c.grid_code.in_(sorted(station.grids))]
    # Each range cut to the page's bounds (a station may send any number; the database holds 64 bits).
    own = [record.c.last_seq.between(first, min(last, horizon)) for first, last in request.own_changes
           if last > request.cursor and first <= min(last, horizon)]
    if own:
        wanted.append(sa.not_(sa.and_(record.c.origin_station == station.id, sa.or_(*own))))
    rows = conn.execute(
        sa.select(record.c.last_seq, record.c.kind, record.c.record_id, record.c.version, record.c.grid_code,
                  record.c.deleted, record.c.payload, record.c.origin_station)
        .where(*wanted)
        .order_by(record.c.last_seq)
        .limit(request.limit + 1)
    ).all()
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    fit = first_within([row.payload for row in rows], PULL_PAGE_BYTES)
    if fit < len(rows):  # the rest follows on the next page
        rows, more = rows[:fit], True
    return rows, (int(rows[-1].last_seq) if more else horizon), more, False


def pull(conn: Connection, *, station: StationRef, request: PullRequest) -> PullResponse:
    rows, cursor, more, reset = _page(conn, station, request)
    changes = [
        Change(seq=r.last_seq, kind=r.kind, record_id=r.record_id, version=r.version, grid_code=r.grid_code,
               deleted=bool(r.deleted), payload=json.loads(r.payload), origin_station=r.origin_station)
        for r in rows
    ]
    return PullResponse(changes=changes, cursor=cursor, more=more, reset=reset)


def pull_json(conn: Connection, *, station: StationRef, request: PullRequest) -> str:
    """``pull(…)`` as the JSON text of its ``PullResponse`` (the same document), built directly: the
    stored payloads are JSON text already, so they are spliced in rather than parsed, checked
    against the model and serialised again (a 1,000-record page in a few milliseconds)."""
    rows, cursor, more, reset = _page(conn, station, request)
    changes = ",".join(
        f'{{"seq":{int(seq)},"kind":{_text(kind)},"record_id":{_text(record_id)},"version":{int(version)},'
        f'"grid_code":{_text(grid_code)},"deleted":{_BOOL[bool(deleted)]},"payload":{payload},'
        f'"origin_station":{_text(origin)}}}'
        for seq, kind, record_id, version, grid_code, deleted, payload, origin in rows
    )
    return f'{{"changes":[{changes}],"cursor":{int(cursor)},"more":{_BOOL[more]},"reset":{_BOOL[reset]}}}'
