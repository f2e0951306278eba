"""The audit log (newest first, filtered, fetched in pages as the user scrolls) and the hash-chain check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
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

from gridstation.db import audit
from gridstation.db.audit import ChainProblem
from gridstation.db.clock import local_time
from gridstation.db.models import AuditEntry
from gridstation.db.store import Store
from gridstation.ui.audit_labels import (
    ACTION_GROUPS,
    action_label,
    day_start,
    detail_label,
    problem_text,
    target_label,
)
from gridstation.ui.context import Context
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op

PAGE_SIZE = 200
SHOWN_PROBLEMS = 10
AnyIndex = QModelIndex | QPersistentModelIndex

class AuditModel(QAbstractTableModel):
    """Entries matching ``flt``, newest first; ``fetchMore`` loads the next ``PAGE_SIZE`` older ones.

    Pages are counted from the newest entry at ``reload`` (each page starts below the oldest row
    shown), so entries appended meanwhile neither repeat nor shift rows already shown (``refresh``
    shows them).
    """

    TIME, USER, ACTION, TARGET, DETAIL, SUCCESS = range(6)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.flt: audit.AuditFilter | None = None
        self.entries: list[AuditEntry] = []
        self.subjects: dict[str, audit.RevealSubject] = {}  # whose data the privacy reveals showed
        self.total = 0
        self._head = 0
        self._headers = (self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Target"), self.tr("Detail"),
                         self.tr("Success"))

    def set_filter(self, flt: audit.AuditFilter | None) -> None:
        self.flt = None if flt is None or flt.empty else flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self.store.read() as session:
            self._head = audit.head_seq(session)
            self.total = audit.count_entries(session, self.flt, up_to_seq=self._head if self.flt else None)
        self.entries = []
        self.subjects = {}
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
        before = self.entries[-1].seq if self.entries else self._head + 1
        with self.store.read() as session:
            page = audit.list_entries(session, limit=PAGE_SIZE, flt=self.flt, before_seq=before)
            self.subjects.update(audit.reveal_subjects(session, page))
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
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TARGET:
            return entry.target
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DETAIL:
            shown = detail_label(entry, self.subjects)
            return shown if shown == entry.detail else f"{shown}\n{entry.detail}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = {
            self.TIME: lambda: local_time(entry.at),
            self.USER: lambda: entry.actor,
            self.ACTION: lambda: action_label(entry.action),
            self.TARGET: lambda: target_label(entry),
            self.DETAIL: lambda: detail_label(entry, self.subjects),
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
        self._filling = False  # the user list is being refilled: no filtering meanwhile
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
        layout.addLayout(self._build_filters())
        layout.addWidget(self.view)
        layout.addWidget(self.result_label)
        self.refresh()

    def _build_filters(self) -> QVBoxLayout:
        self.user_filter = QComboBox()
        self.user_filter.setObjectName("audit_user_filter")
        self.user_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.user_filter.setMinimumContentsLength(8)
        self.action_filter = QComboBox()
        self.action_filter.setObjectName("audit_action_filter")
        # Item data: "" for all, "group:<key>" for a group of ``audit.ACTION_GROUPS``, else one action.
        self.action_filter.addItem(self.tr("All actions"), "")
        for key, label in ACTION_GROUPS.items():
            self.action_filter.addItem(QCoreApplication.translate("AuditActions", label), f"group:{key}")
        self.action_filter.insertSeparator(self.action_filter.count())
        for action in audit.KNOWN_ACTIONS:
            self.action_filter.addItem(action_label(action), action)
        self.dates_check = QCheckBox(self.tr("&Dates:"))
        self.dates_check.setToolTip(self.tr("Only entries from the first to the last day, both included"))
        today = QDate.currentDate()
        self.from_date = QDateEdit(today.addDays(-30))
        self.to_date = QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filter)
        self.failed_check = QCheckBox(self.tr("&Failed only"))
        self.failed_check.setObjectName("audit_failed_only")
        user_label = QLabel(self.tr("&User:"))
        user_label.setBuddy(self.user_filter)
        action_label_ = QLabel(self.tr("&Action:"))
        action_label_.setBuddy(self.action_filter)
        # Two rows: on one, the dates and "failed only" were cut off on a 1024-wide screen.
        who = QHBoxLayout()
        who.addWidget(user_label)
        who.addWidget(self.user_filter, 1)
        who.addWidget(action_label_)
        who.addWidget(self.action_filter, 1)
        when = QHBoxLayout()
        when.addWidget(self.dates_check)
        when.addWidget(self.from_date)
        when.addWidget(QLabel("–"))
        when.addWidget(self.to_date)
        when.addSpacing(16)
        when.addWidget(self.failed_check)
        when.addStretch(1)
        rows = QVBoxLayout()
        rows.addLayout(who)
        rows.addLayout(when)
        self.user_filter.currentIndexChanged.connect(self.apply_filter)
        self.action_filter.currentIndexChanged.connect(self.apply_filter)
        self.dates_check.toggled.connect(self.from_date.setEnabled)
        self.dates_check.toggled.connect(self.to_date.setEnabled)
        self.dates_check.toggled.connect(self.apply_filter)
        self.failed_check.toggled.connect(self.apply_filter)
        return rows

    def current_filter(self) -> audit.AuditFilter:
        """The filter the controls show."""
        since = until = None
        if self.dates_check.isChecked():
            first, last = sorted((self.from_date.date().toPython(), self.to_date.date().toPython()))
            since, until = day_start(first), day_start(last + timedelta(days=1))
        chosen: str = self.action_filter.currentData() or ""
        if chosen.startswith("group:"):
            actions = audit.ACTION_GROUPS[chosen.removeprefix("group:")]
        else:
            actions = (chosen,) if chosen else ()
        return audit.AuditFilter(
            actor=self.user_filter.currentData(), actions=actions,
            since=since, until=until, failed_only=self.failed_check.isChecked())

    def apply_filter(self) -> None:
        if not self._filling:
            self.model.set_filter(self.current_filter())

    def _fill_users(self) -> None:
        """The users of the log (kept selected across refreshes)."""
        chosen = self.user_filter.currentData()
        with self.context.store.read() as session:
            names = audit.actors(session)
        self._filling = True
        try:
            self.user_filter.clear()
            self.user_filter.addItem(self.tr("All users"), None)
            for name in names:
                self.user_filter.addItem(name, name)
            self.user_filter.setCurrentIndex(max(0, self.user_filter.findData(chosen)))
        finally:
            self._filling = False

    def refresh(self) -> None:
        self._fill_users()
        self.model.set_filter(self.current_filter())

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
        """Write the entries the filter shows as PDF (off the GUI thread); the export is itself audited."""
        from gridstation.reports.audit_report import export_audit_log

        self.export_button.setEnabled(False)
        actor = self.context.user.username if self.context.user else "system"
        run_op(self, export_audit_log, self.context.store, path, actor=actor, flt=self.current_filter(),
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
