"""登记: register a new case with its parties. The case number is given by the store on saving
(station-partitioned, see ``domain.mediation_numbers``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import mediation
from gridstation.domain.mediation import CASE_SOURCES, DISPUTE_TYPES, SIDES
from gridstation.domain.mediation_parties import PartyInput, party_line
from gridstation.ui.context import Context
from gridstation.ui.discard_guard import DiscardGuard
from gridstation.ui.mediation.party_dialog import PartyDialog
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.screen_fit import fit_to_screen, scroll_area


class RegisterDialog(QDialog):
    """``registered(case_id)`` once the case is saved."""

    registered = Signal(str)

    def __init__(self, context: Context, grids: list[tuple[str, str]], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Register a mediation case"))
        self.context = context
        self.today = today
        self.parties: list[PartyInput] = []
        user = context.user
        assert user is not None
        self.grid = QComboBox()
        for code, name in grids:
            self.grid.addItem(f"{name}（{code}）", code)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. 张某与李某漏水纠纷"))
        self.dispute_type = QComboBox()
        for code, name in DISPUTE_TYPES.items():
            self.dispute_type.addItem(name, code)
        self.source = QComboBox()
        for code, name in CASE_SOURCES.items():
            self.source.addItem(name, code)
        self.facts = QPlainTextEdit()
        self.facts.setFixedHeight(80)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("yuan"))
        self.mediators = QLineEdit(user.display_name)
        self.recorder = QLineEdit()
        self.registered_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.registered_on.setCalendarPopup(True)
        self.persons = QSpinBox()
        self.persons.setRange(0, 100_000)
        self.prevents_crime = QCheckBox(self.tr("Prevents escalation to crime (防止民转刑)"))
        self.prevents_petition = QCheckBox(self.tr("Prevents a mass petition (防止群体性上访)"))
        self.party_list = QListWidget()
        self.party_list.setObjectName("parties")
        add = QPushButton(self.tr("Add party…"))
        remove = QPushButton(self.tr("Remove party"))
        add.clicked.connect(self.add_party)
        remove.clicked.connect(self.remove_party)
        party_buttons = QHBoxLayout()
        party_buttons.addWidget(add)
        party_buttons.addWidget(remove)
        party_buttons.addStretch(1)
        form = QFormLayout()
        for label, widget in ((self.tr("Grid"), self.grid), (self.tr("Case name"), self.title),
                              (self.tr("Dispute type"), self.dispute_type), (self.tr("Case source"), self.source),
                              (self.tr("Brief facts"), self.facts), (self.tr("Amount involved"), self.amount),
                              (self.tr("Mediators"), self.mediators), (self.tr("Recorder"), self.recorder),
                              (self.tr("Registered on"), self.registered_on),
                              (self.tr("Persons involved"), self.persons)):
            form.addRow(label, widget)
        form.addRow("", self.prevents_crime)
        form.addRow("", self.prevents_petition)
        form.addRow(self.tr("Parties"), self.party_list)
        form.addRow("", party_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.guard = DiscardGuard(self, self.has_input)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.guard.cancel)
        fields = QWidget()
        fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_area(fields), 1)  # the form scrolls; Save and Cancel stay in sight
        layout.addWidget(self.buttons)
        self.grid.setFocus()
        fit_to_screen(self, 640, 720)

    def has_input(self) -> bool:
        """Whether anything was typed or added that Cancel would throw away."""
        return bool(self.parties or self.title.text().strip() or self.facts.toPlainText().strip()
                    or self.amount.text().strip() or self.recorder.text().strip())

    def add_party(self, party: PartyInput | None = None) -> PartyDialog:
        dialog = PartyDialog(self, today=self.today)
        dialog.accepted.connect(lambda: self._party_added(dialog))
        dialog.open()
        return dialog

    def _party_added(self, dialog: PartyDialog) -> None:
        if dialog.result_party is not None:
            self.append_party(dialog.result_party)

    def append_party(self, party: PartyInput) -> None:
        self.parties.append(party)
        self.party_list.addItem(f"{SIDES[party.side]}：{party_line(party, masked=True)}")

    def remove_party(self) -> None:
        row = self.party_list.currentRow()
        if row >= 0:
            self.party_list.takeItem(row)
            del self.parties[row]

    def save(self) -> Operation:
        user = self.context.user
        assert user is not None
        qd = self.registered_on.date()
        fields = {
            "grid_code": self.grid.currentData(), "registered_on": date(qd.year(), qd.month(), qd.day()),
            "parties": list(self.parties), "title": self.title.text(), "dispute_type": self.dispute_type.currentData(),
            "source": self.source.currentData(), "facts": self.facts.toPlainText(), "amount": self.amount.text(),
            "mediators": self.mediators.text(), "recorder": self.recorder.text(),
            "persons_involved": self.persons.value(), "prevents_crime": self.prevents_crime.isChecked(),
            "prevents_petition": self.prevents_petition.isChecked(),
        }
        self.buttons.setEnabled(False)
        return run_op(self, mediation.register_case, self.context.store, user, success=self._saved,
                      failure=self._failed, **fields)

    def _saved(self, case: object) -> None:
        self.buttons.setEnabled(True)
        self.registered.emit(case.id)  # type: ignore[attr-defined]
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from gridstation.ui.messages import show_error

        self.buttons.setEnabled(True)
        show_error(self, exc)

