"""The sync work area: run now or cancel, the history of runs, conflicts and refused changes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.sync import issues
from gridstation.ui.context import Context
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op
from gridstation.ui.sync.edit_dialog import EditRecordDialog
from gridstation.ui.sync.history import SyncRun, SyncRunModel, recent_runs
from gridstation.ui.sync.issue_cards import DROP, EDIT, KEEP, RESEND, TAKE, IssueCard, IssueView, load_issue_views
from gridstation.ui.sync.scheduler import SyncScheduler
from gridstation.ui.sync.status import SyncOverview, sync_overview
from gridstation.ui.sync.texts import local_time, number, progress_text, reason_text, stored_message_text

# Cards are widgets; a station with thousands of refused changes (a grid missing on the server) shows
# the first ones and the count — settling those, or fixing the cause, brings up the next.
MAX_CARDS = 100


@dataclass(frozen=True)
class SyncPageData:
    overview: SyncOverview
    runs: list[SyncRun]
    issues: list[IssueView]  # those the viewer may see
    hidden: int = 0  # open problems of mediation records the viewer may not see


def load_sync_page(store: Store, viewer: SignedIn | None) -> SyncPageData:
    """Nobody signed in (never expected on this page): no problem is shown, rather than all of them."""
    if viewer is None:
        return SyncPageData(sync_overview(store), recent_runs(store), [], 0)
    return SyncPageData(sync_overview(store), recent_runs(store), load_issue_views(store, viewer),
                        issues.hidden_count(store, viewer))


class _CardList(QScrollArea):
    def __init__(self, empty_text: str) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.empty_text = empty_text
        self.cards: list[IssueCard] = []
        self.set_cards([], 0)

    def set_cards(self, cards: list[IssueCard], total: int) -> None:
        self.cards = cards
        body = QWidget()
        layout = QVBoxLayout(body)
        for card in cards:
            layout.addWidget(card)
        if not cards or total > len(cards):
            note = QLabel(self.empty_text if not cards else QCoreApplication.translate(
                "SyncPage", "{n} more are shown once these are settled.").format(n=number(total - len(cards))))
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setStyleSheet("color: #5f6368;")
            layout.addWidget(note)
        layout.addStretch()
        self.setWidget(body)  # deletes the previous body and its cards


class SyncPage(QWidget):
    """``changed`` is emitted after a run or a decision changed data (refresh counts and pages)."""

    changed = Signal()

    def __init__(self, context: Context, scheduler: SyncScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.scheduler = scheduler
        self.data: SyncPageData | None = None
        self.busy = False  # a refresh or a decision is running
        self.confirm_box: QMessageBox | None = None
        self.edit_dialog: EditRecordDialog | None = None
        self.failure = ""  # the last failure of this session, until a run succeeds

        title = QLabel(self.tr("Sync with the district server"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.state_label = QLabel()
        self.state_label.setObjectName("sync_page_state")
        self.sync_button = QPushButton(self.tr("Sync &now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(260)
        self.progress_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setObjectName("sync_page_error")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.notice_label = QLabel()
        for label in (self.state_label, self.progress_label, self.error_label, self.notice_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)

        self.model = SyncRunModel(self)
        self.model.message_text = self.message_text
        self.history = QTableView()
        self.history.setObjectName("sync_history")
        self.history.setModel(self.model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setAlternatingRowColors(True)
        self.history.verticalHeader().setVisible(False)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.conflicts = _CardList(self.tr("No conflicts: nothing waits for a decision."))
        self.refused = _CardList(self.tr("The district accepted every change sent so far."))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.history, "")
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.refused, "")
        self._tab_titles(0, 0)

        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.progress_bar)
        buttons.addWidget(self.progress_label)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.state_label)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.tabs, 1)

        scheduler.started.connect(self._on_started)
        scheduler.progress.connect(self._on_progress)
        scheduler.finished.connect(self._on_finished)
        scheduler.failed.connect(self._on_failed)
        self._set_running(scheduler.running)
        self.error_label.setVisible(False)
        self.notice_label.setVisible(False)
        self.refresh()

    # -- reading ------------------------------------------------------------------------------------
    def message_text(self, message: str) -> str:
        """A stored failure message in the user's language."""
        return stored_message_text(message)

    def refresh(self) -> None:
        self.busy = True
        run_op(self, load_sync_page, self.context.store, self.context.user, success=self._show,
               failure=self._refresh_failed)

    def _refresh_failed(self, exc: BaseException) -> None:
        self.busy = False
        show_error(self, exc)

    def _show(self, data: SyncPageData) -> None:
        self.busy = False
        self.data = data
        overview = data.overview
        if not overview.enrolled:
            state = self.tr("This station is not enrolled with a district server yet. A station admin can enrol "
                            "it in Settings.")
        else:
            state = self.tr("Station {id} · {server}").format(id=overview.station_id, server=overview.server_url)
            state += "\n" + (self.tr("Last successful sync: {time}").format(time=local_time(overview.last_success))
                             if overview.last_success else self.tr("Never synced yet."))
            state += "\n" + self.tr("Changes waiting to be sent: {n}").format(n=number(overview.pending))
        if data.hidden:
            state += "\n" + self.tr("Sync problems of mediation records: {n}. Mediation records are private: a "
                                    "mediator or the grid's leader deals with them.").format(n=number(data.hidden))
        self.state_label.setText(state)
        self.sync_button.setEnabled(overview.enrolled and not self.scheduler.running)
        failure = self.failure or (self.message_text(overview.last_error) if overview.last_error else "")
        self.error_label.setText(self.tr("The last sync failed: {message}").format(message=failure))
        self.error_label.setVisible(bool(failure) and not self.scheduler.running)
        self.model.set_runs(data.runs, running=self.scheduler.running)
        conflicts = [v for v in data.issues if v.issue.issue == "conflict"]
        refused = [v for v in data.issues if v.issue.issue != "conflict"]
        self.conflicts.set_cards(self._cards(conflicts), len(conflicts))
        self.refused.set_cards(self._cards(refused), len(refused))
        self._tab_titles(len(conflicts), len(refused))

    def _cards(self, views: list[IssueView]) -> list[IssueCard]:
        cards = []
        for view in views[:MAX_CARDS]:
            card = IssueCard(view)
            card.chosen.connect(self._chosen)
            cards.append(card)
        return cards

    def _tab_titles(self, conflicts: int, refused: int) -> None:
        self.tabs.setTabText(0, self.tr("History"))
        self.tabs.setTabText(1, self.tr("Conflicts ({n})").format(n=number(conflicts)))
        self.tabs.setTabText(2, self.tr("Not accepted ({n})").format(n=number(refused)))

    # -- running ------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.notice_label.setVisible(False)
        self.scheduler.sync_now()
        self._set_running(self.scheduler.running)

    def cancel(self) -> None:
        self.scheduler.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping after the current batch…"))

    def _set_running(self, running: bool) -> None:
        self.sync_button.setEnabled(not running and (self.data is None or self.data.overview.enrolled))
        self.cancel_button.setEnabled(running)
        self.progress_bar.setVisible(running)
        self.progress_label.setVisible(running)
        if running:
            self.error_label.setVisible(False)
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText(progress_text("", 0, 0))

    def _on_started(self) -> None:
        self._set_running(True)
        self.model.set_runs(self.model.runs, running=True)
        self.refresh()  # shows the new "running" row

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        if not self.cancel_button.isEnabled():  # cancelling: keep saying so
            return
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)
        self.progress_label.setText(progress_text(phase, done, total))

    def _on_finished(self, _report: object) -> None:
        self.failure = ""
        self._set_running(False)
        self.refresh()
        self.changed.emit()

    def _on_failed(self, message: str, _retry: bool) -> None:
        self.failure = message
        self._set_running(False)
        self.refresh()
        self.changed.emit()

    # -- decisions ----------------------------------------------------------------------------------
    def _chosen(self, action: str, issue_id: int) -> None:
        if action == DROP:
            self._confirm_drop(issue_id)
            return
        store = self.context.store
        if action == KEEP:
            assert self.context.user is not None
            self._decide(issue_id, issues.keep_station_value, store, self.context.user.actor, issue_id,
                         notice=self.tr("This station's value will be sent with the next sync."))
        elif action == TAKE:
            self._decide(issue_id, issues.take_server_value, store, issue_id, notice="")
        elif action == RESEND:
            self._decide(issue_id, issues.resend, store, issue_id,
                         notice=self.tr("The change will be sent again with the next sync."))
        elif action == EDIT:
            self._edit(issue_id)

    def _edit(self, issue_id: int) -> None:
        view = next(card.view for card in self.refused.cards if card.view.issue.id == issue_id)
        assert view.current is not None and self.context.user is not None
        dialog = EditRecordDialog(view.issue.kind, view.current, reason_text(view.issue.reason), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actor = self.context.user.actor

        def answered(result: int) -> None:
            self.edit_dialog = None
            if result == QDialog.DialogCode.Accepted:
                self._decide(issue_id, issues.edit_and_resend, self.context.store, actor, issue_id, dialog.changes,
                             notice=self.tr("The corrected change will be sent with the next sync."))

        dialog.finished.connect(answered)
        self.edit_dialog = dialog
        dialog.open()

    def _confirm_drop(self, issue_id: int) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Don't send this change?"),
                          self.tr("The change stays on this station but is not sent to the district. "
                                  "This cannot be undone."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Don't send"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(result: int) -> None:
            self.confirm_box = None
            if result == QMessageBox.StandardButton.Yes:
                self._decide(issue_id, issues.drop, self.context.store, issue_id, notice="")

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()  # window-modal, does not block (tests click its buttons)

    def _decide(self, issue_id: int, fn: object, *args: object, notice: str) -> None:
        """Run ``fn(*args, viewer=the signed-in user)``, which refuses a problem the user may not see."""
        for card in self.conflicts.cards + self.refused.cards:
            if card.view.issue.id == issue_id:
                card.setEnabled(False)
        self.busy = True

        def done(_result: object) -> None:
            self.notice_label.setText(notice)
            self.notice_label.setVisible(bool(notice))
            self.changed.emit()
            self.refresh()

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.refresh()

        run_op(self, fn, *args, success=done, failure=failed, viewer=self.context.user)  # type: ignore[arg-type]
