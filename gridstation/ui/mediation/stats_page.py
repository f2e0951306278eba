"""调解统计: a month's or a year's cases by dispute type, source and outcome, success rate, amount,
防止民转刑 and 防止群体性上访 — on screen, as PDF (print preview) and as .xlsx. Counts only."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db.accounts import SignedIn
from gridstation.domain.mediation_stats import MediationStats
from gridstation.reports.mediation_stats_report import breakdowns, summary_rows
from gridstation.ui.context import Context
from gridstation.ui.mediation import ops
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.pdf_preview import PdfPreviewDialog

AnyIndex = QModelIndex | QPersistentModelIndex


class StatsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str]] = []

    def set_stats(self, stats: MediationStats) -> None:
        self.beginResetModel()
        self.rows = [("", label, value) for label, value in summary_rows(stats)]
        for group, counts in breakdowns(stats):
            self.rows += [(group, label, str(count)) for label, count in counts]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Group"), self.tr("Item"), self.tr("Value"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None


class StatsPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.busy = False
        self.stats: MediationStats | None = None
        today = date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month = QComboBox()
        self.month.addItem(self.tr("Whole year"), 0)
        for m in range(1, 13):
            self.month.addItem(self.tr("Month {m}").format(m=m), m)
        self.month.setCurrentIndex(today.month)
        self.show_button = QPushButton(self.tr("Show"))
        self.pdf_button = QPushButton(self.tr("PDF…"))
        self.xlsx_button = QPushButton(self.tr("Excel…"))
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Year")), self.year, self.month, self.show_button, self.pdf_button,
                       self.xlsx_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.model = StatsModel(self)
        self.view = QTableView()
        self.view.setObjectName("mediation_stats")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button.clicked.connect(self.preview_pdf)
        self.xlsx_button.clicked.connect(self.choose_xlsx)

    def period(self) -> tuple[int, int | None]:
        return self.year.value(), self.month.currentData() or None

    def user(self) -> SignedIn:
        assert self.context.user is not None
        return self.context.user

    def refresh(self) -> Operation:
        self.busy = True
        year, month = self.period()
        return run_op(self, ops.load_stats, self.context.store, self.user(), year=year, month=month,
                      success=self._loaded, failure=self._failed)

    def _loaded(self, stats: MediationStats) -> None:
        self.stats = stats
        self.model.set_stats(stats)
        self.busy = False

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        show_error(self, exc)

    def preview_pdf(self) -> Operation:
        year, month = self.period()
        return run_op(self, ops.write_stats_pdf, self.context.store, self.user(), year=year, month=month,
                      success=self._preview, failure=self._failed)

    def _preview(self, path: Path) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(path, self, title=self.tr("Mediation statistics"), delete_on_close=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_xlsx(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        year, month = self.period()
        name = f"人民调解统计-{year}" + (f"-{month:02d}" if month else "") + ".xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save statistics"), str(Path(folder) / name),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_xlsx(Path(path))

    def export_xlsx(self, path: Path) -> Operation:
        year, month = self.period()
        return run_op(self, ops.save_stats_xlsx, self.context.store, self.user(), path, year=year, month=month,
                      failure=self._failed)
