"""The app shell on real widgets and a real demo station: sign-in, lockout, idle lock, switching user,
navigation, language, the sync count, the error hook and the store's error path."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gridstation import app as gridstation_app
from gridstation.db import audit, station
from gridstation.db.accounts import authenticate
from gridstation.db.demo import DEMO_PASSWORD, load_demo
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.i18n import Translations
from gridstation.ui.login import LoginDialog
from gridstation.ui.main_window import MainWindow
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.password_dialog import ChangePasswordDialog

WAIT_MS = 10_000
SCREENSHOTS = os.environ.get("GRIDSTATION_SCREENSHOTS")  # a directory: also save screenshots there


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = Store.open(data_dir)
    load_demo(opened)
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture
def ctx(store: Store, translations: Translations, tmp_path: Path) -> Iterator[Context]:
    translations.install("en")
    yield Context(store=store, data_dir=store.data_dir, log_path=tmp_path / "gridstation.log", i18n=translations)
    translations.install("en")


@pytest.fixture
def open_window(qtbot, ctx: Context) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(username: str = "wangfang", idle_ms: int = 0) -> MainWindow:
        ctx.user = authenticate(ctx.store, username, DEMO_PASSWORD)
        window = MainWindow(ctx, idle_ms=idle_ms)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    wait_for_operations()


def login(qtbot, dialog: LoginDialog, username: str | None, password: str) -> None:
    if username is not None:
        dialog.username.clear()
        qtbot.keyClicks(dialog.username, username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def wait_for_error(qtbot, dialog: LoginDialog) -> str:
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.busy, timeout=WAIT_MS)
    return dialog.error_label.text()


def audit_actions(store: Store) -> list[tuple[str, str]]:
    wait_for_operations()
    with store.read() as session:
        return [(e.actor, e.action) for e in reversed(audit.list_entries(session))]


def pending(window: MainWindow) -> int:
    match = re.search(r"\d+", window.sync_label.text())
    return int(match.group()) if match else -1


def save_screenshot(widget, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENSHOTS) / f"{name}.png"))


# -- sign-in ---------------------------------------------------------------------------------------


def test_login_success(qtbot, ctx: Context) -> None:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.header.text() == station.get_station(ctx.store).name
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        login(qtbot, dialog, "wangfang", DEMO_PASSWORD)
    assert dialog.signed_in is not None
    assert (dialog.signed_in.username, dialog.signed_in.role) == ("wangfang", "grid_leader")


def test_wrong_password_shows_message(qtbot, ctx: Context) -> None:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    login(qtbot, dialog, "wangfang", "not-the-password")
    text = wait_for_error(qtbot, dialog)
    assert text == "Wrong user name or password."  # the same whether or not the name exists
    assert dialog.signed_in is None and dialog.isVisible()
    assert dialog.password.text() == ""


def test_five_failures_lock_the_account(qtbot, ctx: Context) -> None:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        login(qtbot, dialog, "wangfang", "wrong-password")
        text = wait_for_error(qtbot, dialog)
        dialog.error_label.setVisible(False)
    assert "locked" in text and "15 min" in text
    login(qtbot, dialog, "wangfang", DEMO_PASSWORD)
    assert "locked" in wait_for_error(qtbot, dialog)
    assert dialog.signed_in is None


def test_login_dialog_in_chinese(qtbot, ctx: Context) -> None:
    ctx.i18n.install("zh_CN")
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.login_button.text() == "登录"
    login(qtbot, dialog, "wangfang", "wrong-password")
    assert "用户名或密码错误" in wait_for_error(qtbot, dialog)
    save_screenshot(dialog, "login")


# -- the main window -------------------------------------------------------------------------------


def test_idle_lock_and_unlock(qtbot, open_window) -> None:
    window = open_window("wangfang", idle_ms=300)
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)
    assert window.screens.currentWidget() is window.lock_screen
    assert not window.workspace.isVisible() and not window.menuBar().isVisible()
    dialog = window.lock_screen.dialog
    assert dialog.username.text() == "wangfang" and dialog.username.isReadOnly()
    login(qtbot, dialog, None, "wrong-password")
    wait_for_error(qtbot, dialog)
    assert window.locked
    login(qtbot, dialog, None, DEMO_PASSWORD)
    qtbot.waitUntil(lambda: not window.locked, timeout=WAIT_MS)
    window.idle.stop()
    assert window.screens.currentWidget() is window.workspace and window.workspace.isVisible()
    assert window.context.user.username == "wangfang"
    actions = audit_actions(window.context.store)
    assert ("wangfang", "lock") in actions and ("wangfang", "unlock") in actions


def test_input_resets_the_idle_timer(qtbot, open_window) -> None:
    window = open_window("wangfang", idle_ms=600)
    for _ in range(6):
        qtbot.wait(200)
        qtbot.keyClick(window.pages["home"].title_edit, Qt.Key.Key_A)
    assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)


def test_lock_closes_open_dialogs(qtbot, open_window) -> None:
    window = open_window("wangfang")
    window.actions["password"].trigger()
    dialog = window.findChild(ChangePasswordDialog)
    assert dialog is not None and dialog.isVisible()
    window.actions["lock"].trigger()
    assert window.locked and not dialog.isVisible()


def test_change_password(qtbot, open_window) -> None:
    window = open_window("wangfang")
    window.actions["password"].trigger()
    dialog = window.findChild(ChangePasswordDialog)
    qtbot.keyClicks(dialog.old, DEMO_PASSWORD)
    qtbot.keyClicks(dialog.new, "Neu#Passwort1")
    qtbot.keyClicks(dialog.confirm, "Neu#Passwort2")
    dialog.submit()
    assert "differ" in dialog.error_label.text()
    dialog.confirm.setText("Neu#Passwort1")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.submit()
    assert authenticate(window.context.store, "wangfang", "Neu#Passwort1").username == "wangfang"


def test_about_names_the_data_directory_and_log(qtbot, open_window) -> None:
    window = open_window("wangfang")
    box = window.about()
    assert str(window.context.data_dir) in box.text() and "gridstation.log" in box.text()
    box.close()


def test_switch_user_from_the_menu(qtbot, open_window) -> None:
    window = open_window("wangfang")
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["Home", "Work diary", "Mediation",
                                                                              "Services", "Sync", "Settings"]
    window.actions["switch_user"].trigger()
    dialog = window.lock_screen.dialog
    assert not dialog.username.isReadOnly() and dialog.username.text() == ""
    login(qtbot, dialog, "admin", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: not window.locked, timeout=WAIT_MS)
    assert window.context.user.username == "admin"
    assert window.nav.count() == 7 and set(window.pages) == {"home", "diary", "services", "sync", "users", "audit",
                                                             "settings"}
    assert "Station admin" in window.user_label.text()
    assert ("wangfang", "logout") in audit_actions(window.context.store)


def test_switch_user_on_the_lock_screen(qtbot, open_window) -> None:
    window = open_window("admin")
    window.actions["lock"].trigger()
    dialog = window.lock_screen.dialog
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert not dialog.username.isReadOnly()
    login(qtbot, dialog, "zhaomin", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: not window.locked, timeout=WAIT_MS)
    assert window.context.user.username == "zhaomin" and "users" not in window.pages
    actions = audit_actions(window.context.store)
    assert actions.index(("admin", "logout")) < actions.index(("zhaomin", "login"))


def test_navigation_by_clicking(qtbot, open_window) -> None:
    window = open_window("admin")
    assert window.stack.currentWidget() is window.pages["home"]
    for row, key in ((5, "audit"), (4, "users"), (3, "sync"), (2, "services"), (1, "diary"), (6, "settings"),
                     (0, "home")):
        rect = window.nav.visualItemRect(window.nav.item(row))
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.stack.currentWidget() is window.pages[key]


def test_language_switch(qtbot, open_window, ctx: Context) -> None:
    ctx.i18n.install("zh_CN")
    window = open_window("admin")
    assert window.nav.item(0).text() == "首页"
    window.show_page("settings")
    window.pages["settings"].languageChanged.emit("en")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Home", timeout=WAIT_MS)
    assert window.menuBar().actions()[0].text() == "&Session"
    assert window.current_page_key() == "settings"
    window.pages["settings"].languageChanged.emit("zh_CN")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "首页", timeout=WAIT_MS)
    assert "站点管理员" in window.user_label.text()


def test_pending_sync_count_grows_after_adding_a_todo(qtbot, open_window) -> None:
    window = open_window("wangfang")
    qtbot.waitUntil(lambda: pending(window) > 0, timeout=WAIT_MS)
    before = pending(window)
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.todo_list.count() > 0, timeout=WAIT_MS)
    shown = home.todo_list.count()
    home.title_edit.setText("走访𠀀家，核实低保材料")  # QTest cannot type non-BMP characters
    qtbot.mouseClick(home.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pending(window) == before + 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: home.todo_list.count() == shown + 1, timeout=WAIT_MS)
    assert home.title_edit.text() == ""
    home.todo_list.setCurrentRow(0)
    qtbot.mouseClick(home.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.todo_list.count() == shown, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pending(window) == before + 2, timeout=WAIT_MS)


def test_empty_todo_is_refused_with_a_message(qtbot, open_window) -> None:
    window = open_window("wangfang")
    home = window.pages["home"]
    qtbot.mouseClick(home.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=WAIT_MS)
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert "needs a text" in box.text()
    box.close()


def test_screenshots_in_chinese(qtbot, open_window, ctx: Context) -> None:
    ctx.i18n.install("zh_CN")
    window = open_window("wangfang")
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.todo_list.count() > 0 and pending(window) > 0, timeout=WAIT_MS)
    assert window.nav.item(0).text() == "首页" and "待同步" in window.sync_label.text()
    shown = home.todo_list.count()
    home.title_edit.setText("走访𠀀家（生僻字姓名），核实低保材料")  # 𠀀 comes from the HanaMinB fallback
    qtbot.mouseClick(home.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.todo_list.count() == shown + 1, timeout=WAIT_MS)
    qtbot.wait(100)  # let the status bar lay out the new text
    save_screenshot(window, "main_window_home")
    window.lock()
    assert window.lock_screen.dialog.login_button.text() == "解锁"
    qtbot.wait(50)
    save_screenshot(window, "lock_screen")


# -- errors ----------------------------------------------------------------------------------------


def test_excepthook_shows_a_dialog(qtbot, open_window, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window("wangfang")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(QMessageBox, "exec", lambda self: pytest.fail("a blocking dialog was opened"))
    gridstation_app.install_excepthook(window)

    def broken_slot() -> None:
        raise RuntimeError("boom in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=WAIT_MS)
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert "RuntimeError" in box.text() and "boom in a slot" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()


def test_second_instance_gets_the_already_running_message(
    store: Store, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert gridstation_app.run_gui(store.data_dir, language="en") == gridstation_app.EXIT_STORE_ERROR
    assert len(shown) == 1 and "already running" in shown[0] and str(store.data_dir) in shown[0]
    assert QCoreApplication.translate("Errors", "x") == "x"


def test_a_long_station_name_ends_in_an_ellipsis_and_keeps_the_window_narrow(qtbot) -> None:
    from gridstation.db.accounts import SignedIn
    from gridstation.db.models import Station
    from gridstation.ui.header import Header

    name = "站前街道新兴社区第一网格服务站" * 6  # 90 characters: the wizard accepts it
    row = Station(station_id="s", name=name, district_code="230204", street_code="230204001", street_name="站前街道",
                  community_code="230204001003", community_name="新兴社区", created_at="2026-11-27T08:00:00")
    user = SignedIn(user_id="u1", username="admin", display_name="刘晓梅", role="station_admin", grid_code=None)
    header = Header(row, user)
    qtbot.addWidget(header)
    assert header.minimumSizeHint().width() < 600  # the name does not set the window's width
    header.resize(700, header.sizeHint().height())
    header.show()
    qtbot.waitExposed(header)
    qtbot.waitUntil(lambda: header.station_label.text().endswith("…"))
    assert header.station_label.toolTip() == name and len(header.station_label.text()) < len(name)
    header.resize(5000, header.height())
    qtbot.waitUntil(lambda: header.station_label.text() == name)
