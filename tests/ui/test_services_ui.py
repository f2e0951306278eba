"""The services area on real widgets: register a service with its materials ticked, move it through
its states to closed, see another record become overdue when the (fake) clock passes its promised
date, print the receipt and print every notice-board layout on A4 and A3."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QHeaderView, QMessageBox

from gridstation import app as gridstation_app
from gridstation.db import accounts, audit, demo, services, services_notice
from gridstation.db import services_queries as q
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain import services as rules
from gridstation.resources import resource_path
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.pdf_preview import PdfPreviewDialog
from gridstation.ui.services import ServicesArea
from gridstation.ui.services.catalogue_page import CatalogueModel
from gridstation.ui.services.home_box import ServiceDeadlinesLabel
from gridstation.ui.services.profile_dialog import NoticeProfileDialog
from gridstation.ui.services.records_model import OVERDUE_FILL, ServiceRecordsModel
from gridstation.ui.services.register_dialog import RegisterServiceDialog
from gridstation.ui.services.resident_dialog import ResidentDialog
from gridstation.ui.services.status_dialog import StatusDialog
from tests.unit.conftest import FakeClock

WAIT_MS = 20_000
GRID = demo.DEMO_SETUP.grids[0][0]
SCREENSHOTS = os.environ.get("GRIDSTATION_SCREENSHOTS")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()  # Friday 27 November 2026


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(data_dir, clock=clock)
    demo.setup_demo_station(opened)
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture
def area(qtbot, qapp, store: Store, data_dir: Path, leader: SignedIn) -> ServicesArea:
    if SCREENSHOTS:
        gridstation_app.load_fonts(qapp)
    widget = ServicesArea(Context(store=store, data_dir=data_dir, user=leader))
    qtbot.addWidget(widget)
    widget.resize(QSize(1100, 700))
    widget.show()
    qtbot.waitExposed(widget)
    wait_for_operations()
    return widget


def settle(qtbot) -> None:
    qtbot.wait(10)
    assert wait_for_operations()
    qtbot.wait(10)


def print_dialog(qtbot, dialog: PdfPreviewDialog, out: Path) -> str:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS):
        dialog.print_to(printer)
    settle(qtbot)
    return "".join(p.extract_text() for p in PdfReader(dialog.pdf_path).pages).replace(" ", "").replace("\n", "")


def test_register_tick_close_overdue_and_print(qtbot, area: ServicesArea, store: Store, leader: SignedIn,
                                               clock: FakeClock, tmp_path: Path) -> None:
    page = area.list_page
    other = services.register_service(store, leader.actor, grid_code=GRID, item_code="FW007",  # 7 working days
                                      resident_name="赵德福", received_on=date(2026, 11, 27))
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, RegisterServiceDialog)
    dialog.item_combo.setCurrentIndex(dialog.item_combo.findData("FW006"))  # 高龄津贴
    assert dialog.materials.count() == 4
    assert dialog.promised_label.text().startswith("2026-12-18")
    qtbot.keyClicks(dialog.phone_edit, "13800138000")
    qtbot.keyClicks(dialog.id_edit, "110105194912310021")  # a wrong check digit: refused inline
    dialog.name_edit.setText("张桂兰")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.isVisible() and "check digit" in dialog.errors.text("resident_id_number")
    assert len(q.overdue_records(store, today=date(2027, 1, 1))) == 1  # nothing saved but the other record
    dialog.id_edit.clear()
    qtbot.keyClicks(dialog.id_edit, "11010519491231002X")
    for row in (0, 3):
        dialog.materials.item(row).setCheckState(Qt.CheckState.Checked)
    if SCREENSHOTS:
        dialog.grab().save(str(Path(SCREENSHOTS) / "services-register.png"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle(qtbot)
    rows = page.model.rows
    assert sorted(r.resident_name for r in rows) == sorted(["赵德福", "张桂兰"])
    mine = next(r for r in rows if r.resident_name == "张桂兰")
    assert mine.materials == ("居民身份证", "一寸照片") and mine.phone_masked == "138****8000"

    # 受理 → 办理中 → 办结
    assert page.select(mine.id)
    qtbot.mouseClick(page.progress_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert next(r for r in page.model.rows if r.id == mine.id).status == rules.IN_PROGRESS
    assert page.select(mine.id)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    close = page.last_dialog
    assert isinstance(close, StatusDialog)
    close.choose(rules.COMPLETED)
    close.satisfaction_combo.setCurrentIndex(close.satisfaction_combo.findData("satisfied"))
    close.note_edit.setText("电话回访")
    save = close.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # no result: refused under the field, nothing lost
    settle(qtbot)
    assert close.isVisible() and save.isEnabled()
    assert "Enter the result" in close.errors.text("result")
    assert (close.note_edit.text(), close.satisfaction_combo.currentData()) == ("电话回访", "satisfied")
    assert next(r for r in page.model.rows if r.id == mine.id).status == rules.IN_PROGRESS
    close.result_edit.setPlainText("审批通过，高龄津贴按月发放")
    with qtbot.waitSignal(close.saved, timeout=WAIT_MS):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.selected() is not None and page.selected().id == mine.id  # type: ignore[union-attr]
    closed = next(r for r in page.model.rows if r.id == mine.id)
    status_tip = page.model.index(page.model.rows.index(closed), ServiceRecordsModel.STATUS).data(
        Qt.ItemDataRole.ToolTipRole)
    assert status_tip.splitlines()[-1].startswith("办结　王芳　2026-11-27")
    assert closed.status == rules.COMPLETED and [h.status for h in closed.history] == [
        "accepted", "in_progress", "completed"] and closed.satisfaction == "satisfied"
    # the resident's satisfaction is often asked later, at a follow-up
    assert page.select(mine.id) and page.satisfaction_button.isEnabled()
    ask = page.ask_satisfaction()
    assert ask is not None
    ask.setTextValue("基本满意")
    ask.accept()
    settle(qtbot)
    closed = next(r for r in page.model.rows if r.id == mine.id)
    assert closed.satisfaction == "basically"

    # The other record: due in 7 working days (8 December); the clock moves past it.
    def other_row() -> int:
        return next(i for i, r in enumerate(page.model.rows) if r.id == other.id)

    assert page.model.rows[other_row()].deadline == ""
    clock.advance(86400 * 12)  # Wednesday 9 December
    page.refresh()
    settle(qtbot)
    row = other_row()
    assert page.model.rows[row].deadline == "overdue"
    brush = page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == OVERDUE_FILL
    assert page.model.index(row, ServiceRecordsModel.DEADLINE).data() == "Overdue"
    assert q.deadline_counts(store, today=date(2026, 12, 9)) == (1, 0)
    home_line = ServiceDeadlinesLabel(area.list_page.context)
    qtbot.addWidget(home_line)
    settle(qtbot)
    assert home_line.text() == "Services (帮代办): 1 overdue, 0 due soon"
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("overdue"))
    settle(qtbot)
    assert [r.id for r in page.model.rows] == [other.id]
    if SCREENSHOTS:
        page.filter_combo.setCurrentIndex(0)
        settle(qtbot)
        area.grab().save(str(Path(SCREENSHOTS) / "services-list.png"))
    page.filter_combo.setCurrentIndex(0)
    settle(qtbot)

    # The receipt, through the print preview.
    assert page.select(mine.id)
    qtbot.mouseClick(page.receipt_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    preview = page.last_dialog
    assert isinstance(preview, PdfPreviewDialog)
    text = print_dialog(qtbot, preview, tmp_path / "receipt.pdf")
    assert "便民服务受理回执" in text and "张桂兰" in text and "赵德福" not in text and "138****8000" in text
    assert (tmp_path / "receipt.pdf").stat().st_size > 1000
    preview.reject()
    with store.read() as session:
        actions = [(e.action, e.target) for e in audit.list_entries(session)]
    assert ("print", f"service_record:{mine.id} receipt") in actions


def test_correct_the_residents_details_without_seeing_them(qtbot, area: ServicesArea, store: Store,
                                                            leader: SignedIn) -> None:
    page = area.list_page
    record = services.register_service(store, leader.actor, grid_code=GRID, item_code="FW006",
                                       resident_name="张贵兰", received_on=date(2026, 11, 27),
                                       resident_phone="13800138000", resident_id_number="11010519491231002X")
    page.refresh()
    settle(qtbot)
    assert page.select(record.id)
    qtbot.mouseClick(page.resident_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, ResidentDialog)
    # the stored values appear masked only, as hints; nothing in the form holds them in full
    assert dialog.phone_edit.placeholderText().endswith("138****8000") and dialog.phone_edit.text() == ""
    assert "11010519491231002X" not in dialog.id_edit.placeholderText() and dialog.id_edit.text() == ""
    if SCREENSHOTS:
        dialog.grab().save(str(Path(SCREENSHOTS) / "services-resident.png"))
    dialog.name_edit.setText("张桂兰")
    qtbot.keyClicks(dialog.id_edit, "110105194912310021")  # a wrong check digit: refused, nothing saved
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.isVisible() and "check digit" in dialog.errors.text("resident_id_number")
    assert q.get_record(store, record.id, today=date(2026, 11, 27)).resident_name == "张贵兰"  # type: ignore[union-attr]
    dialog.id_edit.clear()
    dialog.remove_id.setChecked(True)
    assert not dialog.id_edit.isEnabled()
    qtbot.keyClicks(dialog.phone_edit, "139 0000 1111")
    with qtbot.waitSignal(dialog.corrected, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle(qtbot)
    row = next(r for r in page.model.rows if r.id == record.id)
    assert (row.resident_name, row.phone_masked, row.id_number_masked) == ("张桂兰", "139****1111", "")
    assert page.selected() is not None and page.selected().id == record.id  # type: ignore[union-attr]


def test_the_list_follows_what_is_typed_in_the_search(qtbot, area: ServicesArea, store: Store,
                                                     leader: SignedIn) -> None:
    page = area.list_page
    for name in ("钱秀英", "孙立新"):
        services.register_service(store, leader.actor, grid_code=GRID, item_code="FW006", resident_name=name,
                                  received_on=date(2026, 11, 20))
    page.refresh()
    settle(qtbot)
    assert len(page.model.rows) == 2
    page.search_edit.setText("秀英")  # no Enter: the list follows once typing pauses
    qtbot.waitUntil(lambda: [r.resident_name for r in page.model.rows] == ["钱秀英"], timeout=WAIT_MS)
    assert page.count_label.text() == "1 records"


def test_print_each_notice_board_layout(qtbot, area: ServicesArea, store: Store, leader: SignedIn,
                                        tmp_path: Path) -> None:
    services.register_service(store, leader.actor, grid_code=GRID, item_code="FW006", resident_name="钱秀英",
                              received_on=date(2026, 11, 20), resident_phone="13900001111")
    area.setCurrentWidget(area.notice_page)
    page = area.notice_page
    page.month_edit.setDate(page.month_edit.date().fromString("2026-11", "yyyy-MM"))
    choices = [("grid_card", None), ("checklist", None), ("summary", None)] + [("legal", key) for key in
                                                                                ("banner", "columns", "qa")]
    expected = {"grid_card": "网格信息公示", "checklist": "便民服务清单", "summary": "工作公示",
                "legal": "防范电信网络诈骗", "legal-qa": "人身安全保护令"}
    for paper in ("A4", "A3"):
        for kind, layout in choices:
            page.kind_combo.setCurrentIndex(page.kind_combo.findData(kind))
            page.paper_combo.setCurrentText(paper)
            if layout:
                page.layout_combo.setCurrentIndex(page.layout_combo.findData(layout))
                page.use_sample("anti_fraud" if layout != "qa" else "domestic_violence")
            qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
            settle(qtbot)
            preview = page.last_dialog
            assert isinstance(preview, PdfPreviewDialog)
            out = tmp_path / f"{kind}-{layout}-{paper}.pdf"
            text = print_dialog(qtbot, preview, out)
            assert expected[kind if layout != "qa" else "legal-qa"] in text
            assert "钱秀英" not in text and "13900001111" not in text
            width = preview.page_sizes[0][0]
            assert width == pytest.approx(842 if paper == "A3" else 595, abs=2)
            if SCREENSHOTS and paper == "A4" and kind == "grid_card":
                page.grab().save(str(Path(SCREENSHOTS) / "services-notice.png"))
            preview.reject()
            settle(qtbot)
    with store.read() as session:
        prints = [e for e in audit.list_entries(session) if e.action == "print" and e.target.startswith("notice")]
    assert len(prints) == 12


def test_catalogue_and_statistics_pages(qtbot, area: ServicesArea, store: Store, leader: SignedIn) -> None:
    area.setCurrentWidget(area.catalogue_page)
    settle(qtbot)
    assert area.catalogue_page.model.rowCount() == 33
    page = area.catalogue_page
    materials = page.model.index(0, CatalogueModel.MATERIALS)  # 最低生活保障申请: a long list of materials
    assert page.model.data(materials, Qt.ItemDataRole.ToolTipRole) == page.model.data(materials)
    # a text too long for its column wraps onto more lines instead of ending in "…" (with the
    # tests' fallback font it needs a narrow column to wrap); 老年人优待证's short list stays shorter
    assert page.table.wordWrap()
    page.table.horizontalHeader().setSectionResizeMode(CatalogueModel.MATERIALS, QHeaderView.ResizeMode.Interactive)
    page.table.setColumnWidth(CatalogueModel.MATERIALS, 80)
    qtbot.waitUntil(lambda: page.table.rowHeight(0) > page.table.rowHeight(6), timeout=WAIT_MS)
    assert not area.catalogue_page.hide_button.isVisible()  # a grid leader cannot hide items
    services.register_service(store, leader.actor, grid_code=GRID, item_code="FW012", resident_name="孙立新",
                              received_on=date(2026, 11, 2))
    area.setCurrentWidget(area.stats_page)
    area.stats_page.month_edit.setDate(area.stats_page.month_edit.date().fromString("2026-11", "yyyy-MM"))
    settle(qtbot)
    assert area.stats_page.stats is not None and area.stats_page.stats.total == 1
    rows = area.stats_page.model.rows
    assert ["事项", "社保卡申领/挂失/激活", 1] in rows and ["合计", "受理件数", 1] in rows


@pytest.fixture
def admin_area(qtbot, store: Store, data_dir: Path) -> ServicesArea:
    admin = next(u for u in accounts.list_users(store) if u.username == "admin")
    widget = ServicesArea(Context(store=store, data_dir=data_dir, user=admin))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for_operations()
    return widget


def test_admin_sets_notice_board_information_with_a_photo(qtbot, admin_area: ServicesArea, store: Store,
                                                          tmp_path: Path) -> None:
    page = admin_area.notice_page
    admin_area.setCurrentWidget(page)
    assert page.profile_button.isVisible()
    qtbot.mouseClick(page.profile_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    dialog = page.last_dialog
    assert isinstance(dialog, NoticeProfileDialog)
    dialog.leader_combo.setCurrentIndex(dialog.leader_combo.findText("王芳"))
    dialog.leader_phone.setText("13904521234")
    dialog.area_edit.setPlainText("新兴街以东、东风路以南")
    not_image = tmp_path / "photo.jpg"
    not_image.write_bytes(b"GIF89a not really")
    dialog.set_photo(not_image)
    settle(qtbot)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("JPEG or PNG" in box.text() for box in boxes)
    for box in boxes:
        box.close()
    photo = tmp_path / "leader.png"
    Image.new("RGB", (150, 200), (90, 120, 200)).save(photo)
    dialog.set_photo(photo)
    settle(qtbot)
    assert dialog.photo_label.text() == "Photo on file"
    dialog.save()
    settle(qtbot)
    card = services_notice.grid_card(store, GRID)
    assert card.area == "新兴街以东、东风路以南"
    wang = next(leader for leader in card.leaders if leader.name == "王芳")
    assert wang.phone == "13904521234" and wang.photo == photo.read_bytes()


def test_admin_installs_a_newer_catalogue_file(qtbot, admin_area: ServicesArea, store: Store, tmp_path: Path) -> None:
    page = admin_area.catalogue_page
    admin_area.setCurrentWidget(page)
    settle(qtbot)
    assert page.install_button.isVisible() and page.hide_button.isVisible()
    page.table.selectRow(9)  # FW010 城乡居民养老保险参保登记
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.model.rows[9].hidden and page.model.index(9, 8).data() == "Hidden"
    assert "32 services" in page.version_label.text()
    document = json.loads(resource_path("catalogue", "catalogue.json").read_text("utf-8"))
    document["version"] = 2
    document["items"] = document["items"][:-1]
    path = tmp_path / "catalogue-v2.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    page.install(path)
    settle(qtbot)
    assert "version 2" in page.version_label.text() and "31 services" in page.version_label.text()
    retired = next(e for e in page.model.rows if e.item.code == "FW033")
    assert retired.retired and page.model.index(page.model.rows.index(retired), 8).data() == "Retired"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    page.install(broken)
    settle(qtbot)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("cannot be read as JSON" in box.text() for box in boxes)


def test_a_long_list_is_fetched_a_page_at_a_time(qtbot, area: ServicesArea, store: Store, leader: SignedIn) -> None:
    from gridstation.db.services_demo import load_services

    count = load_services(store, [(leader.actor, GRID)], today=date(2026, 11, 27), days=365, per_day=2)
    page = area.list_page
    page.refresh()
    settle(qtbot)
    assert page.model.total == count > 400 and len(page.model.rows) == 200
    assert page.count_label.text() == f"{count} records"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(page.model.rows) > 200, timeout=WAIT_MS)
    settle(qtbot)
    ids = [r.id for r in page.model.rows]
    assert len(ids) == len(set(ids))
    received = [r.received_on for r in page.model.rows]
    assert received == sorted(received, reverse=True)


def shot(widget, name: str) -> None:  # noqa: ANN001
    if SCREENSHOTS:
        widget.grab().save(str(Path(SCREENSHOTS) / name))


def visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_refused_close_stays_open_with_everything_typed(qtbot, area: ServicesArea, store: Store,
                                                          leader: SignedIn) -> None:
    page = area.list_page
    record = services.register_service(store, leader.actor, grid_code=GRID, item_code="FW006",
                                       resident_name="张桂兰", received_on=date(2026, 11, 27))
    page.refresh()
    settle(qtbot)
    assert page.select(record.id)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, StatusDialog)
    dialog.choose(rules.RETURNED)
    long_result = "材料不全，" * 201  # 1005 characters
    dialog.result_edit.setPlainText(long_result)
    dialog.note_edit.setText("已电话告知")
    dialog.satisfaction_combo.setCurrentIndex(dialog.satisfaction_combo.findData("basically"))
    assert dialog.result_length.text() == "1005 of 1000 characters: 5 too many"
    assert dialog.note_length.text() == f"5 of {rules.MAX_STATUS_NOTE} characters"
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not save.isEnabled()  # while saving
    settle(qtbot)
    assert dialog.isVisible() and save.isEnabled() and not visible_boxes()
    assert dialog.errors.text("result") == "The result is too long: at most 1000 characters, 1005 entered."
    assert (dialog.result_edit.toPlainText(), dialog.note_edit.text(), dialog.status_combo.currentData(),
            dialog.satisfaction_combo.currentData()) == (long_result, "已电话告知", rules.RETURNED, "basically")
    shot(dialog, "services-close-too-long.png")
    assert q.get_record(store, record.id, today=date(2026, 11, 27)).status == rules.ACCEPTED  # type: ignore[union-attr]

    dialog.result_edit.setPlainText("材料不全，已告知补齐后再来")
    dialog.note_edit.setText("回" * (rules.MAX_STATUS_NOTE + 1))
    assert "1 too many" in dialog.note_length.text()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.isVisible() and dialog.errors.text("note").startswith("The note is too long")
    assert dialog.errors.text("result") == ""
    dialog.note_edit.setText("已电话告知")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot)
    row = next(r for r in page.model.rows if r.id == record.id)
    assert (row.status, row.result, row.satisfaction) == (rules.RETURNED, "材料不全，已告知补齐后再来", "basically")
    assert row.history[-1].note == "已电话告知"
    assert page.selected() is not None and page.selected().id == record.id  # type: ignore[union-attr]


def test_the_register_dialog_counts_the_note_and_refuses_it_under_the_field(qtbot, area: ServicesArea) -> None:
    page = area.list_page
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, RegisterServiceDialog)
    assert dialog.note_length.text() == "0 of 1000 characters"
    dialog.name_edit.setText("张桂兰")
    dialog.note_edit.setPlainText("备注" * 501)
    assert dialog.note_length.text() == "1002 of 1000 characters: 2 too many"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.isVisible()
    assert dialog.errors.text("note") == "The note is too long: at most 1000 characters, 1002 entered."
    assert dialog.note_edit.toPlainText() == "备注" * 501
    shot(dialog, "services-register-long-note.png")


def test_statistics_export_says_where_it_went_or_why_not(qtbot, area: ServicesArea, store: Store,
                                                         leader: SignedIn, tmp_path: Path) -> None:
    services.register_service(store, leader.actor, grid_code=GRID, item_code="FW012", resident_name="孙立新",
                              received_on=date(2026, 11, 2))
    page = area.stats_page
    area.setCurrentWidget(page)
    page.month_edit.setDate(page.month_edit.date().fromString("2026-11", "yyyy-MM"))
    settle(qtbot)
    good = tmp_path / "帮代办-2026-11.csv"
    page.export_to("csv", str(good))
    settle(qtbot)
    assert good.exists() and page.export_status.text() == f"Exported 1 records to {good}"
    assert page.csv_button.isEnabled() and page.xlsx_button.isEnabled()
    shot(page, "services-stats-exported.png")

    missing = tmp_path / "no-such-folder" / "帮代办-2026-11.xlsx"
    page.export_to("xlsx", str(missing))
    settle(qtbot)
    box = page.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text().startswith(f"The export could not be written to {missing}: the folder does not exist.")
    assert "FileNotFoundError" not in box.text() and page.export_status.text() == ""
    shot(box, "services-stats-export-failed.png")
    box.close()
    page.export_to("csv", str(tmp_path))  # a folder chosen as the file
    settle(qtbot)
    assert isinstance(page.last_dialog, QMessageBox) and "that is a folder" in page.last_dialog.text()
    page.last_dialog.close()
    locked = page.export_failure_text(str(good), PermissionError(13, "Permission denied"))
    assert locked is not None and "the file is open in another program" in locked and str(good) in locked


def test_an_empty_legal_sheet_is_refused_naming_what_is_missing(qtbot, area: ServicesArea) -> None:
    page = area.notice_page
    area.setCurrentWidget(page)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("legal"))
    page.title_edit.clear()
    page.text_edit.clear()
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert not isinstance(page.last_dialog, PdfPreviewDialog)
    boxes = visible_boxes()
    assert [b.text() for b in boxes] == [
        "The legal publicity sheet has no title and no text. Enter both (or start from a sample) before printing."]
    shot(boxes[0], "services-legal-empty.png")
    boxes[0].close()
    page.title_edit.setText("防范电信网络诈骗")
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    boxes = visible_boxes()
    assert len(boxes) == 1 and "has no text" in boxes[0].text()
    boxes[0].close()


def test_messages_name_the_field_and_the_place_in_the_users_language(qapp) -> None:  # noqa: ANN001
    """With a translator, the label and place parameters are translated too (``messages.error_text``), so
    neither a field's code name ("result") nor a path ("sections[0].body") reaches the user."""
    from PySide6.QtCore import QTranslator

    from gridstation.domain.errors import ValidationError
    from gridstation.reports.notice_board_base import PublicDataGuard
    from gridstation.ui.messages import error_text

    zh = {"{label} is too long: at most {limit} characters, {count} entered.":
          "{label}过长：最多{limit}字，已输入{count}字。",
          "The result": "办理结果", "the text of section": "段正文",
          "The notice-board sheet would show a resident's personal data in {place} {n}. Notice boards carry public "
          "information only: remove it and try again.": "公示材料第{n}{place}中含有居民个人信息。"}

    class Chinese(QTranslator):
        def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
            return zh.get(source, "") if context == "Errors" else ""

    translator = Chinese()
    qapp.installTranslator(translator)
    try:
        with pytest.raises(ValidationError) as long:
            rules.clean_text("字" * 1001, "result")
        assert error_text(long.value) == "办理结果过长：最多1000字，已输入1001字。"
        with pytest.raises(ValidationError) as personal:
            PublicDataGuard({"张三丰"}).check([("title", "通知"), ("sections[0].body", "请张三丰来")])
        assert error_text(personal.value) == "公示材料第1段正文中含有居民个人信息。"
    finally:
        qapp.removeTranslator(translator)
