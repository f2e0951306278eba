"""案件列表: the cases the user may see, newest first, filtered by state and a search text, with the
running deadlines (mediation, judicial confirmation, performance) and the days left. Party names only: no ID
number or phone is ever in this model."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.domain.mediation import STATES, state_name
from gridstation.domain.mediation_views import CaseRow
from gridstation.ui.context import Context
from gridstation.ui.mediation import ops
from gridstation.ui.operations import Operation, run_op

AnyIndex = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#b3261e")
SOON = QColor("#b26a00")
SOON_DAYS = 7


class CaseTableModel(QAbstractTableModel):
    NUMBER, TITLE, TYPE, PARTIES, STATE, REGISTERED, DEADLINE, MEDIATORS = range(8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseRow] = []
        self.today = date.today()

    def set_rows(self, rows: list[CaseRow], today: date) -> None:
        self.beginResetModel()
        self.rows, self.today = rows, today
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Case number"), self.tr("Case"), self.tr("Dispute type"), self.tr("Parties"),
                self.tr("State"), self.tr("Registered"), self.tr("Deadline"), self.tr("Mediators"))[section]

    def row_at(self, index: AnyIndex) -> CaseRow | None:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def deadline_text(self, row: CaseRow) -> str:
        """Every deadline running, soonest first (the colour follows the soonest)."""
        kinds = {"mediation": self.tr("mediation"), "judicial": self.tr("judicial confirmation"),
                 "performance": self.tr("performance")}
        texts = []
        for kind, due in row.deadlines:
            left = (due - self.today).days
            when = self.tr("{days} days left").format(days=left) if left >= 0 else \
                self.tr("{days} days overdue").format(days=-left)
            texts.append(f"{due:%Y-%m-%d} {kinds.get(kind, kind)}（{when}）")
        return "；".join(texts)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.case_no, row.title, row.dispute_name,
                    f"{row.applicants} — {row.respondents}" if row.respondents else row.applicants,
                    state_name(row.state), f"{row.registered_on:%Y-%m-%d}", self.deadline_text(row),
                    row.mediators)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DEADLINE and row.deadline is not None:
            left = (row.deadline - self.today).days
            if left < 0:
                return QBrush(OVERDUE)
            if left <= SOON_DAYS:
                return QBrush(SOON)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class CaseListPage(QWidget):
    """``openCase(case_id)`` on a double click or Enter; ``newCase`` from the button."""

    openCase = Signal(str)  # noqa: N815 - Qt signal naming
    newCase = Signal()  # noqa: N815

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.busy = False
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All states"), "")
        for code, name in STATES.items():
            self.state_combo.addItem(name, code)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search case number, title or party name"))
        self.new_button = QPushButton(self.tr("Register a case…"))
        self.count_label = QLabel()
        self.count_label.setObjectName("case_count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("State")))
        bar.addWidget(self.state_combo)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.new_button)
        self.model = CaseTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("mediation_cases")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.state_combo.currentIndexChanged.connect(self.refresh)
        self.search_edit.returnPressed.connect(self.refresh)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.new_button.clicked.connect(self.newCase)

    def refresh(self) -> Operation:
        self.busy = True
        user, store = self.context.user, self.context.store
        assert user is not None
        state, search = self.state_combo.currentData(), self.search_edit.text()  # read here, not on the worker
        return run_op(self, ops.list_cases, store, user, state=state, search=search, success=self._loaded,
                      failure=self._failed)

    def _loaded(self, result: ops.CaseList) -> None:
        self.model.set_rows(result.rows, result.today)
        text = self.tr("{n} cases").format(n=len(result.rows))
        if result.duplicates:
            text += "　" + self.tr("Case numbers used twice: {numbers}. Two stations number from the same block; "
                                  "ask the station admin to set a distinct block.").format(
                numbers="、".join(result.duplicates))
        self.count_label.setText(text)
        self.count_label.setStyleSheet("color: #b3261e" if result.duplicates else "")
        self.busy = False

    def _failed(self, exc: BaseException) -> None:
        from gridstation.ui.messages import show_error

        self.busy = False
        show_error(self, exc)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.openCase.emit(row.id)
