"""Applying one pushed batch (sync.md §3, §6): in one transaction, every op and the stored answer.

Pushes serialise on the ``sync_counter`` row (``SELECT … FOR UPDATE`` on PostgreSQL; the write
lock of ``BEGIN IMMEDIATE`` on SQLite). That single lock gives three things at once: sequence
numbers that become visible in commit order, race-free batch and op idempotency checks, and
version checks that cannot interleave with another station's write to the same record. A batch
is milliseconds of work, so 125 stations queueing on it is cheap.

Field-level rules, for an update or delete made from ``base_version``:

* ``base_version`` equals the server's version: the op's ``changed`` fields are applied onto the
  server's record (fields an older station does not send are kept) and the version becomes
  ``op.version``.
* The server is ahead: the fields changed on the server since ``base_version`` (from the change
  log, leaving out the station's own earlier changes) are compared with ``op.changed``. Disjoint,
  or the same value on both sides → merged, version = server + 1. Overlapping → conflict. A delete
  against edits, or an edit against a delete → conflict. Conflicts are stored with both values.
* An op later in the same batch that builds on a change found in conflict is a conflict too: its
  base is the station's version, which the server never accepted. (Across batches the station
  holds such entries back until a person has resolved the conflict; the resolution is an update
  from the ``server_version`` the conflict answer carried.) Once an op of a station on a record is
  applied, that station's open conflicts on the record are marked resolved.

Whenever the stored record differs from what the station sent, the answer carries
``server_version``/``server_payload`` so the station stores exactly what the server holds.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from gridstation.server import audit
from gridstation.server.errors import ApiError
from gridstation.server.kinds import KindRegistry, payload_problem
from gridstation.server.schema import applied_op, batch, change_log, conflict, record, sync_counter
from gridstation.server.stations import StationRef
from gridstation.sync.protocol import Op, OpResult, PushRequest, PushResponse

GRID_NOT_SERVED = "grid not served"
UNKNOWN_KIND = "unknown record kind"
# Fields an op's ``changed`` list can never overwrite: identity, placement and the version itself.
_PROTECTED = frozenset({"id", "grid_code", "version", "deleted"})
_MISSING = object()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def body_digest(request: PushRequest) -> str:
    """SHA-256 of the batch's canonical content: its id and ops. The envelope (protocol,
    app_version, extra fields) is left out, so a station upgraded between two tries of the same
    batch is still recognised."""
    body = {"batch_id": request.batch_id, "ops": [op.model_dump(mode="json") for op in request.ops]}
    return hashlib.sha256(dumps(body).encode("utf-8")).hexdigest()


def push(conn: Connection, *, station: StationRef, request: PushRequest, kinds: KindRegistry, at: str) -> str:
    """Apply ``request`` and return the answer as JSON text (stored, so a repeat gets the same bytes)."""
    last = conn.execute(sa.select(sync_counter.c.last).where(sync_counter.c.id == 1).with_for_update()).scalar_one()
    digest = body_digest(request)
    stored = conn.execute(sa.select(batch).where(batch.c.batch_id == request.batch_id)).first()
    if stored is not None:
        if stored.station_id == station.id and stored.body_sha256 == digest:
            return str(stored.response)
        raise ApiError(409, "batch_reused", f"Batch {request.batch_id} was already received with different "
                       "content; a new batch needs a new batch_id.", station_id=station.id)
    applier = _BatchApplier(conn, station, request.batch_id, kinds, at, last)
    results = [applier.apply(op) for op in request.ops]
    response = PushResponse(batch_id=request.batch_id, results=results).model_dump_json()
    conn.execute(batch.insert().values(batch_id=request.batch_id, station_id=station.id, body_sha256=digest,
                                       response=response, at=at))
    if applier.seq != last:
        conn.execute(sync_counter.update().where(sync_counter.c.id == 1).values(last=applier.seq))
    return response


class _BatchApplier:
    def __init__(self, conn: Connection, station: StationRef, batch_id: str, kinds: KindRegistry, at: str,
                 last_seq: int) -> None:
        self.conn = conn
        self.station = station
        self.batch_id = batch_id
        self.kinds = kinds
        self.at = at
        self.seq = last_seq
        # (kind, record_id) → (the station's version of the op in conflict, its conflict fields)
        self.in_conflict: dict[tuple[str, str], tuple[int, list[str]]] = {}

    def apply(self, op: Op) -> OpResult:
        if self.conn.execute(sa.select(applied_op.c.op_id).where(applied_op.c.op_id == op.op_id)).first():
            return OpResult(op_id=op.op_id, status="duplicate", reason="op already applied")
        model = self.kinds.get(op.kind)
        if model is None:
            return self._reject(op, UNKNOWN_KIND)
        if op.grid_code not in self.station.grids:
            return self._reject(op, GRID_NOT_SERVED)
        current = self.conn.execute(
            sa.select(record).where(record.c.kind == op.kind, record.c.record_id == op.record_id)
        ).first()
        if current is not None and current.grid_code not in self.station.grids:
            return self._reject(op, GRID_NOT_SERVED)
        if op.op == "create":
            return self._create(op, model, current)
        return self._change(op, model, current)

    # -- the three kinds of op -----------------------------------------------------------------
    def _create(self, op: Op, model: Any, current: sa.Row[Any] | None) -> OpResult:
        if op.base_version != 0:
            return self._reject(op, "a create must have base_version 0")
        payload = _with_state(op.payload, op.version, deleted=False)
        if current is not None:
            server = json.loads(current.payload)
            if server == payload:
                return OpResult(op_id=op.op_id, status="duplicate", reason="record already exists")
            fields = sorted(k for k in set(server) | set(payload)
                            if server.get(k, _MISSING) != payload.get(k, _MISSING))
            return self._conflict(op, current, server, fields)
        problem = payload_problem(model, payload, record_id=op.record_id, grid_code=op.grid_code)
        if problem:
            return self._reject(op, problem)
        changed = sorted(set(payload) - _PROTECTED)
        return self._write(op, None, payload, op.version, changed)

    def _change(self, op: Op, model: Any, current: sa.Row[Any] | None) -> OpResult:
        if current is None:
            return self._reject(op, "record not on the server (its create was not applied)")
        if current.grid_code != op.grid_code:
            return self._reject(op, "a record's grid_code cannot change")
        if op.version <= op.base_version:
            return self._reject(op, "version must be greater than base_version")
        if op.base_version > current.version:
            return self._reject(op, f"base version {op.base_version} unknown: the server has version {current.version}")
        server = json.loads(current.payload)
        prior = self.in_conflict.get((op.kind, op.record_id))
        if prior is not None and prior[0] == op.base_version:
            return self._conflict(op, current, server, prior[1])
        deleting = op.op == "delete"
        if op.base_version == current.version:
            if current.deleted:
                if deleting:
                    return OpResult(op_id=op.op_id, status="duplicate", reason="record already deleted")
                return self._reject(op, "record is deleted")
            version = op.version
        else:
            elsewhere = self._changed_since(op)
            if current.deleted:
                if deleting:  # deleted on both sides: nothing to do; the station adopts the tombstone
                    return OpResult(op_id=op.op_id, status="duplicate", reason="record already deleted",
                                    server_version=current.version, server_payload=server)
                return self._conflict(op, current, server, ["deleted"])
            if deleting and elsewhere:
                return self._conflict(op, current, server, ["deleted"])
            overlap = sorted(f for f in op.changed if f in elsewhere
                             and op.payload.get(f, _MISSING) != server.get(f, _MISSING))
            if overlap:
                return self._conflict(op, current, server, overlap)
            version = current.version + 1
        changed = sorted({f for f in op.changed if f not in _PROTECTED and f in op.payload})
        merged = {**server, **{f: op.payload[f] for f in changed}}
        if "updated_at" in op.payload:
            merged["updated_at"] = op.payload["updated_at"]
        merged = _with_state(merged, version, deleted=deleting)
        problem = payload_problem(model, merged, record_id=op.record_id, grid_code=op.grid_code)
        if problem:
            return self._reject(op, problem)
        return self._write(op, current, merged, version, sorted({*changed, "deleted"}) if deleting else changed)

    # -- helpers -------------------------------------------------------------------------------
    def _changed_since(self, op: Op) -> set[str]:
        rows = self.conn.execute(
            sa.select(change_log.c.changed, change_log.c.station_id, change_log.c.station_version).where(
                change_log.c.kind == op.kind, change_log.c.record_id == op.record_id,
                change_log.c.version > op.base_version,
            )
        )
        fields: set[str] = set()
        for row in rows:
            if row.station_id == self.station.id and row.station_version <= op.base_version:
                continue  # the station's own earlier change: already part of its base
            fields.update(json.loads(row.changed))
        return fields

    def _resolve_conflicts(self, op: Op) -> None:
        self.conn.execute(
            conflict.update().where(
                conflict.c.kind == op.kind, conflict.c.record_id == op.record_id,
                conflict.c.station_id == self.station.id, conflict.c.resolved.is_(False),
            ).values(resolved=True)
        )

    def _write(self, op: Op, current: sa.Row[Any] | None, payload: dict[str, Any], version: int,
               changed: list[str]) -> OpResult:
        self.seq += 1
        values = {"grid_code": op.grid_code, "version": version, "deleted": bool(payload["deleted"]),
                  "payload": dumps(payload), "origin_station": self.station.id, "last_seq": self.seq,
                  "updated_at": self.at}
        if current is None:
            self.conn.execute(record.insert().values(kind=op.kind, record_id=op.record_id, **values))
        else:
            self.conn.execute(record.update().where(record.c.kind == op.kind, record.c.record_id == op.record_id)
                              .values(**values))
        self.conn.execute(change_log.insert().values(
            seq=self.seq, kind=op.kind, record_id=op.record_id, version=version, changed=dumps(changed),
            station_id=self.station.id, station_version=op.version, op_id=op.op_id, at=self.at,
        ))
        if current is not None:
            self._resolve_conflicts(op)
        sent = _with_state(op.payload, op.version, deleted=op.op == "delete")
        result = (OpResult(op_id=op.op_id, status="applied") if payload == sent and version == op.version
                  else self._applied(op, version, payload))
        self.conn.execute(applied_op.insert().values(op_id=op.op_id, station_id=self.station.id,
                                                     batch_id=self.batch_id, result=result.model_dump_json(),
                                                     at=self.at))
        return result

    @staticmethod
    def _applied(op: Op, version: int, payload: dict[str, Any]) -> OpResult:
        return OpResult(op_id=op.op_id, status="applied", server_version=version, server_payload=payload)

    def _conflict(self, op: Op, current: sa.Row[Any], server: dict[str, Any], fields: list[str]) -> OpResult:
        self.in_conflict[(op.kind, op.record_id)] = (op.version, fields)
        self.conn.execute(conflict.insert().values(
            kind=op.kind, record_id=op.record_id, grid_code=current.grid_code, station_id=self.station.id,
            op_id=op.op_id, base_version=op.base_version, station_version=op.version,
            server_version=current.version, fields=dumps(fields), station_payload=dumps(op.payload),
            server_payload=dumps(server), at=self.at, resolved=False,
        ))
        return OpResult(op_id=op.op_id, status="conflict", reason="changed on the server too",
                        conflict_fields=fields, server_version=current.version, server_payload=server)

    def _reject(self, op: Op, reason: str) -> OpResult:
        audit.append(self.conn, action="push.rejected", station_id=self.station.id, success=False,
                     detail=f"batch {self.batch_id} op {op.op_id} {op.op} {op.kind}:{op.record_id} "
                            f"grid {op.grid_code}: {reason}")
        return OpResult(op_id=op.op_id, status="rejected", reason=reason)


def _with_state(payload: dict[str, Any], version: int, *, deleted: bool) -> dict[str, Any]:
    """The payload with ``version``/``deleted`` matching the record's columns."""
    return {**payload, "version": version, "deleted": deleted}
