"""Changing one's own password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gridstation.db import accounts
from gridstation.domain.errors import ValidationError
from gridstation.ui.context import Context
from gridstation.ui.login import ERROR_STYLE
from gridstation.ui.messages import error_text
from gridstation.ui.operations import run_op


class ChangePasswordDialog(QDialog):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Change password"))
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
        run_op(self, accounts.change_password, self.context.store, self.context.user, self.old.text(),
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
