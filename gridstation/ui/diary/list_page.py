"""日志列表: every diary item in a date range, filtered by category, grid, author and "open only",
fetched 200 rows at a time as the user scrolls; the month's exports and the monthly report.

Opening is instant however long the diary: the first page and the count come in one operation,
later pages only when the view scrolls near the end (``canFetchMore``/``fetchMore``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import accounts, diary, diary_queries, station
from gridstation.db.accounts import SignedIn
from gridstation.db.diary_queries import DiaryFilter, DiaryRow
from gridstation.db.store import Store
from gridstation.domain.diary import CATEGORIES
from gridstation.domain.redaction import redact_numbers
from gridstation.ui.context import Context
from gridstation.ui.diary import month_export
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op

PAGE_SIZE = 200
OPEN_COLOR = QColor("#b3261e")
AnyIndex = QModelIndex | QPersistentModelIndex


def my_grid_codes(user: SignedIn, grid_codes: Sequence[str]) -> list[str]:
    """The grids whose diaries ``user`` reads: an admin's and a backup leader's (who covers the
    neighbouring grids) are all the station's grids, anyone else's is his own grid."""
    own = user.grid_code if user.grid_code in grid_codes else None
    if own is None or user.is_admin or user.role == "backup_leader":
        return ([own] if own else []) + [code for code in grid_codes if code != own]
    return [own]


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Choices:
    """What the filter combos offer, read once when the page opens."""

    grids: list[tuple[str, str]]  # (code, name) of the station's grids, own grid first
    users: list[tuple[str, str]]  # (user id, display name)


def load_choices(store: Store) -> Choices:
    grids = [(g.code, g.name) for g in station.list_grids(store)]
    users = [(u.user_id, u.display_name) for u in accounts.list_users(store)]
    return Choices(grids, users)


@dataclass(frozen=True)
class FirstPage:
    total: int
    rows: list[DiaryRow]


def first_page(store: Store, flt: DiaryFilter) -> FirstPage:
    """The count and the first ``PAGE_SIZE`` rows, in one operation."""
    return FirstPage(diary_queries.count_items(store, flt), diary_queries.list_items(store, flt, limit=PAGE_SIZE))


class DiaryListModel(QAbstractTableModel):
    """Diary items newest day first; pages are fetched on the operations thread.

    ``total`` is the count when the list was (re)loaded; ``loading`` is true while a page is on its
    way. A reload makes the answers of earlier requests stale: they are dropped.
    """

    DATE, TIME, CATEGORY, PLACE, PROBLEM, ACTION, RESULT, STATUS, GRID, AUTHOR = range(10)
    loaded = Signal()

    def __init__(self, store: Store, owner: QWidget, grid_names: dict[str, str] | None = None) -> None:
        super().__init__(owner)
        self.store = store
        self.owner = owner
        self.grid_names = grid_names or {}
        self.rows: list[DiaryRow] = []
        self.total = 0
        self.loading = False
        self._ids: set[str] = set()
        self._filter: DiaryFilter | None = None
        self._generation = 0
        self._headers = (self.tr("Date"), self.tr("Time"), self.tr("Category"), self.tr("Place"),
                         self.tr("What happened"), self.tr("What was done"), self.tr("Result"), self.tr("Status"),
                         self.tr("Grid"), self.tr("Author"))

    def reload(self, flt: DiaryFilter) -> Operation:
        self._generation += 1
        self._filter = flt
        self.loading = True
        return run_op(self.owner, first_page, self.store, flt, success=partial(self._reset, self._generation),
                      failure=partial(self._failed, self._generation))

    def _reset(self, generation: int, page: FirstPage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.rows = list(page.rows)
        self._ids = {r.item_id for r in self.rows}
        self.total = max(page.total, len(self.rows))
        self.loading = False
        self.endResetModel()
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(self.owner, exc)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and not self.loading and self._filter is not None and len(self.rows) < self.total

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        assert self._filter is not None
        self.loading = True
        run_op(self.owner, diary_queries.list_items, self.store, self._filter, offset=len(self.rows),
               limit=PAGE_SIZE, success=partial(self._append, self._generation),
               failure=partial(self._failed, self._generation))

    def _append(self, generation: int, page: list[DiaryRow]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        fresh = [r for r in page if r.item_id not in self._ids]  # items added meanwhile shift the offsets
        if not page:
            self.total = len(self.rows)  # items were removed meanwhile: the list is complete
            return
        if fresh:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self.rows.extend(fresh)
            self._ids.update(r.item_id for r in fresh)
            self.endInsertRows()

    def row_at(self, index: AnyIndex) -> DiaryRow | None:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (self.PLACE, self.PROBLEM, self.ACTION, self.RESULT):
                return self._display(row, column, whole=True) or None
            if column == self.STATUS and row.amended:
                return self.tr("Corrected after the day was closed")
            if column == self.STATUS and row.late:
                return self.tr("Added after the day was closed")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS and row.open:
            return QBrush(OPEN_COLOR)
        if role == Qt.ItemDataRole.FontRole and (row.amended or row.late) and column == self.STATUS:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, row: DiaryRow, column: int, *, whole: bool = False) -> str:
        text: Callable[[str], str] = (lambda s: s) if whole else one_line
        if column == self.DATE:
            return QLocale().toString(qdate(row.day), "yyyy-MM-dd ddd")
        if column == self.STATUS:
            status = self.tr("Open") if row.open else self.tr("Closed")
            return status + (" · " + self.tr("corrected") if row.amended
                             else " · " + self.tr("added late") if row.late else "")
        values = {
            self.TIME: row.time, self.CATEGORY: CATEGORIES.get(row.category, row.category),
            self.PLACE: redact_numbers(row.place), self.PROBLEM: redact_numbers(row.problem),
            self.ACTION: redact_numbers(row.action), self.RESULT: redact_numbers(row.result),
            self.GRID: self.grid_names.get(row.grid_code, row.grid_code), self.AUTHOR: row.author_name,
        }
        return text(values[column])


class DiaryListPage(QWidget):
    """``openDay(day_id)`` asks the diary area to show a day (double-click or Enter on an item)."""

    openDay = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        assert context.user is not None
        self._pending: set[Operation] = set()
        self.choices: Choices | None = None
        self.my_grids: list[str] = []
        self.grid_names: dict[str, str] = {}
        start, end = month_bounds(diary.local_today(context.store))

        self.start_edit = QDateEdit(qdate(start))
        self.end_edit = QDateEdit(qdate(end))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.category_combo = QComboBox()
        self.category_combo.addItem(self.tr("All categories"), None)
        for code, name in CATEGORIES.items():
            self.category_combo.addItem(name, code)
        self.grid_combo = QComboBox()
        self.grid_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.author_combo = QComboBox()
        self.author_combo.addItem(self.tr("Everyone"), None)
        self.open_check = QCheckBox(self.tr("Open only"))
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #5f6368;")
        self.csv_button = QPushButton(self.tr("Export month as CSV…"))
        self.xlsx_button = QPushButton(self.tr("Export month as Excel…"))
        self.report_button = QPushButton(self.tr("Monthly report…"))

        self.model = DiaryListModel(context.store, self)
        self.view = QTableView()
        self.view.setObjectName("diary_list")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (DiaryListModel.DATE, DiaryListModel.TIME, DiaryListModel.CATEGORY, DiaryListModel.STATUS,
                       DiaryListModel.AUTHOR):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((DiaryListModel.PLACE, 120), (DiaryListModel.ACTION, 200), (DiaryListModel.RESULT, 160),
                              (DiaryListModel.GRID, 130)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(DiaryListModel.PROBLEM, QHeaderView.ResizeMode.Stretch)  # what matters most

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.start_edit)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.end_edit)
        filters.addSpacing(8)
        filters.addWidget(self.category_combo)
        filters.addWidget(self.grid_combo)
        filters.addWidget(self.author_combo)
        filters.addWidget(self.open_check)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addStretch(1)
        actions.addWidget(self.status_label)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.xlsx_button)
        actions.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(250)
        self._refresh_timer.timeout.connect(self.refresh)
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(lambda _d: self._refresh_timer.start())
        for combo in (self.category_combo, self.grid_combo, self.author_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_check.toggled.connect(lambda _on: self.refresh())
        self.model.loaded.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self.view.activated.connect(self._activated)
        self.csv_button.clicked.connect(lambda: self.choose_export_file("csv"))
        self.xlsx_button.clicked.connect(lambda: self.choose_export_file("xlsx"))
        self.report_button.clicked.connect(self.monthly_report)
        self.reporting = False
        self._update_report_buttons()
        self._run(load_choices, context.store, success=self._choices_loaded)

    # -- operations ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while an operation of this page (or a page of rows) is on its way."""
        return bool(self._pending) or self.model.loading

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
        op = run_op(self, fn, *args, **kwargs)
        self._pending.add(op)
        op.finished.connect(lambda: self._pending.discard(op))
        return op

    def _choices_loaded(self, choices: Choices) -> None:
        self.choices = choices
        user = self.context.user
        assert user is not None
        self.grid_names = dict(choices.grids)
        self.model.grid_names = self.grid_names
        self.my_grids = my_grid_codes(user, [code for code, _ in choices.grids])
        for combo in (self.grid_combo, self.author_combo):
            combo.blockSignals(True)
        self.grid_combo.clear()
        if len(self.my_grids) > 1:
            self.grid_combo.addItem(self.tr("All my grids"), None)
        for code in self.my_grids:
            self.grid_combo.addItem(self.grid_names.get(code, code), code)
        for user_id, name in choices.users:
            self.author_combo.addItem(name, user_id)
        for combo in (self.grid_combo, self.author_combo):
            combo.blockSignals(False)
        self.view.setColumnHidden(DiaryListModel.GRID, len(self.my_grids) < 2)
        self.refresh()

    # -- the list ------------------------------------------------------------------------------------

    def current_filter(self) -> DiaryFilter:
        start: date = self.start_edit.date().toPython()  # type: ignore[assignment]
        end: date = self.end_edit.date().toPython()  # type: ignore[assignment]
        grid = self.grid_combo.currentData()
        return DiaryFilter(start=min(start, end), end=max(start, end),
                           grid_codes=(grid,) if grid else tuple(self.my_grids),
                           category=self.category_combo.currentData(), author=self.author_combo.currentData(),
                           open_only=self.open_check.isChecked())

    def refresh(self) -> Operation | None:
        """Reload the list from the first page (after a filter change, or when the page is shown)."""
        self._refresh_timer.stop()
        if self.choices is None:
            return None
        self.count_label.setText(self.tr("Loading…"))
        self._update_report_buttons()
        return self.model.reload(self.current_filter())

    def _show_count(self) -> None:
        total = self.model.total
        text = self.tr("%n item(s)", "", total)
        if self.model.rowCount() < total:
            text += "  " + self.tr("({n} shown; scroll for more)").format(n=self.model.rowCount())
        self.count_label.setText(text)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.openDay.emit(row.day_id)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.choices is not None and not event.spontaneous():
            self.refresh()  # an item may have been written in the Day tab meanwhile

    # -- month exports and report ------------------------------------------------------------------------

    def report_month(self) -> tuple[int, int]:
        start = self.start_edit.date()
        return start.year(), start.month()

    def report_grid(self) -> str:
        """The grid chosen, or (with "all my grids") the user's own grid: a month report is of one grid."""
        chosen = self.grid_combo.currentData()
        if chosen:
            return chosen
        user = self.context.user
        return user.grid_code if user and user.grid_code in self.my_grids else self.my_grids[0]

    def _update_report_buttons(self) -> None:
        """Enabled unless an export is running; the tooltips name the month and grid they are for."""
        enabled = bool(self.my_grids) and not self.reporting
        for button in (self.csv_button, self.xlsx_button, self.report_button):
            button.setEnabled(enabled)
        if self.my_grids:
            year, month = self.report_month()
            grid = self.grid_names.get(self.report_grid(), self.report_grid())
            tip = self.tr("{year}-{month:02d}, {grid}").format(year=year, month=month, grid=grid)
            for button in (self.csv_button, self.xlsx_button, self.report_button):
                button.setToolTip(tip)

    def _set_reporting(self, reporting: bool) -> None:
        self.reporting = reporting
        self._update_report_buttons()

    def choose_export_file(self, kind: str) -> None:
        year, month = self.report_month()
        grid = self.grid_names.get(self.report_grid(), self.report_grid())
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = str(Path(folder) / f"工作日志_{grid}_{year}-{month:02d}.{kind}")
        kinds = {"csv": self.tr("CSV (*.csv)"), "xlsx": self.tr("Excel workbook (*.xlsx)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the month"), default, kinds[kind])
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path) -> Operation:
        """Write the month of the start date, for the chosen grid and author, as ``kind`` ("csv"/"xlsx")."""
        year, month = self.report_month()
        user = self.context.user
        assert user is not None
        self._set_reporting(True)
        self.status_label.setText(self.tr("Exporting…"))
        return self._run(month_export.export_month, self.context.store, actor=user.username, kind=kind, path=path,
                         grid_code=self.report_grid(), year=year, month=month,
                         author=self.author_combo.currentData(),
                         success=lambda count: self._exported(path, count), failure=self._report_failed,
                         progress=self.tr("Exporting…"))

    def _exported(self, path: Path, count: int) -> None:
        self._set_reporting(False)
        self.status_label.setText(self.tr("{n} items saved as {path}.").format(n=count, path=str(path)))

    def _report_failed(self, exc: BaseException) -> None:
        self._set_reporting(False)
        self.status_label.clear()
        show_error(self, exc)

    def monthly_report(self) -> Operation:
        """Write the month report of the start date's month and show it in the preview."""
        year, month = self.report_month()
        grid = self.report_grid()
        self._set_reporting(True)
        path = month_export.temporary_pdf("month")
        return self._run(month_export.render_month_pdf, self.context.store, path, grid_code=grid, year=year,
                         month=month, author=self.author_combo.currentData(),
                         success=lambda p: self._show_report(p, grid, year, month), failure=self._report_failed,
                         progress=self.tr("Writing the report…"))

    def _show_report(self, path: Path, grid: str, year: int, month: int) -> None:
        self._set_reporting(False)
        self.status_label.clear()
        title = self.tr("Monthly report {year}-{month:02d}").format(year=year, month=month)
        self.report_dialog = month_export.preview_report(self, self.context, path, title=title,
                                                         target=month_export.month_target(grid, year, month))
