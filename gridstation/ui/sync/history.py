"""The history of sync runs (table ``sync_run``), newest first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import text

from gridstation.db.store import Store
from gridstation.ui.sync.texts import duration_text, local_time, number, outcome_text

# A station syncs every few minutes; the newest runs are what a person looks at. Older rows stay in
# the table (for support) without being loaded.
SHOWN_RUNS = 200
OUTCOME_ROLE = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SyncRun:
    id: int
    started_at: str
    finished_at: str | None
    pushed: int
    pulled: int
    conflicts: int
    rejected: int
    outcome: str
    message: str


def recent_runs(store: Store, limit: int = SHOWN_RUNS) -> list[SyncRun]:
    with store.read() as session:
        rows = session.execute(text("SELECT * FROM sync_run ORDER BY id DESC LIMIT :n"), {"n": limit}).all()
    return [SyncRun(r.id, r.started_at, r.finished_at, r.pushed, r.pulled, r.conflicts, r.rejected, r.outcome,
                    r.message) for r in rows]


class SyncRunModel(QAbstractTableModel):
    """``OUTCOME_ROLE`` gives a row's outcome code: ok, error, cancelled, running or interrupted (a run
    the app did not finish, e.g. after a power cut)."""

    STARTED, DURATION, SENT, RECEIVED, CONFLICTS, REFUSED, OUTCOME, MESSAGE = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runs: list[SyncRun] = []
        self.running = False  # whether the newest "running" row is the run in progress
        self.message_text: Callable[[str], str] = lambda message: message
        self._headers = (self.tr("Started"), self.tr("Duration"), self.tr("Sent"), self.tr("Received"),
                         self.tr("Conflicts"), self.tr("Refused"), self.tr("Outcome"), self.tr("Message"))

    def set_runs(self, runs: list[SyncRun], *, running: bool) -> None:
        self.beginResetModel()
        self.runs = runs
        self.running = running
        self.endResetModel()

    def outcome(self, row: int) -> str:
        run = self.runs[row]
        if run.outcome == "running" and not (row == 0 and self.running):
            return "interrupted"
        return run.outcome

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        run, column = self.runs[index.row()], index.column()
        outcome = self.outcome(index.row())
        if role == OUTCOME_ROLE:
            return outcome
        if role == Qt.ItemDataRole.ForegroundRole and outcome in ("error", "interrupted"):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and self.SENT <= column <= self.REFUSED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = {
                self.STARTED: lambda: local_time(run.started_at),
                self.DURATION: lambda: duration_text(run.started_at, run.finished_at),
                self.SENT: lambda: number(run.pushed),
                self.RECEIVED: lambda: number(run.pulled),
                self.CONFLICTS: lambda: number(run.conflicts),
                self.REFUSED: lambda: number(run.rejected),
                self.OUTCOME: lambda: outcome_text(outcome),
                self.MESSAGE: lambda: self.message_text(run.message) if run.message else "",
            }
            if role == Qt.ItemDataRole.ToolTipRole and column != self.MESSAGE:
                return None
            return values[column]()
        return None
