"""The sync state in the main window's status bar: last sync, changes waiting, progress, open problems."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget
from sqlalchemy import text

from gridstation.db import outbox
from gridstation.db.store import Store
from gridstation.sync.state import load_settings
from gridstation.ui.context import Context
from gridstation.ui.operations import run_op
from gridstation.ui.shortcuts import SYNC, page_shortcut
from gridstation.ui.sync.scheduler import SyncScheduler
from gridstation.ui.sync.texts import local_time, number, progress_text

log = logging.getLogger(__name__)

REFRESH_MS = 60_000
RED = "#b3261e"


@dataclass(frozen=True)
class SyncOverview:
    enrolled: bool
    station_id: str
    server_url: str
    last_success: str
    last_error: str
    pending: int
    open_issues: int


def sync_overview(store: Store) -> SyncOverview:
    """What the status bar and the sync page's header show (runs on the operations thread)."""
    settings = load_settings(store)
    with store.read() as session:
        issues = int(session.execute(text("SELECT count(*) FROM sync_issue WHERE status = 'open'")).scalar_one())
    return SyncOverview(
        enrolled=settings.enrolled, station_id=settings.station_id, server_url=settings.server_url,
        last_success=settings.last_success, last_error=settings.last_error,
        pending=outbox.pending_count(store), open_issues=issues,
    )


class SyncStatusWidget(QWidget):
    """For ``QStatusBar.addPermanentWidget``. ``refresh()`` re-reads the counts (connect the pages'
    ``changed`` signals to it); it also refreshes after each run and every minute. ``activated`` is
    emitted on a click (the window can open the sync page)."""

    activated = Signal()

    def __init__(self, context: Context, scheduler: SyncScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.scheduler = scheduler
        self.overview: SyncOverview | None = None
        self.failure = ""  # the last failure of this session, until a run succeeds
        self.issue_mark = QLabel()
        self.issue_mark.setObjectName("sync_issue_mark")
        self.issue_mark.setStyleSheet(f"color: {RED}; font-weight: bold;")
        self.state_label = QLabel()
        self.state_label.setObjectName("sync_state")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("sync_progress")
        self.progress_bar.setFixedWidth(110)
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("sync_progress_label")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("sync_pending")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(14)
        for widget in (self.issue_mark, self.state_label, self.progress_bar, self.progress_label, self.pending_label):
            if isinstance(widget, QLabel):
                widget.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(widget)
        self._show_idle()
        self.issue_mark.setVisible(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click to open the sync page; F5 syncs now"))
        page_shortcut(self, SYNC, self.sync_now)

        scheduler.started.connect(self._on_started)
        scheduler.progress.connect(self._on_progress)
        scheduler.finished.connect(self._on_finished)
        scheduler.failed.connect(self._on_failed)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        run_op(self, sync_overview, self.context.store, success=self._show,
               failure=lambda exc: log.warning("cannot read the sync state: %s", exc))

    def _show(self, overview: SyncOverview) -> None:
        self.overview = overview
        if not overview.enrolled:
            state = self.tr("Not enrolled")
        elif overview.last_success:
            state = self.tr("Last sync: {time}").format(time=local_time(overview.last_success))
        else:
            state = self.tr("Never synced")
        if self.failure:
            state += self.tr(" – last attempt failed")
        self.state_label.setText(state)
        self.state_label.setToolTip(self.failure)
        self.state_label.setStyleSheet(f"color: {RED};" if self.failure else "")
        if overview.enrolled or overview.pending:
            self.pending_label.setText(self.tr("Waiting to send: {n}").format(n=number(overview.pending)))
        else:
            self.pending_label.clear()
        self.issue_mark.setVisible(overview.open_issues > 0)
        self.issue_mark.setText(self.tr("● Sync problems: {n}").format(n=number(overview.open_issues)))
        self.issue_mark.setToolTip(self.tr("Some changes need a decision on the sync page."))

    def _show_idle(self) -> None:
        self.progress_bar.setVisible(False)
        self.progress_label.setVisible(False)
        self.state_label.setVisible(True)

    def _on_started(self) -> None:
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(progress_text("", 0, 0))
        self.progress_bar.setVisible(True)
        self.progress_label.setVisible(True)
        self.state_label.setVisible(False)

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)
        self.progress_label.setText(progress_text(phase, done, total))

    def _on_finished(self, _report: object) -> None:
        self.failure = ""
        self._show_idle()
        self.refresh()

    def _on_failed(self, message: str, _retry: bool) -> None:
        self.failure = message
        self._show_idle()
        self.refresh()

    def sync_now(self) -> None:
        """F5, anywhere in the main window: sync now; when the station is not enrolled yet, open the sync
        page, which says so."""
        if self.overview is not None and self.overview.enrolled:
            self.scheduler.sync_now()
        else:
            self.activated.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit()
        super().mousePressEvent(event)
