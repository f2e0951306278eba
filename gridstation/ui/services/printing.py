"""Service PDFs leaving the app: the receipt of one record and the notice-board sheets, written to a
temporary file on the operations thread and shown in the print preview (printing and saving audited).
Also the statistics exports. Functions without a widget run on the operations thread."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from gridstation.db import accounts, catalogue, events, services_notice, station
from gridstation.db import services_queries as q
from gridstation.db.store import Store
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.reports.services_export import export_services_csv, export_services_xlsx
from gridstation.reports.services_receipt import StationContact, render_receipt


def render_receipt_pdf(store: Store, path: Path, *, record_id: str, today: date) -> Path:
    """The 受理回执 of ``record_id``: the record's own data only, the handler and station contact."""
    try:
        view = q.get_record(store, record_id, today=today)
        if view is None:
            raise ValidationError("record", QT_TRANSLATE_NOOP("Errors", "This service record no longer exists."))
        with store.read() as session:
            entry = catalogue.find_entry(session, view.item_code)
        profile = services_notice.get_profile(store)
        handler = next((u.display_name for u in accounts.list_users(store) if u.username == view.history[0].by),
                       view.history[0].by) if view.history else ""
        own = station.get_station(store)
        contact = StationContact(own.name if own else "", handler, profile.contact_phone, profile.opening_hours)
        render_receipt(path, view, entry.item if entry else None, contact)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def build_notice(store: Store, kind: str, *, grid_code: str = "", layout: str = "banner", title: str = "",
                 sections: tuple[tuple[str, str], ...] = (), year: int = 0, month: int = 0,
                 today: date | None = None) -> object:
    if kind == "grid_card":
        return services_notice.grid_card(store, grid_code)
    if kind == "checklist":
        return services_notice.checklist_poster(store)
    if kind == "legal":
        return services_notice.legal_sheet(store, layout=layout, title=title, sections=sections)
    if kind == "summary":
        return services_notice.public_summary(store, year=year, month=month, today=today or date.today())
    raise ValueError(kind)


def render_notice_pdf(store: Store, path: Path, *, kind: str, paper: str, actor: str, today: date,
                      **options: object) -> Path:
    try:
        document = build_notice(store, kind, today=today, **options)  # type: ignore[arg-type]
        services_notice.render_notice(store, kind, path, paper=paper, issued=today, actor=actor, document=document)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def export_month(store: Store, *, actor: str, kind: str, path: str | os.PathLike[str], year: int, month: int,
                 today: date) -> int:
    """The month's records (received in it) as CSV or XLSX with its statistics; audited."""
    first = date(year, month, 1)
    last = date.fromordinal(date(year + month // 12, month % 12 + 1, 1).toordinal() - 1)
    with store.read() as session:
        views = q.list_records(session, today=today, flt=q.RecordFilter(received_from=first, received_to=last))
    if kind == "csv":
        count = export_services_csv(path, views)
    else:
        count = export_services_xlsx(path, views, q.month_statistics(store, year=year, month=month, today=today))
    events.record_event(store, actor=actor, action=f"export.{kind}", target=f"services {year}-{month:02d}",
                        detail=str(path))
    return count
