"""Browsing the work diary on real widgets: the filtered list, search, the week summary, exports."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QStyleOptionViewItem

from gridstation.db import audit, demo, diary, diary_queries
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.diary.list_page import PAGE_SIZE, DiaryListModel, DiaryListPage, qdate
from gridstation.ui.diary.search_page import HTML_ROLE, DiarySearchPage
from gridstation.ui.diary.week_models import WeekDaysModel, WeekTotalsModel
from gridstation.ui.diary.week_page import WeekSummaryPage
from gridstation.ui.operations import wait_for_operations

WAIT_MS = 20_000
TODAY = date(2026, 5, 14)  # a Thursday
MONDAY = date(2026, 5, 11)
OWN_GRID = "230204001003-001U"
MARKUP = "<b>x</b> & 楼道噪音"


class FixedClock:
    """The station's clock stands at 10:00 local time on ``TODAY``."""

    def now(self) -> datetime:
        return datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0).astimezone()

    def monotonic(self) -> float:
        return time.monotonic()

    def boot_id(self) -> str:
        return "test-boot"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    store = Store.open(data_dir, clock=FixedClock())
    demo.load_demo(store, today=TODAY)
    yield store
    wait_for_operations()
    store.close()


@pytest.fixture
def context(store: Store, data_dir: Path, leader: SignedIn) -> Context:
    return Context(store=store, data_dir=data_dir, user=leader)


@dataclass
class Diary:
    monday_id: str
    tuesday_id: str
    today_id: str
    visit_id: str  # Monday's household visit (5 households, 2 special), on a closed day


def write(store: Store, user: SignedIn, day: date, items: list[dict[str, object]], *,
          close: bool) -> tuple[str, list[str]]:
    page = diary.open_day(store, user.actor, grid_code=OWN_GRID, day=day, weather="晴")
    ids = [diary.add_item(store, user.actor, page.id, **fields).id for fields in items]
    if close:
        diary.close_day(store, user.actor, page.id)
    return page.id, ids


@pytest.fixture
def diary_data(store: Store, leader: SignedIn) -> Diary:
    """Eight items this month: two in the week before, six in the week of ``TODAY``."""
    write(store, leader, date(2026, 5, 6), [
        {"category": "patrol", "time": "08:30", "place": "幸福小区", "problem": "巡查小区消防通道", "action": "已巡查"},
        {"category": "info", "place": "3号楼", "problem": "更新流动人口信息", "action": "已登记"},
    ], close=True)
    monday, (visit, _, _) = write(store, leader, MONDAY, [
        {"category": "visit", "time": "09:30", "place": "幸福小区3号楼", "problem": "走访独居老人张大爷",
         "action": "了解冬季取暖情况", "households": 5, "special_households": 2},
        {"category": "hazard", "hazard_type": "fire", "place": "农贸市场", "problem": "消防通道堆放杂物",
         "action": "责令清理", "hazards_found": 2, "hazards_rectified": 1, "open": True},
        {"category": "dispute", "place": "5号楼", "problem": MARKUP, "action": "上门调解", "escalated": True},
    ], close=True)
    tuesday, _ = write(store, leader, MONDAY + timedelta(days=1), [
        {"category": "visit", "problem": "走访低保户", "action": "核实情况", "households": 3},
        {"category": "patrol", "problem": "夜间巡查", "action": "无异常"},
    ], close=True)
    today, _ = write(store, leader, TODAY, [
        {"category": "meeting", "problem": "参加街道消防安全培训", "action": "已参加"},
    ], close=False)
    return Diary(monday, tuesday, today, visit)


def show(qtbot, page, width: int = 1200, height: int = 760):
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    return page


def double_click(qtbot, view, index) -> None:
    """Press, release, then the double click, as a real mouse sends them (QTest sends only the last)."""
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def settle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def audit_actions(store: Store) -> list[tuple[str, str, str]]:
    with store.read() as session:
        return [(e.action, e.target, e.detail) for e in audit.list_entries(session, limit=50)]


# -- the list ----------------------------------------------------------------------------------------

def column(model, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_the_list_shows_the_month_and_filters_change_the_count(qtbot, context: Context, diary_data: Diary) -> None:
    page = show(qtbot, DiaryListPage(context))
    assert page.start_edit.date().toPython() == date(2026, 5, 1)
    assert page.end_edit.date().toPython() == date(2026, 5, 31)
    assert page.model.total == 8 and page.model.rowCount() == 8
    assert page.count_label.text() == "8 item(s)"
    assert column(page.model, DiaryListModel.DATE)[0].startswith("2026-05-14")  # newest first
    categories = column(page.model, DiaryListModel.CATEGORY)
    assert categories.count("入户走访") == 2 and "隐患排查" in categories
    assert MARKUP in column(page.model, DiaryListModel.PROBLEM)
    assert page.grid_combo.count() == 1  # a grid leader reads his own grid

    page.category_combo.setCurrentIndex(page.category_combo.findData("visit"))
    settle(qtbot, page)
    assert page.model.total == 2 and page.count_label.text() == "2 item(s)"
    assert set(column(page.model, DiaryListModel.CATEGORY)) == {"入户走访"}

    page.category_combo.setCurrentIndex(0)
    page.open_check.setChecked(True)
    settle(qtbot, page)
    assert page.model.total == 1
    assert column(page.model, DiaryListModel.PROBLEM) == ["消防通道堆放杂物"]
    assert column(page.model, DiaryListModel.STATUS) == ["Open"]

    page.open_check.setChecked(False)
    page.start_edit.setDate(page.start_edit.date().addDays(10))  # from May 11: this week only
    qtbot.waitUntil(lambda: not page.busy and page.model.total == 6, timeout=WAIT_MS)

    lijun = page.author_combo.findText("李军")
    assert lijun > 0
    page.author_combo.setCurrentIndex(lijun)
    settle(qtbot, page)
    assert page.model.total == 0 and page.count_label.text() == "0 item(s)"


def test_double_click_and_enter_open_the_day(qtbot, context: Context, diary_data: Diary) -> None:
    page = show(qtbot, DiaryListPage(context))
    row = column(page.model, DiaryListModel.PROBLEM).index("走访独居老人张大爷")
    index = page.model.index(row, DiaryListModel.PROBLEM)
    page.view.scrollTo(index)
    with qtbot.waitSignal(page.openDay, timeout=WAIT_MS) as opened:
        double_click(qtbot, page.view, index)
    assert opened.args == [diary_data.monday_id]
    today_row = column(page.model, DiaryListModel.PROBLEM).index("参加街道消防安全培训")
    page.view.setCurrentIndex(page.model.index(today_row, 0))
    with qtbot.waitSignal(page.openDay, timeout=WAIT_MS) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened.args == [diary_data.today_id]


@pytest.fixture
def many_items(store: Store, leader: SignedIn) -> int:
    """450 items on nine days of the month."""
    for offset in range(9):
        write(store, leader, date(2026, 5, 1) + timedelta(days=offset),
              [{"category": "patrol", "place": "幸福小区", "problem": f"第{offset + 1}天巡查第{n + 1}段",
                "action": "正常"} for n in range(50)], close=True)
    return 450


def test_more_rows_are_fetched_as_the_view_scrolls(qtbot, context: Context, many_items: int) -> None:
    page = show(qtbot, DiaryListPage(context))
    assert page.model.total == many_items
    assert page.model.rowCount() == PAGE_SIZE  # only the first page on opening
    assert page.count_label.text() == f"{many_items} item(s)  ({PAGE_SIZE} shown; scroll for more)"
    assert page.model.canFetchMore(page.model.index(-1, -1))
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 * PAGE_SIZE, timeout=WAIT_MS)
    settle(qtbot, page)
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == many_items, timeout=WAIT_MS)
    settle(qtbot, page)
    assert not page.model.canFetchMore(page.model.index(-1, -1))
    assert page.count_label.text() == f"{many_items} item(s)"
    ids = [row.item_id for row in page.model.rows]
    assert len(set(ids)) == many_items
    days = [row.day for row in page.model.rows]
    assert days == sorted(days, reverse=True)


def test_month_exports_write_the_items_and_are_audited(qtbot, tmp_path: Path, context: Context,
                                                       diary_data: Diary) -> None:
    page = show(qtbot, DiaryListPage(context))
    out_csv, out_xlsx = tmp_path / "may.csv", tmp_path / "may.xlsx"
    page.export_to("csv", out_csv)
    settle(qtbot, page)
    with out_csv.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["日期", "星期", "时间", "类别"] and len(rows) == 1 + 8
    assert any(MARKUP in cell for row in rows for cell in row)
    assert "8 items saved as" in page.status_label.text()

    page.export_to("xlsx", out_xlsx)
    settle(qtbot, page)
    sheet = openpyxl.load_workbook(out_xlsx)["工作日志"]
    assert sheet.max_row == 1 + 8
    assert page.csv_button.isEnabled()

    actions = audit_actions(context.store)
    target = f"diary {OWN_GRID} 2026-05"
    assert ("export.csv", target, str(out_csv)) in actions
    assert ("export.xlsx", target, str(out_xlsx)) in actions


def test_the_monthly_report_opens_in_the_preview_and_saving_is_audited(qtbot, tmp_path: Path, context: Context,
                                                                       diary_data: Diary) -> None:
    page = show(qtbot, DiaryListPage(context))
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "report_dialog", None) is not None, timeout=WAIT_MS)
    dialog = page.report_dialog
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.windowTitle() == "Preview: Monthly report 2026-05"
    temporary = dialog.pdf_path
    saved = tmp_path / "month.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_to(saved)
    wait_for_operations()
    qtbot.waitUntil(lambda: ("export.pdf", f"diary {OWN_GRID} 2026-05", str(saved)) in audit_actions(context.store),
                    timeout=WAIT_MS)
    dialog.close()
    wait_for_operations()
    assert saved.exists() and not temporary.exists()


# -- search ------------------------------------------------------------------------------------------

def search_for(qtbot, page: DiarySearchPage, text: str) -> None:
    page.search_edit.setText(text)  # QTest cannot type Chinese; the debounce timer starts as when typing
    assert page.busy
    settle(qtbot, page)


def test_search_as_you_type_highlights_the_match(qtbot, context: Context, diary_data: Diary) -> None:
    page = show(qtbot, DiarySearchPage(context))
    search_for(qtbot, page, "消防通道")  # four characters: the trigram index
    problems = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert len(problems) == 2 and page.count_label.text() == "2 result(s)"
    assert all("消防通道" in text for text in problems)
    html = page.model.index(0, 0).data(HTML_ROLE)
    assert '<b style="background:#ffe08a">消防通道</b>' in html

    search_for(qtbot, page, "消防")  # two characters: scanned, still found
    assert page.model.rowCount() == 3
    assert page.count_label.text() == "3 result(s)"
    assert page.model.hits[0].day == TODAY  # newest first

    search_for(qtbot, page, "消")  # one character waits for more typing
    assert page.model.rowCount() == 0
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)  # … unless Enter is pressed
    settle(qtbot, page)
    assert page.model.rowCount() == 3

    search_for(qtbot, page, "没有这回事")
    assert page.model.rowCount() == 0 and "Nothing found" in page.count_label.text()


def test_user_markup_in_the_diary_shows_literally(qtbot, context: Context, diary_data: Diary) -> None:
    page = show(qtbot, DiarySearchPage(context))
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "<b>x")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert page.model.rowCount() == 1
    index = page.model.index(0, 0)
    html = index.data(HTML_ROLE)
    assert '<b style="background:#ffe08a">&lt;b&gt;x</b>&lt;/b&gt; &amp; 楼道噪音' in html
    option = QStyleOptionViewItem()
    option.rect = page.view.visualRect(index)
    option.font = page.view.font()
    shown = page.delegate.document(option, index).toPlainText()
    assert MARKUP in shown  # what the worker typed, tags and ampersand included
    assert page.view.visualRect(index).height() > page.fontMetrics().height() * 2  # heading and snippet

    with qtbot.waitSignal(page.openDay, timeout=WAIT_MS) as opened:
        double_click(qtbot, page.view, index)
    assert opened.args == [diary_data.monday_id]


# -- the week summary --------------------------------------------------------------------------------

def totals(page: WeekSummaryPage, category: str) -> list[int]:
    model = page.totals_model
    row = next(r for r in range(model.rowCount()) if model.value(r, WeekTotalsModel.CATEGORY) == category)
    return [int(model.value(row, c)) for c in range(1, model.columnCount())]


def test_the_week_summary_shows_the_totals_and_days(qtbot, context: Context, diary_data: Diary) -> None:
    page = show(qtbot, WeekSummaryPage(context))
    assert page.monday == MONDAY
    assert "(Monday)" in page.week_label.text()
    #                              items, open, households, special, found, rectified
    assert totals(page, "入户走访") == [2, 0, 8, 2, 0, 0]
    assert totals(page, "隐患排查") == [1, 1, 0, 0, 2, 1]
    assert totals(page, "矛盾纠纷") == [1, 0, 0, 0, 0, 0]
    assert totals(page, "Total") == [6, 1, 8, 2, 2, 1]
    assert page.summary_label.text() == ("6 items: 5 closed, 1 still open; 1 escalated. "
                                         "Diary written on 3 days, 2 of them closed.")
    days = page.days_model
    states = [days.index(r, WeekDaysModel.STATE).data() for r in range(days.rowCount())]
    assert states == ["Closed", "Closed", "No diary", "Not closed yet", "No diary", "No diary", "No diary"]
    with qtbot.waitSignal(page.openDay, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(page.days_view.viewport(), Qt.MouseButton.LeftButton,
                         pos=page.days_view.visualRect(days.index(1, WeekDaysModel.DATE)).center())
    assert opened.args == [diary_data.tuesday_id]

    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.monday == MONDAY - timedelta(days=7)
    assert totals(page, "Total")[0] == 2


def test_saving_the_note_persists_it(qtbot, context: Context, diary_data: Diary) -> None:
    page = show(qtbot, WeekSummaryPage(context))
    assert not page.save_button.isEnabled()
    page.note_edit.setPlainText("本周走访8户，消防隐患1处未整改。")
    page.note_edit.document().setModified(True)
    page.focus_edit.setPlainText("跟进农贸市场消防通道整改。")
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.note_status.text() == "Note saved."
    report = diary_queries.week_report(context.store, grid_code=OWN_GRID, week_start=MONDAY)
    assert (report.note, report.next_week_focus) == ("本周走访8户，消防隐患1处未整改。", "跟进农贸市场消防通道整改。")

    page.focus_edit.setPlainText("改为：复查燃气管道。")  # typed, not saved, then the week changes
    page.focus_edit.document().setModified(True)
    assert not page.next_button.isEnabled()  # the current week: there is no week to come to sum up
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.monday == MONDAY - timedelta(days=7) and page.next_button.isEnabled()
    assert page.focus_edit.toPlainText() != "改为：复查燃气管道。"  # the week before, with its own note
    report = diary_queries.week_report(context.store, grid_code=OWN_GRID, week_start=MONDAY)
    assert report.next_week_focus == "改为：复查燃气管道。"  # … and the typed text was kept


def test_a_note_that_cannot_be_saved_keeps_its_week_and_its_text(qtbot, context: Context, diary_data: Diary) -> None:
    page = show(qtbot, WeekSummaryPage(context))
    long_note = "本周走访情况。" * 400  # 2,800 characters: over the limit
    page.note_edit.setPlainText(long_note)
    page.note_edit.document().setModified(True)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    # the week does not change, the text stays, and the message says why
    assert page.monday == MONDAY and page.date_edit.date().toPython() - MONDAY < timedelta(days=7)
    assert page.note_edit.toPlainText() == long_note and page.save_button.isEnabled()
    assert page.note_length.text() == "2800 of 2000 characters: 800 too many"
    boxes = [w for w in page.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "too long" in boxes[-1].text()
    boxes[-1].close()
    page.date_edit.setDate(qdate(MONDAY - timedelta(days=21)))  # the date field is refused the same way
    settle(qtbot, page)
    assert page.monday == MONDAY and page.note_edit.toPlainText() == long_note
    # shortened, it is saved on leaving the week, as before
    page.note_edit.setPlainText(long_note[:700])
    page.note_edit.document().setModified(True)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.monday == MONDAY - timedelta(days=7)
    assert diary_queries.week_report(context.store, grid_code=OWN_GRID, week_start=MONDAY).note == long_note[:700]


def test_refresh_shows_an_amendment_of_a_closed_day(qtbot, context: Context, leader: SignedIn,
                                                    diary_data: Diary) -> None:
    page = show(qtbot, WeekSummaryPage(context))
    assert totals(page, "入户走访")[2] == 8
    diary.amend_item(context.store, leader.actor, diary_data.visit_id, reason="户数记错", households=9)
    page.refresh()
    settle(qtbot, page)
    assert totals(page, "入户走访") == [2, 0, 12, 2, 0, 0]
    assert totals(page, "Total")[0] == 6  # the correction replaces the item, it is not one more

    page.hide()  # shown again (back from the Day tab): reloads by itself
    diary.amend_item(context.store, leader.actor,
                     next(i.id for i in diary_queries.day_view(context.store, diary_data.monday_id).items
                          if i.category == "visit"),
                     reason="再次更正", households=10)
    page.show()
    qtbot.waitUntil(lambda: not page.busy and totals(page, "入户走访")[2] == 13, timeout=WAIT_MS)


def test_the_week_summary_prints_through_the_preview(qtbot, tmp_path: Path, context: Context,
                                                     diary_data: Diary) -> None:
    from PySide6.QtPrintSupport import QPrinter

    page = show(qtbot, WeekSummaryPage(context))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "report_dialog", None) is not None, timeout=WAIT_MS)
    dialog = page.report_dialog
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=WAIT_MS)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "week.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS):
        dialog.print_to(printer)
    qtbot.waitUntil(lambda: ("print", f"diary week {OWN_GRID} {MONDAY.isoformat()}", str(out))
                    in audit_actions(context.store), timeout=WAIT_MS)
    dialog.close()
    wait_for_operations()
