"""Reading service records: the list with deadlines, the overdue list, statistics by item, status
and month, and the residents' personal values the notice-board guard must never print.

Statistics are plain SQL aggregates over the indexed ``received_on`` column, so a month over
100,000 records is counted in milliseconds (``bench/services_bench.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from gridstation.db.services_models import ServiceRecord
from gridstation.db.store import Store
from gridstation.domain import services as rules
from gridstation.domain.identity import mask_id_number, mask_phone
from gridstation.domain.services import ServiceView

__all__ = ["ServiceView"]


def to_view(record: ServiceRecord, today: date) -> ServiceView:
    history = tuple(rules.StatusChange(**step) for step in json.loads(record.history or "[]"))
    return ServiceView(
        id=record.id, grid_code=record.grid_code, item_code=record.item_code, item_name=record.item_name,
        resident_name=record.resident_name, phone_masked=mask_phone(record.resident_phone),
        id_number_masked=mask_id_number(record.resident_id_number), received_on=record.received_on,
        promised_on=record.promised_on, materials=tuple(json.loads(record.materials_received or "[]")),
        status=record.status, status_by=record.status_by, status_at=record.status_at, history=history,
        completed_on=record.completed_on, result=record.result, satisfaction=record.satisfaction, note=record.note,
        deadline=rules.deadline_state(record.status, record.promised_on, today),
    )


def get_record(store: Store, record_id: str, *, today: date) -> ServiceView | None:
    with store.read() as session:
        record = session.get(ServiceRecord, record_id)
        return None if record is None or record.deleted else to_view(record, today)


@dataclass(frozen=True)
class RecordFilter:
    """Which records a list shows: all, open only, or overdue at the day asked; a text search."""

    open_only: bool = False
    overdue: bool = False
    received_from: date | None = None
    received_to: date | None = None
    search: str = ""


def _filtered(query: Any, flt: RecordFilter, today: date) -> Any:
    query = query.where(ServiceRecord.deleted == False)  # noqa: E712
    if flt.open_only or flt.overdue:
        query = query.where(col(ServiceRecord.status).not_in(rules.CLOSED_STATUSES))
    if flt.overdue:
        query = query.where(ServiceRecord.promised_on < today)
    if flt.received_from:
        query = query.where(ServiceRecord.received_on >= flt.received_from)
    if flt.received_to:
        query = query.where(ServiceRecord.received_on <= flt.received_to)
    if flt.search.strip():
        like = f"%{flt.search.strip()}%"
        query = query.where(col(ServiceRecord.resident_name).like(like) | col(ServiceRecord.item_name).like(like))
    return query


def list_records(session: Session, *, today: date, flt: RecordFilter | None = None, limit: int | None = None,
                 offset: int = 0) -> list[ServiceView]:
    """Records newest first (by date received), filtered; ``limit``/``offset`` page through them."""
    query = _filtered(select(ServiceRecord), flt or RecordFilter(), today)
    query = query.order_by(col(ServiceRecord.received_on).desc(), col(ServiceRecord.id).desc())
    if limit:
        query = query.limit(limit).offset(offset)
    return [to_view(r, today) for r in session.exec(query).all()]


def count_records(session: Session, *, today: date, flt: RecordFilter | None = None) -> int:
    return int(session.exec(_filtered(select(func.count()).select_from(ServiceRecord), flt or RecordFilter(),
                                      today)).one())


def overdue_records(store: Store, *, today: date) -> list[ServiceView]:
    """Open records past their promised date, the longest overdue first."""
    with store.read() as session:
        query = (select(ServiceRecord)
                 .where(ServiceRecord.deleted == False, col(ServiceRecord.status).not_in(rules.CLOSED_STATUSES),  # noqa: E712
                        ServiceRecord.promised_on < today)
                 .order_by(col(ServiceRecord.promised_on)))
        return [to_view(r, today) for r in session.exec(query).all()]


def deadline_counts(store: Store, *, today: date) -> tuple[int, int]:
    """(overdue, due soon) open records, for the home page."""
    soon_until = date.fromordinal(today.toordinal() + rules.DUE_SOON_DAYS)
    placeholders = ",".join("?" * len(rules.CLOSED_STATUSES))
    with store.read() as session:
        row = session.connection().exec_driver_sql(
            f"""SELECT SUM(promised_on < ?), SUM(promised_on >= ? AND promised_on <= ?) FROM service_record
                WHERE deleted = 0 AND status NOT IN ({placeholders})""",
            (today.isoformat(), today.isoformat(), soon_until.isoformat(), *sorted(rules.CLOSED_STATUSES)),
        ).one()
    return int(row[0] or 0), int(row[1] or 0)


def _month_bounds(year: int, month: int) -> tuple[str, str]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first.isoformat(), following.isoformat()


def month_statistics(store: Store, *, year: int, month: int, today: date) -> rules.MonthStatistics:
    """Counts of the records received in the month: by status, by item; the open ones overdue at
    ``today``, the closed ones on time, late or without a completion date; and the month-by-month
    totals of the year up to that month."""
    start, end = _month_bounds(year, month)
    closed = sorted(rules.CLOSED_STATUSES)
    stats = rules.MonthStatistics(by_status=dict.fromkeys(rules.STATUSES, 0))
    with store.read() as session:
        conn = session.connection()
        where = "deleted = 0 AND received_on >= ? AND received_on < ?"
        for status, count in conn.exec_driver_sql(
                f"SELECT status, COUNT(*) FROM service_record WHERE {where} GROUP BY status", (start, end)):
            stats.by_status[status] = int(count)
        stats.total = sum(stats.by_status.values())
        stats.by_item = [(code, name, int(n)) for code, name, n in conn.exec_driver_sql(
            f"""SELECT item_code, MAX(item_name), COUNT(*) AS n FROM service_record WHERE {where}
                GROUP BY item_code ORDER BY n DESC, item_code""", (start, end))]
        # As rules.is_overdue, and for the closed ones rules.is_closed_late: on time + late + undated = closed.
        is_closed = f"status IN ({', '.join('?' * len(closed))})"
        row = conn.exec_driver_sql(
            f"""SELECT SUM(NOT {is_closed} AND promised_on < ?),
                       SUM({is_closed} AND completed_on <= promised_on),
                       SUM({is_closed} AND completed_on > promised_on),
                       SUM({is_closed} AND completed_on IS NULL)
                FROM service_record WHERE {where}""",
            (*closed, today.isoformat(), *closed, *closed, *closed, start, end)).one()
        stats.overdue, stats.closed_on_time, stats.closed_late, stats.closed_undated = (int(n or 0) for n in row)
        year_start, _ = _month_bounds(year, 1)
        stats.by_month = [(str(m), int(n)) for m, n in conn.exec_driver_sql(
            """SELECT substr(received_on, 1, 7) AS m, COUNT(*) FROM service_record
               WHERE deleted = 0 AND received_on >= ? AND received_on < ? GROUP BY m ORDER BY m""",
            (year_start, end))]
    return stats


# Where the station keeps residents' names, phones and ID numbers: (table, condition, columns).
# Mediation parties count when they are people (an organisation's name is public).
RESIDENT_SOURCES = (
    ("service_record", "1", ("resident_name", "resident_phone", "resident_id_number")),
    ("mediation_party", "kind = 'person'", ("name", "phone", "id_number")),
)


def resident_personal_values(session: Session) -> set[str]:
    """Every resident name, ID number and phone the station holds (the values the notice-board
    guard refuses to print). A record kind with residents adds itself to ``RESIDENT_SOURCES``."""
    values: set[str] = set()
    conn = session.connection()
    for table, condition, columns in RESIDENT_SOURCES:
        for row in conn.exec_driver_sql(f"SELECT DISTINCT {', '.join(columns)} FROM {table} WHERE {condition}"):
            values.update(v for v in row if v)
    return values


class ResidentValues:
    """The residents' personal values (``RESIDENT_SOURCES``), looked up through the indexes on
    their columns (a ``PersonalLookup`` for the notice-board guard): nothing is loaded wholesale."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def lengths(self) -> set[int]:
        with self.store.read() as session:
            conn = session.connection()
            return {int(n) for table, condition, columns in RESIDENT_SOURCES for column in columns
                    for (n,) in conn.exec_driver_sql(
                        f"SELECT DISTINCT length({column}) FROM {table} WHERE {column} != '' AND {condition}")}

    def find(self, candidates: set[str]) -> set[str]:
        if not candidates:
            return set()
        probes = " OR ".join(f"EXISTS (SELECT 1 FROM {table} r WHERE r.{column} = j.value AND {condition})"
                             for table, condition, columns in RESIDENT_SOURCES for column in columns)
        with self.store.read() as session:
            rows = session.connection().exec_driver_sql(
                f"SELECT DISTINCT j.value FROM json_each(?) j WHERE {probes}",
                (json.dumps(sorted(candidates), ensure_ascii=False),))
            return {str(value) for (value,) in rows}
