"""Applying records that come from the district server (pulled changes, merged push answers).

Such a record is not the station's own change, so it gets no outbox entry; its ``sync_applied``
journal row (with the server's full payload, unknown fields included) vouches for it instead.
A record with local changes not yet accepted by the server is left alone: the push answer for
those changes reconciles it (merge or conflict).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlmodel import Session

from gridstation.db.unit_of_work import sync_kinds
from gridstation.db.validation import field_values
from gridstation.sync import protocol

# json.dumps(value, ensure_ascii=False) without building an encoder per call.
_text = json.JSONEncoder(ensure_ascii=False).encode
# ``IN`` the ids given as one JSON list (``_text(ids)``): one statement, compiled once, however many
# ids a page holds (a list of hundreds of parameters cost more to build than the lookup).
_IDS = "(SELECT value FROM json_each(:ids))"


def has_local_changes(session: Session, kind: str, record_id: str) -> bool:
    return session.execute(
        text("SELECT 1 FROM outbox WHERE kind = :k AND record_id = :r AND state != 'sent' LIMIT 1"),
        {"k": kind, "r": record_id},
    ).first() is not None


def apply_record(session: Session, *, kind: str, record_id: str, version: int, payload: dict[str, Any],
                 server_seq: int = 0, force: bool = False) -> bool:
    """Store the server's version of a record; returns whether the local table changed.

    ``force`` applies it even over local changes and a higher local version number (a person
    settled a conflict: the record continues from the server's version).
    """
    session.execute(
        text("INSERT INTO sync_applied (kind, record_id, version, server_seq, payload, applied_at) "
             "VALUES (:k, :r, :v, :s, :p, :t) ON CONFLICT DO NOTHING"),
        {"k": kind, "r": record_id, "v": version, "s": server_seq, "p": json.dumps(payload, ensure_ascii=False),
         "t": datetime.now(UTC).isoformat(timespec="seconds")},
    )
    model = sync_kinds().get(kind)
    if model is None:
        return False  # a kind this version does not know: kept in the journal for a later version
    if not force and has_local_changes(session, kind, record_id):
        return False
    local = session.get(model, record_id)
    if local is not None and local.version >= version and not force:
        return False
    fields = {k: v for k, v in payload.items() if k in model.model_fields}
    fields.update(id=record_id, version=version)
    incoming = model.model_validate(fields)
    if local is None:
        session.add(incoming)
    else:
        for key in model.model_fields:
            setattr(local, key, getattr(incoming, key))
        session.add(local)
    session.flush()
    return True


def newer_than_local(session: Session, changes: Sequence[protocol.Change]) -> list[protocol.Change]:
    """The changes of a pulled page that may change something here: one query per kind finds the
    local versions (most of a page is often the station's own writes coming back)."""
    by_kind: dict[str, list[protocol.Change]] = {}
    for change in changes:
        by_kind.setdefault(change.kind, []).append(change)
    kinds = sync_kinds()
    wanted: list[protocol.Change] = []
    for kind, group in by_kind.items():
        model = kinds.get(kind)
        if model is None:
            wanted.extend(group)  # unknown kinds are journalled for a later version
            continue
        rows = session.execute(text(f"SELECT id, version FROM {model.__tablename__} WHERE id IN {_IDS}"),
                               {"ids": _text([c.record_id for c in group])})
        local: dict[str, int] = dict(rows.all())
        wanted.extend(c for c in group if local.get(c.record_id, 0) < c.version)
    return sorted(wanted, key=lambda c: c.seq)


def _ids_in(session: Session, sql: str, ids: Sequence[str], params: dict[str, Any]) -> set[str]:
    """The first column of ``sql``'s rows, its ``{ids}`` standing for ``ids``."""
    return set(session.execute(text(sql.format(ids=_IDS)), {**params, "ids": _text(list(ids))}).scalars())


def apply_page(session: Session, changes: Sequence[protocol.Change]) -> int:
    """Apply a pulled page set-wise (one statement per table and kind, not per record); same rules
    as ``apply_record``. Returns how many local records changed."""
    wanted = newer_than_local(session, changes)
    if not wanted:
        return 0
    now = datetime.now(UTC).isoformat(timespec="seconds")
    # Plain values handed to the driver as they are (SQLAlchemy's processing of each row's
    # parameters would cost more than the insert).
    session.connection().exec_driver_sql(
        "INSERT INTO sync_applied (kind, record_id, version, server_seq, payload, applied_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(c.kind, c.record_id, c.version, c.seq, _text(c.payload), now) for c in wanted],
    )
    kinds = sync_kinds()
    changed = 0
    by_kind: dict[str, list[protocol.Change]] = {}
    for change in wanted:
        by_kind.setdefault(change.kind, []).append(change)
    for kind, group in by_kind.items():
        model = kinds.get(kind)
        if model is None:
            continue
        ids = [c.record_id for c in group]
        busy = _ids_in(session, "SELECT DISTINCT record_id FROM outbox WHERE kind = :k AND state != 'sent' "
                       "AND record_id IN {ids}", ids, {"k": kind})
        existing = _ids_in(session, f"SELECT id FROM {model.__tablename__} WHERE id IN {{ids}}", ids, {})
        latest: dict[str, protocol.Change] = {}
        for change in group:  # a page may hold several versions of one record: the last wins
            if change.record_id not in busy:
                latest[change.record_id] = change
        rows_new: list[dict[str, Any]] = []
        rows_old: list[dict[str, Any]] = []
        names = frozenset(model.model_fields)
        checked = field_values(model)  # model_validate(…).model_dump(), without an ORM instance per record
        for change in latest.values():
            fields = {k: v for k, v in change.payload.items() if k in names}
            fields.update(id=change.record_id, version=change.version)
            row = checked(fields)
            (rows_old if change.record_id in existing else rows_new).append(row)
        table = model.__table__  # type: ignore[attr-defined]
        if rows_new:
            session.execute(table.insert(), rows_new)
        if rows_old:
            columns = [c.name for c in table.columns if c.name != "id"]
            statement = table.update().where(table.c.id == bindparam("_id")).values(
                {c: bindparam(c) for c in columns})
            session.execute(statement, [{**{c: r[c] for c in columns}, "_id": r["id"]} for r in rows_old])
        changed += len(rows_new) + len(rows_old)
    return changed
