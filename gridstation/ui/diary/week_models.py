"""The week summary's two tables: totals per category, and the seven days with their state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from gridstation.domain.diary import CATEGORIES, CategoryTotals, DiaryDayView, WeekReport
from gridstation.ui.diary.list_page import qdate

OPEN_COLOR = QColor("#b3261e")
MUTED_COLOR = QColor("#80868b")
AnyIndex = QModelIndex | QPersistentModelIndex
TOTAL_FIELDS = ("items", "open", "households", "special_households", "hazards_found", "hazards_rectified")


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class WeekTotalsModel(QAbstractTableModel):
    """One row per category and a total row; columns as in the printed 周结."""

    CATEGORY, ITEMS, OPEN, HOUSEHOLDS, SPECIAL, FOUND, RECTIFIED = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, CategoryTotals]] = []
        self._headers = (self.tr("Category"), self.tr("Items"), self.tr("Open"), self.tr("Households visited"),
                         self.tr("Special-group households"), self.tr("Hazards found"), self.tr("Hazards rectified"))

    def set_report(self, report: WeekReport) -> None:
        self.beginResetModel()
        by_category = report.totals.by_category
        self.rows = [(name, by_category[code]) for code, name in CATEGORIES.items()]
        total = CategoryTotals()
        for _, row in self.rows:
            for name in TOTAL_FIELDS:
                setattr(total, name, getattr(total, name) + getattr(row, name))
        self.rows.append((self.tr("Total"), total))
        self.endResetModel()

    def value(self, row: int, column: int) -> str | int:
        name, totals = self.rows[row]
        return name if column == self.CATEGORY else int(getattr(totals, TOTAL_FIELDS[column - 1]))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        total_row = index.row() == len(self.rows) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != self.CATEGORY:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and total_row:
            return _bold()
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == self.OPEN and isinstance(value, int) and value:
                return QBrush(OPEN_COLOR)
            if not total_row and self.rows[index.row()][1].items == 0:
                return QBrush(MUTED_COLOR)
        return None


@dataclass(frozen=True)
class DayRow:
    day: date
    page: DiaryDayView | None  # None: no diary written that day


class WeekDaysModel(QAbstractTableModel):
    """Monday to Sunday: each diary page of the week, or an empty row for a day without one."""

    DATE, AUTHOR, WEATHER, ITEMS, OPEN, STATE = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DayRow] = []
        self._headers = (self.tr("Date"), self.tr("Author"), self.tr("Weather"), self.tr("Items"), self.tr("Open"),
                         self.tr("State"))

    def set_report(self, report: WeekReport) -> None:
        self.beginResetModel()
        self.rows = []
        for offset in range(7):
            day = report.week_start + timedelta(days=offset)
            pages = [p for p in report.days if p.day == day]
            self.rows += [DayRow(day, p) for p in pages] or [DayRow(day, None)]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def state_text(self, row: DayRow) -> str:
        if row.page is None:
            return self.tr("No diary")
        return self.tr("Closed") if row.page.closed else self.tr("Not closed yet")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        page, column = row.page, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return QLocale().toString(qdate(row.day), "MM-dd dddd")
            if column == self.STATE:
                return self.state_text(row)
            if page is None:
                return ""
            if column == self.AUTHOR:
                return page.author_name + ("  " + self.tr("(cover)") if page.cover else "")
            return {self.WEATHER: page.weather, self.ITEMS: str(len(page.items)),
                    self.OPEN: str(sum(i.open for i in page.items))}[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ITEMS, self.OPEN):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if page is None:
                return QBrush(MUTED_COLOR)
            if column == self.STATE and not page.closed:
                return QBrush(OPEN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and page is not None:
            return self.tr("Click to open this day")
        return None


def fit_height(view: QTableView) -> None:
    """As tall as its rows: the page's spare room goes to the note, not to empty table space."""
    rows = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth())


def table_view(model: QAbstractTableModel, stretch_from: int) -> QTableView:
    """A read-only table; columns from ``stretch_from`` on share the spare width."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setMinimumSectionSize(48)
    for column in range(model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column >= stretch_from
                                    else QHeaderView.ResizeMode.ResizeToContents)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view
