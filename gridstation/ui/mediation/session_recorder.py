"""Recording a session (调解记录) or an investigation (调查记录) while it happens.

Quick to type: pick the speaker with Ctrl+1…9 (parties first, then the mediator), type, press
Enter; the statement is saved at once with the station's time. Saved as typed: the statement
being written and the header fields are saved every ``AUTOSAVE_MS`` while they change, so a crash
or power cut loses at most those seconds. "End" stamps the end time and saves everything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.domain.mediation_views import CaseFile, SessionView, StatementView
from gridstation.ui.context import Context
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.screen_fit import fit_to_screen

AUTOSAVE_MS = 2000
SPEAKER_CHARS = 8  # the speaker column's width in characters; longer names wrap
HEADER_FIELDS = ("place", "matter", "parties_present", "helpers", "mediator", "recorder", "questioned", "evidence",
                 "outcome")
AnyIndex = QModelIndex | QPersistentModelIndex


class StatementsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StatementView] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Time"), self.tr("Speaker"), self.tr("Statement"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return None
        return (row.at, row.speaker, row.text)[index.column()]

    def append(self, statement: StatementView) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(statement)
        self.endInsertRows()


class SessionRecorder(QDialog):
    """``changed`` after every save."""

    changed = Signal()

    def __init__(self, context: Context, case: CaseFile, session: SessionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session_id = session.id
        investigation = session.kind == "investigation"
        self.setWindowTitle((self.tr("Investigation record") if investigation else self.tr("Session record"))
                            + f" {case.case_no}")
        self.pending: dict[str, str] = {}
        self.saved_draft = (session.draft, session.draft_speaker)
        self.saves = 0
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        labels = {"place": self.tr("Place"), "matter": self.tr("Matter"),
                  "parties_present": self.tr("Parties present"), "helpers": self.tr("Invited helpers"),
                  "mediator": self.tr("Investigator") if investigation else self.tr("Mediator"),
                  "recorder": self.tr("Recorder"), "questioned": self.tr("Person questioned (relation)"),
                  "evidence": self.tr("Evidence checked"), "outcome": self.tr("Outcome")}
        for name in HEADER_FIELDS:
            if name == "questioned" and not investigation or name in {"parties_present", "helpers"} and investigation:
                continue
            edit = QLineEdit(getattr(session, name))
            edit.setObjectName(f"session_{name}")
            edit.textEdited.connect(lambda text, name=name: self._field_edited(name, text))
            self.fields[name] = edit
            form.addRow(labels[name], edit)
        self.model = StatementsModel(self)
        for statement in session.statements:
            self.model.append(statement)
        self.view = QTableView()
        self.view.setModel(self.model)
        # Every statement is read back in full before signatures: rows grow to the wrapped text (a long
        # speaker name wraps too), nothing is elided, and the full text is also the tooltip.
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("调" * SPEAKER_CHARS) + 12)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.speaker = QComboBox()
        self.speaker.setEditable(True)
        self.speaker.setObjectName("speaker")
        names = [v.party.name for v in case.parties] + [n for n in (session.mediator or case.mediators,) if n]
        if investigation and session.questioned:
            names.append(session.questioned.split("（")[0])
        self.speaker.addItems(names)
        if session.draft_speaker:
            self.speaker.setCurrentText(session.draft_speaker)
        self.statement = QLineEdit(session.draft)
        self.statement.setObjectName("statement")
        self.statement.setPlaceholderText(self.tr("Type what is said, Enter to save; Ctrl+1…9 picks the speaker"))
        self.statement.returnPressed.connect(self.add_statement)
        self.statement.textEdited.connect(self._draft_edited)
        self.speaker.currentTextChanged.connect(self._draft_edited)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.end_button = QPushButton(self.tr("End and close"))
        self.end_button.setAutoDefault(False)  # Enter saves a statement; it must never end the session
        self.end_button.clicked.connect(self.end)
        entry = QHBoxLayout()
        entry.addWidget(self.speaker)
        entry.addWidget(self.statement, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addLayout(entry)
        layout.addLayout(bottom)
        for digit in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{digit}"), self)
            shortcut.activated.connect(lambda digit=digit: self.pick_speaker(digit - 1))
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        fit_to_screen(self, 820, 640)
        self.statement.setFocus()

    def pick_speaker(self, index: int) -> None:
        if index < self.speaker.count():
            self.speaker.setCurrentIndex(index)
            self.statement.setFocus()

    def _field_edited(self, name: str, text: str) -> None:
        self.pending[name] = text

    def _draft_edited(self, *_args: object) -> None:
        self.status.setText(self.tr("Not saved yet…"))

    def _user(self) -> SignedIn:
        user = self.context.user
        assert user is not None
        return user

    def autosave(self) -> Operation | None:
        """Save the header fields and the statement being typed, if they changed."""
        ops: Operation | None = None
        if self.pending:
            fields, self.pending = self.pending, {}
            ops = run_op(self, mediation_records.update_session, self.context.store, self._user(), self.session_id,
                         success=self._saved, **fields)
        draft = (self.statement.text(), self.speaker.currentText())
        if draft != self.saved_draft:
            self.saved_draft = draft
            ops = run_op(self, mediation_records.save_draft, self.context.store, self._user(), self.session_id,
                         text=draft[0], speaker=draft[1], success=self._saved)
        return ops

    def _saved(self, _record: object) -> None:
        self.saves += 1
        self.status.setText(self.tr("Saved"))
        self.changed.emit()

    def add_statement(self) -> Operation | None:
        text, speaker = self.statement.text(), self.speaker.currentText()
        if not text.strip():
            return None
        self.statement.clear()
        self.saved_draft = ("", speaker)
        return run_op(self, mediation_records.add_statement, self.context.store, self._user(), self.session_id,
                      speaker=speaker, text=text, success=self._statement_added,
                      failure=lambda exc: self._statement_failed(exc, text))

    def _statement_added(self, record: Any) -> None:
        self.model.append(StatementView(record.seq, record.at, record.speaker, record.text))
        self.view.scrollToBottom()
        self._saved(record)

    def _statement_failed(self, exc: BaseException, text: str) -> None:
        if not self.statement.text():
            self.statement.setText(text)  # nothing typed is lost
        self.saved_draft = ("", "")
        show_error(self, exc)

    def end(self) -> Operation:
        stamp = self.context.store.clock.now().astimezone().strftime("%H:%M")
        self.pending["ended_at"] = stamp
        self.timer.stop()
        op = self.autosave()
        assert op is not None
        op.finished.connect(self.accept)
        return op

    def done(self, result: int) -> None:
        """Closing by any means (End, Esc, the window's close button) saves what is pending first."""
        self.timer.stop()
        self.autosave()
        super().done(result)
