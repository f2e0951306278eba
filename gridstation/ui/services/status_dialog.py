"""Move a record on: close it as 办结 / 退回 / 转办 with its result, a note and the resident's
satisfaction (or start handling it, 办理中). A closing state needs a result (checked by the domain).

The dialog saves itself and stays open when the domain refuses (the message under the field, what
was typed kept); ``saved`` carries the record's id once the change is stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import services
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor
from gridstation.domain import services as rules
from gridstation.domain.services import ServiceView
from gridstation.ui.context import Context
from gridstation.ui.field_errors import FieldErrors, add_field_rows
from gridstation.ui.length_hint import LengthHint
from gridstation.ui.operations import Operation, run_op


def save_status(store: Store, actor: Actor, record_id: str, *, status: str, result: str, note: str,
                satisfaction: str) -> str:
    """Store the new status (with result and note), then the satisfaction if one was asked; the record's id."""
    services.change_status(store, actor, record_id, status=status, result=result, note=note)
    if satisfaction:
        services.set_satisfaction(store, actor, record_id, satisfaction)
    return record_id


class StatusDialog(QDialog):
    """Asks for the new status, result, note and satisfaction and saves them."""

    saved = Signal(str)
    FIELDS = ("status", "result", "note", "satisfaction")

    def __init__(self, context: Context, view: ServiceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record_id = view.id
        self.setWindowTitle(self.tr("Change status"))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("new_status")
        for code in sorted(rules.TRANSITIONS[view.status], key=list(rules.STATUSES).index):
            self.status_combo.addItem(rules.STATUSES[code], code)
        self.result_edit = QPlainTextEdit()
        self.result_edit.setObjectName("result")
        self.result_edit.setFixedHeight(80)
        self.result_edit.setTabChangesFocus(True)
        self.result_length = LengthHint(self.result_edit, rules.MAX_TEXT, self)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("status_note")
        self.note_length = LengthHint(self.note_edit, rules.MAX_STATUS_NOTE, self)
        self.satisfaction_combo = QComboBox()
        self.satisfaction_combo.setObjectName("satisfaction")
        self.satisfaction_combo.addItem(self.tr("Not asked"), "")
        for code, name in rules.SATISFACTION.items():
            self.satisfaction_combo.addItem(name, code)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.errors = FieldErrors(list(self.FIELDS), fallback="status", parent=self)
        form = QFormLayout()
        record = QLabel(f"{view.resident_name} · {view.item_name}")
        record.setObjectName("status_record")
        record.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Service"), record)
        add_field_rows(form, [
            (self.tr("New status"), self.status_combo, "status"),
            (self.tr("Result"), self.result_edit, "result"),
            (self.tr("Note"), self.note_edit, "note"),
            (self.tr("Resident's satisfaction"), self.satisfaction_combo, "satisfaction"),
        ], self.errors, notes={"result": self.result_length, "note": self.note_length})
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(480, self.sizeHint().height())

    def choose(self, status: str) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))

    def values(self) -> dict[str, str]:
        return {"status": self.status_combo.currentData(), "result": self.result_edit.toPlainText(),
                "note": self.note_edit.text(), "satisfaction": self.satisfaction_combo.currentData()}

    def save(self) -> Operation:
        user = self.context.user
        assert user is not None
        self.buttons.setEnabled(False)
        self.errors.clear()
        return run_op(self, save_status, self.context.store, user.actor, self.record_id, **self.values(),
                      success=self._saved, failure=self._failed)

    def _saved(self, record_id: str) -> None:
        self.saved.emit(record_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show_failure(exc, self)
