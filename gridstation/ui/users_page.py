"""User accounts for station admins: the list of users with their state, and the dialogs acting on
them: add a user, reset a password, change role and grid; deactivate, reactivate and unlock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelection, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import accounts, station
from gridstation.db.accounts import AccountState, SignedIn
from gridstation.db.clock import iso
from gridstation.db.models import ROLES
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.ui.context import Context
from gridstation.ui.field_errors import FieldErrors, add_field_rows, password_rule_text
from gridstation.ui.messages import error_text, show_error
from gridstation.ui.operations import run_op
from gridstation.ui.roles import role_label

AnyIndex = QModelIndex | QPersistentModelIndex


ERROR_COLOR = "#b3261e"


class UsersModel(QAbstractTableModel):
    USERNAME, FULL_NAME, ROLE, GRID, STATE = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts: list[AccountState] = []
        self.grid_names: dict[str, str] = {}
        self._headers = (self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Grid"),
                         self.tr("State"))

    @property
    def users(self) -> list[SignedIn]:
        return [state.user for state in self.accounts]

    def set_accounts(self, accounts_: list[AccountState], grid_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.accounts, self.grid_names = accounts_, grid_names
        self.endResetModel()

    def set_users(self, users: list[SignedIn], grid_names: dict[str, str]) -> None:
        self.set_accounts([AccountState(user) for user in users], grid_names)

    def row_of(self, user_id: str) -> int:
        return next((row for row, state in enumerate(self.accounts) if state.user.user_id == user_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.accounts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def state_text(self, state: AccountState) -> str:
        if not state.user.active:
            return self.tr("Deactivated")
        if state.locked:
            minutes = max(1, int(state.locked_seconds + 59) // 60)
            return self.tr("Locked ({minutes} min left)").format(minutes=minutes)
        return self.tr("Active")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        state = self.accounts[index.row()]
        user = state.user
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if not user.active:
                return QBrush(QColor("#5f6368"))
            return QBrush(QColor(ERROR_COLOR)) if column == self.STATE and state.locked else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == self.USERNAME:
            return user.username
        if column == self.FULL_NAME:
            return user.display_name
        if column == self.ROLE:
            return role_label(user.role)
        if column == self.GRID:
            return self.grid_text(user.grid_code)
        if column == self.STATE:
            return self.state_text(state)
        return None

    def grid_text(self, grid_code: str | None) -> str:
        if grid_code is None:
            return ""
        name = self.grid_names.get(grid_code)
        return f"{name} ({grid_code})" if name else grid_code


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
        return accounts.create_user(session, actor=admin.actor, at=iso(store.clock.now()), **fields)


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


class UsersPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.add_dialog: AddUserDialog | None = None
        self.reset_dialog: ResetPasswordDialog | None = None
        self.role_dialog: RoleDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.model = UsersModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UsersModel.GRID, QHeaderView.ResizeMode.Stretch)
        is_admin = context.user is not None and context.user.is_admin
        self.add_button = QPushButton(self.tr("&Add user…"))
        self.add_button.clicked.connect(self.open_add_dialog)
        self.add_button.setEnabled(is_admin)
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.reset_button.clicked.connect(self.open_reset_dialog)
        self.role_button = QPushButton(self.tr("Change r&ole/grid…"))
        self.role_button.clicked.connect(self.open_role_dialog)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.deactivate_button = QPushButton(self.tr("&Deactivate…"))
        self.deactivate_button.clicked.connect(self.confirm_deactivate)
        self.reactivate_button = QPushButton(self.tr("Reac&tivate"))
        self.reactivate_button.clicked.connect(self.reactivate_selected)
        self.message = QLabel()
        self.message.setObjectName("users_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        title = QLabel(self.tr("Users"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(self.add_button)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Selected user:")))
        for button in self.user_buttons:
            actions.addWidget(button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    @property
    def user_buttons(self) -> tuple[QPushButton, ...]:
        return (self.reset_button, self.role_button, self.unlock_button, self.deactivate_button,
                self.reactivate_button)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()  # lockouts run out while the page is elsewhere

    def refresh(self) -> None:
        selected = self.selected()
        grids = {grid.code: grid.name for grid in station.list_grids(self.context.store)}
        self.model.set_accounts(accounts.list_accounts(self.context.store), grids)
        if selected is not None:
            self.select(selected.user.user_id)
        self._update_buttons()

    def select(self, user_id: str) -> None:
        row = self.model.row_of(user_id)
        if row >= 0:
            self.view.selectRow(row)

    def selected(self) -> AccountState | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.accounts[rows[0].row()] if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.selected()
        me = self.context.user
        allowed = state is not None and me is not None and me.is_admin
        other = allowed and state is not None and me is not None and state.user.user_id != me.user_id
        active = state is not None and state.user.active
        self.reset_button.setEnabled(other)
        self.role_button.setEnabled(allowed)
        self.unlock_button.setEnabled(allowed and state is not None and state.locked)
        self.deactivate_button.setEnabled(other and active)
        self.reactivate_button.setEnabled(allowed and not active)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")
        self.message.setText(text)
        self.message.setVisible(True)

    def _succeeded(self, text: str) -> None:
        self.refresh()
        self.show_message(text)

    def _failed(self, exc: BaseException) -> None:
        self.refresh()
        self.show_message(error_text(exc), error=True)

    def open_add_dialog(self) -> AddUserDialog:
        """Open the (reused, emptied) dialog without blocking: window-modal, kept in ``add_dialog``.

        Reused rather than deleted on close: deleting a dialog that Python still references (the
        operation's parent, a test) crashed PySide6 6.12.
        """
        if self.add_dialog is None:
            self.add_dialog = AddUserDialog(self.context, self)
            self.add_dialog.created.connect(lambda user: (self.refresh(), self.select(user.user_id)))
        dialog = self.add_dialog
        dialog.reset()
        dialog.open()
        dialog.username.setFocus()
        return dialog

    def open_reset_dialog(self) -> ResetPasswordDialog | None:
        """Ask for a temporary password for the selected user (a new dialog each time; the previous one is
        kept until then, see ``open_add_dialog``)."""
        state = self.selected()
        if state is None:
            return None
        self.message.setVisible(False)
        self.reset_dialog = ResetPasswordDialog(self.context, state.user, self)
        self.reset_dialog.applied.connect(lambda user: self._succeeded(
            self.tr("The password of {name} was reset.").format(name=user.display_name)))
        self.reset_dialog.open()
        self.reset_dialog.password.setFocus()
        return self.reset_dialog

    def open_role_dialog(self) -> RoleDialog | None:
        state = self.selected()
        if state is None:
            return None
        self.message.setVisible(False)
        self.role_dialog = RoleDialog(self.context, state.user, self)
        self.role_dialog.applied.connect(lambda user: self._succeeded(
            self.tr("{name} is now: {role}.").format(name=user.display_name, role=role_label(user.role))))
        self.role_dialog.open()
        return self.role_dialog

    def confirm_deactivate(self) -> QMessageBox | None:
        state = self.selected()
        if state is None:
            return None
        user = state.user
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Deactivate user"), "",
                          QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Deactivate {name} ({username})? They can no longer sign in. Their records are kept, "
                            "and the account can be reactivated.").format(name=user.display_name,
                                                                          username=user.username))
        ok = box.addButton(self.tr("Deactivate"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        ok.clicked.connect(lambda: self._set_active(user, False))
        self.confirm_box = box
        box.open()
        return box

    def reactivate_selected(self) -> None:
        state = self.selected()
        if state is not None:
            self._set_active(state.user, True)

    def _set_active(self, user: SignedIn, active: bool) -> None:
        self.message.setVisible(False)
        text = (self.tr("{name} can sign in again.") if active
                else self.tr("{name} was deactivated and can no longer sign in.")).format(name=user.display_name)
        run_op(self, accounts.set_active, self.context.store, self.context.user, user_id=user.user_id,
               active=active, success=lambda _user: self._succeeded(text), failure=self._failed)

    def unlock_selected(self) -> None:
        state = self.selected()
        if state is None:
            return
        self.message.setVisible(False)
        text = self.tr("{name} can sign in again.").format(name=state.user.display_name)
        run_op(self, accounts.unlock_account, self.context.store, self.context.user, user_id=state.user.user_id,
               success=lambda _none: self._succeeded(text), failure=self._failed)
