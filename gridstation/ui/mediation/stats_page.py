"""调解统计: a month's or a year's cases by dispute type, source and outcome, success rate, amount,
防止民转刑 and 防止群体性上访 — on screen, as PDF (print preview) and as .xlsx. Counts only."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
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
from gridstation.ui.file_problem import file_problem
from gridstation.ui.mediation import ops
from gridstation.ui.messages import error_text, show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.pdf_preview import PdfPreviewDialog

AnyIndex = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)


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

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
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
    """The table follows the year and month selectors (a new period loads as soon as it is picked);
    PDF… and Excel… export the period shown and are enabled only while the table shows the period
    selected. A saved workbook or PDF is confirmed naming the file; a failure names the file and
    the problem."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.busy = False
        self.stats: MediationStats | None = None
        self.shown_period: tuple[int, int | None] | None = None
        self.requests = 0
        self.dialog: QWidget | None = None
        today = date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setKeyboardTracking(False)  # typing 2025 loads 2025, not 2, 20 and 202 on the way
        self.month = QComboBox()
        self.month.addItem(self.tr("Whole year"), 0)
        for m in range(1, 13):
            self.month.addItem(self.tr("Month {m}").format(m=m), m)
        self.month.setCurrentIndex(today.month)
        self.show_button = QPushButton(self.tr("Refresh"))
        self.pdf_button = QPushButton(self.tr("PDF…"))
        self.xlsx_button = QPushButton(self.tr("Excel…"))
        self.shown_label = QLabel()
        self.shown_label.setObjectName("stats_shown")
        self.shown_label.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Year")), self.year, self.month, self.show_button, self.pdf_button,
                       self.xlsx_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.shown_label)
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
        self.rate_note = QLabel(self.tr("Success rate = successful ÷ (successful + failed mediations); withdrawn, "
                                        "not accepted and open cases are not counted."))
        self.rate_note.setObjectName("stats_rate_note")
        self.rate_note.setWordWrap(True)
        layout.addWidget(self.rate_note)
        self.show_button.clicked.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)
        self.month.currentIndexChanged.connect(self.refresh)
        self.pdf_button.clicked.connect(self.preview_pdf)
        self.xlsx_button.clicked.connect(self.choose_xlsx)
        self._set_exports_enabled()

    def period(self) -> tuple[int, int | None]:
        return self.year.value(), self.month.currentData() or None

    def period_label(self, period: tuple[int, int | None]) -> str:
        year, month = period
        return self.tr("{year}, month {month}").format(year=year, month=month) if month else \
            self.tr("{year}, whole year").format(year=year)

    def user(self) -> SignedIn:
        assert self.context.user is not None
        return self.context.user

    def refresh(self, *_args: object) -> Operation:
        """Load the selected period; an answer for a period no longer selected is dropped."""
        self.busy = True
        self.requests += 1
        request, period = self.requests, self.period()
        self._set_exports_enabled()
        self.shown_label.setText(self.tr("Loading {period}…").format(period=self.period_label(period)))
        year, month = period
        return run_op(self, ops.load_stats, self.context.store, self.user(), year=year, month=month,
                      success=lambda stats: self._loaded(request, period, stats),
                      failure=lambda exc: self._failed(request, exc))

    def _loaded(self, request: int, period: tuple[int, int | None], stats: MediationStats) -> None:
        if request != self.requests:
            return
        self.stats, self.shown_period = stats, period
        self.model.set_stats(stats)
        self.shown_label.setText(self.tr("Showing {period}").format(period=self.period_label(period)))
        self.busy = False
        self._set_exports_enabled()

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self.requests:
            return
        self.stats = self.shown_period = None
        self.model.clear()  # never leave another period's figures on screen
        self.shown_label.setText(self.tr("The statistics could not be loaded."))
        self.busy = False
        self._set_exports_enabled()
        show_error(self, exc)

    def _set_exports_enabled(self) -> None:
        ready = not self.busy and self.shown_period is not None and self.shown_period == self.period()
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(ready)
            button.setToolTip("" if ready else self.tr("Available once the statistics of the selected period "
                                                       "are shown."))

    # -- exports ---------------------------------------------------------------------------------

    def preview_pdf(self) -> Operation | None:
        if self.shown_period is None:
            return None
        year, month = period = self.shown_period
        return run_op(self, ops.write_stats_pdf, self.context.store, self.user(), year=year, month=month,
                      success=lambda path: self._preview(path, period), failure=self._pdf_failed,
                      progress=self.tr("Preparing the PDF…"))

    def _pdf_failed(self, exc: BaseException) -> QMessageBox:
        return self._tell(QMessageBox.Icon.Warning, self.tr("The statistics PDF could not be made: {problem}").format(
            problem=problem_text(exc)))

    def _preview(self, path: Path, period: tuple[int, int | None]) -> PdfPreviewDialog:
        title = self.tr("Mediation statistics {period}").format(period=file_period(period))
        dialog = PdfPreviewDialog(path, self, title=title, delete_on_close=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda saved: self._tell(
            QMessageBox.Icon.Information, self.tr("The statistics were saved as {path}.").format(path=saved), dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_xlsx(self) -> Operation | None:
        if self.shown_period is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"人民调解统计-{file_period(self.shown_period)}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save statistics"), str(Path(folder) / name),
                                              self.tr("Excel workbook (*.xlsx)"))
        return self.export_xlsx(Path(path)) if path else None

    def export_xlsx(self, path: Path) -> Operation | None:
        """Write the period shown to ``path``; a message confirms it or names the file and the problem."""
        if self.shown_period is None:
            return None
        year, month = self.shown_period
        return run_op(self, ops.save_stats_xlsx, self.context.store, self.user(), path, year=year, month=month,
                      success=lambda saved: self._tell(
                          QMessageBox.Icon.Information,
                          self.tr("The statistics were saved as {path}.").format(path=str(saved))),
                      failure=lambda exc: self._tell(
                          QMessageBox.Icon.Warning,
                          self.tr("The statistics could not be saved as {path}: {problem}").format(
                              path=str(path), problem=problem_text(exc))),
                      progress=self.tr("Saving the workbook…"))

    def _tell(self, icon: QMessageBox.Icon, text: str, parent: QWidget | None = None) -> QMessageBox:
        if icon == QMessageBox.Icon.Warning:
            log.warning("%s", text)
        box = QMessageBox(icon, self.tr("Mediation statistics"), text, QMessageBox.StandardButton.Ok,
                          parent or self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()
        return box


def file_period(period: tuple[int, int | None]) -> str:
    year, month = period
    return f"{year}" + (f"-{month:02d}" if month else "")


def problem_text(exc: BaseException) -> str:
    """What went wrong writing a file, in the user's words; anything else as the usual error text."""
    return file_problem(exc) or error_text(exc)
