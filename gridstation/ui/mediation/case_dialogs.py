"""Small dialogs of a case: a state transition (with the reason a rejection, termination or withdrawal
needs, and who withdrew), a deadline extension with the parties' consent, a follow-up visit, and the
QR check of a printed agreement (typed, or scanned by a keyboard-wedge scanner into the text field)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import mediation, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.domain.mediation import PERFORMANCE, SATISFACTION, STATES
from gridstation.ui.context import Context
from gridstation.ui.discard_guard import DiscardGuard
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class _SavingDialog(QDialog):
    """A form with Save/Cancel whose save runs as an operation; ``saved`` on success."""

    saved = Signal()

    def __init__(self, context: Context, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        # Esc, Cancel or the close button asks before typed text is lost.
        self.guard = DiscardGuard(self, self.has_input)
        self.buttons.rejected.connect(self.guard.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._ordered = False  # the subclass adds its fields after this; the Tab order is set on first show
        self._shown_texts: list[str] | None = None  # the texts as the dialog opened (some are pre-filled)

    def _texts(self) -> list[str]:
        """What is typed in the form's text fields (a date or number field's own line edit left out)."""
        lines = [edit.text() for edit in self.findChildren(QLineEdit)
                 if not isinstance(edit.parent(), QAbstractSpinBox)]
        return lines + [edit.toPlainText() for edit in self.findChildren(QPlainTextEdit)]

    def has_input(self) -> bool:
        """Something was typed since the dialog opened."""
        return self._shown_texts is not None and self._texts() != self._shown_texts

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """On first show: Tab goes down the form's fields and then to Save and Cancel (the buttons were
        made first), and the first field has the focus, not Save."""
        if not self._ordered:
            self._ordered = True
            fields = [item.widget() for row in range(self.form.rowCount())
                      if (item := self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)) is not None
                      and item.widget() is not None]
            for first, second in itertools.pairwise([*fields, self.buttons]):
                QWidget.setTabOrder(first, second)
            if fields:
                fields[0].setFocus()
            self._shown_texts = self._texts()
        super().showEvent(event)

    def user(self) -> SignedIn:
        assert self.context.user is not None
        return self.context.user

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
        self.buttons.setEnabled(False)
        return run_op(self, fn, *args, success=self._saved, failure=self._failed, **kwargs)

    def _saved(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self, exc)

    def save(self) -> Operation:
        raise NotImplementedError


class TransitionDialog(_SavingDialog):
    """``parties``: the case's parties as offered for “withdrawn by” when the target is 撤回."""

    def __init__(self, context: Context, case_id: str, target: str, today: date, parent: QWidget | None = None,
                 *, parties: Sequence[str] = ()) -> None:
        super().__init__(context, parent)
        self.case_id, self.target = case_id, target
        self.setWindowTitle(self.tr("Move the case to “{state}”").format(state=STATES[target]))
        self.on = QDateEdit(_qdate(today))
        self.on.setCalendarPopup(True)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)
        self.routes = QCheckBox(self.tr("The parties were told of arbitration, administrative and court routes"))
        self.note = QLineEdit()
        self.withdrawn_by = QComboBox()  # a party of the case, or typed (an agent, both parties…)
        self.withdrawn_by.setObjectName("withdrawn_by")
        self.withdrawn_by.setEditable(True)
        self.withdrawn_by.addItems(list(parties))
        self.withdrawn_by.setCurrentIndex(-1)  # chosen, never assumed
        self.withdrawn_by.setPlaceholderText(self.tr("The party who withdrew the application"))
        self.form.addRow(self.tr("Date"), self.on)
        if target == "withdrawn":
            self.form.addRow(self.tr("Withdrawn by"), self.withdrawn_by)
        if target in {"rejected", "terminated", "withdrawn"}:
            self.form.addRow(self.tr("Reason"), self.reason)
        if target == "terminated":
            self.form.addRow("", self.routes)
        self.form.addRow(self.tr("Note"), self.note)

    def save(self) -> Operation:
        return self.run(mediation.move_case, self.context.store, self.user(), self.case_id, self.target,
                        note=self.note.text(), on=_date(self.on.date()), reason=self.reason.toPlainText(),
                        other_routes_told=self.routes.isChecked(), withdrawn_by=self.withdrawn_by.currentText())


class ExtensionDialog(_SavingDialog):
    def __init__(self, context: Context, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.case_id = case_id
        self.setWindowTitle(self.tr("Extend the mediation deadline"))
        self.days = QSpinBox()
        self.days.setRange(1, 30)
        self.days.setValue(15)
        self.consent = QLineEdit()
        self.consent.setPlaceholderText(self.tr("e.g. 双方当事人于11月27日口头同意延长"))
        self.form.addRow(self.tr("Days"), self.days)
        self.form.addRow(self.tr("Parties' consent"), self.consent)

    def save(self) -> Operation:
        return self.run(mediation.extend_deadline, self.context.store, self.user(), self.case_id,
                        days=self.days.value(), consent=self.consent.text())


class VisitDialog(_SavingDialog):
    def __init__(self, context: Context, case_id: str, party_names: list[str], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.case_id = case_id
        self.setWindowTitle(self.tr("Follow-up visit"))
        self.visited_on = QDateEdit(_qdate(today))
        self.visited_on.setCalendarPopup(True)
        self.party = QComboBox()
        self.party.setEditable(True)
        self.party.addItems(party_names)
        self.performance = QComboBox()
        for code, name in PERFORMANCE.items():
            self.performance.addItem(name, code)
        self.performance.setCurrentIndex(self.performance.findData("done"))
        self.satisfaction = QComboBox()
        for code, name in SATISFACTION.items():
            self.satisfaction.addItem(name, code)
        self.sued = QCheckBox(self.tr("A party has gone to court"))
        self.renewed = QLineEdit()
        self.measures = QLineEdit()
        user = context.user
        self.visitor = QLineEdit(user.display_name if user else "")
        for label, widget in ((self.tr("Visited on"), self.visited_on), (self.tr("Party visited"), self.party),
                              (self.tr("Performance"), self.performance), (self.tr("Satisfaction"), self.satisfaction),
                              ("", self.sued), (self.tr("Signs of renewed conflict"), self.renewed),
                              (self.tr("Measures"), self.measures), (self.tr("Visitor"), self.visitor)):
            self.form.addRow(label, widget)

    def save(self) -> Operation:
        return self.run(mediation.add_visit, self.context.store, self.user(), self.case_id,
                        visited_on=_date(self.visited_on.date()), visited_party=self.party.currentText(),
                        performance=self.performance.currentData(), satisfaction=self.satisfaction.currentData(),
                        sued=self.sued.isChecked(), renewed_conflict=self.renewed.text(),
                        measures=self.measures.text(), visitor=self.visitor.text())


class QrCheckDialog(QDialog):
    """Paste, type or scan the agreement's code; the answer says whether it matches the record."""

    checked = Signal(bool)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Check a printed agreement"))
        self.code = QLineEdit()
        self.code.setObjectName("qr_code")
        self.code.setPlaceholderText(self.tr("Scan the QR code or type its text (GSMED1|…)"))
        self.result = QLabel()
        self.result.setObjectName("qr_result")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = buttons.addButton(self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.clicked.connect(self.check)
        # Enter (typed, or sent by a scanner after the code) checks, and the dialog stays open to show the
        # answer: Check is the default button, Close is not, and the field's own returnPressed is not used.
        self.check_button.setDefault(True)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Code")))
        layout.addWidget(self.code)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        QWidget.setTabOrder(self.code, self.check_button)
        QWidget.setTabOrder(self.check_button, close)
        self.code.setFocus()
        self.resize(560, 200)

    def check(self) -> Operation:
        user = self.context.user
        assert user is not None
        return run_op(self, mediation_records.check_scanned, self.context.store, user, self.code.text(),
                      success=self._answered, failure=self._failed)

    def _answered(self, answer: tuple[bool, str]) -> None:
        matches, case_no = answer
        if matches:
            self.result.setStyleSheet("color: #1b5e20")
            self.result.setText(self.tr("Matches: the agreement of {case_no} is as recorded.").format(case_no=case_no))
        else:
            self.result.setStyleSheet("color: #b3261e")
            self.result.setText(self.tr("Does NOT match: the agreement of {case_no} differs from the record "
                                        "(altered printout or changed record).").format(case_no=case_no))
        self.checked.emit(matches)

    def _failed(self, exc: BaseException) -> None:
        from gridstation.ui.messages import error_text

        self.result.setStyleSheet("color: #b3261e")
        self.result.setText(error_text(exc))
        self.checked.emit(False)
