"""User accounts for station admins: the list of users and the "Add user" dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
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
    QPushButton,
    QTableView,
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

AnyIndex = QModelIndex | QPersistentModelIndex


class UsersModel(QAbstractTableModel):
    USERNAME, FULL_NAME, ROLE, GRID = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users: list[SignedIn] = []
        self.grid_names: dict[str, str] = {}
        self._headers = (self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Grid"))

    def set_users(self, users: list[SignedIn], grid_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.users, self.grid_names = users, grid_names
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.users)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        user = self.users[index.row()]
        column = index.column()
        if column == self.USERNAME:
            return user.username
        if column == self.FULL_NAME:
            return user.display_name
        if column == self.ROLE:
            return role_label(user.role)
        if column == self.GRID:
            if user.grid_code is None:
                return ""
            name = self.grid_names.get(user.grid_code)
            return f"{name} ({user.grid_code})" if name else user.grid_code
        return None


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


class UsersPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.add_dialog: AddUserDialog | None = None
        self.model = UsersModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UsersModel.GRID, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add user…"))
        self.add_button.clicked.connect(self.open_add_dialog)
        self.add_button.setEnabled(context.user is not None and context.user.is_admin)
        title = QLabel(self.tr("Users"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        grids = {grid.code: grid.name for grid in station.list_grids(self.context.store)}
        self.model.set_users(accounts.list_users(self.context.store), grids)

    def open_add_dialog(self) -> AddUserDialog:
        """Open the (reused, emptied) dialog without blocking: window-modal, kept in ``add_dialog``.

        Reused rather than deleted on close: deleting a dialog that Python still references (the
        operation's parent, a test) crashed PySide6 6.12.
        """
        if self.add_dialog is None:
            self.add_dialog = AddUserDialog(self.context, self)
            self.add_dialog.created.connect(lambda _user: self.refresh())
        dialog = self.add_dialog
        dialog.reset()
        dialog.open()
        dialog.username.setFocus()
        return dialog
