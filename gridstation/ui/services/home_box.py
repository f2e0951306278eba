"""The home page's line on help-and-proxy deadlines: how many open records are overdue or due soon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gridstation.db import services_queries as q
from gridstation.db.diary import local_today
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.operations import Operation, run_op


def deadline_counts(store: Store) -> tuple[int, int]:
    return q.deadline_counts(store, today=local_today(store))


class ServiceDeadlinesLabel(QLabel):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("service_deadlines")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh()

    def refresh(self) -> Operation:
        return run_op(self, deadline_counts, self.context.store, success=self._show)

    def _show(self, counts: tuple[int, int]) -> None:
        overdue, soon = counts
        self.setText(self.tr("Services (帮代办): {overdue} overdue, {soon} due soon").format(overdue=overdue,
                                                                                          soon=soon))
        self.setStyleSheet("color: #b3261e; font-weight: bold;" if overdue else "")
