"""Changing one's own password: from the menu, or at sign-in when the password is one the station
admin set (a reset, or a new account's first password), which the user must replace to go on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gridstation.db import accounts
from gridstation.db.accounts import SignedIn
from gridstation.domain.errors import ValidationError
from gridstation.ui.context import Context
from gridstation.ui.login import ERROR_STYLE
from gridstation.ui.messages import error_text
from gridstation.ui.operations import run_op


class ChangePasswordDialog(QDialog):
    """``user``: whose password (the signed-in user by default). ``current_password``: given at
    sign-in, when the user must replace a password the admin set; the current password is then
    not asked again."""

    def __init__(self, context: Context, parent: QWidget | None = None, *, user: SignedIn | None = None,
                 current_password: str | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.user = user or context.user
        self.required = current_password is not None
        self.setWindowTitle(self.tr("Choose your own password") if self.required else self.tr("Change password"))
        self.setMinimumWidth(400)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.confirm = QLineEdit()
        for edit, name in ((self.old, "old_password"), (self.new, "new_password"), (self.confirm, "confirm")):
            edit.setObjectName(name)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(self.tr("At least 8 characters, mixing 3 of: lower-case, upper-case, digits, symbols."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old)
        form.addRow(self.tr("New password:"), self.new)
        form.addRow(self.tr("Repeat new password:"), self.confirm)
        layout = QVBoxLayout(self)
        if self.required:
            self.old.setText(current_password or "")
            form.setRowVisible(self.old, False)
            reason = QLabel(self.tr("The station admin set your password. Choose your own now: only you "
                                    "should know it."))
            reason.setObjectName("required_reason")
            reason.setWordWrap(True)
            layout.addWidget(reason)
            self.new.setFocus()
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        if self.new.text() != self.confirm.text():
            self._show_error(self.tr("The two new passwords differ."))
            return
        self.buttons.setEnabled(False)
        run_op(self, accounts.change_password, self.context.store, self.user, self.old.text(),
               self.new.text(), success=lambda _: self.accept(), failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        """Show why; a wrong current password (counted like a failed sign-in) is cleared for a new try."""
        self.buttons.setEnabled(True)
        self._show_error(error_text(exc))
        field = exc.field if isinstance(exc, ValidationError) else "old_password"
        if field == "old_password":
            self.old.clear()
        {"old_password": self.old, "new_password": self.new}.get(field, self.old).setFocus()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
