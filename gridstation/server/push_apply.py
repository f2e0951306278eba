"""Deciding the ops of a group of pushed batches against the records they touch, and writing
what was decided (``BatchApplier``; ``push.push_group`` runs it in its transaction).

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

The batch is applied set-wise (a 200-op batch is a handful of statements, not a thousand): one
lookup per kind locks and reads the records the batch touches, one ``IN (…)`` lookup finds the
ops already applied; the ops are then decided one by one, in order, against that state kept in memory
(a record created or changed earlier in the batch is seen as such by later ops, exactly as if each
op had been written at once); and at the end each table gets one multi-row write. Only an update
against a newer server version (the merge rule) reads the change log, for its record alone.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from gridstation.server import attachments, audit, database
from gridstation.server.attachments import ATTACHMENT_KIND
from gridstation.server.kinds import KindRegistry
from gridstation.server.push_prepare import (
    PROTECTED,
    CheckedCreate,
    answer_json,
    applied_answer,
    check_payload,
    created_fields,
    dumps,
    with_state,
)
from gridstation.server.schema import change_log, conflict, record
from gridstation.server.stations import StationRef
from gridstation.sync.protocol import Op, OpResult

GRID_NOT_SERVED = "grid not served"
UNKNOWN_KIND = "unknown record kind"
CONTENT_MISSING = "attachment content not uploaded"
_MISSING = object()
_RECORD_COLUMNS = ("grid_code", "version", "deleted", "payload", "origin_station", "last_seq", "updated_at")
_INSERT_RECORD = ("kind", "record_id", *_RECORD_COLUMNS)  # the columns of ``_Current.row``, in order
_INSERT_LOG = ("kind", "record_id", "version", "changed", "station_id", "station_version", "op_id", "seq", "at")
# One UPDATE for every stored record the batch changed (executemany); the WHERE parameters are
# renamed so that they cannot clash with the SET parameters named after the columns.
_UPDATE_RECORD = (
    record.update()
    .where(record.c.kind == sa.bindparam("b_kind"), record.c.record_id == sa.bindparam("b_record_id"))
    .values({name: sa.bindparam(name) for name in _RECORD_COLUMNS})
)

Key = tuple[str, str]  # (kind, record_id)



@functools.cache
def _locked_records(dialect: str) -> sa.Select[Any]:
    return database.lock_each(dialect, [record.c.record_id, record.c.grid_code, record.c.version, record.c.deleted,
                                        record.c.payload], record.c.record_id, record.c.kind == sa.bindparam("kind"))


@functools.cache
def _applied_ops(dialect: str) -> sa.Select[Any]:
    return database.each(dialect, [change_log.c.op_id], change_log.c.op_id)


@functools.cache
def _open_conflicts(dialect: str) -> sa.Select[Any]:
    """The open conflicts of a station on some records of a kind, found through the index of
    conflicts per record (the table grows with the district's history)."""
    return database.each(dialect, [conflict.c.id], conflict.c.record_id, conflict.c.kind == sa.bindparam("kind"),
                         conflict.c.station_id == sa.bindparam("station_id"), conflict.c.resolved.is_(False))


@dataclass(slots=True)
class _Current:
    """A record as the batch sees it: as stored before the batch, or as an earlier op of the batch
    left it (then ``written`` is set, and the row is written at the end: ``row``)."""

    grid_code: str
    version: int
    deleted: bool
    payload_text: str
    stored: bool  # the row exists in the database (so it is updated, not inserted)
    written: bool = False
    origin_station: str = ""  # the station of the batch's last change to it (when ``written``)
    last_seq: int = 0  # that change's number within the group (``flush`` makes it the server's)

    def payload(self) -> dict[str, Any]:
        """A fresh copy of the payload, as read back from the stored JSON."""
        value: dict[str, Any] = json.loads(self.payload_text)
        return value

    def row(self, key: Key, offset: int, at: str) -> tuple[Any, ...]:
        """The record's row as written, in ``_INSERT_RECORD``'s order."""
        return (*key, self.grid_code, self.version, self.deleted, self.payload_text, self.origin_station,
                self.last_seq + offset, at)


class BatchApplier:
    """Decides the ops of a group's batches, one batch after the other (``start``), against the
    state in memory, and writes what they decided at the end (``flush``)."""

    def __init__(self, conn: Connection, kinds: KindRegistry, at: str) -> None:
        self.conn = conn
        self.kinds = kinds
        self.at = at
        # The batch being decided (``start``).
        self.station = StationRef("", "", frozenset())
        self.batch_id = ""
        self.exact = False
        # (kind, record_id) → (the station's version of the op in conflict, its conflict fields), in this batch
        self.in_conflict: dict[Key, tuple[int, list[str]]] = {}
        # The group's state.
        self.seq = 0  # changes written so far; each gets its sequence number from ``flush``
        self.applied: set[str] = set()  # op ids applied before or earlier in this group
        self.records: dict[Key, _Current] = {}  # the records the group touches that exist
        # What the group writes, in op order: the change log's rows, in ``_INSERT_LOG``'s order
        # but for the last two (sequence number and time: ``flush``).
        self.log_rows: list[tuple[str, str, int, str, str, int, str]] = []
        # (kind, record_id) → changes of the group: version, station id, station version, changed
        self.batch_changes: dict[Key, list[tuple[int, str, int, Sequence[str]]]] = {}
        self.conflict_rows: list[dict[str, Any]] = []
        # (station id, kind, record_id) → the group's conflicts of the station on the record not yet resolved
        self.open_conflicts: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        # (station id, kind, record_id) of records whose stored open conflicts of the station get resolved
        self.resolve: set[tuple[str, str, str]] = set()
        self.uploaded: set[str] = set()  # attachment contents of the batch's creates the server holds complete
        self.audit_rows: list[dict[str, Any]] = []
        self.changed_texts: dict[tuple[str, ...], str] = {}

    def start(self, station: StationRef, batch_id: str, *, exact: bool) -> None:
        """The ops from now on are ``batch_id``'s, from ``station``."""
        self.station, self.batch_id, self.exact = station, batch_id, exact
        self.in_conflict = {}

    # -- reading what the group needs, one query per table (and kind) --------------------------
    def lock(self, ops: list[Op]) -> None:
        """Lock and read the stored records the ops touch (``FOR UPDATE``, in one order for every
        push: kind by kind in sorted order, the records of a kind in one statement, in sorted order
        of record ids)."""
        wanted: dict[str, dict[str, None]] = {}
        for op in ops:
            if op.kind in self.kinds:
                wanted.setdefault(op.kind, {})[op.record_id] = None
        for kind in sorted(wanted):
            rows = self.conn.execute(_locked_records(self.conn.dialect.name),
                                     {"kind": kind, database.KEYS: database.key_list(self.conn, sorted(wanted[kind]))})
            for row in rows:
                self.records[(kind, row.record_id)] = _Current(row.grid_code, row.version, bool(row.deleted),
                                                               row.payload, stored=True)

    def load(self, ops: list[Op]) -> None:
        """The ops already applied, and the attachment contents the creates need."""
        op_ids = list(dict.fromkeys(op.op_id for op in ops))
        self.applied.update(self.conn.execute(_applied_ops(self.conn.dialect.name),
                                              {database.KEYS: database.key_list(self.conn, op_ids)}).scalars())
        contents = {str(op.payload.get("sha256")) for op in ops if op.kind == ATTACHMENT_KIND and op.op == "create"}
        self.uploaded = attachments.complete(self.conn, contents)

    def apply(self, op: Op, checked: CheckedCreate | None = None) -> str:
        """The op's answer, as JSON."""
        result = self._decide(op, checked)
        return result if isinstance(result, str) else answer_json(result)

    def _decide(self, op: Op, checked: CheckedCreate | None) -> OpResult | str:
        if op.op_id in self.applied:
            return OpResult(op_id=op.op_id, status="duplicate", reason="op already applied")
        model = self.kinds.get(op.kind)
        if model is None:
            return self._reject(op, UNKNOWN_KIND)
        if op.grid_code not in self.station.grids:
            return self._reject(op, GRID_NOT_SERVED)
        current = self.records.get((op.kind, op.record_id))
        if current is not None and current.grid_code not in self.station.grids:
            return self._reject(op, GRID_NOT_SERVED)
        if op.op == "create":
            if op.kind == ATTACHMENT_KIND and current is None and str(op.payload.get("sha256")) not in self.uploaded:
                return self._reject(op, CONTENT_MISSING)
            return self._create(op, model, current, checked)
        return self._change(op, model, current)

    # -- the three kinds of op -----------------------------------------------------------------
    def _create(self, op: Op, model: Any, current: _Current | None, checked: CheckedCreate | None
                ) -> OpResult | str:
        if op.base_version != 0:
            return self._reject(op, "a create must have base_version 0")
        payload = checked.payload if checked is not None else with_state(op.payload, op.version, deleted=False)
        if current is not None:
            server = current.payload()
            if server == payload:
                return OpResult(op_id=op.op_id, status="duplicate", reason="record already exists")
            fields = sorted(k for k in set(server) | set(payload)
                            if server.get(k, _MISSING) != payload.get(k, _MISSING))
            return self._conflict(op, current, server, fields)
        if checked is not None:  # the same work, done before the lock (``prepare``)
            if checked.text is None:
                return self._reject(op, checked.problem)
            return self._write(op, None, payload, checked.text, op.version, checked.changed, answer=checked.answer)
        problem, text = check_payload(model, op, payload, exact=self.exact)
        if text is None:
            return self._reject(op, problem)
        changed = created_fields(payload)
        return self._write(op, None, payload, text, op.version, changed)

    def _change(self, op: Op, model: Any, current: _Current | None) -> OpResult | str:
        if current is None:
            return self._reject(op, "record not on the server (its create was not applied)")
        if current.grid_code != op.grid_code:
            return self._reject(op, "a record's grid_code cannot change")
        if op.version <= op.base_version:
            return self._reject(op, "version must be greater than base_version")
        if op.base_version > current.version:
            return self._reject(op, f"base version {op.base_version} unknown: the server has version {current.version}")
        server = current.payload()
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
            elsewhere = self._changed_since(op, current)
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
        changed = sorted({f for f in op.changed if f not in PROTECTED and f in op.payload})
        merged = {**server, **{f: op.payload[f] for f in changed}}
        if "updated_at" in op.payload:
            merged["updated_at"] = op.payload["updated_at"]
        merged = with_state(merged, version, deleted=deleting)
        problem, text = check_payload(model, op, merged, exact=self.exact)
        if text is None:
            return self._reject(op, problem)
        return self._write(op, current, merged, text, version, sorted({*changed, "deleted"}) if deleting else changed)

    # -- helpers -------------------------------------------------------------------------------
    def _changed_since(self, op: Op, current: _Current) -> set[str]:
        """The fields changed after ``op.base_version`` by others: from the stored change log and
        from this batch's own changes (which are not written yet)."""
        fields: set[str] = set()
        if current.stored:
            rows = self.conn.execute(
                sa.select(change_log.c.changed, change_log.c.station_id, change_log.c.station_version).where(
                    change_log.c.kind == op.kind, change_log.c.record_id == op.record_id,
                    change_log.c.version > op.base_version,
                )
            )
            for row in rows:
                if row.station_id == self.station.id and row.station_version <= op.base_version:
                    continue  # the station's own earlier change: already part of its base
                fields.update(json.loads(row.changed))
        for version, station_id, station_version, changed in self.batch_changes.get((op.kind, op.record_id), ()):
            if version > op.base_version and (station_id != self.station.id or station_version > op.base_version):
                fields.update(changed)  # as for the stored ones
        return fields

    def _changed_text(self, changed: Sequence[str]) -> str:
        """``dumps(changed)``, once per distinct list (a batch of creates of one kind has one)."""
        key = tuple(changed)
        text = self.changed_texts.get(key)
        if text is None:
            text = self.changed_texts[key] = dumps(changed)
        return text

    def _resolve_conflicts(self, key: Key) -> None:
        """The station's open conflicts on the record are resolved: those of this group at once,
        the stored ones by one UPDATE at the end (before this group's conflicts are inserted)."""
        mine = (self.station.id, *key)
        for row in self.open_conflicts.pop(mine, ()):
            row["resolved"] = True
        self.resolve.add(mine)

    def _write(self, op: Op, current: _Current | None, payload: dict[str, Any], text: str, version: int,
               changed: Sequence[str], answer: str | None = None) -> str:
        """Record the op's change and return its answer as JSON (``answer``, when known already)."""
        self.seq += 1
        key = (op.kind, op.record_id)
        deleted = bool(payload["deleted"])
        if current is None:
            self.records[key] = _Current(op.grid_code, version, deleted, text, stored=False, written=True,
                                         origin_station=self.station.id, last_seq=self.seq)
        else:
            current.grid_code, current.version, current.deleted, current.payload_text = (op.grid_code, version,
                                                                                         deleted, text)
            current.written, current.origin_station, current.last_seq = True, self.station.id, self.seq
        self.log_rows.append((op.kind, op.record_id, version, self._changed_text(changed), self.station.id,
                              op.version, op.op_id))
        self.batch_changes.setdefault(key, []).append((version, self.station.id, op.version, changed))
        if current is not None:
            self._resolve_conflicts(key)
        if answer is None:
            sent = with_state(op.payload, op.version, deleted=op.op == "delete")
            answer = (applied_answer(op.op_id) if payload == sent and version == op.version
                      else answer_json(self._applied(op, version, payload)))
        self.applied.add(op.op_id)
        return answer

    @staticmethod
    def _applied(op: Op, version: int, payload: dict[str, Any]) -> OpResult:
        return OpResult(op_id=op.op_id, status="applied", server_version=version, server_payload=payload)

    def _conflict(self, op: Op, current: _Current, server: dict[str, Any], fields: list[str]) -> OpResult:
        key = (op.kind, op.record_id)
        self.in_conflict[key] = (op.version, fields)
        row = {
            "kind": op.kind, "record_id": op.record_id, "grid_code": current.grid_code, "station_id": self.station.id,
            "op_id": op.op_id, "base_version": op.base_version, "station_version": op.version,
            "server_version": current.version, "fields": dumps(fields), "station_payload": dumps(op.payload),
            "server_payload": dumps(server), "at": self.at, "resolved": False,
        }
        self.conflict_rows.append(row)
        self.open_conflicts.setdefault((self.station.id, *key), []).append(row)
        return OpResult(op_id=op.op_id, status="conflict", reason="changed on the server too",
                        conflict_fields=fields, server_version=current.version, server_payload=server)

    def _reject(self, op: Op, reason: str) -> OpResult:
        self.audit_rows.append(audit.entry(
            action="push.rejected", station_id=self.station.id, success=False,
            detail=f"batch {self.batch_id} op {op.op_id} {op.op} {op.kind}:{op.record_id} "
                   f"grid {op.grid_code}: {reason}",
        ))
        return OpResult(op_id=op.op_id, status="rejected", reason=reason)

    # -- writing the group: one statement per table --------------------------------------------
    def flush(self, *, first_seq: int) -> None:
        """Write what the group decided, its changes numbered from ``first_seq`` on."""
        conn = self.conn
        offset, at = first_seq - 1, self.at
        by_kind: dict[tuple[str, str], list[str]] = {}
        for station_id, kind, record_id in self.resolve:
            by_kind.setdefault((station_id, kind), []).append(record_id)
        for (station_id, kind), record_ids in sorted(by_kind.items()):
            resolved = conn.execute(_open_conflicts(conn.dialect.name), {
                "kind": kind, "station_id": station_id, database.KEYS: database.key_list(conn, sorted(record_ids)),
            }).scalars().all()
            if resolved:  # seldom: most records changed never were in conflict
                conn.execute(conflict.update().where(conflict.c.id.in_(resolved)).values(resolved=True))
        inserts: list[tuple[Any, ...]] = []
        updates: list[dict[str, Any]] = []
        for key, current in self.records.items():
            if not current.written:
                continue
            row = current.row(key, offset, at)
            if current.stored:
                updates.append({"b_kind": key[0], "b_record_id": key[1],
                                **dict(zip(_RECORD_COLUMNS, row[2:], strict=True))})
            else:
                inserts.append(row)
        database.insert_rows(conn, record, _INSERT_RECORD, inserts)
        if updates:
            conn.execute(_UPDATE_RECORD, updates)
        database.insert_rows(conn, change_log, _INSERT_LOG,
                             [(*row, first_seq + n, at) for n, row in enumerate(self.log_rows)])
        database.insert_many(conn, conflict, self.conflict_rows)
        audit.append_all(conn, self.audit_rows)
