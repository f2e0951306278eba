"""The work diary area (工作日志) of the main window: the day page, the list, search and the week
summary as tabs. A day picked in any of the other tabs opens in the Day tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from gridstation.ui.context import Context
from gridstation.ui.diary.day_page import DayPage
from gridstation.ui.diary.list_page import DiaryListPage
from gridstation.ui.diary.search_page import DiarySearchPage
from gridstation.ui.diary.week_page import WeekSummaryPage
from gridstation.ui.operations import Operation
from gridstation.ui.shortcuts import find_shortcut


class DiaryArea(QTabWidget):
    """``changed`` after any diary write (the window refreshes the home page and the sync count)."""

    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diary_area")
        self.setDocumentMode(True)
        self.day_page = DayPage(context)
        self.list_page = DiaryListPage(context)
        self.search_page = DiarySearchPage(context)
        self.week_page = WeekSummaryPage(context)
        self.addTab(self.day_page, self.tr("Day"))
        self.addTab(self.list_page, self.tr("List"))
        self.addTab(self.search_page, self.tr("Search"))
        self.addTab(self.week_page, self.tr("Week summary"))
        self._stale: set[QWidget] = set()
        for page in (self.list_page, self.search_page, self.week_page):
            page.openDay.connect(self.show_day)
        self.day_page.changed.connect(self._day_changed)
        self.currentChanged.connect(self._tab_changed)
        find_shortcut(self, self.search_page.search_edit, lambda: self.setCurrentWidget(self.search_page))

    def show_day(self, day_id: str) -> Operation:
        """Open the page ``day_id`` in the Day tab."""
        self.setCurrentWidget(self.day_page)
        return self.day_page.show_day(day_id)

    def show_date(self, day: date | None = None) -> Operation:
        """Open the user's page of ``day`` (today when None) in the Day tab."""
        self.setCurrentWidget(self.day_page)
        return self.day_page.show_date(day)

    def _day_changed(self) -> None:
        self._stale = {self.list_page, self.week_page}
        self.changed.emit()

    def _tab_changed(self, index: int) -> None:
        page = self.widget(index)
        if page in self._stale:
            self._stale.discard(page)
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
