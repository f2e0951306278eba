"""Sign-in dialog, also used as the lock screen (``lock_user``: name fixed until "Switch user")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.ui.context import Context
from gridstation.ui.messages import error_text
from gridstation.ui.operations import run_op

if TYPE_CHECKING:
    from gridstation.db.accounts import SignedIn
    from gridstation.ui.password_dialog import ChangePasswordDialog

ERROR_STYLE = "color: #b3261e;"


class LoginDialog(QDialog):
    """Ask for user name and password; after ``accepted``, ``signed_in`` holds the user.

    ``switched`` is emitted when the lock screen's "Switch user" is clicked (the locked user is signed out).
    Embedded in a window (the lock screen), Escape does nothing: only "Quit" leaves.
    """

    switched = Signal()

    def __init__(self, context: Context, lock_user: SignedIn | None = None, parent: QWidget | None = None,
                 *, station_name: str | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lock_user = lock_user
        self.signed_in: SignedIn | None = None
        self.password_dialog: ChangePasswordDialog | None = None  # open while a set password is replaced
        if station_name is None:
            # At start-up the caller passes the name read before the store opened (see app.Launcher).
            from gridstation.db import station

            row = station.get_station(context.store)
            station_name = row.name if row is not None else ""
        self.setWindowTitle(self.tr("GridStation — Sign in"))
        self.setMinimumWidth(420)

        self.header = QLabel(station_name or self.tr("GridStation"))
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header_font = QFont(self.header.font())
        header_font.setPointSizeF(header_font.pointSizeF() * 1.5)
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.subtitle = QLabel(self.tr("Screen locked — enter your password to continue.") if lock_user
                               else self.tr("Grid service station workbench — please sign in."))
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet("color: #5f6368;")

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.error_label = QLabel()
        self.error_label.setObjectName("login_error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)

        self.login_button = QPushButton(self.tr("Unlock") if lock_user else self.tr("Sign in"))
        self.login_button.setObjectName("login_button")
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.login_button.setMinimumWidth(110)
        self.switch_button = QPushButton(self.tr("Switch user"))
        self.switch_button.setObjectName("switch_button")
        self.switch_button.setVisible(lock_user is not None)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setObjectName("quit_button")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)

        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.login_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(self.subtitle)
        layout.addWidget(line)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.login_button.clicked.connect(self.try_login)
        self.switch_button.clicked.connect(self.switch_user)
        self.quit_button.clicked.connect(self.reject)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_login)
        if lock_user is not None:
            self.username.setText(lock_user.username)
            self.username.setReadOnly(True)
            self.password.setFocus()
        else:
            self.username.setFocus()

    @property
    def busy(self) -> bool:
        return not self.login_button.isEnabled()

    def switch_user(self) -> None:
        """Let another person sign in on the lock screen."""
        self.lock_user = None
        self.switch_button.setVisible(False)
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.login_button.setText(self.tr("Sign in"))
        self.subtitle.setText(self.tr("Sign in as another user. The current user is signed out."))
        self.error_label.setVisible(False)
        self.username.setFocus()
        self.switched.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and not self.isWindow():
            event.ignore()
            return
        super().keyPressEvent(event)

    def try_login(self) -> None:
        if self.busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._show_error(self.tr("Enter your user name and password."))
            return
        self.login_button.setEnabled(False)
        run_op(self, _authenticate, self.context, username, password,
               success=self._on_success, failure=self._on_failure)

    def _on_success(self, signed_in: SignedIn) -> None:
        self.login_button.setEnabled(True)
        if signed_in.must_change_password:
            self._require_own_password(signed_in, self.password.text())
            self.password.clear()
            return
        self.signed_in = signed_in
        self.password.clear()
        self.accept()

    def _require_own_password(self, signed_in: SignedIn, password: str) -> None:
        """Signed in with a password the admin set: signing in ends once the user chose their own;
        cancelled, the dialog stays here and says why."""
        from dataclasses import replace

        from gridstation.ui.password_dialog import ChangePasswordDialog

        self.password_dialog = ChangePasswordDialog(self.context, self, user=signed_in, current_password=password)
        self.password_dialog.accepted.connect(lambda: self._signed_in(replace(signed_in, must_change_password=False)))
        self.password_dialog.rejected.connect(lambda: self._show_error(self.tr(
            "Choose your own password to sign in: the one the station admin set works only until then.")))
        self.password_dialog.finished.connect(self._password_dialog_closed)
        self.password_dialog.open()

    def _password_dialog_closed(self) -> None:
        # Not deleted here: a closed dialog stays a hidden child until the sign-in dialog goes
        # (deleting it on close aborted the process in a test that signed in again at once).
        self.password_dialog = None

    def _signed_in(self, signed_in: SignedIn) -> None:
        self.signed_in = signed_in
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self._show_error(error_text(exc))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)


def _authenticate(context: Context, username: str, password: str) -> SignedIn:
    """On the operations thread. At start-up the store is opened by the operation queued before
    this one (operations run in order), so ``context.store`` is set by the time this runs."""
    from gridstation.db import accounts

    return accounts.authenticate(context.store, username, password)
