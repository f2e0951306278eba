"""What the server did not accept, for a person to decide (sync.md §6–7).

A *conflict* keeps both values: the grid leader keeps the station's value (re-sent on top of the
server's version) or takes the server's. A *refusal* (rejected op) stays in quarantine with the
server's reason until it is corrected and re-sent, or dropped — never silently.

A problem with a mediation record is shown to, and settled by, only those who may see the record
(``db.mediation.visible_grids``: mediators, and the grid's leaders): mediation records are private
(人民调解法 art. 15). Given a ``viewer``, the functions here keep to that; the others see how many
problems wait for them (``hidden_count``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import text

from gridstation.db.accounts import SignedIn
from gridstation.db.errors import PermissionDenied
from gridstation.db.mediation import visible_grids
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


_PRIVATE_KINDS = "mediation_"  # the kinds whose records only some users may see, by prefix


def _all_open(store: Store) -> list[SyncIssue]:
    with store.read() as session:
        rows = session.execute(text("SELECT * FROM sync_issue WHERE status = 'open' ORDER BY id")).all()
    return [
        SyncIssue(r.id, r.op_id, r.kind, r.record_id, r.issue, r.reason, json.loads(r.conflict_fields),
                  json.loads(r.local_payload), json.loads(r.server_payload) if r.server_payload else None,
                  r.server_version, r.created_at)
        for r in rows
    ]


def _may_see(issue: SyncIssue, grids: list[str]) -> bool:
    if not issue.kind.startswith(_PRIVATE_KINDS):
        return True
    grid = (issue.server_payload or {}).get("grid_code") or issue.local_payload.get("grid_code")
    return grid in grids


def _visible_grids(store: Store, viewer: SignedIn) -> list[str]:
    with store.read() as session:
        return visible_grids(session, viewer)


def open_issues(store: Store, viewer: SignedIn | None = None) -> list[SyncIssue]:
    """The open problems, oldest first; given ``viewer``, those about records they may see."""
    issues = _all_open(store)
    if viewer is None:
        return issues
    grids = _visible_grids(store, viewer)
    return [issue for issue in issues if _may_see(issue, grids)]


def hidden_count(store: Store, viewer: SignedIn) -> int:
    """How many open problems are about records ``viewer`` may not see (mediation records)."""
    grids = _visible_grids(store, viewer)
    return sum(not _may_see(issue, grids) for issue in _all_open(store))


def _settle_local_changes(session: Any, issue: SyncIssue) -> set[str]:
    """Drop the record's refused and held-back outbox entries; returns the fields they changed.

    Their content stays in ``sync_issue``; a settled conflict continues from the server's version,
    with (when the station's value is kept) one new change carrying the station's current values.
    """
    rows = session.execute(
        text("SELECT changed FROM outbox WHERE kind = :k AND record_id = :r AND state IN ('quarantined', 'pending')"),
        {"k": issue.kind, "r": issue.record_id},
    ).all()
    session.execute(
        text("DELETE FROM outbox WHERE kind = :k AND record_id = :r AND state IN ('quarantined', 'pending')"),
        {"k": issue.kind, "r": issue.record_id},
    )
    changed: set[str] = set(issue.conflict_fields)
    for row in rows:
        changed.update(json.loads(row.changed))
    return changed


def _close(session: Any, issue_id: int, resolution: str) -> None:
    session.execute(
        text("UPDATE sync_issue SET status = 'resolved', resolved_at = :t, resolution = :r WHERE id = :id"),
        {"t": datetime.now(UTC).isoformat(timespec="seconds"), "r": resolution, "id": issue_id},
    )


def _issue(store: Store, issue_id: int, viewer: SignedIn | None) -> SyncIssue:
    for issue in open_issues(store):
        if issue.id == issue_id:
            if viewer is not None and not _may_see(issue, _visible_grids(store, viewer)):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "Only a mediator or the grid's leader can deal with a problem of a mediation record."))
            return issue
    raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "This sync problem was already dealt with."))


def take_server_value(store: Store, issue_id: int, *, viewer: SignedIn | None = None) -> None:
    """Conflict: keep the district's value; this station's unsent changes to the record are dropped."""
    issue = _issue(store, issue_id, viewer)
    if issue.server_payload is None or issue.server_version is None:
        raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "The server sent no value to take."))
    with store.write() as session:
        _settle_local_changes(session, issue)
        apply_record(session, kind=issue.kind, record_id=issue.record_id, version=issue.server_version,
                     payload=issue.server_payload, force=True)
        _close(session, issue.id, "server value taken")


def keep_station_value(store: Store, actor: Actor, issue_id: int, *, viewer: SignedIn | None = None) -> None:
    """Conflict: keep this station's current values of every field it changed, as one new change
    on top of the server's version (sent by the next sync)."""
    issue = _issue(store, issue_id, viewer)
    if issue.server_payload is None or issue.server_version is None:
        raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "The server sent no value to compare."))
    model = sync_kinds()[issue.kind]
    with store.unit_of_work(actor) as uow:
        local = uow.session.get(model, issue.record_id)
        if local is None:
            raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
        mine = local.model_dump()
        changed = _settle_local_changes(uow.session, issue)
        apply_record(uow.session, kind=issue.kind, record_id=issue.record_id, version=issue.server_version,
                     payload=issue.server_payload, force=True)
        record = uow.session.get(model, issue.record_id)
        assert record is not None
        if record.deleted:
            raise ValidationError(
                "issue", QT_TRANSLATE_NOOP("Errors", "The district deleted this record; take the district's value.")
            )
        if mine.get("deleted"):
            uow.delete(record)
        else:
            keep = changed - {"id", "version", "deleted", "grid_code", "author", "created_at", "updated_at"}
            uow.update(record, **{f: mine[f] for f in keep if f in model.model_fields})
        _close(uow.session, issue.id, "station value kept")


def resend(store: Store, issue_id: int, *, viewer: SignedIn | None = None) -> None:
    """Refusal: send the quarantined change again (after the cause was fixed, e.g. the grid was
    added to the station on the server)."""
    issue = _issue(store, issue_id, viewer)
    with store.write() as session:
        session.execute(text("UPDATE outbox SET state = 'pending', batch_id = NULL WHERE op_id = :op"),
                        {"op": issue.op_id})
        _close(session, issue.id, "re-sent")


# Identity, placement and bookkeeping: never typed, so never corrected in a form.
_FIXED_FIELDS = frozenset({"id", "version", "deleted", "grid_code", "author", "created_at", "updated_at", "day_id",
                           "seq", "follows_id", "amends_id", "closed_at", "late", "sha256", "size", "media_type",
                           "owner_kind", "owner_id"})
# What a record's workflow decides (a case's state and number, a service's status and history, who
# signed): set through the app's own steps and their rules, not corrected field by field.
_WORKFLOW_FIELDS = {
    "diary_day": frozenset({"day", "cover", "closed"}),
    "diary_item": frozenset({"retracted", "amend_reason"}),
    "service_record": frozenset({"item_code", "item_name", "status", "status_by", "status_at", "history",
                                 "completed_on"}),
    "mediation_case": frozenset({"committee_code", "year", "number", "case_no", "state", "registered_by",
                                 "accepted_on", "rejection_reason", "termination_reason", "other_routes_told",
                                 "extension_days", "extension_consent", "outcome", "closed_on", "archived_on",
                                 "performance", "judicial"}),
    "mediation_party": frozenset({"case_id"}),
    "mediation_transition": frozenset({"case_id", "from_state", "to_state", "at"}),
    "mediation_session": frozenset({"case_id", "draft", "draft_speaker"}),
    "mediation_statement": frozenset({"case_id", "session_id", "at"}),
    "mediation_agreement": frozenset({"case_id", "signed_party_ids", "mediator_signed", "seal_affixed",
                                      "effective_on", "content_sha256"}),
    "mediation_visit": frozenset({"case_id"}),
}


def editable_fields(kind: str) -> list[str]:
    """The fields of a record a person may correct before re-sending it: what was typed, not what
    identifies the record or what its workflow decides."""
    model = sync_kinds()[kind]
    fixed = _FIXED_FIELDS | _WORKFLOW_FIELDS.get(kind, frozenset())
    return [name for name in model.model_fields if name not in fixed]


def edit_and_resend(store: Store, actor: Actor, issue_id: int, changes: dict[str, Any], *,
                    viewer: SignedIn | None = None) -> None:
    """Refusal: correct the record and send it again.

    The record's unsent changes — the refused one and any made since — become one change from the
    refused change's base version (a create stays a create: the district never had the record),
    carrying the corrected values, so the district receives one consistent change."""
    issue = _issue(store, issue_id, viewer)
    if issue.issue != "rejected":
        raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "Only a refused change can be edited and re-sent."))
    model = sync_kinds()[issue.kind]
    bad = set(changes) - set(editable_fields(issue.kind))
    if bad:
        raise ValueError(f"fields that cannot be edited: {sorted(bad)}")
    with store.unit_of_work(actor) as uow:
        record = uow.session.get(model, issue.record_id)
        if record is None:
            raise ValidationError("issue", QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
        _check_correctable(uow.session, issue.kind, record, actor)
        try:
            model.model_validate({**record.model_dump(), **changes})
        except PydanticValidationError as exc:
            field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "record"
            raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "The value of “{name}” is not valid."),
                                  name=field) from None
        unsent = uow.session.execute(
            text("SELECT seq, op, base_version, changed FROM outbox WHERE kind = :k AND record_id = :r "
                 "AND state IN ('quarantined', 'pending') ORDER BY seq"),
            {"k": issue.kind, "r": issue.record_id},
        ).all()
        uow.update(record, **changes)
        # Every refusal of the record is answered by this one change.
        for other in uow.session.execute(
            text("SELECT id FROM sync_issue WHERE status = 'open' AND issue = 'rejected' AND kind = :k "
                 "AND record_id = :r"), {"k": issue.kind, "r": issue.record_id},
        ).scalars().all():
            _close(uow.session, other, "corrected and re-sent")
        if not unsent:
            return
        first = unsent[0]
        changed = set(changes)
        for row in unsent:
            changed.update(json.loads(row.changed))
        last = uow.session.execute(
            text("SELECT seq FROM outbox WHERE kind = :k AND record_id = :r ORDER BY seq DESC LIMIT 1"),
            {"k": issue.kind, "r": issue.record_id},
        ).scalar_one()
        op = "create" if first.op == "create" else ("delete" if record.deleted else "update")
        uow.session.execute(
            text("DELETE FROM outbox WHERE kind = :k AND record_id = :r AND state IN ('quarantined', 'pending') "
                 "AND seq != :last"),
            {"k": issue.kind, "r": issue.record_id, "last": last},
        )
        uow.session.execute(
            text("UPDATE outbox SET op = :op, base_version = :base, changed = :changed, state = 'pending', "
                 "batch_id = NULL WHERE seq = :last"),
            {"op": op, "base": first.base_version, "changed": json.dumps(sorted(changed)), "last": last},
        )


def _check_correctable(session: Any, kind: str, record: Any, actor: Actor) -> None:
    """The rules the record's own screens keep: a closed diary day (日清) and an agreement in effect
    are never changed again, and a diary is corrected only by its author."""
    if kind in ("diary_day", "diary_item", "diary_week_note") and record.author != actor.user_id:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only the diary's author can correct it."))
    day = record if kind == "diary_day" else (
        session.get(sync_kinds()["diary_day"], record.day_id) if kind == "diary_item" else None)
    if day is not None and day.closed:
        raise ValidationError("issue", QT_TRANSLATE_NOOP(
            "Errors", "This diary day is closed (日清) and can no longer be changed: send it again as it is, or "
                      "do not send it."))
    if kind == "mediation_agreement" and record.effective_on is not None:
        raise ValidationError("issue", QT_TRANSLATE_NOOP(
            "Errors", "This agreement has taken effect and can no longer be changed: send it again as it is, or "
                      "do not send it."))


def drop(store: Store, issue_id: int, *, viewer: SignedIn | None = None) -> None:
    """Refusal: give up sending this change (it stays on the station)."""
    issue = _issue(store, issue_id, viewer)
    with store.write() as session:
        _close(session, issue.id, "not sent")
