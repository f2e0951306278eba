"""The widgets and layout of the day page (what a Designer form would hold), kept apart from its
behaviour in ``day_page``: calendar and carried-over items on the left; header, items, editor (or
the closed-day panel) and tomorrow's plan on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from gridstation.db.models import StationGrid
from gridstation.domain import diary as rules
from gridstation.ui.diary.calendar import CalendarLegend, DiaryCalendar
from gridstation.ui.diary.carried import CarriedItems
from gridstation.ui.diary.closed_panel import ClosedDayPanel
from gridstation.ui.diary.day_header import DayHeader
from gridstation.ui.diary.day_print import DaySheetPrinter
from gridstation.ui.diary.editor_box import EditorBox
from gridstation.ui.diary.item_table import DayItemsModel, ItemsView
from gridstation.ui.diary.photos_box import PhotosBox
from gridstation.ui.screen_fit import scrolling_body

if TYPE_CHECKING:
    from gridstation.ui.diary.day_page import DayPage

SIDEBAR_WIDTH = 290


translate = QCoreApplication.translate  # the strings belong to the "DayPage" context, as its own tr() calls


def build_day_page(page: DayPage, grids: list[StationGrid], selectable: bool) -> None:
    """Create the page's widgets as attributes of ``page`` and lay them out."""
    page.calendar = DiaryCalendar()
    page.carried = CarriedItems()
    left = QVBoxLayout()
    left.setSpacing(6)
    left.addWidget(page.calendar)
    left.addWidget(CalendarLegend())
    left.addWidget(page.carried, 1)
    left.addStretch(0)
    left_box = QWidget()
    left_box.setLayout(left)
    left_box.setFixedWidth(SIDEBAR_WIDTH)
    left.setContentsMargins(0, 0, 0, 0)

    page.header = DayHeader(grids, page.context.user.grid_code, selectable)
    page.header.set_grid(page.grid_code)
    page.notice = QLabel()
    page.notice.setObjectName("diary_notice")
    page.notice.setTextFormat(Qt.TextFormat.PlainText)
    page.notice.setWordWrap(True)
    page.notice.setVisible(False)

    page.empty_label = QLabel()
    page.empty_label.setObjectName("diary_empty")
    page.empty_label.setStyleSheet("color: #5f6368;")
    page.start_button = QPushButton(translate("DayPage", "Start this &day's diary"))
    page.start_button.setObjectName("diary_start")
    empty = QWidget()
    empty_layout = QVBoxLayout(empty)
    empty_layout.addStretch(1)
    empty_layout.addWidget(page.empty_label, 0, Qt.AlignmentFlag.AlignHCenter)
    empty_layout.addWidget(page.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
    empty_layout.addStretch(2)

    page.model = DayItemsModel(page)
    page.table = ItemsView(page.model)
    page.copy_button = QPushButton(translate("DayPage", "Cop&y from previous day"))
    page.copy_button.setToolTip(
        translate("DayPage", "Copy the recurring rounds of your previous page (without results)"))
    page.delete_button = QPushButton(translate("DayPage", "&Delete item"))
    page.print_button = QPushButton(translate("DayPage", "Print day sheet…"))
    page.print_button.setObjectName("diary_print")
    tools = QHBoxLayout()
    tools.addWidget(page.copy_button)
    tools.addWidget(page.delete_button)
    tools.addStretch(1)
    tools.addWidget(page.print_button)

    page.editor_box = EditorBox()
    page.editor = page.editor_box.editor
    page.save_button = page.editor_box.save_button
    page.closed_box = ClosedDayPanel(page.context)
    page.photos = PhotosBox(page.context)
    page.printer = DaySheetPrinter(page.context, page)

    page.plan = QLineEdit()
    page.plan.setObjectName("diary_plan")
    page.plan.setMaxLength(rules.MAX_TEXT)
    page.plan.setPlaceholderText(translate("DayPage", "What you plan for tomorrow"))
    page.close_button = QPushButton(translate("DayPage", "Close the day (日清)…"))
    page.close_button.setObjectName("diary_close_day")
    plan_label = QLabel(translate("DayPage", "Tomorrow's p&lan:"))
    plan_label.setBuddy(page.plan)
    footer = QHBoxLayout()
    footer.addWidget(plan_label)
    footer.addWidget(page.plan, 1)
    footer.addSpacing(12)
    footer.addWidget(page.close_button)

    content = QWidget()
    body = QVBoxLayout(content)
    body.setContentsMargins(0, 0, 0, 0)
    body.setSpacing(6)
    body.addLayout(tools)
    body.addWidget(page.table, 1)
    body.addWidget(page.photos)
    body.addWidget(page.editor_box)
    body.addWidget(page.closed_box)
    body.addLayout(footer)
    page.stack = QStackedWidget()
    page.stack.addWidget(empty)
    page.stack.addWidget(content)
    page.content = content
    right = QVBoxLayout()
    right.setSpacing(8)
    right.addWidget(page.header)
    right.addWidget(page.notice)
    right.addWidget(page.stack, 1)
    layout = QHBoxLayout(scrolling_body(page))  # scrolls on a short screen (1366×768 at 125 %)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.setSpacing(14)
    layout.addWidget(left_box)
    layout.addLayout(right, 1)

    chain = [page.header.weather, page.header.patrol_period, page.header.patrol_route, *page.editor_box.tab_chain,
             page.plan, page.close_button]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
