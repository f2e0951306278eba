"""First-run wizard: set up this station (profile, grids, first admin) or load the demo data.

The slow steps (writing the station, argon2 hashing, the demo data) run through ``run_op``; the
page that starts one refuses to leave (``validatePage`` returns False) until the operation is done,
then moves on itself, so the wizard never blocks the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gridstation.db import accounts, demo, station
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.domain.passwords import check_password_policy
from gridstation.ui.field_errors import FieldErrors, add_field_rows, password_rule_text
from gridstation.ui.messages import error_text
from gridstation.ui.operations import run_op
from gridstation.ui.roles import role_label
from gridstation.ui.screen_fit import fit_to_screen
from gridstation.ui.station_setup_page import StationPage

WELCOME, STATION, ADMIN, DEMO = range(4)


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to GridStation"))
        self.setSubTitle(self.tr("This computer has no station data yet. How do you want to start?"))
        self.setup_radio = QRadioButton(self.tr("&Set up this station"))
        self.demo_radio = QRadioButton(self.tr("Load &demo data (for trying the app)"))
        self.setup_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.setup_radio)
        group.addButton(self.demo_radio)
        setup_hint = QLabel(self.tr("Enter the station's street, community and grids, and create the first "
                                    "station admin account."))
        demo_hint = QLabel(self.tr("Fills in an invented station with sample users and records. "
                                   "Use it only to try GridStation, not for real work."))
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        for radio, hint in ((self.setup_radio, setup_hint), (self.demo_radio, demo_hint)):
            hint.setWordWrap(True)
            hint.setIndent(24)
            layout.addWidget(radio)
            layout.addWidget(hint)
            layout.addSpacing(12)
        layout.addWidget(self.error)
        layout.addStretch()

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return DEMO if self.demo_radio.isChecked() else STATION

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if not self.demo_radio.isChecked():
            return True
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard.load_demo()


class AdminPage(QWizardPage):
    FIELDS = ("username", "display_name", "password", "confirm")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Station admin"))
        self.setSubTitle(self.tr("Create the first account. The station admin manages users and settings."))
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.username.setPlaceholderText(self.tr("e.g. admin"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(50)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        rule = QLabel(password_rule_text())
        rule.setWordWrap(True)
        rule.setStyleSheet("color: palette(placeholder-text);")
        self.errors = FieldErrors(list(self.FIELDS), fallback="username", parent=self)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            (self.tr("&User name:"), self.username, "username"),
            (self.tr("Full na&me:"), self.display_name, "display_name"),
            (self.tr("&Password:"), self.password, "password"),
            (self.tr("&Confirm password:"), self.confirm, "confirm"),
        )
        add_field_rows(form, rows, self.errors, {"password": rule})

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1  # the last page of the set-up path (the demo page has a higher id)

    def show_error(self, exc: ValidationError) -> None:
        self.errors.show(exc)
        edits = {"username": self.username, "display_name": self.display_name, "password": self.password}
        edits.get(exc.field, self.username).setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        if wizard.signed_in is not None:
            return True  # written: Finish may close the wizard
        self.errors.clear()
        try:
            accounts.validate_username(self.username.text())
            check_password_policy(self.password.text())
        except ValidationError as exc:
            self.show_error(exc)
            return False
        if self.confirm.text() != self.password.text():
            self.errors.show_text("confirm", self.tr("The two passwords do not match."))
            self.confirm.setFocus()
            self.confirm.selectAll()
            return False
        return wizard.initialize()


class DemoPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Demo data loaded"))
        self.setSubTitle(self.tr("Sign in with one of these demo users."))
        self.setFinalPage(True)
        self.users_form = QFormLayout()
        self.password_label = QLabel()
        self.password_label.setTextFormat(Qt.TextFormat.PlainText)
        self.password_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(self.tr("The demo station is invented. To set up a real station later, start "
                              "GridStation with a new, empty data directory."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.users_form)
        layout.addSpacing(12)
        layout.addWidget(self.password_label)
        layout.addSpacing(12)
        layout.addWidget(note)
        layout.addStretch()

    def show_info(self, info: demo.DemoInfo) -> None:
        while self.users_form.rowCount():
            self.users_form.removeRow(0)
        for username, role in info.users:
            name = QLabel(username)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.users_form.addRow(QLabel(role_label(role) + self.tr(":")), name)
        self.password_label.setText(self.tr("Password for every demo user: {password}").format(
            password=info.password))

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1


class FirstRunWizard(QWizard):
    """After ``accept``: ``signed_in`` is the new admin (set-up), or None after the demo (sign in next)."""

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 demo_diary_days: int = demo.DEMO_DIARY_DAYS) -> None:
        super().__init__(parent)
        self.store = store
        self.demo_diary_days = demo_diary_days
        self.signed_in: SignedIn | None = None
        self.demo_info: demo.DemoInfo | None = None
        self.busy = False
        self.setWindowTitle(self.tr("GridStation – first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.welcome_page = WelcomePage()
        self.station_page = StationPage()
        self.admin_page = AdminPage()
        self.demo_page = DemoPage()
        for page_id, page in ((WELCOME, self.welcome_page), (STATION, self.station_page),
                              (ADMIN, self.admin_page), (DEMO, self.demo_page)):
            self.setPage(page_id, page)
        self.setStartId(WELCOME)
        fit_to_screen(self, 760, 620)

    # -- the two writing steps -------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                       QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            self.button(button).setEnabled(not busy)
        self.currentPage().setEnabled(not busy)

    def initialize(self) -> bool:
        """Start writing the station and its admin; returns whether the wizard may finish now."""
        if self.busy:
            return False
        setup = self.station_page.setup
        assert setup is not None, "the station page validated the set-up"
        setup.admin_username = self.admin_page.username.text()
        setup.admin_display_name = self.admin_page.display_name.text()
        setup.admin_password = self.admin_page.password.text()
        self._set_busy(True)
        run_op(self, station.initialize_station, self.store, setup, success=self._initialized,
               failure=self._initialize_failed, progress=self.tr("Setting up the station…"))
        return False

    def _initialized(self, user: SignedIn) -> None:
        self._set_busy(False)
        self.signed_in = user
        self.accept()

    def _initialize_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError) and exc.field in StationPage.FIELDS:
            self.back()
            self.station_page.errors.show(exc)
        elif isinstance(exc, ValidationError):
            self.admin_page.show_error(exc)
        else:
            self.admin_page.errors.show_text("username", error_text(exc))

    def load_demo(self) -> bool:
        """Start loading the demo data; returns whether the wizard may move on now."""
        if self.demo_info is not None:
            return True
        if not self.busy:
            self.welcome_page.error.setVisible(False)
            self._set_busy(True)
            run_op(self, demo.load_demo, self.store, diary_days=self.demo_diary_days,
                   success=self._demo_loaded, failure=self._demo_failed,
                   progress=self.tr("Loading the demo data…"))
        return False

    def _demo_loaded(self, info: demo.DemoInfo) -> None:
        self._set_busy(False)
        self.demo_info = info
        self.demo_page.show_info(info)
        self.welcome_page.setCommitPage(True)  # the data is written: no way back to choose again
        self.next()

    def _demo_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.welcome_page.error.setText(error_text(exc))
        self.welcome_page.error.setVisible(True)
