"""The dialogs of the users page: add a user, reset a password, change role and grid."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import accounts, station
from gridstation.db.accounts import SignedIn
from gridstation.db.clock import iso
from gridstation.db.models import ROLES
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.ui.context import Context
from gridstation.ui.field_errors import FieldErrors, add_field_rows, password_rule_text
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op
from gridstation.ui.roles import role_label


class AddUserDialog(QDialog):
    """Creates one account; refused input is shown under its field and the form stays filled."""

    created = Signal(object)  # SignedIn

    FIELDS = ("username", "display_name", "role", "grid_code", "password", "confirm")

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Add user"))
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(50)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.grid = QComboBox()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        rule = QLabel(password_rule_text())
        rule.setWordWrap(True)
        rule.setStyleSheet("color: palette(placeholder-text);")
        self.errors = FieldErrors(list(self.FIELDS), fallback="username", parent=self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            (self.tr("&User name:"), self.username, "username"),
            (self.tr("&Full name:"), self.display_name, "display_name"),
            (self.tr("&Role:"), self.role, "role"),
            (self.tr("&Grid:"), self.grid, "grid_code"),
            (self.tr("&Password:"), self.password, "password"),
            (self.tr("&Confirm password:"), self.confirm, "confirm"),
        )
        add_field_rows(form, rows, self.errors, {"password": rule})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create user"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)  # the password rule fits on one line

    def reset(self) -> None:
        """Empty the form and reload the station's grids."""
        for edit in (self.username, self.display_name, self.password, self.confirm):
            edit.clear()
        self.role.setCurrentIndex(0)
        self.grid.clear()
        for grid in station.list_grids(self.context.store):
            self.grid.addItem(f"{grid.name} ({grid.code})", grid.code)
        self.errors.clear()

    def submit(self) -> None:
        self.errors.clear()
        if self.confirm.text() != self.password.text():
            self.errors.show_text("confirm", self.tr("The two passwords do not match."))
            self.confirm.setFocus()
            return
        self.setEnabled(False)
        run_op(self, create_user, self.context.store, self.context.user, success=self._created,
               failure=self._failed, username=self.username.text(), display_name=self.display_name.text(),
               role=self.role.currentData(), grid_code=self.grid.currentData(), password=self.password.text())

    def _created(self, user: SignedIn) -> None:
        self.setEnabled(True)
        self.created.emit(user)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        self.errors.show(exc)
        edits = {"username": self.username, "display_name": self.display_name, "password": self.password,
                 "role": self.role, "grid_code": self.grid}
        edits.get(exc.field, self.username).setFocus()


def create_user(store: Store, admin: SignedIn | None, **fields: Any) -> SignedIn:
    """The operation behind "Create user" (runs off the GUI thread)."""
    if admin is None:
        raise ValueError("no signed-in user")
    accounts.require_admin(admin)
    with store.write() as session:
        # The admin chose the first password: the new user replaces it at the first sign-in.
        return accounts.create_user(session, actor=admin.actor, at=iso(store.clock.now()), must_change_password=True,
                                    **fields)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _user_label(user: SignedIn) -> QLabel:
    label = QLabel(f"{user.display_name} ({user.username})")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ResetPasswordDialog(QDialog):
    """The admin sets a temporary password for ``user``; refused input is shown under its field."""

    applied = Signal(object)  # SignedIn: the user whose password was reset

    FIELDS = ("user", "password", "confirm")

    def __init__(self, context: Context, user: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.user = context, user
        self.setWindowTitle(self.tr("Reset password"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setMaxLength(256)
        self.errors = FieldErrors(list(self.FIELDS), fallback="password", parent=self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("User:"), _user_label(user))
        form.addRow("", self.errors.label("user"))
        add_field_rows(form, ((self.tr("&Temporary password:"), self.password, "password"),
                              (self.tr("&Confirm password:"), self.confirm, "confirm")),
                       self.errors, {"password": _hint(password_rule_text())})
        note = _hint(self.tr("Give the user this password in person and ask them to change it after signing in "
                             "(Session ▸ Change password). Resetting also ends a lockout."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reset password"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def submit(self) -> None:
        self.errors.clear()
        if self.confirm.text() != self.password.text():
            self.errors.show_text("confirm", self.tr("The two passwords do not match."))
            self.confirm.setFocus()
            return
        self.setEnabled(False)
        run_op(self, accounts.reset_password, self.context.store, self.context.user, user_id=self.user.user_id,
               new_password=self.password.text(), success=self._applied, failure=self._failed)

    def _applied(self, _result: object) -> None:
        self.setEnabled(True)
        self.applied.emit(self.user)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.errors.show_failure(exc, self)
        self.password.setFocus()


class RoleDialog(QDialog):
    """Change ``user``'s role and grid."""

    applied = Signal(object)  # SignedIn: the changed user

    FIELDS = ("user", "role", "grid_code")

    def __init__(self, context: Context, user: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.user = context, user
        self.setWindowTitle(self.tr("Change role and grid"))
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.role.setCurrentIndex(max(0, self.role.findData(user.role)))
        self.grid = QComboBox()
        self.grid.addItem(self.tr("(no grid)"), None)
        for grid in station.list_grids(context.store):
            self.grid.addItem(f"{grid.name} ({grid.code})", grid.code)
        self.grid.setCurrentIndex(max(0, self.grid.findData(user.grid_code)) if user.grid_code else 0)
        self.errors = FieldErrors(list(self.FIELDS), fallback="role", parent=self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("User:"), _user_label(user))
        form.addRow("", self.errors.label("user"))
        add_field_rows(form, ((self.tr("&Role:"), self.role, "role"), (self.tr("&Grid:"), self.grid, "grid_code")),
                       self.errors, {"grid_code": _hint(self.tr("Grid leaders (A and B role) need a grid."))})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def submit(self) -> None:
        self.errors.clear()
        self.setEnabled(False)
        run_op(self, accounts.change_role, self.context.store, self.context.user, user_id=self.user.user_id,
               role=self.role.currentData(), grid_code=self.grid.currentData(), success=self._applied,
               failure=self._failed)

    def _applied(self, user: SignedIn) -> None:
        self.setEnabled(True)
        self.applied.emit(user)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.errors.show_failure(exc, self)
