"""What the server did not accept, for a person to decide (sync.md §6–7).

A *conflict* keeps both values: the grid leader keeps the station's value (re-sent on top of the
server's version) or takes the server's. A *refusal* (rejected op) stays in quarantine with the
server's reason until it is corrected and re-sent, or dropped — never silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor, sync_kinds
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.sync.apply import apply_record


@dataclass(frozen=True)
class SyncIssue:
    id: int
    op_id: str
    kind: str
    record_id: str
    issue: str  # "conflict" or "rejected"
    reason: str
    conflict_fields: list[str]
    local_payload: dict[str, Any]
    server_payload: dict[str, Any] | None
    server_version: int | None
    created_at: str


def open_issues(store: Store) -> list[SyncIssue]:
    with store.read() as session:
        rows = session.execute(text("SELECT * FROM sync_issue WHERE status = 'open' ORDER BY id")).all()
    return [
        SyncIssue(r.id, r.op_id, r.kind, r.record_id, r.issue, r.reason, json.loads(r.conflict_fields),
                  json.loads(r.local_payload), json.loads(r.server_payload) if r.server_payload else None,
                  r.server_version, r.created_at)
        for r in rows
    ]


def _forget_refused_changes(session: Any, issue: SyncIssue) -> None:
    """The record's refused outbox entries are settled: their content stays in ``sync_issue``, and
    their version numbers are free again for the change that continues from the server's version."""
    session.execute(text("DELETE FROM outbox WHERE kind = :k AND record_id = :r AND state = 'quarantined'"),
                    {"k": issue.kind, "r": issue.record_id})


def _close(session: Any, issue_id: int, resolution: str) -> None:
    session.execute(
        text("UPDATE sync_issue SET status = 'resolved', resolved_at = :t, resolution = :r WHERE id = :id"),
        {"t": datetime.now(UTC).isoformat(timespec="seconds"), "r": resolution, "id": issue_id},
    )


def _issue(store: Store, issue_id: int) -> SyncIssue:
    for issue in open_issues(store):
        if issue.id == issue_id:
            return issue
    raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "This sync problem was already dealt with."))


def take_server_value(store: Store, issue_id: int) -> None:
    """Conflict: keep the district's value; the station's change is dropped (and says so)."""
    issue = _issue(store, issue_id)
    if issue.server_payload is None or issue.server_version is None:
        raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "The server sent no value to take."))
    with store.write() as session:
        _forget_refused_changes(session, issue)
        apply_record(session, kind=issue.kind, record_id=issue.record_id, version=issue.server_version,
                     payload=issue.server_payload, force=True)
        _close(session, issue.id, "server value taken")


def keep_station_value(store: Store, actor: Actor, issue_id: int) -> None:
    """Conflict: keep this station's values of the conflicting fields, written on top of the
    server's version (a new change that the next sync sends)."""
    issue = _issue(store, issue_id)
    if issue.server_payload is None or issue.server_version is None:
        raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "The server sent no value to compare."))
    model = sync_kinds()[issue.kind]
    with store.unit_of_work(actor) as uow:
        _forget_refused_changes(uow.session, issue)
        apply_record(uow.session, kind=issue.kind, record_id=issue.record_id, version=issue.server_version,
                     payload=issue.server_payload, force=True)
        record = uow.session.get(model, issue.record_id)
        if record is None or record.deleted:
            raise ValidationError(
                "issue", QT_TRANSLATE_NOOP("Errors", "The district deleted this record; take the district's value.")
            )
        if issue.local_payload.get("deleted"):
            uow.delete(record)
        else:
            wanted = model.model_validate({**issue.server_payload, **issue.local_payload})
            fields = [f for f in issue.conflict_fields if f in model.model_fields and f not in {"id", "version",
                                                                                                 "deleted"}]
            uow.update(record, **{f: getattr(wanted, f) for f in fields})
        _close(uow.session, issue.id, "station value kept")


def resend(store: Store, issue_id: int) -> None:
    """Refusal: send the quarantined change again (after the cause was fixed, e.g. the grid was
    added to the station on the server)."""
    issue = _issue(store, issue_id)
    with store.write() as session:
        session.execute(text("UPDATE outbox SET state = 'pending', batch_id = NULL WHERE op_id = :op"),
                        {"op": issue.op_id})
        _close(session, issue.id, "re-sent")


def drop(store: Store, issue_id: int) -> None:
    """Refusal: give up sending this change (it stays on the station)."""
    issue = _issue(store, issue_id)
    with store.write() as session:
        _close(session, issue.id, "not sent")
