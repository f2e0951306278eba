"""The services area (便民服务) of the main window: records (帮代办台账), the catalogue, the
notice-board materials and the statistics, as tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from gridstation.ui.context import Context
from gridstation.ui.services.catalogue_page import CataloguePage
from gridstation.ui.services.list_page import ServiceListPage
from gridstation.ui.services.notice_page import NoticeBoardPage
from gridstation.ui.services.stats_page import StatisticsPage
from gridstation.ui.shortcuts import find_shortcut


class ServicesArea(QTabWidget):
    """``changed`` after any service write (the window refreshes the home page and the sync count)."""

    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("services_area")
        self.setDocumentMode(True)
        self.list_page = ServiceListPage(context)
        self.catalogue_page = CataloguePage(context)
        self.notice_page = NoticeBoardPage(context)
        self.stats_page = StatisticsPage(context)
        self.addTab(self.list_page, self.tr("Records"))
        self.addTab(self.catalogue_page, self.tr("Catalogue"))
        self.addTab(self.notice_page, self.tr("Notice board"))
        self.addTab(self.stats_page, self.tr("Statistics"))
        self.list_page.changed.connect(self.changed)
        self.catalogue_page.changed.connect(self.changed)
        self.currentChanged.connect(self._tab_changed)
        find_shortcut(self, self.list_page.search_edit, lambda: self.setCurrentWidget(self.list_page))

    def _tab_changed(self, index: int) -> None:
        refresh = getattr(self.widget(index), "refresh", None)
        if callable(refresh):
            refresh()
