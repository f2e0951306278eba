"""统计: a month's services by status and by item, the year by month, overdue counts (still open, and
closed late); the month's records with its statistics exported as CSV or Excel (audited)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QDir, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import services_queries as q
from gridstation.db.diary import local_today
from gridstation.db.store import Store
from gridstation.domain import services as rules
from gridstation.reports.services_export import statistics_rows
from gridstation.ui.context import Context
from gridstation.ui.file_problem import file_problem
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.services.printing import export_month

AnyIndex = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)


def load_statistics(store: Store, year: int, month: int) -> rules.MonthStatistics:
    return q.month_statistics(store, year=year, month=month, today=local_today(store))


class StatisticsModel(QAbstractTableModel):
    """The month's statistics as rows of (group, label, count), as the Excel export writes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[object]] = []
        self._headers = (self.tr("Group"), self.tr("Item"), self.tr("Count"))

    def set_statistics(self, stats: rules.MonthStatistics) -> None:
        self.beginResetModel()
        self.rows = [list(row) for row in statistics_rows(stats)]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StatisticsPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        today = date.today()
        self.month_edit = QDateEdit(QDate(today.year, today.month, 1))
        self.month_edit.setObjectName("stats_month")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.summary = QLabel()
        self.summary.setObjectName("stats_summary")
        self.model = StatisticsModel(self)
        self.details = QTableView()
        self.details.setObjectName("stats_details")
        self.details.setModel(self.model)
        self.details.verticalHeader().hide()
        self.details.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setObjectName("stats_csv")
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.xlsx_button.setObjectName("stats_xlsx")
        self.export_status = QLabel()
        self.export_status.setObjectName("stats_export_status")
        self.export_status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_status.setWordWrap(True)
        self.last_dialog: QWidget | None = None
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Month")))
        row.addWidget(self.month_edit)
        row.addWidget(self.summary, 1)
        row.addWidget(self.csv_button)
        row.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.export_status)
        self.month_edit.dateChanged.connect(lambda _d: self.refresh())
        self.csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self.stats: rules.MonthStatistics | None = None
        self.refresh()

    def year_month(self) -> tuple[int, int]:
        value = self.month_edit.date()
        return value.year(), value.month()

    def refresh(self) -> Operation:
        return run_op(self, load_statistics, self.context.store, *self.year_month(), success=self._loaded)

    def _loaded(self, stats: rules.MonthStatistics) -> None:
        self.stats = stats
        self.summary.setText(self.tr("{total} services, {overdue} overdue and still open, {late} closed late").format(
            total=stats.total, overdue=stats.overdue, late=stats.closed_late))
        self.model.set_statistics(stats)

    def export_to(self, kind: str, path: str) -> Operation:
        year, month = self.year_month()
        actor = self.context.user.username if self.context.user else "system"
        store = self.context.store
        self.export_status.clear()
        self.csv_button.setEnabled(False)
        self.xlsx_button.setEnabled(False)
        return run_op(self, export_month, store, actor=actor, kind=kind, path=path, year=year, month=month,
                      today=local_today(store), success=lambda count: self._exported(path, count),
                      failure=lambda exc: self._export_failed(path, exc))

    def _export_done(self) -> None:
        self.csv_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)

    def _exported(self, path: str, count: int) -> None:
        self._export_done()
        self.export_status.setText(self.tr("Exported {n} records to {path}").format(
            n=count, path=QDir.toNativeSeparators(path)))

    def export_failure_text(self, path: str, exc: BaseException) -> str | None:
        """Why ``path`` could not be written, in words; None for errors other than the file system's."""
        reason = file_problem(exc)
        if reason is None:
            return None
        return self.tr("The export could not be written to {path}: {reason}. Choose another place or name and "
                       "export again.").format(path=QDir.toNativeSeparators(path), reason=reason)

    def _export_failed(self, path: str, exc: BaseException) -> None:
        self._export_done()
        text = self.export_failure_text(path, exc)
        if text is None:
            self.last_dialog = show_error(self, exc)
            return
        log.info("export to %s failed: %s", path, exc)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export"), text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = box
        box.open()

    def choose_export(self, kind: str) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        year, month = self.year_month()
        pattern = self.tr("CSV (*.csv)") if kind == "csv" else self.tr("Excel (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), f"{folder}/帮代办-{year}-{month:02d}.{kind}",
                                              pattern)
        if path:
            self.export_to(kind, path)
