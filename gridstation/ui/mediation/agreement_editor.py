"""The agreement (调解协议书 or 口头协议): facts, disputed matters, responsibilities, one clause per
line, manner and deadline of performance; then the signatures obtained on the printed copy and
"Mark effective", which the store refuses until every signature and the seal are recorded."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.domain.mediation import SIDES, copies_sentence
from gridstation.domain.mediation_views import CaseFile
from gridstation.ui.context import Context
from gridstation.ui.discard_guard import DiscardGuard
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.screen_fit import fit_to_screen, scroll_area


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class AgreementEditor(QDialog):
    """``changed`` after each save."""

    changed = Signal()

    def __init__(self, context: Context, case: CaseFile, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case = case
        self.today = today
        self.setWindowTitle(self.tr("Agreement {case_no}").format(case_no=case.case_no))
        a = case.agreement
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Written agreement (调解协议书)"), "written")
        self.kind.addItem(self.tr("Oral agreement (口头协议)"), "oral")
        self.facts = QPlainTextEdit(a.facts if a else case.facts)
        self.disputed = QPlainTextEdit(a.disputed if a else "")
        self.responsibilities = QPlainTextEdit(a.responsibilities if a else "")
        self.clauses = QPlainTextEdit("\n".join(a.clauses) if a else "")
        self.clauses.setObjectName("clauses")
        self.clauses.setPlaceholderText(self.tr("One clause per line; they are numbered when printed"))
        for edit in (self.facts, self.disputed, self.responsibilities):
            edit.setFixedHeight(60)
        self.manner = QLineEdit(a.performance_manner if a else "")
        self.manner.setObjectName("performance_manner")
        self.manner.setPlaceholderText(self.tr("e.g. 银行转账; write 当场履行 when it is performed on signing "
                                               "(then no deadline is needed)"))
        # 履行期限 stays empty until chosen: the day before the registration (never a valid deadline)
        # stands for "not set" and shows as such.
        self.deadline_unset = _qdate(case.registered_on - timedelta(days=1))
        self.deadline = QDateEdit()
        self.deadline.setObjectName("performance_deadline")
        self.deadline.setCalendarPopup(True)
        stored = _qdate(a.performance_deadline) if a and a.performance_deadline else None
        # An older or synced deadline before the registration is shown as it is, never as "not set".
        self.deadline.setMinimumDate(min(self.deadline_unset, stored) if stored else self.deadline_unset)
        self.deadline.setSpecialValueText(self.tr("Not set"))
        self.deadline.setDate(_qdate(a.performance_deadline) if a and a.performance_deadline else self.deadline_unset)
        copies = QLabel(copies_sentence(len(case.parties)))
        copies.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        for label, widget in ((self.tr("Kind"), self.kind), (self.tr("Facts"), self.facts),
                              (self.tr("Disputed matters"), self.disputed),
                              (self.tr("Responsibilities"), self.responsibilities), (self.tr("Clauses"), self.clauses),
                              (self.tr("Manner of performance"), self.manner),
                              (self.tr("Performance deadline"), self.deadline), (self.tr("Copies"), copies)):
            form.addRow(label, widget)
        self.save_button = QPushButton(self.tr("Save the agreement"))
        self.save_button.clicked.connect(self.save)
        signatures = QGroupBox(self.tr("Signatures obtained on the printed agreement"))
        sig_layout = QVBoxLayout(signatures)
        self.party_boxes: dict[str, QCheckBox] = {}
        signed = a.signed_party_ids if a else frozenset()
        for view in case.parties:
            box = QCheckBox(f"{SIDES[view.party.side]} {view.party.name}")
            box.setChecked(view.id in signed)
            self.party_boxes[view.id] = box
            sig_layout.addWidget(box)
        self.mediator_box = QCheckBox(self.tr("Mediator's signature"))
        self.mediator_box.setChecked(bool(a and a.mediator_signed))
        self.seal_box = QCheckBox(self.tr("Committee's seal"))
        self.seal_box.setChecked(bool(a and a.seal_affixed))
        sig_layout.addWidget(self.mediator_box)
        sig_layout.addWidget(self.seal_box)
        self.effective_on = QDateEdit(_qdate(today))
        self.signatures_button = QPushButton(self.tr("Record signatures"))
        self.effective_button = QPushButton(self.tr("Mark effective"))
        self.signatures_button.clicked.connect(self.record_signatures)
        self.effective_button.clicked.connect(self.mark_effective)
        row = QHBoxLayout()
        row.addWidget(self.signatures_button)
        row.addWidget(QLabel(self.tr("Effective on")))
        row.addWidget(self.effective_on)
        row.addWidget(self.effective_button)
        sig_layout.addLayout(row)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(form)
        content_layout.addWidget(self.save_button)
        content_layout.addWidget(signatures)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_area(content), 1)  # scrolls on a short screen; the status stays in sight
        layout.addWidget(self.status)
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setToolTip(self.save_button.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        if a is not None:
            self.kind.setCurrentIndex(self.kind.findData(a.kind))
            if a.effective_on is not None:
                for widget in (self.save_button, self.signatures_button, self.effective_button):
                    widget.setEnabled(False)
                self.status.setText(self.tr("In effect since {day}").format(day=a.effective_on.isoformat()))
        self._as_saved = self._entered()
        self.guard = DiscardGuard(self, self.has_input)
        self.kind.setFocus()
        fit_to_screen(self, 680, 760)

    def _texts(self) -> tuple[object, ...]:
        texts = (edit.toPlainText() for edit in (self.facts, self.disputed, self.responsibilities, self.clauses))
        return (self.kind.currentData(), *texts, self.manner.text(), self.deadline.date())

    def _ticks(self) -> tuple[bool, ...]:
        return tuple(box.isChecked() for box in (*self.party_boxes.values(), self.mediator_box, self.seal_box))

    def _entered(self) -> tuple[tuple[object, ...], tuple[bool, ...]]:
        return self._texts(), self._ticks()

    def has_input(self) -> bool:
        """Whether something was typed or ticked and not saved yet (Esc and the close button ask first)."""
        return self.save_button.isEnabled() and self._entered() != self._as_saved

    def _user(self) -> SignedIn:
        assert self.context.user is not None
        return self.context.user

    def save(self) -> Operation:
        texts = self._texts()
        return run_op(self, mediation_records.save_agreement, self.context.store, self._user(), self.case.id,
                      kind=self.kind.currentData(), clauses=self.clauses.toPlainText().splitlines(),
                      facts=self.facts.toPlainText(), disputed=self.disputed.toPlainText(),
                      responsibilities=self.responsibilities.toPlainText(), performance_manner=self.manner.text(),
                      performance_deadline=self.performance_deadline(),
                      success=lambda _a: self._done(self.tr("Agreement saved"), texts=texts), failure=self._failed)

    def performance_deadline(self) -> date | None:
        """The 履行期限 chosen, None while not set."""
        day = self.deadline.date()
        return None if day == self.deadline_unset else _date(day)

    def record_signatures(self) -> Operation:
        ticks = self._ticks()
        ids = [pid for pid, box in self.party_boxes.items() if box.isChecked()]
        return run_op(self, mediation_records.record_signatures, self.context.store, self._user(), self.case.id,
                      signed_party_ids=ids, mediator_signed=self.mediator_box.isChecked(),
                      seal_affixed=self.seal_box.isChecked(),
                      success=lambda _a: self._done(self.tr("Signatures recorded"), ticks=ticks), failure=self._failed)

    def mark_effective(self) -> Operation:
        return run_op(self, mediation_records.mark_effective, self.context.store, self._user(), self.case.id,
                      on=_date(self.effective_on.date()),
                      success=lambda _a: self._done(self.tr("The agreement is in effect")), failure=self._failed)

    def _done(self, message: str, *, texts: tuple[object, ...] | None = None,
              ticks: tuple[bool, ...] | None = None) -> None:
        saved_texts, saved_ticks = self._as_saved
        self._as_saved = (texts or saved_texts, ticks if ticks is not None else saved_ticks)
        self.status.setText(message)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)
