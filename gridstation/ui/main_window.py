"""The main window: header, left navigation, work areas, status bar, and the lock screen."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import events, station
from gridstation.db.mediation import may_see_mediation
from gridstation.ui.about_dialog import AboutDialog
from gridstation.ui.audit_page import AuditPage
from gridstation.ui.context import Context
from gridstation.ui.diary.area import DiaryArea
from gridstation.ui.header import Header
from gridstation.ui.home_page import HomePage
from gridstation.ui.idle_lock import IdleLock
from gridstation.ui.lock_screen import LockScreen
from gridstation.ui.mediation.area import MediationArea
from gridstation.ui.operations import run_op
from gridstation.ui.password_dialog import ChangePasswordDialog
from gridstation.ui.roles import role_label
from gridstation.ui.screen_fit import fit_to_screen
from gridstation.ui.services import ServicesArea
from gridstation.ui.settings_page import SettingsPage
from gridstation.ui.sync import SyncPage, SyncScheduler, SyncStatusWidget
from gridstation.ui.users_page import UsersPage

log = logging.getLogger(__name__)

STATUS_REFRESH_MS = 30_000


class MainWindow(QMainWindow):
    """``idle_ms`` overrides the ``idle_lock_minutes`` setting (tests use a few milliseconds)."""

    def __init__(self, context: Context, *, idle_ms: int | None = None) -> None:
        super().__init__()
        assert context.user is not None, "the main window needs a signed-in user"
        self.context = context
        self._idle_ms = idle_ms
        self.pages: dict[str, QWidget] = {}
        self.lock_screen: LockScreen | None = None
        self._signed_out = False
        # 1366×768 at 125 % display scaling leaves 1093×582 under the taskbar: the pages scroll there.
        self.setMinimumSize(QSize(800, 540))
        fit_to_screen(self, 1180, 760)

        self.screens = QStackedWidget()
        self.setCentralWidget(self.screens)
        self.workspace = QWidget()
        self.screens.addWidget(self.workspace)
        self.user_label = QLabel()
        self.grid_label = QLabel()
        for label in (self.user_label, self.grid_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setContentsMargins(8, 2, 8, 2)
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addWidget(self.grid_label)
        # Sync runs on its own thread for the whole session; the status bar shows its state.
        self.sync = SyncScheduler(context, self)
        self.sync_status = SyncStatusWidget(context, self.sync)
        self.sync_status.activated.connect(lambda: self.show_page("sync"))
        self.sync_label = self.sync_status.pending_label
        self.statusBar().addPermanentWidget(self.sync_status)

        self.idle = IdleLock(QApplication.instance(), self._idle_interval(), self)
        self.idle.idle.connect(self.lock)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_REFRESH_MS)
        self.status_timer.timeout.connect(self.refresh_status)
        self.build()
        self.idle.start()
        self.status_timer.start()
        self.sync.start()

    # -- building (again after a language or user change) ------------------------------------------

    def build(self) -> None:
        """(Re)create menus, header, navigation and pages in the current language, for the current user."""
        current = self.current_page_key()
        user = self.context.user
        station_row = station.get_station(self.context.store)
        station_name = station_row.name if station_row else ""
        self.setWindowTitle(self.tr("GridStation — {station}").format(station=station_name))
        self._build_menus()

        old_layout = self.workspace.layout()
        if old_layout is not None:
            QWidget().setLayout(old_layout)  # re-parent the old layout and its widgets for deletion
        self.header = Header(station_row, user, self)
        self.header.lock_button.clicked.connect(self.lock)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet(
            "QListWidget#nav { background: #f3f5f8; border: none; border-right: 1px solid #d9dee5; padding-top: 8px; }"
            "QListWidget#nav::item { padding: 9px 16px; }"
            "QListWidget#nav::item:selected { background: #dbe7f5; color: #14375e; border-left: 3px solid #1f5c99; }"
        )
        self.stack = QStackedWidget()
        self.pages = {}
        home = HomePage(self.context)
        home.changed.connect(self.refresh_status)
        self._add_page("home", self.tr("Home"), home)
        self.diary = DiaryArea(self.context)
        self.diary.changed.connect(self.refresh_status)
        self.diary.changed.connect(home.refresh_diary)
        home.openDiaryToday.connect(self.open_today_diary)
        self._add_page("diary", self.tr("Work diary"), self.diary)
        if may_see_mediation(user):
            self.mediation = MediationArea(self.context)
            self.mediation.changed.connect(self.refresh_status)
            if home.mediation_deadlines is not None:
                self.mediation.changed.connect(home.mediation_deadlines.refresh)
                home.mediation_deadlines.openCase.connect(lambda case_id: (self.show_page("mediation"),
                                                                           self.mediation.show_case(case_id)))
            self._add_page("mediation", self.tr("Mediation"), self.mediation)
        self.services = ServicesArea(self.context)
        self.services.changed.connect(self.refresh_status)
        self.services.changed.connect(home.service_deadlines.refresh)
        self._add_page("services", self.tr("Services"), self.services)
        sync_page = SyncPage(self.context, self.sync)
        sync_page.changed.connect(self.refresh_status)
        self._add_page("sync", self.tr("Sync"), sync_page)
        if user.is_admin:
            self._add_page("users", self.tr("Users"), UsersPage(self.context))
            self._add_page("audit", self.tr("Audit log"), AuditPage(self.context))
        settings = SettingsPage(self.context, self.sync)
        settings.languageChanged.connect(self._language_changed)
        settings.idleMinutesChanged.connect(lambda _minutes: self.idle.set_interval(self._idle_interval()))
        self._add_page("settings", self.tr("Settings"), settings)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self.show_page(current if current in self.pages else "home")

        self.user_label.setText(f"{user.display_name}（{role_label(user.role)}）")
        grids = {g.code: g.name for g in station.list_grids(self.context.store)}
        self.grid_label.setText(grids.get(user.grid_code or "", user.grid_code or ""))
        self.grid_label.setVisible(bool(user.grid_code))
        self.refresh_status()

    def retranslate(self) -> None:
        self.build()

    def _add_page(self, key: str, title: str, page: QWidget) -> None:
        page.setObjectName(f"page_{key}")
        self.pages[key] = page
        self.nav.addItem(title)
        self.stack.addWidget(page)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        session = bar.addMenu(self.tr("&Session"))
        self.actions: dict[str, QAction] = {}
        entries: list[tuple[str, str, Callable[[], object], QKeySequence | None]] = [
            ("switch_user", self.tr("&Switch user…"), self.switch_user, None),
            ("lock", self.tr("&Lock now"), self.lock, QKeySequence("Ctrl+L")),
            ("password", self.tr("&Change password…"), self.change_password, None),
            ("quit", self.tr("&Quit"), self.close, QKeySequence(QKeySequence.StandardKey.Quit)),
        ]
        for key, text, slot, shortcut in entries:
            if key == "quit":
                session.addSeparator()
            action = session.addAction(text)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(shortcut)
            self.actions[key] = action
        help_menu = bar.addMenu(self.tr("&Help"))
        self.actions["about"] = help_menu.addAction(self.tr("&About GridStation"))
        self.actions["about"].triggered.connect(self.about)

    # -- navigation and status ----------------------------------------------------------------------

    def current_page_key(self) -> str | None:
        if not self.pages:
            return None
        current = self.stack.currentWidget()
        return next((key for key, page in self.pages.items() if page is current), None)

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def open_today_diary(self) -> None:
        self.show_page("diary")
        self.diary.show_date(None)

    def refresh_status(self) -> None:
        self.sync_status.refresh()
        self.idle.set_interval(self._idle_interval())

    def _idle_interval(self) -> int:
        return self._idle_ms if self._idle_ms is not None else self.context.idle_lock_minutes() * 60_000

    # -- language ------------------------------------------------------------------------------------

    def _language_changed(self, language: str) -> None:
        # Deferred: the settings page emitting the signal is replaced by the rebuild.
        QTimer.singleShot(0, lambda: self.set_language(language))

    def set_language(self, language: str) -> None:
        if self.context.i18n is not None:
            self.context.i18n.install(language)
            self.setLocale(QLocale())  # dates and calendars of the rebuilt pages follow the language
        self.retranslate()

    # -- session: lock, unlock, switch user, quit ----------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.lock_screen is not None

    def lock(self) -> None:
        if self.locked:
            return
        self._record("lock")
        self._show_lock_screen(switching=False)

    def switch_user(self) -> None:
        if self.locked:
            return
        self._show_lock_screen(switching=True)
        self._signed_out_now("switch user")

    def _show_lock_screen(self, *, switching: bool) -> None:
        self.idle.stop()
        for dialog in self.findChildren(QDialog):  # nothing of the session may stay open over the lock screen
            if dialog.isWindow() and dialog.isVisible():
                dialog.reject()
        self.lock_screen = LockScreen(self.context, None if switching else self.context.user)
        self.lock_screen.dialog.accepted.connect(self._signed_in_again)
        self.lock_screen.dialog.rejected.connect(self.close)
        self.lock_screen.dialog.switched.connect(lambda: self._signed_out_now("switch user"))
        self.screens.addWidget(self.lock_screen)
        self.screens.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)  # no menu shortcuts while locked
        self.menuBar().setVisible(False)
        self.statusBar().setVisible(False)
        self.lock_screen.dialog.setFocus()

    def _signed_out_now(self, detail: str) -> None:
        if not self._signed_out:
            self._signed_out = True
            self._record("logout", detail=detail)

    def _signed_in_again(self) -> None:
        assert self.lock_screen is not None
        signed_in = self.lock_screen.dialog.signed_in
        self.screens.removeWidget(self.lock_screen)
        self.lock_screen.deleteLater()
        self.lock_screen = None
        previous = self.context.user
        if signed_in is None:
            return
        self.context.user = signed_in
        if self._signed_out or previous is None or previous.user_id != signed_in.user_id:
            self.build()
        else:
            self._record("unlock")
        self._signed_out = False
        self.screens.setCurrentWidget(self.workspace)
        self.menuBar().setEnabled(True)
        self.menuBar().setVisible(True)
        self.statusBar().setVisible(True)
        self.idle.start()

    def _record(self, action: str, detail: str = "") -> None:
        run_op(self, events.record_event, self.context.store, actor=self.context.user.username, action=action,
               detail=detail)

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Password changed."), 5000))
        dialog.open()

    def about(self) -> AboutDialog:
        dialog = AboutDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.idle.uninstall()
        self.status_timer.stop()
        self.sync.stop()
        if not self._signed_out and self.context.user is not None:
            self._signed_out = True
            try:  # directly, not in the pool: the store closes right after the window
                events.record_event(self.context.store, actor=self.context.user.username, action="logout")
            except Exception:  # a full disk or a damaged database must not keep the window from closing
                log.exception("could not record the logout")
        super().closeEvent(event)
