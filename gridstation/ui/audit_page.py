"""The audit log (newest first, fetched in pages as the user scrolls) and the hash-chain check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import audit
from gridstation.db.audit import ChainProblem
from gridstation.db.models import AuditEntry
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op
from gridstation.ui.roles import role_label

PAGE_SIZE = 200
SHOWN_PROBLEMS = 10
AnyIndex = QModelIndex | QPersistentModelIndex

ACTIONS = {
    "login": QT_TRANSLATE_NOOP("AuditActions", "Sign in"),
    "user.create": QT_TRANSLATE_NOOP("AuditActions", "User created"),
    "user.password": QT_TRANSLATE_NOOP("AuditActions", "Password changed"),
    "station.setup": QT_TRANSLATE_NOOP("AuditActions", "Station set up"),
    "setting.change": QT_TRANSLATE_NOOP("AuditActions", "Setting changed"),
    "backup": QT_TRANSLATE_NOOP("AuditActions", "Backup"),
    "restore": QT_TRANSLATE_NOOP("AuditActions", "Restore"),
    "record.create": QT_TRANSLATE_NOOP("AuditActions", "Record created"),
    "record.update": QT_TRANSLATE_NOOP("AuditActions", "Record changed"),
    "record.delete": QT_TRANSLATE_NOOP("AuditActions", "Record deleted"),
}
PROBLEMS = {
    "does not follow the previous entry": QT_TRANSLATE_NOOP("AuditChain", "does not follow the previous entry"),
    "was changed after it was written": QT_TRANSLATE_NOOP("AuditChain", "was changed after it was written"),
    "the recorded head is missing": QT_TRANSLATE_NOOP("AuditChain", "the recorded head is missing"),
}


def action_label(action: str) -> str:
    source = ACTIONS.get(action)
    return QCoreApplication.translate("AuditActions", source) if source else action


def local_time(at: str) -> str:
    """An ISO UTC timestamp in the computer's local time, to the second."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at


def problem_text(problem: ChainProblem) -> str:
    source = PROBLEMS.get(problem.problem)
    detail = QCoreApplication.translate("AuditChain", source) if source else problem.problem
    return QCoreApplication.translate("AuditChain", "Entry {seq}: {problem}").format(seq=problem.seq, problem=detail)


class AuditModel(QAbstractTableModel):
    """Entries newest first; ``fetchMore`` loads the next ``PAGE_SIZE`` older ones.

    Offsets are counted from the newest entry seen at ``reload``, so entries appended meanwhile
    neither repeat nor shift rows already shown (``refresh`` shows them).
    """

    TIME, USER, ACTION, TARGET, DETAIL, SUCCESS = range(6)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.entries: list[AuditEntry] = []
        self.total = 0
        self._headers = (self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Target"), self.tr("Detail"),
                         self.tr("Success"))

    def reload(self) -> None:
        self.beginResetModel()
        with self.store.read() as session:
            self.total = audit.count_entries(session)
        self.entries = []
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and len(self.entries) < self.total

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802 - Qt override
        if parent.isValid():
            return
        with self.store.read() as session:
            appended = audit.count_entries(session) - self.total
            page = audit.list_entries(session, limit=PAGE_SIZE, offset=len(self.entries) + max(0, appended))
        page = page[: self.total - len(self.entries)]
        if not page:
            self.total = len(self.entries)
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.entries.extend(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and not entry.success:
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ACTION:
            return entry.action
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TARGET, self.DETAIL):
            return entry.target if column == self.TARGET else entry.detail
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = {
            self.TIME: lambda: local_time(entry.at),
            self.USER: lambda: entry.actor,
            self.ACTION: lambda: action_label(entry.action),
            self.TARGET: lambda: entry.target,
            self.DETAIL: lambda: role_label(entry.detail) if entry.action == "user.create" else entry.detail,
            self.SUCCESS: lambda: self.tr("Yes") if entry.success else self.tr("No"),
        }
        return values[column]()


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problems: list[ChainProblem]


def verify_chain(store: Store) -> ChainReport:
    """The operation behind "Verify chain" (runs off the GUI thread)."""
    with store.read() as session:
        return ChainReport(audit.count_entries(session), audit.verify_chain(session))


class AuditPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = AuditModel(context.store, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        for column in (AuditModel.TIME, AuditModel.USER, AuditModel.ACTION, AuditModel.SUCCESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditModel.TARGET, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(AuditModel.TARGET, 220)
        header.setSectionResizeMode(AuditModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.setToolTip(self.tr("Check that no entry of the audit log was changed, removed or inserted."))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("&Export PDF…"))
        self.export_button.clicked.connect(self.choose_export_file)
        self.result_label = QLabel()
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title = QLabel(self.tr("Audit log"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(self.refresh_button)
        top.addWidget(self.verify_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.result_label)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result_label.setText(self.tr("Checking the audit log…"))
        self.result_label.setStyleSheet("")
        run_op(self, verify_chain, self.context.store, success=self._verified, failure=self._verify_failed,
               progress=self.tr("Checking the audit log…"))

    def _verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        if not report.problems:
            self.result_label.setStyleSheet("color: #1b6e20;")
            text = self.tr("The audit log is intact ({n} entries checked).")
            self.result_label.setText(text.format(n=report.checked))
            return
        lines = [problem_text(problem) for problem in report.problems[:SHOWN_PROBLEMS]]
        if len(report.problems) > SHOWN_PROBLEMS:
            lines.append(self.tr("… and {n} more problems.").format(n=len(report.problems) - SHOWN_PROBLEMS))
        self.result_label.setStyleSheet("color: #b3261e;")
        self.result_label.setText(
            self.tr("The audit log was tampered with ({n} problems):").format(n=len(report.problems))
            + "\n" + "\n".join(lines))

    def choose_export_file(self) -> None:
        default = str(self.context.data_dir / "审计日志.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"), default, self.tr("PDF (*.pdf)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the audit log as PDF (off the GUI thread); the export is itself audited."""
        from gridstation.reports.audit_report import export_audit_log

        self.export_button.setEnabled(False)
        actor = self.context.user.username if self.context.user else "system"
        run_op(self, export_audit_log, self.context.store, path, actor=actor,
               success=lambda _pages: self._exported(path), failure=self._export_failed,
               progress=self.tr("Writing the PDF…"))

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Saved as {path}.").format(path=str(path)))
        self.refresh()

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_error(self, exc)

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.result_label.clear()
        show_error(self, exc)
