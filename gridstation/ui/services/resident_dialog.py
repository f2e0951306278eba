"""更正居民信息: put right a resident's name, phone or ID number entered wrongly on a service record.

The stored phone and ID number are shown masked, as everywhere; a field left empty keeps the
stored value, a new value replaces it, and "remove" deletes a value that should not be there.
Nothing stored is shown in full here: that stays the audited "show phone and ID".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import services
from gridstation.db.services_models import ServiceRecord
from gridstation.domain import services as rules
from gridstation.domain.services import ServiceView
from gridstation.ui.context import Context
from gridstation.ui.field_errors import FieldErrors, add_field_rows
from gridstation.ui.operations import Operation, run_op


class ResidentDialog(QDialog):
    """``corrected`` carries the record's id after the correction was saved."""

    corrected = Signal(str)
    FIELDS = ("resident_name", "resident_phone", "resident_id_number")

    def __init__(self, context: Context, view: ServiceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record_id = view.id
        self.setWindowTitle(self.tr("Correct the resident's details"))
        self.name_edit = QLineEdit(view.resident_name)
        self.name_edit.setObjectName("resident_name")
        self.name_edit.setMaxLength(rules.MAX_NAME)
        self.phone_edit, self.remove_phone, phone_row = self._masked_row(
            "resident_phone", view.phone_masked, self.tr("Remove the phone"))
        self.id_edit, self.remove_id, id_row = self._masked_row(
            "resident_id_number", view.id_number_masked, self.tr("Remove the ID number"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.errors = FieldErrors(list(self.FIELDS), fallback="resident_name", parent=self)
        form = QFormLayout()
        service = QLabel(view.item_name)
        service.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Service"), service)
        add_field_rows(form, [
            (self.tr("Resident's name"), self.name_edit, "resident_name"),
            (self.tr("Phone"), phone_row, "resident_phone"),
            (self.tr("ID number"), id_row, "resident_id_number"),
        ], self.errors)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(460, self.sizeHint().height())

    def _masked_row(self, name: str, masked: str, remove_text: str) -> tuple[QLineEdit, QCheckBox, QWidget]:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(self.tr("Unchanged: {value}").format(value=masked) if masked
                                else self.tr("None recorded"))
        remove = QCheckBox(remove_text)
        remove.setObjectName(f"remove_{name}")
        remove.setVisible(bool(masked))
        remove.toggled.connect(lambda on: (edit.setEnabled(not on), edit.clear() if on else None))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit, 1)
        line.addWidget(remove)
        return edit, remove, row

    @staticmethod
    def _new_value(edit: QLineEdit, remove: QCheckBox) -> str | None:
        """"" to remove, the text typed to replace, None to keep the stored value."""
        if remove.isChecked():
            return ""
        return edit.text() if edit.text().strip() else None

    def save(self) -> Operation:
        user = self.context.user
        assert user is not None
        self.buttons.setEnabled(False)
        self.errors.clear()
        return run_op(self, services.correct_resident, self.context.store, user.actor, self.record_id,
                      resident_name=self.name_edit.text(),
                      resident_phone=self._new_value(self.phone_edit, self.remove_phone),
                      resident_id_number=self._new_value(self.id_edit, self.remove_id),
                      success=self._saved, failure=self._failed)

    def _saved(self, record: ServiceRecord) -> None:
        self.corrected.emit(record.id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show_failure(exc, self)
