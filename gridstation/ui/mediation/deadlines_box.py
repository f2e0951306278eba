"""The home page's mediation reminders: cases whose 30-day mediation deadline, 30-day window for
judicial confirmation or agreed performance deadline ends within a week (or has passed; see
``domain.mediation.running_deadlines``). Built only for users who may see mediation records."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gridstation.db import mediation_queries
from gridstation.db.accounts import SignedIn
from gridstation.db.mediation import may_see_mediation
from gridstation.db.store import Store
from gridstation.domain.mediation import Deadline
from gridstation.ui.context import Context
from gridstation.ui.mediation import ops
from gridstation.ui.operations import Operation, run_op

CASE_ID = Qt.ItemDataRole.UserRole


def due_deadlines(store: Store, user: SignedIn) -> tuple[list[Deadline], date]:
    today = ops.today(store)
    with store.read() as session:
        return mediation_queries.deadlines(session, user, today=today), today


class MediationDeadlines(QGroupBox):
    """``openCase(case_id)`` when a reminder is activated."""

    openCase = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Mediation deadlines (人民调解期限)"), parent)
        self.context = context
        self.list = QListWidget()
        self.list.setObjectName("mediation_deadlines")
        self.list.setMaximumHeight(120)
        self.list.itemActivated.connect(lambda item: self.openCase.emit(item.data(CASE_ID)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self.refresh()

    def refresh(self) -> Operation:
        user = self.context.user
        assert user is not None
        return run_op(self, due_deadlines, self.context.store, user, success=self._show)

    def _show(self, result: tuple[list[Deadline], date]) -> None:
        deadlines, today = result
        self.list.clear()
        for d in deadlines:
            left = d.days_left(today)
            what = {"mediation": self.tr("mediation deadline"), "judicial": self.tr("judicial confirmation window"),
                    "performance": self.tr("performance deadline")}.get(d.kind, d.kind)
            when = self.tr("{days} days left").format(days=left) if left >= 0 else \
                self.tr("{days} days overdue").format(days=-left)
            item = QListWidgetItem(f"{d.case_no}　{what} {d.due:%Y-%m-%d}（{when}）")
            item.setData(CASE_ID, d.case_id)
            if left < 0:
                item.setForeground(QBrush(QColor("#b3261e")))
            self.list.addItem(item)
        if not deadlines:
            self.list.addItem(self.tr("No mediation deadline within a week."))
        self.setVisible(True)


def deadlines_box(context: Context) -> MediationDeadlines | None:
    user = context.user
    return MediationDeadlines(context) if user is not None and may_see_mediation(user) else None
