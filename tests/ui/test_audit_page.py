"""The audit page on real widgets: readable actions and details, privacy reveals with whose record
it was, the chain check's wording, and the filters (done in the query, still paged on scroll)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from gridstation.db import accounts, audit, events, privacy, station
from gridstation.db.mediation_models import MediationCase, MediationParty
from gridstation.db.services_models import ServiceRecord
from gridstation.db.store import Store, database_path
from gridstation.reports.audit_report import ACTION_NAMES
from gridstation.ui.audit_labels import ACTIONS
from gridstation.ui.audit_page import PAGE_SIZE, AuditModel, AuditPage
from gridstation.ui.context import Context
from tests.ui.conftest import ADMIN_PASSWORD as PASSWORD
from tests.ui.conftest import OWN_GRID

SOURCE = Path(__file__).resolve().parents[2] / "gridstation"




def rows(model: AuditModel) -> list[dict[str, str]]:
    names = ("time", "user", "action", "target", "detail", "success")
    return [{name: model.index(row, col).data() for col, name in enumerate(names)} for row in range(model.rowCount())]


def written_actions() -> set[str]:
    """Every action name the station's code writes to the audit log (the server keeps its own log)."""
    patterns = [
        r'\baction="([a-z_.]+)"', r'\.audit\(\s*"([a-z_.]+)"', r'_record\("([a-z_.]+)"', r'_audit\("([a-z_.]+)"',
        r'audit\(None, context, "([a-z_.]+)"', r'\(dialog\.\w+, "([a-z_.]+)"\)', r'"(export\.[a-z]+)"\)',
        r'\baction="([a-z_.]+)" if \w+ else "([a-z_.]+)"',
    ]
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "server" in path.relative_to(SOURCE).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            for match in re.finditer(pattern, text):
                found.update(group for group in match.groups() if group)
    found.discard("version")  # argparse's action="version"
    found.discard("store_true")
    found.discard("append")
    found |= {f"record.{op}" for op in ("create", "update", "delete")}  # f"record.{op}"
    found |= {"export.csv", "export.xlsx"}  # f"export.{kind}"
    return found


def test_every_action_the_station_writes_has_a_name_on_the_page_and_in_the_pdf() -> None:
    written = written_actions()
    assert {"login", "logout", "lock", "unlock", "privacy.reveal", "export.pdf", "demo.load", "print"} <= written
    assert written <= set(audit.KNOWN_ACTIONS), written - set(audit.KNOWN_ACTIONS)
    assert set(audit.KNOWN_ACTIONS) <= set(ACTIONS)
    assert set(audit.KNOWN_ACTIONS) <= set(ACTION_NAMES)


def add_reveals(context: Context) -> tuple[ServiceRecord, MediationParty]:
    """A service record and a mediation party whose ID number and phone the admin reveals."""
    actor = context.user.actor
    with context.store.unit_of_work(actor) as uow:
        record = uow.create(ServiceRecord, grid_code=OWN_GRID, item_code="S01", item_name="高龄津贴",
                            resident_name="张秀兰", resident_phone="13912345678", received_on=date(2026, 11, 2),
                            promised_on=date(2026, 11, 9))
        case = uow.create(MediationCase, grid_code=OWN_GRID, committee_code="230204001003", year=2026, number=1001,
                          case_no="（2026）人调字第 1001 号", title="邻里漏水纠纷", dispute_type="邻里",
                          source="当事人申请", registered_on=date(2026, 11, 2))
        party = uow.create(MediationParty, grid_code=OWN_GRID, case_id=case.id, seq=1, side="applicant",
                           kind="person", name="李建国", id_number="230204196501011234")
    privacy.reveal(context.store, actor, kind="service_record", record_id=record.id, field="resident_id_number",
                   value=record.resident_id_number)
    privacy.reveal(context.store, actor, kind="mediation_party", record_id=party.id, field="phone", value="x",
                   reason="回访联系")
    return record, party


def test_actions_and_details_read_as_words_and_a_reveal_names_whose_record(qtbot, context: Context) -> None:
    store = context.store
    accounts.authenticate(store, "admin", PASSWORD)
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with pytest.raises(accounts.LoginError):
            accounts.authenticate(store, "admin", "Wrong#2026x")
    with pytest.raises(accounts.LoginError):
        accounts.authenticate(store, "nobody", "Wrong#2026x")
    events.record_event(store, actor="admin", action="lock")
    events.record_event(store, actor="admin", action="unlock")
    events.record_event(store, actor="admin", action="logout", detail="switch user")
    events.record_event(store, actor="system", action="restore", target="b1.db", detail="previous: backups/x.sqlite3")
    events.record_event(store, actor="admin", action="demo.load", target="services",
                        detail="610 service records over 365 days")
    events.record_event(store, actor="admin", action="export.pdf", target="audit_log", detail="/tmp/审计日志.pdf")
    events.record_event(store, actor="admin", action="something.new", detail="left as it is")
    record, party = add_reveals(context)

    page = AuditPage(context)
    qtbot.addWidget(page)
    page.show()
    shown = rows(page.model)
    by_action = {}
    for row in shown:
        by_action.setdefault(row["action"], []).append(row)
    assert shown[0]["action"] == "Personal data shown"
    # A mediation party is not named to the admin, nor their case (人民调解法 art. 15).
    assert shown[0]["detail"] == ("Full phone number of a mediation party shown (mediation records are private: "
                                  "the name is not shown here); reason: 回访联系")
    assert shown[0]["target"] == f"mediation party {party.id}"
    assert shown[1]["detail"] == "Full ID number of service record “张秀兰” shown"
    assert shown[1]["target"] == f"service record {record.id}"
    assert "13912345678" not in " ".join(str(v) for row in shown for v in row.values())
    details = [row["detail"] for row in shown]
    assert "Wrong password (attempt 5), account locked" in details
    assert "Wrong password (attempt 1)" in details
    assert "Unknown user name" in details
    assert "Switched user" in details
    assert "The data before the restore was kept as backups/x.sqlite3" in details
    assert "610 service records over 365 days" in details
    assert "left as it is" in details  # an unknown detail stays as written
    actions = {row["action"] for row in shown}
    assert {"Screen locked", "Screen unlocked", "Sign out", "Exported as PDF", "Demo data loaded", "Restore",
            "Record created", "something.new"} <= actions
    assert not {"lock", "unlock", "logout", "privacy.reveal", "export.pdf", "demo.load"} & actions
    created = next(row for row in shown if row["action"] == "User created")
    assert created["detail"] == "Station admin"


def tamper_remove(store: Store, seq: int) -> None:
    conn = sqlite3.connect(database_path(store.data_dir))
    try:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE seq = ?", (seq,))
        conn.commit()
    finally:
        conn.close()


def test_a_removed_entry_is_reported_in_words(qtbot, context: Context) -> None:
    for i in range(4):
        events.record_event(context.store, actor="admin", action="backup", target=f"b{i}.db")
    tamper_remove(context.store, 3)
    page = AuditPage(context)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tampered" in page.result_label.text(), timeout=10_000)
    assert "Entry 3: missing (the next entry is entry 4)" in page.result_label.text()
    assert "next entry is 4)" not in page.result_label.text()


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_filters_by_user_action_group_date_and_failure_and_still_fetch_on_scroll(qtbot, context: Context,
                                                                                   store: Store) -> None:
    for i in range(PAGE_SIZE + 30):
        events.record_event(store, actor="wangfang", action="print", target=f"diary_day:{i:04d}")
        events.record_event(store, actor="admin", action="backup", target=f"backup-{i:04d}.sqlite3")
    with pytest.raises(accounts.LoginError):
        accounts.authenticate(store, "admin", "Wrong#2026x")
    events.record_event(store, actor="wangfang", action="export.xlsx", target="diary 2026-11")
    page = AuditPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    model = page.model
    everything = model.total
    assert page.user_filter.findData("wangfang") >= 0 and page.user_filter.findData("admin") >= 0

    choose(page.user_filter, "wangfang")
    assert model.total == PAGE_SIZE + 31
    assert model.rowCount() == PAGE_SIZE  # one page first …
    scrollbar = page.view.verticalScrollBar()
    while model.canFetchMore(model.index(-1, -1)):
        scrollbar.setValue(scrollbar.maximum())
        qtbot.wait(10)
    assert model.rowCount() == PAGE_SIZE + 31  # … the rest on scrolling, no repeats
    assert {row["user"] for row in rows(model)} == {"wangfang"}
    assert len({row["target"] for row in rows(model)}) == PAGE_SIZE + 31

    choose(page.action_filter, "group:output")  # printing and exports, wangfang's
    assert model.total == PAGE_SIZE + 31
    choose(page.user_filter, None)
    choose(page.action_filter, "backup")
    assert model.total == PAGE_SIZE + 30
    assert {row["action"] for row in rows(model)} == {"Backup"}
    choose(page.action_filter, "group:sign_in")
    assert [row["detail"] for row in rows(model)] == ["Wrong password (attempt 1)"]

    choose(page.action_filter, "")
    page.failed_check.setChecked(True)
    assert [(row["user"], row["success"]) for row in rows(model)] == [("admin", "No")]
    page.failed_check.setChecked(False)
    assert model.total == everything

    page.dates_check.setChecked(True)  # the last 30 days up to today: everything written just now
    assert model.total == everything
    yesterday = QDate.currentDate().addDays(-1)
    page.from_date.setDate(yesterday.addDays(-5))
    page.to_date.setDate(yesterday)
    assert model.total == 0 and model.rowCount() == 0
    page.dates_check.setChecked(False)
    assert model.total == everything


def test_the_date_filter_takes_whole_local_days(store: Store, context: Context) -> None:
    from gridstation.ui.audit_labels import day_start

    today = datetime.now().astimezone().date()
    assert day_start(today).tzinfo is not None and day_start(today).time() == datetime.min.time()
    with store.read() as session:
        today_only = audit.AuditFilter(since=day_start(today), until=day_start(today + timedelta(days=1)))
        assert audit.count_entries(session, today_only) == audit.count_entries(session) >= 2
        before = audit.AuditFilter(until=day_start(today - timedelta(days=1)))
        assert audit.count_entries(session, before) == 0


def test_settings_users_and_backups_are_in_the_settings_group(store: Store, context: Context) -> None:
    station.set_setting(store, "idle_lock_minutes", "30", actor="admin")
    events.record_event(store, actor="admin", action="backup", target="b.sqlite3")
    events.record_event(store, actor="admin", action="lock")
    with store.read() as session:
        settings = audit.list_entries(session, flt=audit.AuditFilter(actions=audit.ACTION_GROUPS["settings"]))
    assert {e.action for e in settings} == {"setting.change", "backup", "station.setup", "user.create"}


def test_the_pdf_export_prints_what_the_filter_shows_and_says_which_filter(qtbot, context: Context, store: Store,
                                                                           tmp_path: Path) -> None:
    from pypdf import PdfReader

    events.record_event(store, actor="wangfang", action="print", target="diary_day:0001")
    events.record_event(store, actor="admin", action="backup", target="backup-0001.sqlite3")
    with pytest.raises(accounts.LoginError):
        accounts.authenticate(store, "admin", "Wrong#2026x")
    page = AuditPage(context)
    qtbot.addWidget(page)

    def exported(name: str) -> str:
        out = tmp_path / name
        page.export_to(out)
        qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20_000)
        return "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")

    choose(page.user_filter, "admin")
    page.failed_check.setChecked(True)
    text = exported("failed.pdf")
    assert "筛选条件：用户admin；仅失败的操作。共1条记录。" in text
    assert "密码错误（第1次）" in text and "备份" not in text and "打印" not in text
    assert "审计链校验（全部记录）：完整" in text

    page.failed_check.setChecked(False)
    choose(page.user_filter, None)
    choose(page.action_filter, "group:output")
    text = exported("output.pdf")
    assert "筛选条件：操作打印与导出。共2条记录。" in text  # the print, and the export just made
    assert "打印" in text and "导出PDF" in text
    assert "备份" not in text and "密码错误" not in text

    choose(page.action_filter, "")
    text = exported("all.pdf")
    assert "筛选条件" not in text and "备份" in text and "密码错误（第1次）" in text
    with store.read() as session:  # each export is audited, filtered or not
        assert [e.action for e in audit.list_entries(session, limit=3)] == ["export.pdf"] * 3


def test_the_filter_in_words_on_the_printed_log() -> None:
    from gridstation.reports.audit_report import filter_text
    from gridstation.ui.audit_labels import day_start

    assert filter_text(audit.AuditFilter()) == ""
    flt = audit.AuditFilter(actor="wangfang", actions=("backup", "restore"), since=day_start(date(2026, 11, 1)),
                            until=day_start(date(2026, 12, 1)))
    assert filter_text(flt) == "用户 wangfang；操作 备份、恢复；日期 2026-11-01 至 2026-11-30"
    assert filter_text(audit.AuditFilter(actions=audit.ACTION_GROUPS["sign_in"])) == "操作 登录与锁屏"


def test_the_filters_fit_a_1024_wide_screen(qtbot, context: Context) -> None:
    """Beside the main window's navigation (about 180 px), the page has about 820 px on a 1024×768
    screen: the filters wrap onto two rows instead of cutting off "failed only"."""
    page = AuditPage(context)
    qtbot.addWidget(page)
    assert page.minimumSizeHint().width() <= 800, page.minimumSizeHint()
