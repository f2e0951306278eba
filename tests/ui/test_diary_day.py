"""The work diary's day page on real widgets and a fresh station: keyboard entry, closing the day
(日清) and corrections, carried-over items and follow-ups, refused input, the printed day sheet,
the navigation and the home page. Dates are the station's real local day (``diary.local_today``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QEvent, QSize, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import text

from gridstation import app as gridstation_app
from gridstation.db import accounts, audit, demo, diary, diary_queries
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain.diary import week_start
from gridstation.domain.errors import ValidationError
from gridstation.resources import resource_path
from gridstation.ui.context import Context
from gridstation.ui.diary.area import DiaryArea
from gridstation.ui.diary.day_page import DayPage
from gridstation.ui.diary.item_table import ITEM_ROLE, DayItemsModel
from gridstation.ui.i18n import Translations
from gridstation.ui.main_window import MainWindow
from gridstation.ui.operations import wait_for_operations

WAIT_MS = 20_000
OWN_GRID = "230204001003-001U"
OTHER_GRID = "230204001003-002U"
SCREENSHOTS = os.environ.get("GRIDSTATION_SCREENSHOTS")


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A station with the demo's grids and users, but no records: the tests write their own days."""
    opened = Store.open(data_dir)
    demo.setup_demo_station(opened)
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture
def context(store: Store, data_dir: Path, leader: SignedIn) -> Context:
    return Context(store=store, data_dir=data_dir, user=leader)


@pytest.fixture
def area(qtbot, context: Context) -> DiaryArea:
    widget = DiaryArea(context)
    qtbot.addWidget(widget)
    widget.resize(QSize(1090, 700))
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    settle(qtbot, widget.day_page)
    return widget


def settle(qtbot, page: DayPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot, text: str, widget: QWidget | None = None) -> None:
    """Type into ``widget`` (the focused one by default): ASCII key by key, Chinese as an input method
    commits it (QTest cannot send keys for characters outside Latin-1)."""
    widget = widget or focused()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def start_today(qtbot, page: DayPage) -> None:
    assert page.stack.currentIndex() == 0 and page.start_button.isVisible()
    page.start_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    settle(qtbot, page)
    assert page.view is not None and page.editable


def today_view(store: Store, user: SignedIn):
    day_id = diary_queries.find_day_id(store, author=user.user_id, grid_code=OWN_GRID, day=diary.local_today(store))
    return diary_queries.day_view(store, day_id) if day_id else None


def click_yes(qtbot, page: DayPage) -> None:
    box = page.confirm_box
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    settle(qtbot, page)


def write_day(store: Store, user: SignedIn, *, days_ago: int = 0, close: bool = False) -> str:
    """A page with a patrol, a hazard check (3 found, 2 rectified, one left open) and a visit."""
    page = diary.open_day(store, user.actor, grid_code=OWN_GRID, day=diary.local_today(store) - timedelta(days_ago),
                          weather="晴", patrol_period="08:30-11:30", patrol_route="新兴路—幸福小区")
    for fields in (
        {"category": "patrol", "time": "08:30", "place": "新兴路", "problem": "巡查未发现异常"},
        {"category": "hazard", "hazard_type": "fire", "time": "10:00", "place": "3号楼", "problem": "楼道堆放杂物",
         "action": "通知物业清理", "result": "清理两处", "open": True, "hazards_found": 3, "hazards_rectified": 2},
        {"category": "visit", "time": "15:00", "place": "幸福小区5栋", "problem": "走访独居老人",
         "action": "了解取暖情况", "households": 4, "special_households": 1},
    ):
        diary.add_item(store, user.actor, page.id, **fields)
    if close:
        diary.close_day(store, user.actor, page.id)
    return page.id


def week_totals(store: Store):
    return diary_queries.week_report(store, grid_code=OWN_GRID, week_start=week_start(diary.local_today(store))).totals


# -- entering a day --------------------------------------------------------------------------------


def test_a_day_entered_by_keyboard_alone(qtbot, area: DiaryArea, store: Store, leader: SignedIn) -> None:
    page = area.day_page
    assert page.header.badge.text() == "No diary yet"
    start_today(qtbot, page)
    assert focused() is page.header.weather
    type_text(qtbot, "多云")
    tab(qtbot)
    type_text(qtbot, "08:30-11:30")
    tab(qtbot)
    type_text(qtbot, "新兴路—幸福小区—3号楼")
    tab(qtbot)
    assert focused() is page.editor.category
    QApplication.sendEvent(focused(), QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "隐"))
    assert page.editor.category.currentData() == "hazard"  # a name's first character picks it too

    type_text(qtbot, "1")  # 巡查; the hazard type is disabled and skipped
    tab(qtbot)
    assert focused() is page.editor.time
    type_text(qtbot, "0900")
    tab(qtbot)
    type_text(qtbot, "幸福小区")
    tab(qtbot)
    type_text(qtbot, "巡查主干道")
    tab(qtbot)
    type_text(qtbot, "检查路灯和井盖")
    tab(qtbot)
    assert focused() is page.editor.result
    type_text(qtbot, "未发现异常")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, page)
    assert page.model.rowCount() == 1 and focused() is page.editor.category
    assert page.editor.place.text() == "" and page.editor.result.toPlainText() == ""

    type_text(qtbot, "4")  # 隐患排查
    assert page.editor.category.currentData() == "hazard" and page.editor.hazard_type.isEnabled()
    tab(qtbot)
    type_text(qtbot, "2")  # 消防
    tab(qtbot)
    type_text(qtbot, "10:30")
    tab(qtbot)
    type_text(qtbot, "3号楼")
    tab(qtbot)
    type_text(qtbot, "楼道堆放杂物占用消防通道")
    tab(qtbot)
    type_text(qtbot, "通知物业限期清理")
    tab(qtbot)
    type_text(qtbot, "已清理两处")
    tab(qtbot)
    assert focused() is page.editor.open
    press(qtbot, Qt.Key.Key_Space)
    tab(qtbot, 2)  # past "escalated" to the counts of a hazard check
    assert focused() is page.editor.hazards_found
    type_text(qtbot, "3")
    tab(qtbot)
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert page.model.rowCount() == 2

    type_text(qtbot, "2")  # 入户走访
    tab(qtbot)
    type_text(qtbot, "1500")
    tab(qtbot)
    type_text(qtbot, "幸福小区5栋")
    tab(qtbot)
    type_text(qtbot, "走访独居老人")
    tab(qtbot)
    type_text(qtbot, "了解冬季取暖情况")
    tab(qtbot, 4)  # result left empty; open, escalated, then households
    assert focused() is page.editor.households
    type_text(qtbot, "4")
    tab(qtbot)
    type_text(qtbot, "1")
    press(qtbot, Qt.Key.Key_Enter)
    settle(qtbot, page)

    view = today_view(store, leader)
    assert (view.weather, view.patrol_period, view.patrol_route) == ("多云", "08:30-11:30", "新兴路—幸福小区—3号楼")
    patrol, hazard, visit = view.items
    assert (patrol.category, patrol.time, patrol.place, patrol.problem, patrol.action, patrol.result) == (
        "patrol", "09:00", "幸福小区", "巡查主干道", "检查路灯和井盖", "未发现异常")
    assert (hazard.category, hazard.hazard_type, hazard.time, hazard.place, hazard.open) == (
        "hazard", "fire", "10:30", "3号楼", True)
    assert (hazard.problem, hazard.action, hazard.result) == (
        "楼道堆放杂物占用消防通道", "通知物业限期清理", "已清理两处")
    assert (hazard.hazards_found, hazard.hazards_rectified, hazard.households) == (3, 2, 0)
    assert (visit.category, visit.time, visit.households, visit.special_households, visit.result) == (
        "visit", "15:00", 4, 1, "")
    assert page.calendar.state(diary.local_today(store)) == "open"
    assert page.model.data(page.model.index(1, DayItemsModel.STATUS)) == "Open"

    # a row loads into the editor; Enter saves the change; Delete removes a row after a question
    page.table.selectRow(2)
    assert page.editor_box.mode == "edit" and page.editor.problem.toPlainText() == "走访独居老人"
    page.editor.result.setFocus()
    type_text(qtbot, "老人身体健康")
    page.editor.place.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert today_view(store, leader).items[2].result == "老人身体健康" and page.editor_box.mode == "new"
    page.table.setFocus()
    page.table.selectRow(0)
    press(qtbot, Qt.Key.Key_Delete)
    click_yes(qtbot, page)
    assert [i.category for i in today_view(store, leader).items] == ["hazard", "visit"]


def test_place_suggestions_and_copy_from_previous_day(qtbot, context: Context, store: Store, leader: SignedIn) -> None:
    write_day(store, leader, days_ago=1, close=True)
    area = DiaryArea(context)
    qtbot.addWidget(area)
    area.show()
    page = area.day_page
    settle(qtbot, page)
    assert "幸福小区5栋" in page.editor.place_completer.model().stringList()
    start_today(qtbot, page)
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    items = today_view(store, leader).items
    assert [i.category for i in items] == ["patrol", "hazard", "visit"] and all(i.result == "" for i in items)
    assert "Copied 3 items" in page.notice.text()


# -- closing the day and correcting it ----------------------------------------------------------------


def test_close_the_day_then_amend_withdraw_and_add_late(qtbot, context: Context, store: Store,
                                                       leader: SignedIn) -> None:
    day_id = write_day(store, leader)
    area = DiaryArea(context)
    qtbot.addWidget(area)
    area.show()
    page = area.day_page
    settle(qtbot, page)
    assert page.view.id == day_id and page.editor_box.isVisible()

    page.editor.problem.setPlainText("还没保存的事项")
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert "Save or clear the item" in page.notice.text() and page.confirm_box is None
    page.new_item()
    page.editor.problem.clear()
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    click_yes(qtbot, page)
    assert page.view.closed and page.header.badge.text() == "Closed (日清)"
    assert not page.editor_box.isVisible() and page.closed_box.isVisible()
    assert not page.header.weather.isEnabled() and page.plan.isReadOnly() and not page.close_button.isVisible()
    assert page.calendar.state(diary.local_today(store)) == "closed"
    page.table.selectRow(0)
    assert page.editor_box.mode == "new"  # a closed day's row does not go into the editor
    assert (week_totals(store).by_category["hazard"].hazards_rectified, week_totals(store).items) == (2, 3)

    # amend the hazard check: the reason is required, the correction keeps the original beside it
    page.table.selectRow(1)
    qtbot.mouseClick(page.closed_box.amend_button, Qt.MouseButton.LeftButton)
    dialog = page.closed_box.dialog
    assert dialog.isVisible() and dialog.editor.problem.toPlainText() == "楼道堆放杂物"
    dialog.editor.hazards_rectified.setValue(3)
    dialog.editor.open.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error_text()), timeout=WAIT_MS)
    assert dialog.error_text() == "Say why the closed day is corrected." and dialog.isVisible()
    type_text(qtbot, "复查时第三处已整改", dialog.reason)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle(qtbot, page)
    totals = week_totals(store)
    assert (totals.by_category["hazard"].hazards_rectified, totals.open, totals.items) == (3, 0, 3)
    status = page.model.data(page.model.index(1, DayItemsModel.STATUS))
    assert status == "Done · Corrected"
    shown = page.model.data(page.model.index(1, DayItemsModel.CATEGORY))
    assert shown == "隐患排查（消防） found 3, rectified 3\nOriginal record: found 3, rectified 2"
    tooltip = page.model.data(page.model.index(1, DayItemsModel.CATEGORY), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("隐患排查（消防）\nfound 3, rectified 3") and "Original record" in tooltip

    # add a forgotten item, then withdraw the patrol
    qtbot.mouseClick(page.closed_box.late_button, Qt.MouseButton.LeftButton)
    late = page.closed_box.dialog
    late.editor.category.setCurrentIndex(late.editor.category.findData("legal"))
    late.editor.problem.setPlainText("在小区门口发放法治宣传资料")
    late.reason.setText("当日漏记")
    with qtbot.waitSignal(late.saved, timeout=WAIT_MS):
        qtbot.mouseClick(late.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    row = page.model.rowCount() - 1
    assert page.model.data(page.model.index(row, DayItemsModel.STATUS)) == "Done · Added late"
    assert week_totals(store).by_category["legal"].items == 1

    page.table.selectRow(0)
    qtbot.mouseClick(page.closed_box.withdraw_button, Qt.MouseButton.LeftButton)
    withdraw = page.closed_box.dialog
    withdraw.reason.setText("重复记录")
    with qtbot.waitSignal(withdraw.saved, timeout=WAIT_MS):
        qtbot.mouseClick(withdraw.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    last = page.model.rowCount() - 1
    assert page.model.data(page.model.index(last, DayItemsModel.STATUS)) == "Withdrawn"
    assert page.model.data(page.model.index(last, DayItemsModel.PROBLEM), Qt.ItemDataRole.FontRole).strikeOut()
    totals = week_totals(store)
    assert (totals.items, totals.by_category["patrol"].items) == (3, 0)
    with pytest.raises(ValidationError):
        diary.update_item(store, leader.actor, today_view(store, leader).items[0].id, result="改")


def test_a_hazard_photo_is_attached_to_an_item_of_a_closed_day(qtbot, context: Context, store: Store,
                                                               leader: SignedIn, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from gridstation.db import attachments

    write_day(store, leader, close=True)
    area = DiaryArea(context)
    qtbot.addWidget(area)
    area.show()
    page = area.day_page
    settle(qtbot, page)
    photos = page.photos
    assert not photos.attach_button.isEnabled()  # nothing selected
    page.table.selectRow(1)
    assert photos.attach_button.isEnabled() and photos.photos == []
    picture = QImage(640, 480, QImage.Format.Format_RGB32)
    picture.fill(QColor("#c0392b"))
    source = tmp_path / "楼道堆物.jpg"
    assert picture.save(str(source), "JPG")
    with qtbot.waitSignal(photos.attached, timeout=WAIT_MS):
        photos.attach(source)
    qtbot.waitUntil(lambda: len(photos.photos) == 1, timeout=WAIT_MS)
    item = today_view(store, leader).items[1]
    [stored] = photos.photos
    assert (stored.owner_id, stored.media_type, stored.grid_code) == (item.id, "image/jpeg", OWN_GRID)
    assert attachments.content_path(store.data_dir, stored.sha256).read_bytes() == source.read_bytes()
    assert photos.label.text() == "Photos: 1"
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        area.resize(QSize(1090, 700))
        assert area.grab().save(str(Path(SCREENSHOTS) / "diary_photo.png"))
    thumb = photos.findChild(QWidget, f"photo_{stored.id}")
    assert thumb is not None and not thumb.icon().isNull()
    qtbot.mouseClick(thumb, Qt.MouseButton.LeftButton)
    assert photos.viewer is not None and photos.viewer.isVisible()
    photos.viewer.close()
    assert today_view(store, leader).closed and len(today_view(store, leader).items) == 3  # the day is unchanged

    not_a_photo = tmp_path / "说明.txt"
    not_a_photo.write_text("不是照片", encoding="utf-8")
    photos.attach(not_a_photo)
    qtbot.waitUntil(lambda: photos.attach_button.isEnabled(), timeout=WAIT_MS)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "说明.txt" in boxes[-1].text() and "not a photo or scan" in boxes[-1].text()
    for box in boxes:
        box.close()
    with store.read() as session:
        assert len(attachments.for_owner(session, owner_kind="diary_item", owner_id=item.id)) == 1
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: photos.photos == [] and photos.label.text() == "Photos:", timeout=WAIT_MS)


def test_numbers_in_an_item_show_masked_but_the_editor_keeps_them(qtbot, area: DiaryArea, store: Store,
                                                                  leader: SignedIn) -> None:
    day_id = write_day(store, leader)
    diary.add_item(store, leader.actor, day_id, category="service", problem="代办低保，联系电话13812345678",
                   result="身份证230204198001011234已核")
    page = area.day_page
    page.show_date(None)
    settle(qtbot, page)
    row = page.model.rowCount() - 1
    assert page.model.data(page.model.index(row, DayItemsModel.PROBLEM)) == "代办低保，联系电话138****5678"
    assert "230***********1234" in page.model.data(page.model.index(row, DayItemsModel.RESULT))
    assert "13812345678" not in page.model.data(page.model.index(row, DayItemsModel.PROBLEM),
                                                Qt.ItemDataRole.ToolTipRole)
    item = page.model.data(page.model.index(row, 0), ITEM_ROLE)
    page.editor_box.edit(item)  # the author editing the item sees and keeps what was typed
    assert page.editor.problem.toPlainText() == "代办低保，联系电话13812345678"


# -- carried-over items ---------------------------------------------------------------------------------


def test_an_open_item_of_yesterday_is_followed_up_and_closed(qtbot, area: DiaryArea, store: Store,
                                                             leader: SignedIn) -> None:
    page = area.day_page
    write_day(store, leader, days_ago=1, close=True)
    page.show_date(None)
    settle(qtbot, page)
    start_today(qtbot, page)
    assert page.carried.isVisible() and len(page.carried.items()) == 1
    earlier = page.carried.items()[0]
    assert earlier.problem == "楼道堆放杂物" and earlier.open

    page.carried.list.setCurrentRow(0)
    qtbot.mouseClick(page.carried.follow_button, Qt.MouseButton.LeftButton)
    assert page.editor_box.mode == "follow" and focused() is page.editor.action
    assert page.editor.category.currentData() == "hazard" and page.editor.problem.toPlainText() == "楼道堆放杂物"
    assert not page.editor.open.isChecked()
    # the three hazards were counted on the earlier day; the one still open may be reported rectified
    assert (page.editor.hazards_found.value(), page.editor.hazards_rectified.value()) == (0, 0)
    page.editor.hazards_rectified.setValue(1)
    type_text(qtbot, "再次督促物业")
    tab(qtbot)
    type_text(qtbot, "剩余一处已清理")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, page)

    (follow,) = today_view(store, leader).items
    assert follow.follows_id == earlier.id and not follow.open and follow.result == "剩余一处已清理"
    assert (follow.hazards_found, follow.hazards_rectified) == (0, 1)
    assert not page.carried.isVisible() and page.carried.items() == []
    assert diary_queries.open_items(store, [OWN_GRID], diary.local_today(store)) == []
    assert "Follow-up" in page.model.data(page.model.index(0, DayItemsModel.STATUS))


# -- refused input --------------------------------------------------------------------------------------


def test_refused_input_keeps_what_was_typed(qtbot, area: DiaryArea, store: Store, leader: SignedIn) -> None:
    page = area.day_page
    start_today(qtbot, page)
    editor = page.editor
    editor.focus_first()
    tab(qtbot, 2)
    type_text(qtbot, "新兴路")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert editor.errors.text("problem") == (
        "An item needs some text: what happened, what was done or the result.")
    assert editor.place.text() == "新兴路" and focused() is editor.problem

    editor.time.setText("25:99")
    editor.problem.setPlainText("路灯不亮")
    page.save_item()
    settle(qtbot, page)
    assert editor.errors.text("time") == "Time “25:99” must look like 09:30."
    assert editor.problem.toPlainText() == "路灯不亮"

    editor.time.setText("930")
    editor.problem.setPlainText("长" * 10_000)
    page.save_item()
    settle(qtbot, page)
    assert editor.errors.text("problem") == "The text is too long (10000 characters, at most 2000)."
    assert len(editor.problem.toPlainText()) == 10_000 and editor.time.text() == "930"

    editor.problem.setPlainText("路灯不亮")
    editor.category.setCurrentIndex(editor.category.findData("visit"))
    editor.households.setValue(1)
    editor.special_households.setValue(2)
    page.save_item()
    settle(qtbot, page)
    assert editor.errors.text("special_households") == (
        "Special-group households cannot exceed the households visited.")
    assert today_view(store, leader).items == ()

    # a future day is refused with the domain's message
    tomorrow = diary.local_today(store) + timedelta(days=1)
    page.go_to(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert page.notice.text() == f"{tomorrow.isoformat()} is in the future; a diary records work already done."
    assert page.view is not None and page.view.day == diary.local_today(store)


def test_no_second_page_for_the_same_day(qtbot, area: DiaryArea, store: Store, leader: SignedIn) -> None:
    page = area.day_page
    assert page.view is None
    day_id = write_day(store, leader)  # meanwhile, in another window
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.view.id == day_id and len(page.view.items) == 3 and not page.notice.isVisible()
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM diary_day")).scalar() == 1
    with pytest.raises(ValidationError, match="already a diary"):
        diary.open_day(store, leader.actor, grid_code=OWN_GRID, day=diary.local_today(store))


def test_backup_leader_writes_a_cover_page(qtbot, context: Context, store: Store, leader: SignedIn) -> None:
    context.user = next(u for u in accounts.list_users(store) if u.username == "lijun")
    area = DiaryArea(context)
    qtbot.addWidget(area)
    area.show()
    page = area.day_page
    settle(qtbot, page)
    assert page.header.grid_combo.isVisible() and page.grid_code == OTHER_GRID
    page.header.grid_combo.setCurrentIndex(page.header.grid_combo.findData(OWN_GRID))
    settle(qtbot, page)
    assert page.header.cover_label.isVisible()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.view.cover and page.view.grid_code == OWN_GRID

    # the grid's own leader can read (and print) the cover page, not edit it
    context.user = leader
    own_area = DiaryArea(context)
    qtbot.addWidget(own_area)
    own_area.show()
    own_page = own_area.day_page
    settle(qtbot, own_page)
    own_area.show_day(page.view.id)
    settle(qtbot, own_page)
    assert own_page.view.id == page.view.id and not own_page.editable
    assert own_page.notice.text() == "Written by 李军; you can read and print it."
    assert not own_page.editor_box.isVisible() and own_page.print_button.isVisible()
    assert own_page.header.cover_label.isVisible() and own_page.grid_code == OWN_GRID


# -- printing -----------------------------------------------------------------------------------------


def test_print_day_sheet(qtbot, area: DiaryArea, store: Store, leader: SignedIn, tmp_path: Path) -> None:
    page = area.day_page
    start_today(qtbot, page)
    page.editor.focus_first()
    type_text(qtbot, "4")
    tab(qtbot, 2)
    type_text(qtbot, "0945")
    tab(qtbot)
    type_text(qtbot, "幸福小区南门")
    tab(qtbot)
    type_text(qtbot, "电动车在楼道充电")
    tab(qtbot)
    type_text(qtbot, "现场劝离并宣传消防知识")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, page)

    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.printer.dialog is not None, timeout=WAIT_MS)
    dialog = page.printer.dialog
    path = page.printer.path
    sheet = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))
    for typed in ("幸福小区南门", "电动车在楼道充电", "现场劝离并宣传消防知识", "09:45", "隐患排查"):
        assert typed in sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS):
        dialog.print_to(printer)
    wait_for_operations()
    with store.read() as session:
        entries = [(e.actor, e.action, e.target) for e in audit.list_entries(session)]
    assert ("wangfang", "print", f"diary_day:{page.view.id}") in entries
    dialog.reject()
    wait_for_operations()
    qtbot.waitUntil(lambda: not path.exists(), timeout=WAIT_MS)  # the temporary sheet is removed


# -- the main window ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("qm")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(resource_path("translations", "gridstation_zh_CN.ts")), "-qm",
                    str(directory / "gridstation_zh_CN.qm")], check=True)
    return directory


@pytest.fixture
def window(qtbot, context: Context, qm_dir: Path) -> Iterator[MainWindow]:
    context.i18n = Translations(QApplication.instance(), qm_dir)
    context.i18n.install("en")
    main = MainWindow(context, idle_ms=0)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    context.i18n.install("en")
    main.close()
    wait_for_operations()


def test_navigation_and_home_page_show_the_diary(qtbot, window: MainWindow, store: Store, leader: SignedIn) -> None:
    assert window.nav.item(1).text() == "Work diary" and window.pages["diary"] is window.diary
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.diary_state.text() == "Today: no diary page yet.", timeout=WAIT_MS)
    write_day(store, leader, days_ago=1)
    qtbot.mouseClick(home.diary_button, Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "diary" and window.diary.currentWidget() is window.diary.day_page
    page = window.diary.day_page
    settle(qtbot, page)
    start_today(qtbot, page)
    diary.add_item(store, leader.actor, page.view.id, category="patrol", problem="巡查")
    page.reload()
    settle(qtbot, page)
    page.changed.emit()
    qtbot.waitUntil(lambda: home.diary_state.text() == "Today: draft with 1 items, not closed yet.", timeout=WAIT_MS)
    assert home.diary_open_list.count() == 1 and "楼道堆放杂物" in home.diary_open_list.item(0).text()

    window.diary.setCurrentWidget(window.diary.list_page)  # a day picked in another tab opens in the Day tab
    yesterday_id = diary_queries.find_day_id(store, author=leader.user_id, grid_code=OWN_GRID,
                                             day=diary.local_today(store) - timedelta(days=1))
    window.diary.list_page.openDay.emit(yesterday_id)
    settle(qtbot, page)
    assert window.diary.currentWidget() is page and page.view.id == yesterday_id

    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "工作日志", timeout=WAIT_MS)
    assert window.diary.tabText(0) == "当日"


# -- screenshots ---------------------------------------------------------------------------------------


def realistic_days(store: Store, user: SignedIn) -> tuple[str, str]:
    """Yesterday closed, with a correction, a late item and a withdrawn one; today a draft."""
    today = diary.local_today(store)
    yesterday = diary.open_day(store, user.actor, grid_code=OWN_GRID, day=today - timedelta(days=1), weather="多云",
                               patrol_period="08:30-11:30", patrol_route="新兴路—幸福小区—农贸市场—3号楼",
                               tomorrow_plan="复查3号楼楼道杂物清理情况")
    items = [
        {"category": "patrol", "time": "08:30", "place": "新兴路", "problem": "巡查主干道路灯、井盖",
         "action": "逐段检查", "result": "未发现异常"},
        {"category": "hazard", "hazard_type": "fire", "time": "09:40", "place": "幸福小区3号楼",
         "problem": "楼道堆放杂物占用消防通道", "action": "通知物业限期清理", "result": "已清理两处，剩余一处",
         "open": True, "hazards_found": 3, "hazards_rectified": 2},
        {"category": "visit", "time": "14:30", "place": "幸福小区5栋", "problem": "走访独居老人张大爷",
         "action": "了解冬季取暖情况", "result": "暖气正常，老人身体健康", "households": 4, "special_households": 1},
        {"category": "patrol", "time": "16:00", "place": "农贸市场", "problem": "巡查市场周边", "action": "重复记录"},
    ]
    ids = [diary.add_item(store, user.actor, yesterday.id, **fields).id for fields in items]
    diary.close_day(store, user.actor, yesterday.id)
    diary.amend_item(store, user.actor, ids[2], reason="户数记录有误", households=5)
    diary.retract_item(store, user.actor, ids[3], reason="与第1项重复")
    diary.add_late_item(store, user.actor, yesterday.id, reason="当日漏记", category="legal", time="10:30",
                        place="社区广场", problem="发放防诈骗宣传资料120份", action="现场讲解", result="居民反响良好")
    page = diary.open_day(store, user.actor, grid_code=OWN_GRID, day=today, weather="晴", patrol_period="08:00-11:30",
                          patrol_route="新兴路—幸福小区—3号楼—社区广场", tomorrow_plan="参加街道消防安全培训")
    for fields in (
        {"category": "patrol", "time": "08:00", "place": "新兴路", "problem": "巡查主干道", "action": "检查路灯和井盖",
         "result": "发现一处井盖松动，已报市政"},
        {"category": "info", "time": "09:15", "place": "幸福小区2栋", "problem": "新入住住户2户",
         "action": "登记人口信息", "result": "已录入"},
        {"category": "dispute", "time": "10:20", "place": "幸福小区6栋", "problem": "楼上楼下漏水纠纷",
         "action": "上门协调，联系物业查看管道", "result": "双方同意周五共同维修", "open": True},
        {"category": "service", "time": "13:30", "place": "网格服务站", "problem": "王阿姨咨询高龄津贴申请",
         "action": "代办申请材料", "result": "材料已交社区"},
        {"category": "event", "time": "15:10", "place": "新兴路12号", "problem": "路灯损坏两盏",
         "action": "拍照上报街道", "result": "待处理", "open": True, "escalated": True},
    ):
        diary.add_item(store, user.actor, page.id, **fields)
    return yesterday.id, page.id


def test_screenshots_in_chinese(qtbot, context: Context, qm_dir: Path, store: Store, leader: SignedIn) -> None:
    """The day page, a closed day with corrections and the home page in Chinese at 1280×800 (the
    language and fonts installed before the window opens, as at start-up); saved when
    GRIDSTATION_SCREENSHOTS names a directory."""
    app = QApplication.instance()
    gridstation_app.load_fonts(app)
    context.i18n = Translations(app, qm_dir)
    context.i18n.install("zh_CN")
    yesterday_id, _today_id = realistic_days(store, leader)
    window = MainWindow(context, idle_ms=0)
    qtbot.addWidget(window)
    window.resize(QSize(1280, 800))
    window.show()
    qtbot.waitExposed(window)
    assert window.nav.item(1).text() == "工作日志"
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.diary_state.text() == "今日：草稿，已录5项，尚未日清。", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: home.diary_open_list.count() == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "待同步" in window.sync_label.text(), timeout=WAIT_MS)
    save_screenshot(window, "diary_home")

    window.open_today_diary()
    page = window.diary.day_page
    settle(qtbot, page)
    assert page.model.rowCount() == 5 and page.carried.isVisible()
    page.carried.list.setCurrentRow(0)
    page.carried.follow_selected()
    type_text(qtbot, "督促物业清理剩余杂物", page.editor.action)
    assert page.editor_box.title().startswith("跟进：")
    save_screenshot(window, "diary_day")

    page.new_item()
    page.show_day(yesterday_id)
    settle(qtbot, page)
    assert page.header.badge.text() == "已日清" and page.closed_box.isVisible()
    page.table.selectRow(1)
    save_screenshot(window, "diary_closed_day")
    statuses = [page.model.data(page.model.index(r, DayItemsModel.STATUS)) for r in range(page.model.rowCount())]
    assert "已办结 · 更正" in statuses and "已办结 · 补记" in statuses and statuses[-1] == "已撤回"
    context.i18n.install("en")
    window.close()
    wait_for_operations()


def save_screenshot(widget: QWidget, name: str) -> None:
    if SCREENSHOTS:
        wait_for_operations()
        QApplication.processEvents()
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENSHOTS) / f"{name}.png"))
