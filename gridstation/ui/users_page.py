"""User accounts for station admins: the list of users with their state, and the dialogs acting on
them: add a user, reset a password, change role and grid; deactivate, reactivate and unlock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelection, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import accounts, station
from gridstation.db.accounts import AccountState, SignedIn
from gridstation.ui.context import Context
from gridstation.ui.messages import error_text
from gridstation.ui.operations import run_op
from gridstation.ui.roles import role_label
from gridstation.ui.user_dialogs import AddUserDialog, ResetPasswordDialog, RoleDialog

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
        if state.user.must_change_password:
            return self.tr("Active (password set by the admin, to be changed at sign-in)")
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
