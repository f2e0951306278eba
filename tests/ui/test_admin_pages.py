"""The station admin's pages on real widgets: users, audit log, settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from gridstation.db import accounts, audit, events, mediation, station
from gridstation.db.store import Store, database_path
from gridstation.ui.audit_page import PAGE_SIZE, AuditModel, AuditPage
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.settings_page import SettingsPage
from gridstation.ui.sync import SyncScheduler
from gridstation.ui.users_page import UsersModel, UsersPage


def column(model, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def fill_user_dialog(qtbot, dialog, username: str, password: str = "Leader#2026x") -> None:
    qtbot.keyClicks(dialog.username, username)
    dialog.display_name.insert("王芳")  # QTest cannot type Chinese characters
    dialog.role.setCurrentIndex(dialog.role.findData("grid_leader"))
    dialog.grid.setCurrentIndex(dialog.grid.findData("230204001003-002U"))
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClicks(dialog.confirm, password)


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_add_user_appears_in_the_table_and_can_sign_in(qtbot, context: Context) -> None:
    page = UsersPage(context)
    qtbot.addWidget(page)
    page.show()
    assert column(page.model, UsersModel.USERNAME) == ["admin"]
    assert column(page.model, UsersModel.ROLE) == ["Station admin"]
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    assert dialog is not None and dialog.isVisible()
    fill_user_dialog(qtbot, dialog, "wangfang")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        click_ok(qtbot, dialog)
    assert column(page.model, UsersModel.USERNAME) == ["admin", "wangfang"]
    row = 1
    assert page.model.index(row, UsersModel.FULL_NAME).data() == "王芳"
    assert page.model.index(row, UsersModel.ROLE).data() == "Grid leader"
    assert page.model.index(row, UsersModel.GRID).data() == "第二网格 (230204001003-002U)"
    user = accounts.authenticate(context.store, "wangfang", "Leader#2026x")
    assert (user.role, user.grid_code) == ("grid_leader", "230204001003-002U")


def submit_and_wait(qtbot, dialog) -> None:
    click_ok(qtbot, dialog)
    wait_for_operations()
    qtbot.waitUntil(dialog.isEnabled, timeout=10_000)


def test_duplicate_user_name_is_refused_and_the_form_stays_filled(qtbot, context: Context) -> None:
    page = UsersPage(context)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_add_dialog()
    fill_user_dialog(qtbot, dialog, "ADMIN")  # user names are unique regardless of case
    submit_and_wait(qtbot, dialog)
    assert dialog.isVisible()
    assert "ADMIN" in dialog.errors.text("username")
    assert dialog.username.text() == "ADMIN" and dialog.password.text() == "Leader#2026x"
    assert [u.username for u in accounts.list_users(context.store)] == ["admin"]
    assert page.model.rowCount() == 1


def test_weak_password_and_mismatch_are_refused(qtbot, context: Context) -> None:
    page = UsersPage(context)
    qtbot.addWidget(page)
    dialog = page.open_add_dialog()
    fill_user_dialog(qtbot, dialog, "lijun", password="weakpass")
    submit_and_wait(qtbot, dialog)
    assert dialog.errors.text("password")
    dialog.confirm.setText("Other#2026x")
    dialog.password.setText("Strong#2026x")
    submit_and_wait(qtbot, dialog)
    assert dialog.errors.text("confirm") and not dialog.errors.text("password")
    assert [u.username for u in accounts.list_users(context.store)] == ["admin"]


def add_events(store: Store, n: int) -> None:
    for i in range(n):
        events.record_event(store, actor="admin", action="backup", target=f"backup-{i:04d}.sqlite3")


def test_audit_page_lists_newest_first_and_fetches_more_on_scroll(qtbot, context: Context) -> None:
    add_events(context.store, 2 * PAGE_SIZE + 10)
    page = AuditPage(context)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    model = page.model
    total = model.total
    assert total >= 2 * PAGE_SIZE + 12  # set-up, admin creation, the events
    assert model.rowCount() == PAGE_SIZE
    assert model.index(0, AuditModel.TARGET).data() == f"backup-{2 * PAGE_SIZE + 9:04d}.sqlite3"
    assert model.index(0, AuditModel.ACTION).data() == "Backup"
    assert model.index(0, AuditModel.SUCCESS).data() == "Yes"
    assert len(model.index(0, AuditModel.TIME).data()) == len("2026-01-01 12:00:00")
    add_events(context.store, 3)  # appended while browsing: no duplicates, no gaps
    scrollbar = page.view.verticalScrollBar()
    while model.canFetchMore(model.index(-1, -1)):
        scrollbar.setValue(scrollbar.maximum())
        qtbot.wait(10)
    assert model.rowCount() == total
    targets = column(model, AuditModel.TARGET)
    backups = [t for t in targets if t.startswith("backup-")]
    assert backups == [f"backup-{i:04d}.sqlite3" for i in reversed(range(2 * PAGE_SIZE + 10))]
    assert column(model, AuditModel.ACTION)[-1] == "Station set up"


def tamper(store: Store, seq: int) -> None:
    conn = sqlite3.connect(database_path(store.data_dir))
    try:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET detail = 'forged' WHERE seq = ?", (seq,))
        conn.commit()
    finally:
        conn.close()


def test_verify_chain_reports_intact_then_the_tampered_entry(qtbot, context: Context) -> None:
    add_events(context.store, 5)
    page = AuditPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "intact" in page.result_label.text(), timeout=10_000)
    tamper(context.store, 3)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tampered" in page.result_label.text(), timeout=10_000)
    assert "Entry 3: was changed after it was written" in page.result_label.text()


def test_settings_page_saves_idle_minutes_and_emits_language(qtbot, context: Context) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.idle_minutes.value() == 15
    assert (page.idle_minutes.minimum(), page.idle_minutes.maximum()) == (1, 120)
    assert page.language.currentData() == "zh_CN"
    page.idle_minutes.setValue(30)
    with qtbot.waitSignal(page.idleMinutesChanged, timeout=10_000) as idle:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert idle.args == [30]
    assert station.get_setting(context.store, "idle_lock_minutes") == "30"
    page.language.setCurrentIndex(page.language.findData("en"))
    with qtbot.waitSignal(page.languageChanged, timeout=10_000) as changed:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["en"]
    assert station.get_setting(context.store, "language") == "en"
    assert str(context.data_dir) == page.data_dir_label.text()
    shown = {label.text() for label in page.profile.findChildren(QLabel)}
    assert {"新兴社区网格服务站", "新兴社区 (230204001003)", "站前街道 (230204001)"} <= shown


def test_settings_page_sets_the_mediation_case_number_block(qtbot, context: Context) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert page.case_block.value() == 1  # the number of the station's lowest own grid
    assert "1001–1999" in page.case_block_hint.text()
    page.case_block.setValue(7)
    assert "7001–7999" in page.case_block_hint.text()
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with context.store.read() as session:
        assert mediation.station_block(session) == 7
        latest = audit.list_entries(session, limit=1)[0]
    assert (latest.action, latest.target, latest.detail) == ("setting.change", "mediation_block", "7")
    # The next registration takes its number from the block.
    with context.store.write() as session:
        number = mediation.allocate_number(session, committee_code="230204001003", year=2026)
    assert 7001 <= number.number <= 7999, number
    reopened = SettingsPage(context)
    qtbot.addWidget(reopened)
    assert reopened.case_block.value() == 7


def test_settings_are_read_only_for_a_grid_leader(qtbot, context: Context) -> None:
    with context.store.write() as session:
        leader = accounts.create_user(session, actor=context.user.actor, at="2026-01-01T00:00:00.000+00:00",
                                      username="wangfang", display_name="王芳", role="grid_leader",
                                      password="Leader#2026x", grid_code="230204001003-001U")
    page = SettingsPage(Context(store=context.store, data_dir=context.data_dir, user=leader))
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled() and not page.idle_minutes.isEnabled()
    assert not page.backup_box.backup_button.isEnabled()
    assert not page.case_block.isEnabled()


def crowded(page: QWidget) -> list[str]:
    """Visible labels, fields and buttons of ``page`` that overlap one another, and word-wrapped
    labels given less height than their text needs."""
    kinds = (QLabel, QLineEdit, QPushButton, QAbstractSpinBox, QComboBox)
    shown = [w for w in page.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()
             and not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox))]  # not a spin box's own editor
    rects = {w: QRect(w.mapToGlobal(w.rect().topLeft()), w.size()) for w in shown}
    found = [f"{w.objectName() or type(w).__name__} {getattr(w, 'text', str)()!r} is squeezed"
             for w in shown if isinstance(w, QLabel) and w.wordWrap() and w.height() < w.heightForWidth(w.width())]
    for i, first in enumerate(shown):
        for second in shown[i + 1:]:
            if rects[first].intersects(rects[second]):
                found.append(f"{getattr(first, 'text', str)()!r} overlaps {getattr(second, 'text', str)()!r}")
    return found


@pytest.mark.parametrize("size", [(700, 480), (900, 600), (1176, 580)])  # (700, 480): the 900×600 window's page
def test_the_settings_page_scrolls_instead_of_overlapping(qtbot, context: Context, size: tuple[int, int]) -> None:
    scheduler = SyncScheduler(context, interval_ms=3_600_000, first_run_ms=0)
    try:
        page = SettingsPage(context, scheduler)
        qtbot.addWidget(page)
        page.resize(*size)
        page.show()
        assert page.sync_box is not None
        qtbot.waitUntil(lambda: not page.sync_box.busy, timeout=10_000)
        page.sync_box.errors.show_text("server_url", "No server could be reached at http://127.0.0.1:9. Check "
                                       "the address and this PC's network connection.")
        qtbot.wait(50)  # the layout settles
        assert crowded(page) == []
        bottom = page.sync_box.enrol_button
        page.scroll_area.ensureWidgetVisible(bottom)
        assert page.scroll_area.viewport().rect().contains(
            QRect(bottom.mapTo(page.scroll_area.viewport(), bottom.rect().topLeft()), bottom.size()))
    finally:
        scheduler.stop()
        wait_for_operations()


def test_audit_log_exports_as_pdf_and_the_export_is_audited(qtbot, context: Context, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page = AuditPage(context)
    qtbot.addWidget(page)
    out = tmp_path / "审计日志.pdf"
    page.export_to(out)
    qtbot.waitUntil(lambda: page.export_button.isEnabled() and out.exists(), timeout=10_000)
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    assert "审计日志" in text and "审计链校验：完整" in text
    with context.store.read() as session:
        latest = audit.list_entries(session, limit=1)[0]
    assert latest.action == "export.pdf" and latest.detail == str(out)
