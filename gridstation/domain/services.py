"""Convenience services (便民服务清单) and help-and-proxy records (帮代办), domain.md §5: the
catalogue document, the status machine, promised dates, overdue and due-soon, and validation.

Status machine: 受理 (accepted) → 办理中 (in progress) → 办结 (completed) / 退回 (returned) /
转办 (transferred); an accepted record may also close directly. The three closing states are final
and need a result (what was done, why it was returned, or to whom it was passed on). Every change
of status records who and when.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.domain.redaction import redact_numbers
from gridstation.domain.working_days import add_working_days

ACCEPTED, IN_PROGRESS, COMPLETED, RETURNED, TRANSFERRED = "accepted", "in_progress", "completed", "returned", \
    "transferred"
STATUSES: dict[str, str] = {
    ACCEPTED: "受理",
    IN_PROGRESS: "办理中",
    COMPLETED: "办结",
    RETURNED: "退回",
    TRANSFERRED: "转办",
}
CLOSED_STATUSES = frozenset({COMPLETED, RETURNED, TRANSFERRED})
TRANSITIONS: dict[str, frozenset[str]] = {
    ACCEPTED: frozenset({IN_PROGRESS, COMPLETED, RETURNED, TRANSFERRED}),
    IN_PROGRESS: frozenset({COMPLETED, RETURNED, TRANSFERRED}),
    COMPLETED: frozenset(),
    RETURNED: frozenset(),
    TRANSFERRED: frozenset(),
}
SATISFACTION: dict[str, str] = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}
TIME_LIMIT_KINDS: dict[str, str] = {"working": "工作日", "calendar": "自然日"}
LEVELS = ("社区", "街道", "区", "市")

DUE_SOON_DAYS = 2  # open records due today or within this many calendar days stand out
MAX_NAME = 40
MAX_TEXT = 1000  # a record's note, a closing result
MAX_STATUS_NOTE = MAX_NAME * 5  # the note of one status change (``db.services.change_status``)
MAX_TIME_LIMIT = 365
MAX_MATERIALS = 30


# -- catalogue -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CatalogueItem:
    """One service of the district's list, as published (reference data, not a station record)."""

    code: str
    name: str
    category: str
    department: str
    level: str
    materials: tuple[str, ...]
    time_limit_days: int
    time_limit_kind: str  # "working" or "calendar"
    proxy: bool

    @property
    def time_limit_text(self) -> str:
        if self.time_limit_days == 0:
            return "即时办理"
        return f"{self.time_limit_days}个{TIME_LIMIT_KINDS[self.time_limit_kind]}"


@dataclass(frozen=True)
class CatalogueDocument:
    version: int
    items: tuple[CatalogueItem, ...]


def _catalogue_error(where: str, template: str, **params: Any) -> ValidationError:
    return ValidationError("catalogue", template, where=where, **params)


def _text(raw: Any, where: str, name: str, limit: int = 100) -> str:
    if not isinstance(raw, str) or not raw.strip() or len(raw.strip()) > limit:
        raise _catalogue_error(where, QT_TRANSLATE_NOOP(
            "Errors", "Catalogue {where}: \"{name}\" must be text of 1 to {limit} characters."), name=name,
            limit=limit)
    return raw.strip()


def parse_catalogue(document: Any) -> CatalogueDocument:
    """Check a catalogue JSON document (``{"version": N, "items": [...]}``); raise ``ValidationError``
    naming the first bad item and field."""
    if not isinstance(document, Mapping):
        raise _catalogue_error("document", QT_TRANSLATE_NOOP("Errors", "Catalogue {where}: not a JSON object."))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _catalogue_error("document", QT_TRANSLATE_NOOP(
            "Errors", "Catalogue {where}: \"version\" must be a whole number from 1."))
    raw_items = document.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise _catalogue_error("document", QT_TRANSLATE_NOOP(
            "Errors", "Catalogue {where}: \"items\" must be a non-empty list."))
    items: list[CatalogueItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_items, start=1):
        where = f"item {index}"
        if not isinstance(raw, Mapping):
            raise _catalogue_error(where, QT_TRANSLATE_NOOP("Errors", "Catalogue {where}: not a JSON object."))
        code = _text(raw.get("code"), where, "code", 20)
        where = f"item {index} ({code})"
        if code in seen:
            raise _catalogue_error(where, QT_TRANSLATE_NOOP("Errors", "Catalogue {where}: the code is used twice."))
        seen.add(code)
        materials = raw.get("materials", [])
        if not isinstance(materials, list) or len(materials) > MAX_MATERIALS:
            raise _catalogue_error(where, QT_TRANSLATE_NOOP(
                "Errors", "Catalogue {where}: \"materials\" must be a list of at most {n} texts."), n=MAX_MATERIALS)
        limit = raw.get("time_limit")
        days = limit.get("days") if isinstance(limit, Mapping) else None
        kind = limit.get("kind") if isinstance(limit, Mapping) else None
        if (not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_TIME_LIMIT
                or kind not in TIME_LIMIT_KINDS):
            raise _catalogue_error(where, QT_TRANSLATE_NOOP(
                "Errors", "Catalogue {where}: \"time_limit\" must be {{\"days\": 0 to {n}, "
                          "\"kind\": \"working\" or \"calendar\"}}."), n=MAX_TIME_LIMIT)
        proxy = raw.get("proxy")
        if not isinstance(proxy, bool):
            raise _catalogue_error(where, QT_TRANSLATE_NOOP(
                "Errors", "Catalogue {where}: \"proxy\" must be true or false."))
        items.append(CatalogueItem(
            code=code, name=_text(raw.get("name"), where, "name"),
            category=_text(raw.get("category"), where, "category"),
            department=_text(raw.get("department"), where, "department"),
            level=_text(raw.get("level"), where, "level", 20),
            materials=tuple(_text(m, where, "materials") for m in materials), time_limit_days=days,
            time_limit_kind=kind, proxy=proxy,
        ))
    return CatalogueDocument(version=version, items=tuple(items))


# -- dates ---------------------------------------------------------------------------------------

def promised_date(received: date, days: int, kind: str) -> date:
    """The promised completion date: ``days`` working days (weekends and public holidays skipped)
    or calendar days after the day received."""
    if kind == "working":
        return add_working_days(received, days)
    if kind == "calendar":
        return received + timedelta(days=days)
    raise ValueError(f"unknown time limit kind {kind!r}")


def is_overdue(status: str, promised: date, today: date) -> bool:
    """Overdue = not closed by the promised date (domain.md §5)."""
    return status not in CLOSED_STATUSES and today > promised


def is_closed_late(status: str, promised: date, completed: date | None) -> bool:
    """Closed after the promised date (逾期办结): overdue too, though no longer open. A closed record
    without a completion date is neither late nor on time."""
    return status in CLOSED_STATUSES and completed is not None and completed > promised


def is_due_soon(status: str, promised: date, today: date) -> bool:
    return status not in CLOSED_STATUSES and today <= promised <= today + timedelta(days=DUE_SOON_DAYS)


def deadline_state(status: str, promised: date, today: date) -> str:
    """"overdue", "due_soon" or "" (closed, or comfortably within time)."""
    if is_overdue(status, promised, today):
        return "overdue"
    if is_due_soon(status, promised, today):
        return "due_soon"
    return ""


# -- validation ----------------------------------------------------------------------------------

# The words naming each checked text field in messages ({label}); the UI translates them in "Errors"
# (``ui.messages.error_text`` translates string parameters), so the user never sees a field's code name.
FIELD_LABELS: dict[str, str] = {
    "result": QT_TRANSLATE_NOOP("Errors", "The result"),
    "note": QT_TRANSLATE_NOOP("Errors", "The note"),
    "resident_name": QT_TRANSLATE_NOOP("Errors", "The resident's name"),
}


def clean_text(value: str, field_name: str, limit: int = MAX_TEXT) -> str:
    """``value`` stripped; refused (naming the field in words) when longer than ``limit`` or holding
    control characters. The length counted is that of the stripped text, as the forms count it."""
    value = (value or "").strip()
    label = FIELD_LABELS.get(field_name, QT_TRANSLATE_NOOP("Errors", "The text"))
    if len(value) > limit:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP(
            "Errors", "{label} is too long: at most {limit} characters, {count} entered."),
            label=label, limit=limit, count=len(value))
    if any(not (c.isprintable() or c in "\n\t") for c in value):
        raise ValidationError(field_name, QT_TRANSLATE_NOOP(
            "Errors", "{label} holds control characters; please retype it."), label=label)
    return value


def check_resident_name(value: str) -> str:
    value = clean_text(value, "resident_name", MAX_NAME)
    if not value:
        raise ValidationError("resident_name", QT_TRANSLATE_NOOP("Errors", "Enter the resident's name."))
    return value


def check_item_available(code: str, item: CatalogueItem | None, *, retired: bool, hidden: bool = False
                         ) -> CatalogueItem:
    if item is None:
        raise ValidationError("item_code", QT_TRANSLATE_NOOP(
            "Errors", "Service item {code} is not in the catalogue."), code=code)
    if retired:
        raise ValidationError("item_code", QT_TRANSLATE_NOOP(
            "Errors", "Service item \"{name}\" was retired from the catalogue; choose a current item."),
            name=item.name)
    if hidden:
        raise ValidationError("item_code", QT_TRANSLATE_NOOP(
            "Errors", "This station does not offer \"{name}\" (hidden by the station admin)."), name=item.name)
    return item


def check_materials(received: Sequence[str], item: CatalogueItem) -> tuple[str, ...]:
    """Materials ticked, in the catalogue's order; each must be one of the item's materials."""
    unknown = [m for m in received if m not in item.materials]
    if unknown:
        raise ValidationError("materials", QT_TRANSLATE_NOOP(
            "Errors", "\"{material}\" is not a material of \"{name}\"."), material=unknown[0], name=item.name)
    return tuple(m for m in item.materials if m in set(received))


def check_dates(received: date, promised: date, today: date) -> None:
    if received > today:
        raise ValidationError("received_on", QT_TRANSLATE_NOOP(
            "Errors", "The date received ({date}) is in the future."), date=received.isoformat())
    if promised < received:
        raise ValidationError("promised_on", QT_TRANSLATE_NOOP(
            "Errors", "The promised date ({promised}) is before the date received ({received})."),
            promised=promised.isoformat(), received=received.isoformat())


def check_transition(current: str, new: str, *, result: str) -> None:
    """A status change allowed by the machine; a closing state needs a result."""
    if new not in STATUSES:
        raise ValueError(f"unknown status {new!r}")
    if new not in TRANSITIONS[current]:
        raise ValidationError("status", QT_TRANSLATE_NOOP(
            "Errors", "A record in status {current} cannot move to {new}."),
            current=STATUSES[current], new=STATUSES[new])
    if new in CLOSED_STATUSES and not result.strip():
        raise ValidationError("result", QT_TRANSLATE_NOOP(
            "Errors", "Enter the result before closing the record as {new}."), new=STATUSES[new])


def check_satisfaction(value: str) -> str:
    if value and value not in SATISFACTION:
        raise ValueError(f"unknown satisfaction {value!r}")
    return value


@dataclass(frozen=True)
class StatusChange:
    """One step of a record's history: the new status, who made it and when (ISO time)."""

    status: str
    by: str
    at: str
    note: str = ""

    def as_json(self) -> dict[str, str]:
        return {"status": self.status, "by": self.by, "at": self.at, "note": self.note}


@dataclass(frozen=True)
class ServiceView:
    """A record as lists, exports and receipts show it: personal values masked."""

    id: str
    grid_code: str
    item_code: str
    item_name: str
    resident_name: str
    phone_masked: str
    id_number_masked: str
    received_on: date
    promised_on: date
    materials: tuple[str, ...]
    status: str
    status_by: str
    status_at: str
    history: tuple[StatusChange, ...]
    completed_on: date | None
    result: str
    satisfaction: str
    note: str
    deadline: str  # "overdue", "due_soon" or "" at the day asked

    @property
    def status_name(self) -> str:
        return STATUSES[self.status]

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def redacted(self) -> ServiceView:
        """The record with the ID and mobile numbers typed into its free texts (result, note, the
        notes of its status changes) masked (``domain.redaction``), for lists, printouts and exports;
        never for an editor, which would store the masks."""
        return replace(self, result=redact_numbers(self.result), note=redact_numbers(self.note),
                       history=tuple(replace(step, note=redact_numbers(step.note)) if step.note else step
                                     for step in self.history))


@dataclass
class MonthStatistics:
    """Counts of a period's service records: by item, by status, by month; overdue at ``today``.

    Overdue = not closed by the promised date (domain.md §5), so it has two parts: ``overdue``, the
    records still open after their promised date (at ``today``), and ``closed_late``, those closed
    after it. The closed records split into ``closed_on_time`` + ``closed_late`` +
    ``closed_undated`` (closed without a completion date, which cannot be judged) = ``closed``.
    """

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_item: list[tuple[str, str, int]] = field(default_factory=list)  # (code, name, count), most first
    by_month: list[tuple[str, int]] = field(default_factory=list)  # ("2026-03", count)
    overdue: int = 0  # still open after the promised date
    closed_on_time: int = 0  # closed (办结, 退回 or 转办) on or before the promised date
    closed_late: int = 0  # closed after the promised date (逾期办结)
    closed_undated: int = 0  # closed without a completion date

    @property
    def closed(self) -> int:
        """Records in a closing state (办结, 退回, 转办)."""
        return sum(self.by_status.get(code, 0) for code in CLOSED_STATUSES)
