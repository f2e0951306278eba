"""Writing help-and-proxy records (帮代办, domain.md §5): registering a service for a resident,
ticking the materials received, moving it through its states, the resident's satisfaction.

Every write goes through the unit of work (outbox + audit). The resident's ID number and phone are
validated by ``domain.identity`` and stored in full; screens, lists, exports and printouts mask them,
and showing one in full is ``reveal_resident_field`` (audited by ``db.privacy.reveal``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from gridstation.db import privacy
from gridstation.db.catalogue import find_entry
from gridstation.db.clock import iso
from gridstation.db.diary import local_today
from gridstation.db.services_models import ServiceRecord
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor, UnitOfWork
from gridstation.domain import services as rules
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.domain.identity import normalise_phone, parse_id_number

REVEALABLE = {"resident_phone", "resident_id_number"}


def _history_with(record_history: str, change: rules.StatusChange) -> str:
    return json.dumps([*json.loads(record_history or "[]"), change.as_json()], ensure_ascii=False)


def register_service(
    store: Store, actor: Actor, *, grid_code: str, item_code: str, resident_name: str, received_on: date,
    resident_phone: str = "", resident_id_number: str = "", materials: Sequence[str] = (),
    promised_on: date | None = None, note: str = "",
) -> ServiceRecord:
    """受理: record a service request. The promised date follows from the item's time limit unless
    given (it may not fall before the date received)."""
    name = rules.check_resident_name(resident_name)
    phone = normalise_phone(resident_phone, field="resident_phone") if resident_phone.strip() else ""
    id_number = ""
    if resident_id_number.strip():
        id_number = parse_id_number(resident_id_number, field="resident_id_number", today=local_today(store)).value
    note = rules.clean_text(note, "note")
    with store.unit_of_work(actor) as uow:
        entry = find_entry(uow.session, item_code)
        item = rules.check_item_available(item_code, entry.item if entry else None,
                                          retired=bool(entry and entry.retired),
                                          hidden=bool(entry and entry.hidden))
        ticked = rules.check_materials(list(materials), item)
        promised = promised_on or rules.promised_date(received_on, item.time_limit_days, item.time_limit_kind)
        rules.check_dates(received_on, promised, local_today(store))
        change = rules.StatusChange(rules.ACCEPTED, actor.username, iso(store.clock.now()))
        return uow.create(
            ServiceRecord, grid_code=grid_code, item_code=item.code, item_name=item.name, resident_name=name,
            resident_phone=phone, resident_id_number=id_number, received_on=received_on, promised_on=promised,
            materials_received=json.dumps(list(ticked), ensure_ascii=False), status=rules.ACCEPTED,
            status_by=change.by, status_at=change.at, history=_history_with("[]", change), note=note,
        )


def _record(uow: UnitOfWork, record_id: str) -> ServiceRecord:
    record = uow.session.get(ServiceRecord, record_id)
    if record is None or record.deleted:
        raise ValidationError("record", QT_TRANSLATE_NOOP("Errors", "This service record no longer exists."))
    return record


def _open_record(uow: UnitOfWork, record_id: str) -> ServiceRecord:
    record = _record(uow, record_id)
    if record.status in rules.CLOSED_STATUSES:
        raise ValidationError("status", QT_TRANSLATE_NOOP(
            "Errors", "This record is closed ({status}) and can no longer be changed."),
            status=rules.STATUSES[record.status])
    return record


def change_status(store: Store, actor: Actor, record_id: str, *, status: str, result: str = "", note: str = "",
                  completed_on: date | None = None) -> ServiceRecord:
    """Move a record to ``status`` (办理中, 办结, 退回, 转办), recording who and when. Closing needs a result."""
    result = rules.clean_text(result, "result")
    note = rules.clean_text(note, "note", rules.MAX_STATUS_NOTE)
    with store.unit_of_work(actor) as uow:
        record = _record(uow, record_id)
        rules.check_transition(record.status, status, result=result or record.result)
        change = rules.StatusChange(status, actor.username, iso(store.clock.now()), note)
        changes: dict[str, object] = {"status": status, "status_by": change.by, "status_at": change.at,
                                      "history": _history_with(record.history, change)}
        if result:
            changes["result"] = result
        if status in rules.CLOSED_STATUSES:
            closed = completed_on or local_today(store)
            if closed < record.received_on:
                raise ValidationError("completed_on", QT_TRANSLATE_NOOP(
                    "Errors", "The completion date ({date}) is before the date received."), date=closed.isoformat())
            changes["completed_on"] = closed
        return uow.update(record, **changes)


def tick_materials(store: Store, actor: Actor, record_id: str, materials: Sequence[str]) -> ServiceRecord:
    """Replace the list of materials received (while the record is open)."""
    with store.unit_of_work(actor) as uow:
        record = _open_record(uow, record_id)
        entry = find_entry(uow.session, record.item_code)
        if entry is None:
            raise ValidationError("item_code", QT_TRANSLATE_NOOP(
                "Errors", "Service item {code} is not in the catalogue."), code=record.item_code)
        ticked = rules.check_materials(list(materials), entry.item)
        return uow.update(record, materials_received=json.dumps(list(ticked), ensure_ascii=False))


def set_satisfaction(store: Store, actor: Actor, record_id: str, satisfaction: str) -> ServiceRecord:
    rules.check_satisfaction(satisfaction)
    with store.unit_of_work(actor) as uow:
        return uow.update(_record(uow, record_id), satisfaction=satisfaction)


def remove_record(store: Store, actor: Actor, record_id: str) -> None:
    """Withdraw a record entered in error (tombstoned, so the removal syncs)."""
    with store.unit_of_work(actor) as uow:
        uow.delete(_record(uow, record_id))


def correct_resident(store: Store, actor: Actor, record_id: str, *, resident_name: str,
                     resident_phone: str | None = None, resident_id_number: str | None = None) -> ServiceRecord:
    """更正: put right the resident's name, phone or ID number entered wrongly, open or closed
    record alike (the service itself is not changed). ``None`` keeps the stored phone or ID
    number (the form shows them masked, so it cannot show them to be kept), ``""`` removes it.
    Everything is checked before anything is written; the audit entry names the fields changed,
    never their values."""
    changes: dict[str, object] = {"resident_name": rules.check_resident_name(resident_name)}
    if resident_phone is not None:
        changes["resident_phone"] = (normalise_phone(resident_phone, field="resident_phone")
                                     if resident_phone.strip() else "")
    if resident_id_number is not None:
        changes["resident_id_number"] = (parse_id_number(resident_id_number, field="resident_id_number",
                                                         today=local_today(store)).value
                                         if resident_id_number.strip() else "")
    with store.unit_of_work(actor) as uow:
        record = _record(uow, record_id)
        changed = {name: value for name, value in changes.items() if getattr(record, name) != value}
        if not changed:
            return record
        uow.audit("service.resident_corrected", target=f"{ServiceRecord.sync_kind}:{record_id}",
                  detail=", ".join(sorted(changed)))
        return uow.update(record, **changed)


def reveal_resident_field(store: Store, actor: Actor, record_id: str, field: str, reason: str = "") -> str:
    """The full phone or ID number of a record's resident, audited as a deliberate reveal."""
    if field not in REVEALABLE:
        raise ValueError(f"not a revealable field: {field}")
    with store.read() as session:
        record = session.get(ServiceRecord, record_id)
        if record is None:
            raise ValidationError("record", QT_TRANSLATE_NOOP("Errors", "This service record no longer exists."))
        value = str(getattr(record, field))
    return privacy.reveal(store, actor, kind=ServiceRecord.sync_kind, record_id=record_id, field=field, value=value,
                          reason=reason)
