"""Writing the work diary (工作日志): day pages, items, closing the day (日清), amendments,
follow-ups of open items, and week notes. Every write goes through the unit of work.

A closed day is locked: its items and header are never edited again. A correction is a new item
that ``amends`` the one it corrects (or retracts it), or a ``late`` item added to the closed day,
each with a reason; the original stays and is shown beside the correction. An open item carries
over to later days until a follow-up item (``follows_id``) closes it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, func, select

from gridstation.db.clock import iso
from gridstation.db.models import DiaryDay, DiaryItem, DiaryWeekNote
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor, UnitOfWork
from gridstation.domain import diary as rules
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

DAY_FIELDS = {"weather", "patrol_period", "patrol_route", "tomorrow_plan"}
ITEM_TEXT_FIELDS = {"place": rules.MAX_SHORT, "problem": rules.MAX_TEXT, "action": rules.MAX_TEXT,
                    "result": rules.MAX_TEXT}
ITEM_FIELDS = set(ITEM_TEXT_FIELDS) | {
    "time", "category", "hazard_type", "open", "escalated", "households", "special_households", "hazards_found",
    "hazards_rectified",
}


def local_today(store: Store) -> date:
    """The station's calendar day (local time of the station's clock)."""
    now: datetime = store.clock.now()
    return now.astimezone().date()


def _closed_error() -> ValidationError:
    return ValidationError(
        "day",
        QT_TRANSLATE_NOOP(
            "Errors", "This day is closed (日清) and cannot be edited. Record a correction as an amendment instead."
        ),
    )


def _clean_day_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - DAY_FIELDS
    if unknown:
        raise ValueError(f"not day fields: {sorted(unknown)}")
    limits = {"weather": rules.MAX_SHORT, "patrol_period": rules.MAX_SHORT}
    return {k: rules.clean_text(str(v), k, limits.get(k, rules.MAX_TEXT)) for k, v in fields.items()}


def _clean_time(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return datetime.strptime(value, "%H:%M").strftime("%H:%M")
    except ValueError:
        raise ValidationError(
            "time", QT_TRANSLATE_NOOP("Errors", "Time “{value}” must look like 09:30."), value=value
        ) from None


def clean_item_fields(
    fields: dict[str, Any], *, partial: bool = False, base: DiaryItem | None = None, outstanding: int = 0
) -> dict[str, Any]:
    """Validate item fields (all of them, or the changed ones on top of ``base``); ``outstanding``:
    for a follow-up, the hazards its chain found and has not rectified (``_outstanding_hazards``)."""
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise ValueError(f"not item fields: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for key, limit in ITEM_TEXT_FIELDS.items():
        if key in fields:
            out[key] = rules.clean_text(str(fields[key] or ""), key, limit)
    if "time" in fields:
        out["time"] = _clean_time(str(fields["time"] or ""))
    for key in ("open", "escalated"):
        if key in fields:
            out[key] = bool(fields[key])
    for key in ("households", "special_households", "hazards_found", "hazards_rectified"):
        if key in fields:
            out[key] = rules.check_count(int(fields[key] or 0), key)
    merged = {**(base.model_dump() if base is not None else {}), **fields, **out}
    category = merged.get("category", "")
    hazard = merged.get("hazard_type") or None
    if category != "hazard":
        hazard = None
    rules.check_category(category, hazard)
    out["category"], out["hazard_type"] = category, hazard
    rules.check_item_counts(int(merged.get("households") or 0), int(merged.get("special_households") or 0),
                            int(merged.get("hazards_found") or 0), int(merged.get("hazards_rectified") or 0),
                            outstanding=outstanding)
    if not any((merged.get(k) or "").strip() for k in ("problem", "action", "result")):
        raise ValidationError(
            "problem",
            QT_TRANSLATE_NOOP("Errors", "An item needs some text: what happened, what was done or the result."),
        )
    if partial:
        return {k: v for k, v in out.items() if k in fields or k in {"category", "hazard_type"}}
    return out


# -- day pages -----------------------------------------------------------------------------------

def find_day(session: Session, *, author: str, grid_code: str, day: date) -> DiaryDay | None:
    return session.exec(
        select(DiaryDay).where(DiaryDay.author == author, DiaryDay.grid_code == grid_code, DiaryDay.day == day,
                               DiaryDay.deleted == False)  # noqa: E712
    ).first()


def open_day(store: Store, actor: Actor, *, grid_code: str, day: date, cover: bool = False,
             **fields: Any) -> DiaryDay:
    """Start the diary page of ``day``; refuses a second page for the same author, grid and day."""
    rules.check_diary_date(day, local_today(store))
    cleaned = _clean_day_fields(fields)
    with store.unit_of_work(actor) as uow:
        if find_day(uow.session, author=actor.user_id, grid_code=grid_code, day=day) is not None:
            raise ValidationError(
                "date",
                QT_TRANSLATE_NOOP("Errors", "There is already a diary for {date} in grid {grid}; open it instead."),
                date=day.isoformat(),
                grid=grid_code,
            )
        return uow.create(DiaryDay, grid_code=grid_code, day=day, cover=cover, **cleaned)


def _open_day_for_edit(uow: UnitOfWork, day_id: str) -> DiaryDay:
    page = uow.session.get(DiaryDay, day_id)
    if page is None or page.deleted:
        raise ValidationError("day", QT_TRANSLATE_NOOP("Errors", "This diary page no longer exists."))
    if page.closed:
        raise _closed_error()
    return page


def update_day(store: Store, actor: Actor, day_id: str, **fields: Any) -> DiaryDay:
    cleaned = _clean_day_fields(fields)
    with store.unit_of_work(actor) as uow:
        return uow.update(_open_day_for_edit(uow, day_id), **cleaned)


def close_day(store: Store, actor: Actor, day_id: str) -> DiaryDay:
    """日清: lock the page. Open items stay open and carry over to the next days."""
    with store.unit_of_work(actor) as uow:
        page = _open_day_for_edit(uow, day_id)
        return uow.update(page, closed=True, closed_at=iso(store.clock.now()))


# -- items ---------------------------------------------------------------------------------------

def _next_seq(session: Session, day_id: str) -> int:
    last = session.exec(select(func.max(DiaryItem.seq)).where(DiaryItem.day_id == day_id,
                                                            DiaryItem.deleted == False)).one()  # noqa: E712
    return int(last or 0) + 1


def _outstanding_hazards(session: Any, follows_id: str | None) -> int:
    """Hazards found and not rectified along the chain of items a follow-up continues (the item
    it follows, the one that followed, …): a follow-up may report them rectified."""
    balance, seen = 0, set()
    while follows_id is not None and follows_id not in seen:
        seen.add(follows_id)
        earlier = session.get(DiaryItem, follows_id)
        if earlier is None:
            break
        balance += earlier.hazards_found - earlier.hazards_rectified
        follows_id = earlier.follows_id
    return max(balance, 0)


def _create_item(uow: UnitOfWork, page: DiaryDay, fields: dict[str, Any], **links: Any) -> DiaryItem:
    seq = links.pop("seq", None) or _next_seq(uow.session, page.id)
    return uow.create(DiaryItem, grid_code=page.grid_code, day_id=page.id, seq=seq, **fields, **links)


def add_item(store: Store, actor: Actor, day_id: str, **fields: Any) -> DiaryItem:
    cleaned = clean_item_fields(fields)
    with store.unit_of_work(actor) as uow:
        return _create_item(uow, _open_day_for_edit(uow, day_id), cleaned)


def _item_on_open_day(uow: UnitOfWork, item_id: str) -> DiaryItem:
    item = uow.session.get(DiaryItem, item_id)
    if item is None or item.deleted:
        raise ValidationError("item", QT_TRANSLATE_NOOP("Errors", "This diary item no longer exists."))
    _open_day_for_edit(uow, item.day_id)
    return item


def update_item(store: Store, actor: Actor, item_id: str, **fields: Any) -> DiaryItem:
    with store.unit_of_work(actor) as uow:
        item = _item_on_open_day(uow, item_id)
        return uow.update(item, **clean_item_fields(fields, partial=True, base=item,
                                                    outstanding=_outstanding_hazards(uow.session, item.follows_id)))


def remove_item(store: Store, actor: Actor, item_id: str) -> None:
    """Remove an item of a page not yet closed; the items after it move up one number, so the
    sheet printed has no gap (a closed page's numbers never change: corrections refer to them)."""
    with store.unit_of_work(actor) as uow:
        item = _item_on_open_day(uow, item_id)
        uow.delete(item)
        later = uow.session.exec(
            select(DiaryItem).where(DiaryItem.day_id == item.day_id, DiaryItem.deleted == False,  # noqa: E712
                                    DiaryItem.seq > item.seq).order_by(DiaryItem.seq)  # type: ignore[arg-type]
        ).all()
        for moved in later:
            uow.update(moved, seq=moved.seq - 1)


def follow_up(store: Store, actor: Actor, item_id: str, *, day_id: str, **fields: Any) -> DiaryItem:
    """Continue or close an earlier open item on the page ``day_id`` (usually today's)."""
    with store.unit_of_work(actor) as uow:
        page = _open_day_for_edit(uow, day_id)
        earlier = uow.session.get(DiaryItem, item_id)
        if earlier is None or earlier.deleted or not earlier.open:
            raise ValidationError("item", QT_TRANSLATE_NOOP("Errors", "This item is no longer open."))
        base = {"category": earlier.category, "hazard_type": earlier.hazard_type, "place": earlier.place,
                "problem": earlier.problem}
        cleaned = clean_item_fields({**base, **fields}, outstanding=_outstanding_hazards(uow.session, earlier.id))
        return _create_item(uow, page, cleaned, follows_id=earlier.id)


def copy_from_previous(store: Store, actor: Actor, day_id: str) -> list[DiaryItem]:
    """Copy the recurring rounds of the author's previous page: category, time, place and what was
    done; the result is left for today."""
    with store.unit_of_work(actor) as uow:
        page = _open_day_for_edit(uow, day_id)
        previous = uow.session.exec(
            select(DiaryDay).where(DiaryDay.author == page.author, DiaryDay.grid_code == page.grid_code,
                                   DiaryDay.day < page.day, DiaryDay.deleted == False)  # noqa: E712
            .order_by(DiaryDay.day.desc()).limit(1)  # type: ignore[attr-defined]
        ).first()
        if previous is None:
            return []
        sources = uow.session.exec(
            select(DiaryItem).where(DiaryItem.day_id == previous.id, DiaryItem.deleted == False,  # noqa: E712
                                    DiaryItem.amends_id == None, DiaryItem.follows_id == None)  # noqa: E711
            .order_by(DiaryItem.seq)  # type: ignore[arg-type]
        ).all()
        copied = []
        for source in sources:
            fields = {"category": source.category, "hazard_type": source.hazard_type, "time": source.time,
                      "place": source.place, "problem": source.problem, "action": source.action}
            if not (source.problem or source.action):
                continue
            copied.append(_create_item(uow, page, clean_item_fields(fields)))
        return copied


# -- amendments of closed days -------------------------------------------------------------------

def _reason(reason: str) -> str:
    reason = rules.clean_text(reason, "amend_reason", rules.MAX_SHORT * 2)
    if not reason:
        raise ValidationError("amend_reason", QT_TRANSLATE_NOOP("Errors", "Say why the closed day is corrected."))
    return reason


def _closed_item(uow: UnitOfWork, item_id: str) -> tuple[DiaryItem, DiaryDay]:
    item = uow.session.get(DiaryItem, item_id)
    if item is None or item.deleted:
        raise ValidationError("item", QT_TRANSLATE_NOOP("Errors", "This diary item no longer exists."))
    page = uow.session.get(DiaryDay, item.day_id)
    assert page is not None
    if not page.closed:
        raise ValidationError(
            "item", QT_TRANSLATE_NOOP("Errors", "The day is still open: edit the item directly.")
        )
    superseded = uow.session.exec(
        select(DiaryItem.id).where(DiaryItem.amends_id == item.id, DiaryItem.deleted == False)  # noqa: E712
    ).first()
    if superseded is not None:
        raise ValidationError(
            "item", QT_TRANSLATE_NOOP("Errors", "This item was already corrected; amend the latest correction.")
        )
    return item, page


def amend_item(store: Store, actor: Actor, item_id: str, *, reason: str, **fields: Any) -> DiaryItem:
    """Correct an item of a closed day: a new item that replaces it in every count and print."""
    reason = _reason(reason)
    with store.unit_of_work(actor) as uow:
        item, page = _closed_item(uow, item_id)
        current = {k: getattr(item, k) for k in ITEM_FIELDS}
        outstanding = _outstanding_hazards(uow.session, item.follows_id)
        cleaned = clean_item_fields({**current, **fields}, outstanding=outstanding)
        return _create_item(uow, page, cleaned, seq=item.seq, amends_id=item.id, follows_id=item.follows_id,
                            amend_reason=reason)


def retract_item(store: Store, actor: Actor, item_id: str, *, reason: str) -> DiaryItem:
    """Withdraw an item of a closed day (recorded in error); it stays visible as withdrawn."""
    reason = _reason(reason)
    with store.unit_of_work(actor) as uow:
        item, page = _closed_item(uow, item_id)
        current = clean_item_fields({k: getattr(item, k) for k in ITEM_FIELDS},
                                    outstanding=_outstanding_hazards(uow.session, item.follows_id))
        return _create_item(uow, page, current, seq=item.seq, amends_id=item.id, retracted=True,
                            amend_reason=reason)


def add_late_item(store: Store, actor: Actor, day_id: str, *, reason: str, **fields: Any) -> DiaryItem:
    """Add an item forgotten on a closed day."""
    reason = _reason(reason)
    cleaned = clean_item_fields(fields)
    with store.unit_of_work(actor) as uow:
        page = uow.session.get(DiaryDay, day_id)
        if page is None or page.deleted:
            raise ValidationError("day", QT_TRANSLATE_NOOP("Errors", "This diary page no longer exists."))
        if not page.closed:
            return _create_item(uow, page, cleaned)
        return _create_item(uow, page, cleaned, late=True, amend_reason=reason)


# -- week notes ----------------------------------------------------------------------------------

def set_week_note(store: Store, actor: Actor, *, grid_code: str, week_start: date, note: str,
                  next_week_focus: str = "") -> DiaryWeekNote:
    monday = rules.week_start(week_start)
    note = rules.clean_text(note, "note")
    next_week_focus = rules.clean_text(next_week_focus, "next_week_focus")
    with store.unit_of_work(actor) as uow:
        existing = uow.session.exec(
            select(DiaryWeekNote).where(DiaryWeekNote.author == actor.user_id, DiaryWeekNote.grid_code == grid_code,
                                        DiaryWeekNote.week_start == monday,
                                        DiaryWeekNote.deleted == False)  # noqa: E712
        ).first()
        if existing is None:
            return uow.create(DiaryWeekNote, grid_code=grid_code, week_start=monday, note=note,
                              next_week_focus=next_week_focus)
        return uow.update(existing, note=note, next_week_focus=next_week_focus)
