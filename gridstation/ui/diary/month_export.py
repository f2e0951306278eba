"""Diary reports leaving the app, each audited: the month as CSV or Excel, and the month report and
week summary (周结) as PDF shown in the preview, from which they are printed or saved.

The functions without a widget run on the operations thread (``run_op``); ``preview_report`` and
``audit`` run on the GUI thread.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gridstation.db import diary_queries, events, station
from gridstation.db.store import Store
from gridstation.reports import diary_export, diary_report
from gridstation.ui.context import Context
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.pdf_preview import PdfPreviewDialog

EXPORTS = {"csv": (diary_export.export_month_csv, "export.csv"),
           "xlsx": (diary_export.export_month_xlsx, "export.xlsx")}


def month_target(grid_code: str, year: int, month: int) -> str:
    """The audit log's name for a month of a grid's diary."""
    return f"diary {grid_code} {year}-{month:02d}"


def week_target(grid_code: str, monday: date) -> str:
    return f"diary week {grid_code} {monday.isoformat()}"


def export_month(store: Store, *, actor: str, kind: str, path: str | os.PathLike[str], grid_code: str, year: int,
                 month: int, author: str | None = None) -> int:
    """Write the month's items of ``grid_code`` as ``kind`` ("csv" or "xlsx") and audit it; returns the count."""
    write, action = EXPORTS[kind]
    report = diary_queries.month_report(store, grid_code=grid_code, year=year, month=month, author=author)
    count = write(path, report)
    events.record_event(store, actor=actor, action=action, target=month_target(grid_code, year, month),
                        detail=str(path))
    return count


def _station_name(store: Store) -> str:
    profile = station.get_station(store)
    return profile.name if profile is not None else ""


def temporary_pdf(stem: str) -> Path:
    """A new empty file for a report shown in the preview (removed when the preview closes)."""
    handle, name = tempfile.mkstemp(prefix=f"gridstation-{stem}-", suffix=".pdf")
    os.close(handle)
    return Path(name)


def render_month_pdf(store: Store, path: Path, *, grid_code: str, year: int, month: int,
                     author: str | None = None) -> Path:
    try:
        report = diary_queries.month_report(store, grid_code=grid_code, year=year, month=month, author=author)
        diary_report.render_month_report(path, report, station_name=_station_name(store))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def render_week_pdf(store: Store, path: Path, *, grid_code: str, monday: date) -> Path:
    try:
        report = diary_queries.week_report(store, grid_code=grid_code, week_start=monday)
        diary_report.render_week_summary(path, report, station_name=_station_name(store))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def audit(parent: QWidget | None, context: Context, action: str, target: str, detail: str = "") -> Operation:
    """Record ``action`` (``print``, ``export.pdf``, …) under the signed-in user."""
    actor = context.user.username if context.user else "system"
    return run_op(parent, events.record_event, context.store, actor=actor, action=action, target=target,
                  detail=detail)


def preview_report(parent: QWidget, context: Context, path: Path, *, title: str, target: str) -> PdfPreviewDialog:
    """Show a report written to a temporary ``path``; printing and saving it are audited under ``target``."""
    dialog = PdfPreviewDialog(path, parent, title=title, delete_on_close=True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.printed.connect(lambda printer: audit(None, context, "print", target, printer))
    dialog.saved.connect(lambda saved: audit(None, context, "export.pdf", target, saved))
    dialog.open()
    return dialog
