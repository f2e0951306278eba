"""The table model of service records: one row per record, overdue rows red and due-soon rows amber.
Personal values are shown masked (``ServiceView``), and so are ID and mobile numbers typed into the
result and the status notes (``ServiceView.redacted``, as shown; the rows keep the texts as typed).
Rows come a page at a time: the view asks for more (``canFetchMore``/``fetchMore``) as it scrolls,
so 100,000 records open at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from gridstation.domain.services import SATISFACTION, STATUSES, ServiceView

OVERDUE_FILL = QColor("#f9d6d5")
DUE_SOON_FILL = QColor("#fdeec9")
AnyIndex = QModelIndex | QPersistentModelIndex


class ServiceRecordsModel(QAbstractTableModel):
    RECEIVED, ITEM, RESIDENT, PHONE, PROMISED, STATUS, DEADLINE, RESULT = range(8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ServiceView] = []
        self.total = 0
        self.loading = False
        # Set by the page: asks for the rows from an offset and hands them to ``append``.
        self.fetch_page: Callable[[int], None] | None = None
        self.names: dict[str, str] = {}  # display names by login, for the status history
        self._headers = (self.tr("Received"), self.tr("Service"), self.tr("Resident"), self.tr("Phone"),
                         self.tr("Promised"), self.tr("Status"), self.tr("Deadline"), self.tr("Result"))

    def set_rows(self, rows: list[ServiceView], total: int | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.total = len(rows) if total is None else total
        self.loading = False
        self.endResetModel()

    def append(self, rows: list[ServiceView]) -> None:
        self.loading = False
        known = {r.id for r in self.rows}
        rows = [r for r in rows if r.id not in known]
        if not rows:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt API
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802 - Qt API
        if self.canFetchMore(parent) and self.fetch_page is not None:
            self.loading = True
            self.fetch_page(len(self.rows))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def deadline_text(self, view: ServiceView) -> str:
        return {"overdue": self.tr("Overdue"), "due_soon": self.tr("Due soon"), "": ""}[view.deadline]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.RESULT:
                satisfaction = SATISFACTION.get(view.satisfaction, "")
                return " ".join(view.redacted().result.split()) + (f"（{satisfaction}）" if satisfaction else "")
            return (view.received_on.isoformat(), view.item_name, view.resident_name, view.phone_masked,
                    view.promised_on.isoformat(), view.status_name, self.deadline_text(view))[column]
        if role == Qt.ItemDataRole.BackgroundRole and view.deadline:
            return QBrush(OVERDUE_FILL if view.deadline == "overdue" else DUE_SOON_FILL)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ITEM:
            return "、".join(view.materials)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS:
            view = view.redacted()
            return "\n".join(f"{STATUSES[step.status]}　{self.names.get(step.by, step.by)}　"
                             f"{step.at[:16].replace('T', ' ')}"
                             + (f"　{step.note}" if step.note else "") for step in view.history)
        return None
