"""The real start-up sequence: login window before the store is open, then the main window."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from gridstation import app as gridstation_app
from gridstation.db.demo import DEMO_PASSWORD, load_demo
from gridstation.db.files import database_path
from gridstation.db.store import Store
from gridstation.ui.operations import wait_for_operations

WAIT_MS = 10_000


@pytest.fixture
def demo_dir(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        load_demo(store)
    return data_dir


@pytest.fixture
def launcher(demo_dir: Path, qapp: QApplication, qtbot) -> Iterator[gridstation_app.Launcher]:
    started = gridstation_app.Launcher(qapp, demo_dir, language="en", log_path=None)
    started.mainWindowShown.connect(lambda: qtbot.addWidget(started.window))
    yield started
    if started.login is not None:
        qtbot.addWidget(started.login)  # pytest-qt closes and deletes it after the test
    wait_for_operations()
    started.close()


def test_login_window_shows_then_signs_in(launcher: gridstation_app.Launcher, qtbot) -> None:
    assert launcher.start()
    dialog = launcher.login
    assert dialog is not None and dialog.isVisible()
    assert dialog.header.text() == "站前街道新兴社区第一网格服务站"  # read before the store opened
    qtbot.waitUntil(lambda: launcher.context.store is not None, timeout=WAIT_MS)
    dialog.username.setText("wangfang")
    dialog.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(launcher.mainWindowShown, timeout=WAIT_MS):
        dialog.try_login()
    assert launcher.window is not None and launcher.window.isVisible()
    assert launcher.context.user is not None and launcher.context.user.username == "wangfang"


def test_sign_in_pressed_before_the_store_opened_waits_for_it(launcher: gridstation_app.Launcher, qtbot) -> None:
    assert launcher.start()
    dialog = launcher.login
    assert dialog is not None
    dialog.username.setText("wangfang")
    dialog.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(launcher.mainWindowShown, timeout=WAIT_MS):
        dialog.try_login()  # queued behind the store opening on the operations thread
    assert launcher.context.user is not None


def test_foreign_file_is_explained_and_kept(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                           qapp: QApplication) -> None:
    database_path(data_dir).write_bytes(b"not a database at all" * 100)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert gridstation_app.run_gui(data_dir, language="en") == gridstation_app.EXIT_STORE_ERROR
    assert len(shown) == 1 and "not a GridStation database" in shown[0]
    assert database_path(data_dir).read_bytes() == b"not a database at all" * 100


def test_the_app_collects_garbage_on_the_gui_thread_only_while_it_runs(data_dir: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        qapp: QApplication) -> None:
    """Automatic collection is off while the app runs (a timer on the GUI thread collects) and on
    again once it returned, as it was in the process before."""
    database_path(data_dir).write_bytes(b"not a database at all" * 100)  # the quickest way through run_gui
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    automatic: list[bool] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: automatic.append(gc.isenabled()) or 0)
    gc.enable()  # as a process starts
    try:
        gridstation_app.run_gui(data_dir, language="en")
        after = gc.isenabled()
    finally:
        gc.disable()  # as this test's own collector (the autouse fixture) keeps it
    assert automatic == [False] and after


def test_damaged_pages_found_while_the_login_shows(demo_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                   qapp: QApplication, qtbot) -> None:
    """The quick check of every page runs in the background; a failure ends the app with a message."""
    path = database_path(demo_dir)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3: page * 3 + 200] = b"\xff" * 200  # scramble part of a page, keep the header
    path.write_bytes(bytes(data))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    code = gridstation_app.run_gui(demo_dir, language="en")
    assert code == gridstation_app.EXIT_STORE_ERROR
    assert len(shown) == 1 and "damaged" in shown[0]
