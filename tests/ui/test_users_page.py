"""The users page's account tools on real widgets (reset password, deactivate/reactivate, role and grid,
unlock, the state column), and the sign-in and change-password answers they rely on.

With GRIDSTATION_SCREENSHOTS set to a directory, the tests also save screenshots of the page and dialogs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from gridstation.db import accounts
from gridstation.db.accounts import LoginError, SignedIn
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.login import LoginDialog
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.password_dialog import ChangePasswordDialog
from gridstation.ui.users_page import UsersModel, UsersPage
from tests.ui.conftest import OWN_GRID

WAIT_MS = 10_000
LEADER_PASSWORD = "Leader#2026x"
OTHER_GRID = "230204001003-002U"  # the store and the admin's context: tests/ui/conftest.py
SCREENSHOTS = os.environ.get("GRIDSTATION_SCREENSHOTS")


def screenshot(widget: QWidget, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENSHOTS) / f"{name}.png"))


@pytest.fixture
def leader(context: Context) -> SignedIn:
    with context.store.write() as session:
        return accounts.create_user(session, actor=context.user.actor, at="2026-01-01T00:00:00.000+00:00",
                                    username="wangfang", display_name="王芳", role="grid_leader",
                                    password=LEADER_PASSWORD, grid_code=OWN_GRID)


@pytest.fixture
def page(qtbot, context: Context, leader: SignedIn) -> UsersPage:
    page = UsersPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 420)
    page.show()
    qtbot.waitExposed(page)
    return page


def states(page: UsersPage) -> dict[str, str]:
    model = page.model
    return {model.index(row, UsersModel.USERNAME).data(): model.index(row, UsersModel.STATE).data()
            for row in range(model.rowCount())}


def select(page: UsersPage, username: str) -> None:
    page.select(next(u.user_id for u in page.model.users if u.username == username))


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_ok(qtbot, dialog) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    wait_for_operations()
    qtbot.waitUntil(dialog.isEnabled, timeout=WAIT_MS)


def fail_logins(store: Store, username: str, times: int = 5) -> None:
    for _ in range(times):
        with pytest.raises(LoginError):
            accounts.authenticate(store, username, "Wrong#pass1")


def test_state_column_and_buttons_follow_the_selected_user(qtbot, page: UsersPage, context: Context) -> None:
    assert page.model.headerData(UsersModel.STATE, Qt.Orientation.Horizontal) == "State"
    assert states(page) == {"admin": "Active", "wangfang": "Active"}
    assert not any(button.isEnabled() for button in page.user_buttons)  # nothing selected
    select(page, "admin")  # oneself: no reset (use Change password), no deactivation
    assert page.role_button.isEnabled()
    assert not (page.reset_button.isEnabled() or page.deactivate_button.isEnabled()
                or page.reactivate_button.isEnabled() or page.unlock_button.isEnabled())
    select(page, "wangfang")
    assert page.reset_button.isEnabled() and page.deactivate_button.isEnabled()
    assert not page.reactivate_button.isEnabled() and not page.unlock_button.isEnabled()
    fail_logins(context.store, "wangfang")
    page.refresh()
    assert states(page)["wangfang"] == "Locked (15 min left)"
    assert page.unlock_button.isEnabled()  # the selection survives the refresh
    screenshot(page, "users-page-locked")


def test_unlock_a_locked_out_user(qtbot, page: UsersPage, context: Context) -> None:
    fail_logins(context.store, "wangfang")
    page.refresh()
    select(page, "wangfang")
    click(qtbot, page.unlock_button)
    qtbot.waitUntil(lambda: states(page)["wangfang"] == "Active", timeout=WAIT_MS)
    assert page.message.text() == "王芳 can sign in again."
    assert not page.unlock_button.isEnabled()
    assert accounts.authenticate(context.store, "wangfang", LEADER_PASSWORD).username == "wangfang"


def test_reset_password_dialog_shows_errors_inline_then_resets(qtbot, page: UsersPage, context: Context) -> None:
    select(page, "wangfang")
    click(qtbot, page.reset_button)
    dialog = page.reset_dialog
    assert dialog is not None and dialog.isVisible() and dialog.user.username == "wangfang"
    qtbot.keyClicks(dialog.password, "Temp#2026abc")
    qtbot.keyClicks(dialog.confirm, "Temp#2026abd")
    click_ok(qtbot, dialog)
    assert dialog.errors.text("confirm") == "The two passwords do not match."
    dialog.password.setText("Wangfang#2026")
    dialog.confirm.setText("Wangfang#2026")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.errors.text("password") == "The password must not contain the user name."
    screenshot(dialog, "reset-password-error")
    dialog.password.setText("Temp#2026abc")
    dialog.confirm.setText("Temp#2026abc")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(page.message.isVisible, timeout=WAIT_MS)
    assert page.message.text() == "The password of 王芳 was reset."
    assert accounts.authenticate(context.store, "wangfang", "Temp#2026abc").username == "wangfang"


def test_deactivate_after_confirming_then_reactivate(qtbot, page: UsersPage, context: Context) -> None:
    select(page, "wangfang")
    click(qtbot, page.deactivate_button)
    box = page.confirm_box
    assert box is not None and box.isVisible() and "王芳 (wangfang)" in box.text()
    screenshot(box, "deactivate-confirm")
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    wait_for_operations()
    assert states(page)["wangfang"] == "Active"
    click(qtbot, page.deactivate_button)
    deactivate = next(b for b in page.confirm_box.buttons() if b.text() == "Deactivate")
    click(qtbot, deactivate)
    qtbot.waitUntil(lambda: states(page)["wangfang"] == "Deactivated", timeout=WAIT_MS)
    assert page.message.text() == "王芳 was deactivated and can no longer sign in."
    assert page.reactivate_button.isEnabled() and not page.deactivate_button.isEnabled()
    screenshot(page, "users-page-deactivated")
    with pytest.raises(LoginError, match="deactivated"):
        accounts.authenticate(context.store, "wangfang", LEADER_PASSWORD)
    click(qtbot, page.reactivate_button)
    qtbot.waitUntil(lambda: states(page)["wangfang"] == "Active", timeout=WAIT_MS)
    assert accounts.authenticate(context.store, "wangfang", LEADER_PASSWORD).active


def test_role_dialog_needs_a_grid_for_a_leader_and_saves(qtbot, page: UsersPage, context: Context) -> None:
    select(page, "wangfang")
    click(qtbot, page.role_button)
    dialog = page.role_dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.role.currentData(), dialog.grid.currentData()) == ("grid_leader", OWN_GRID)
    dialog.grid.setCurrentIndex(dialog.grid.findData(None))
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.errors.text("grid_code") == "A grid leader needs a grid."
    screenshot(dialog, "role-dialog-error")
    dialog.role.setCurrentIndex(dialog.role.findData("backup_leader"))
    dialog.grid.setCurrentIndex(dialog.grid.findData(OTHER_GRID))
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(page.message.isVisible, timeout=WAIT_MS)
    row = page.model.row_of(next(u.user_id for u in page.model.users if u.username == "wangfang"))
    assert page.model.index(row, UsersModel.ROLE).data() == "Backup leader (B role)"
    assert page.model.index(row, UsersModel.GRID).data() == f"第二网格 ({OTHER_GRID})"


def test_the_admin_cannot_demote_themself(qtbot, page: UsersPage) -> None:
    select(page, "admin")
    click(qtbot, page.role_button)
    dialog = page.role_dialog
    dialog.role.setCurrentIndex(dialog.role.findData("mediator"))
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.errors.text("role") == "You cannot change your own role."


def test_the_tools_are_disabled_for_other_roles(qtbot, context: Context, leader: SignedIn) -> None:
    page = UsersPage(Context(store=context.store, data_dir=context.data_dir, user=leader))
    qtbot.addWidget(page)
    select(page, "wangfang")
    assert not page.add_button.isEnabled()
    assert not any(button.isEnabled() for button in page.user_buttons)


# -- the answers behind the page: sign-in and change password on real dialogs -------------------------------


def sign_in_error(qtbot, context: Context, username: str, password: str) -> str:
    dialog = LoginDialog(context, station_name="新兴社区网格服务站")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.busy, timeout=WAIT_MS)
    return dialog.error_label.text()


def test_sign_in_does_not_tell_which_user_names_exist(qtbot, context: Context, leader: SignedIn) -> None:
    known = sign_in_error(qtbot, context, "wangfang", "Wrong#pass1")
    unknown = sign_in_error(qtbot, context, "Leader#2026x", "Wrong#pass1")  # a password in the name field
    assert known == unknown == "Wrong user name or password."
    with context.store.read() as session:
        from gridstation.db import audit

        actors = audit.actors(session)
    assert "Leader#2026x" not in actors and "?" in actors


def test_a_deactivated_user_is_told_so_at_sign_in(qtbot, context: Context, leader: SignedIn) -> None:
    accounts.set_active(context.store, context.user, user_id=leader.user_id, active=False)
    text = sign_in_error(qtbot, context, "wangfang", LEADER_PASSWORD)
    assert text == "This account has been deactivated. Ask the station admin if you need it again."


def test_change_password_counts_wrong_current_passwords(qtbot, context: Context, leader: SignedIn) -> None:
    dialog = ChangePasswordDialog(Context(store=context.store, data_dir=context.data_dir, user=leader))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old, LEADER_PASSWORD)
    qtbot.keyClicks(dialog.new, LEADER_PASSWORD)
    qtbot.keyClicks(dialog.confirm, LEADER_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and dialog.error_label.isVisible(), timeout=WAIT_MS)
    assert dialog.error_label.text() == "The new password must differ from the current one."
    dialog.new.setText("Fresh#2026y")
    dialog.confirm.setText("Fresh#2026y")
    for _ in range(5):
        dialog.old.setText("Guess#0000")
        dialog.error_label.clear()
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and dialog.error_label.text() != "", timeout=WAIT_MS)
    assert dialog.old.text() == ""  # cleared for another try
    assert "locked" in dialog.error_label.text()
    screenshot(dialog, "change-password-locked")
    with pytest.raises(LoginError, match="locked"):
        accounts.authenticate(context.store, "wangfang", LEADER_PASSWORD)


def test_a_reset_password_must_be_replaced_before_the_sign_in_ends(qtbot, page: UsersPage, context: Context,
                                                                   leader: SignedIn) -> None:
    accounts.reset_password(context.store, context.user, user_id=leader.user_id, new_password="Temp#2026abc")
    page.refresh()
    assert states(page)["wangfang"] == "Active (password set by the admin, to be changed at sign-in)"
    dialog = LoginDialog(context, station_name="新兴社区网格服务站")
    qtbot.addWidget(dialog)
    dialog.show()

    def sign_in() -> ChangePasswordDialog:
        dialog.username.setText("wangfang")
        dialog.password.setText("Temp#2026abc")
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.password_dialog is not None and dialog.password_dialog.isVisible(),
                        timeout=WAIT_MS)
        assert dialog.password_dialog is not None
        return dialog.password_dialog

    required = sign_in()
    assert required.windowTitle() == "Choose your own password"
    assert not required.old.isVisible() and required.new.isVisible()  # the temporary one is not asked again
    assert dialog.password.text() == ""
    required.reject()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.signed_in is None
    assert dialog.error_label.text().startswith("Choose your own password to sign in")

    required = sign_in()
    required.new.setText("Temp#2026abc")
    required.confirm.setText("Temp#2026abc")
    required.submit()
    qtbot.waitUntil(lambda: required.buttons.isEnabled() and required.error_label.isVisible(), timeout=WAIT_MS)
    assert required.error_label.text() == "The new password must differ from the current one."
    assert dialog.signed_in is None
    required.new.setText("Mine#2026xyz")
    required.confirm.setText("Mine#2026xyz")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        required.submit()
    assert dialog.signed_in is not None and dialog.signed_in.username == "wangfang"
    assert not dialog.signed_in.must_change_password
    assert not accounts.authenticate(context.store, "wangfang", "Mine#2026xyz").must_change_password
    page.refresh()
    assert states(page)["wangfang"] == "Active"
