"""One case: its state and deadlines, the transitions the state machine allows now, the parties
(masked; revealing a full ID number or phone is a deliberate, audited action), sessions and
investigations, the agreement, follow-up visits, and every document through the print preview."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import events, mediation, mediation_records, privacy
from gridstation.db.accounts import SignedIn
from gridstation.domain.mediation import (
    JUDICIAL,
    OPEN_STATES,
    PARTY_KINDS,
    SEXES,
    SIDES,
    STATES,
    TRANSITIONS,
    state_name,
)
from gridstation.domain.mediation_views import CaseFile, PartyView
from gridstation.reports.mediation_casefile import documents
from gridstation.reports.mediation_forms import local_minutes
from gridstation.ui.context import Context
from gridstation.ui.mediation import ops
from gridstation.ui.mediation.agreement_editor import AgreementEditor
from gridstation.ui.mediation.case_dialogs import ExtensionDialog, TransitionDialog, VisitDialog
from gridstation.ui.mediation.party_dialog import PartyDialog
from gridstation.ui.mediation.session_recorder import SessionRecorder
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.pdf_preview import PdfPreviewDialog
from gridstation.ui.screen_fit import scrolling_body

AnyIndex = QModelIndex | QPersistentModelIndex


def _local(iso_text: str) -> str:
    moment = local_minutes(iso_text)
    return f"{moment:%Y-%m-%d %H:%M}" if moment else iso_text


class PartiesModel(QAbstractTableModel):
    """Parties with the ID number and phone masked (domain.md §8)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PartyView] = []

    def set_rows(self, rows: tuple[PartyView, ...]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Side"), self.tr("Kind"), self.tr("Name"), self.tr("Sex / age"), self.tr("ID number"),
                    self.tr("Phone"), self.tr("Address"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        p = self.rows[index.row()].party
        sex_age = "".join([SEXES.get(p.sex, ""), f" {p.age}" if p.age is not None else ""])
        return (SIDES[p.side], PARTY_KINDS[p.kind], p.name, sex_age, p.masked_id, p.masked_phone, p.address
                )[index.column()]


class CasePage(QWidget):
    """``changed`` after any write; the page reloads itself."""

    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case: CaseFile | None = None
        self.today = date.today()
        self.busy = False
        self.dialog: QWidget | None = None
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.transition_bar = QHBoxLayout()
        self.extend_button = QPushButton(self.tr("Extend deadline…"))
        self.extend_button.clicked.connect(self.extend)
        self.parties = PartiesModel(self)
        self.party_view = QTableView()
        self.party_view.setObjectName("case_parties")
        self.party_view.setModel(self.parties)
        self.party_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.party_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.party_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.party_view.verticalHeader().hide()
        self.party_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.party_view.horizontalHeader().setStretchLastSection(True)
        party_box = QGroupBox(self.tr("Parties"))
        party_layout = QVBoxLayout(party_box)
        party_layout.addWidget(self.party_view)
        party_buttons = QHBoxLayout()
        self.party_buttons: dict[str, QPushButton] = {}
        for name, text, slot in (("add", self.tr("Add…"), self.add_party), ("edit", self.tr("Edit…"), self.edit_party),
                                 ("remove", self.tr("Remove"), self.remove_party),
                                 ("reveal_id", self.tr("Show ID number"), self.reveal_id),
                                 ("reveal_phone", self.tr("Show phone"), self.reveal_phone)):
            button = QPushButton(text)
            button.setObjectName(f"party_{name}")
            button.clicked.connect(slot)
            party_buttons.addWidget(button)
            self.party_buttons[name] = button
        party_buttons.addStretch(1)
        party_layout.addLayout(party_buttons)
        self.party_view.selectionModel().selectionChanged.connect(self._update_party_buttons)
        self.parties.modelReset.connect(self._update_party_buttons)
        self._update_party_buttons()
        self.sessions = QListWidget()
        self.sessions.setObjectName("case_sessions")
        records_box = QGroupBox(self.tr("Records"))
        records_layout = QVBoxLayout(records_box)
        records_layout.addWidget(self.sessions)
        record_buttons = QHBoxLayout()
        for text, slot in ((self.tr("New session record…"), lambda: self.new_session("session")),
                           (self.tr("New investigation record…"), lambda: self.new_session("investigation")),
                           (self.tr("Continue selected…"), self.continue_session),
                           (self.tr("Agreement…"), self.edit_agreement),
                           (self.tr("Follow-up visit…"), self.add_visit)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            record_buttons.addWidget(button)
        record_buttons.addStretch(1)
        records_layout.addLayout(record_buttons)
        self.document_combo = QComboBox()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: self.print_document(self.document_combo.currentIndex()))
        self.file_button = QPushButton(self.tr("Print case file…"))
        self.file_button.clicked.connect(self.print_case_file)
        self.judicial_combo = QComboBox()
        self.judicial_combo.setObjectName("judicial")
        for code, name in JUDICIAL.items():
            self.judicial_combo.addItem(name, code)
        self.judicial_combo.activated.connect(lambda _index: self.set_judicial(self.judicial_combo.currentData()))
        docs = QHBoxLayout()
        docs.addWidget(QLabel(self.tr("Judicial confirmation")))
        docs.addWidget(self.judicial_combo)
        docs.addWidget(QLabel(self.tr("Document")))
        docs.addWidget(self.document_combo, 1)
        docs.addWidget(self.print_button)
        docs.addWidget(self.file_button)
        self.history = QListWidget()
        self.history.setMaximumHeight(110)
        layout = QVBoxLayout(scrolling_body(self))  # scrolls on a short screen (1366×768 at 125 %)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(self.transition_bar)
        layout.addWidget(party_box, 2)
        layout.addWidget(records_box, 2)
        layout.addLayout(docs)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history, 1)

    # -- loading ---------------------------------------------------------------------------------

    def user(self) -> SignedIn:
        assert self.context.user is not None
        return self.context.user

    def show_case(self, case_id: str) -> Operation:
        self.busy = True
        store, user = self.context.store, self.user()
        return run_op(self, lambda: (ops.load_case(store, user, case_id), ops.today(store)), success=self._loaded,
                      failure=self._failed)

    def reload(self) -> Operation | None:
        return self.show_case(self.case.id) if self.case else None

    def _loaded(self, result: tuple[CaseFile, date]) -> None:
        self.case, self.today = result
        case = self.case
        self.heading.setText(f"{case.case_no}　{case.title}")
        shown = {"mediation": self.tr("Mediation deadline: {day}"),  # every deadline running, as the list shows
                 "judicial": self.tr("Judicial confirmation possible until: {day}"),
                 "performance": self.tr("Performance due: {day}")}
        deadline = " ".join(shown[kind].format(day=due.isoformat()) for kind, due in case.running_deadlines(self.today))
        self.summary.setText(self.tr("State: {state}. Mediators: {mediators}. {deadline}").format(
            state=state_name(case.state), mediators=case.mediators, deadline=deadline))
        while self.transition_bar.count():
            item = self.transition_bar.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
        self.extend_button = QPushButton(self.tr("Extend deadline…"))
        self.extend_button.clicked.connect(self.extend)
        for target in sorted(TRANSITIONS.get(case.state, ()), key=list(STATES).index):
            button = QPushButton(self.tr("→ {state}").format(state=STATES[target]))
            button.setObjectName(f"to_{target}")
            button.clicked.connect(lambda _checked=False, t=target: self.ask_transition(t))
            self.transition_bar.addWidget(button)
        if case.state in OPEN_STATES:
            self.transition_bar.addWidget(self.extend_button)
        self.transition_bar.addStretch(1)
        self.parties.set_rows(case.parties)
        self.judicial_combo.setCurrentIndex(self.judicial_combo.findData(case.judicial))
        self.judicial_combo.setEnabled(case.agreement is not None and case.agreement.effective_on is not None)
        self.sessions.clear()
        for s in case.sessions:
            kind = self.tr("Investigation") if s.kind == "investigation" else self.tr("Session")
            self.sessions.addItem(self.tr("{kind} {start} at {place}: {n} statements").format(
                kind=kind, start=_local(s.started_at), place=s.place, n=len(s.statements)))
        self.document_combo.clear()
        for name, _build in documents(case):
            self.document_combo.addItem(name)
        self.history.clear()
        for t in case.transitions:
            step = (f"{state_name(t.from_state)} → {state_name(t.to_state)}" if t.from_state
                    else state_name(t.to_state))
            happened = self.tr("(on {day})").format(day=t.happened_on.isoformat()) if t.happened_on else ""
            self.history.addItem(f"{_local(t.at)}　{step}{happened}　{t.by_name}　{t.note}")
        self.busy = False

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        show_error(self, exc)

    def _written(self, *_args: object) -> None:
        self.changed.emit()
        self.reload()

    # -- actions ---------------------------------------------------------------------------------

    def _open(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each stays in Qt, hidden, with the page
        self.dialog = dialog
        for signal in ("saved", "changed"):
            if hasattr(dialog, signal):
                getattr(dialog, signal).connect(self._written)
        dialog.open()
        return dialog

    def ask_transition(self, target: str) -> TransitionDialog:
        assert self.case is not None
        parties = [f"{SIDES[v.party.side]} {v.party.name}" for v in self.case.parties]
        return self._open(TransitionDialog(self.context, self.case.id, target, self.today, self, parties=parties))

    def extend(self) -> ExtensionDialog:
        assert self.case is not None
        return self._open(ExtensionDialog(self.context, self.case.id, self))

    def add_visit(self) -> VisitDialog:
        assert self.case is not None
        return self._open(VisitDialog(self.context, self.case.id, [v.party.name for v in self.case.parties],
                                      self.today, self))

    def edit_agreement(self) -> AgreementEditor:
        assert self.case is not None
        return self._open(AgreementEditor(self.context, self.case, self.today, self))

    def new_session(self, kind: str) -> Operation:
        assert self.case is not None
        user = self.user()
        return run_op(self, mediation_records.start_session, self.context.store, user, self.case.id, kind=kind,
                      mediator=user.display_name, recorder=self.case.recorder,
                      success=lambda record: self._session_started(record.id), failure=self._failed)

    def _session_started(self, session_id: str) -> None:
        self.changed.emit()
        op = self.reload()
        if op is not None:
            op.finished.connect(lambda: self.open_recorder(session_id))

    def continue_session(self) -> SessionRecorder | None:
        row = self.sessions.currentRow()
        if self.case is None or row < 0:
            return None
        return self.open_recorder(self.case.sessions[row].id)

    def open_recorder(self, session_id: str) -> SessionRecorder | None:
        assert self.case is not None
        session = next((s for s in self.case.sessions if s.id == session_id), None)
        if session is None:
            return None
        recorder = SessionRecorder(self.context, self.case, session, self)
        recorder.finished.connect(lambda _r: self._written())
        recorder.changed.connect(self.changed)
        self.dialog = recorder
        recorder.open()
        return recorder

    def set_judicial(self, status: str) -> Operation | None:
        """司法确认: 未申请 / 已申请 / 确认有效 / 确认无效, once the agreement is in effect."""
        if self.case is None:
            return None
        return run_op(self, mediation.update_case, self.context.store, self.user(), self.case.id, judicial=status,
                      success=self._written, failure=self._failed)

    def _selected_party(self) -> PartyView | None:
        rows = self.party_view.selectionModel().selectedRows()
        return self.parties.rows[rows[0].row()] if rows else None

    def _update_party_buttons(self, *_args: object) -> None:
        """Edit, Remove and the two reveals act on the selected party: enabled only when there is
        one (and, for a reveal, when it has that value), the tooltip saying why not."""
        view = self._selected_party()
        pick = self.tr("Select a party in the table first.")
        for name in ("edit", "remove"):
            self.party_buttons[name].setEnabled(view is not None)
            self.party_buttons[name].setToolTip("" if view is not None else pick)
        party = view.party if view is not None else None
        if party is None:
            id_reason = phone_reason = pick
        else:
            id_reason = phone_reason = ""
            if not party.id_number:
                id_reason = (self.tr("An organisation has no ID number.") if party.kind != "person"
                             else self.tr("No ID number was recorded for this party."))
            if not party.phone:
                phone_reason = self.tr("No phone number was recorded for this party.")
        audited = self.tr("Shows the full value; every look is recorded in the audit log.")
        for name, reason in (("reveal_id", id_reason), ("reveal_phone", phone_reason)):
            self.party_buttons[name].setEnabled(not reason)
            self.party_buttons[name].setToolTip(reason or audited)

    def add_party(self) -> PartyDialog:
        dialog = PartyDialog(self, today=self.today)
        dialog.accepted.connect(lambda: self._party_done(dialog, None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_party(self) -> PartyDialog | None:
        view = self._selected_party()
        if view is None:
            return None
        dialog = PartyDialog(self, today=self.today, party=view.party)
        dialog.accepted.connect(lambda: self._party_done(dialog, view.id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _party_done(self, dialog: PartyDialog, party_id: str | None) -> Operation | None:
        if dialog.result_party is None or self.case is None:
            return None
        if party_id is None:
            return run_op(self, mediation.add_party, self.context.store, self.user(), self.case.id,
                          dialog.result_party, success=self._written, failure=self._failed)
        return run_op(self, mediation.update_party, self.context.store, self.user(), party_id, dialog.result_party,
                      success=self._written, failure=self._failed)

    def remove_party(self) -> Operation | None:
        view = self._selected_party()
        if view is None:
            return None
        return run_op(self, mediation.remove_party, self.context.store, self.user(), view.id, success=self._written,
                      failure=self._failed)

    def reveal_id(self) -> Operation | None:
        return self._reveal("id_number")

    def reveal_phone(self) -> Operation | None:
        return self._reveal("phone")

    def _reveal(self, field: str) -> Operation | None:
        view = self._selected_party()
        if view is None or not getattr(view.party, field):
            return None
        return run_op(self, privacy.reveal, self.context.store, self.user().actor, kind="mediation_party",
                      record_id=view.id, field=field, value=getattr(view.party, field),
                      success=lambda value: self._show_revealed(view.party.name, value))

    def _show_revealed(self, name: str, value: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Full value"), f"{name}：{value}",
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = box
        box.open()
        return box

    # -- printing --------------------------------------------------------------------------------

    def print_document(self, index: int) -> Operation | None:
        if self.case is None or index < 0:
            return None
        names = [name for name, _ in documents(self.case)]
        name = names[index]
        nth = names[:index].count(name)
        return run_op(self, ops.write_document, self.context.store, self.user(), self.case.id, name, nth,
                      success=self._preview, failure=self._failed, progress=self.tr("Preparing the document…"))

    def print_case_file(self) -> Operation | None:
        if self.case is None:
            return None
        return run_op(self, ops.write_case_file, self.context.store, self.user(), self.case.id, success=self._preview,
                      failure=self._failed, progress=self.tr("Preparing the case file…"))

    def _preview(self, printed: ops.Printed) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(printed.path, self, title=printed.title, delete_on_close=True)
        target = f"mediation_case:{printed.case_id}"
        username = self.user().username
        for signal, action in ((dialog.printed, "print"), (dialog.saved, "export.pdf")):
            signal.connect(lambda detail, action=action: run_op(
                None, events.record_event, self.context.store, actor=username, action=action, target=target,
                detail=f"{printed.document}: {detail}"))  # the record names the case; the log, not its number
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        self.last_printed = printed
        dialog.open()
        return dialog
