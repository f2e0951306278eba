"""受理 a service: item, resident, date received, the item's materials as a checklist to tick; the
promised date follows from the item's time limit and is shown as soon as an item is chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import services
from gridstation.db.services_models import ServiceRecord
from gridstation.domain import services as rules
from gridstation.domain.services import CatalogueItem
from gridstation.ui.context import Context
from gridstation.ui.discard_guard import DiscardGuard
from gridstation.ui.field_errors import FieldErrors, add_field_rows
from gridstation.ui.length_hint import LengthHint
from gridstation.ui.operations import Operation, run_op


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RegisterServiceDialog(QDialog):
    """``registered`` carries the new record's id after it was saved."""

    registered = Signal(str)
    FIELDS = ("item_code", "resident_name", "resident_phone", "resident_id_number", "received_on", "materials",
              "promised_on", "note")

    def __init__(self, context: Context, items: list[CatalogueItem], grid_code: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.items = items
        self.grid_code = grid_code
        self.setWindowTitle(self.tr("Register a service"))
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("service_item")
        for item in items:
            self.item_combo.addItem(f"{item.category} · {item.name}", item.code)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("resident_name")
        self.name_edit.setMaxLength(rules.MAX_NAME)
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("resident_phone")
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("resident_id_number")
        self.received_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.received_edit.setObjectName("received_on")
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.materials = QListWidget()
        self.materials.setObjectName("materials")
        self.promised_label = QLabel()
        self.promised_label.setObjectName("promised_on")
        self.promised_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("note")
        self.note_edit.setFixedHeight(60)
        self.note_edit.setTabChangesFocus(True)
        self.note_length = LengthHint(self.note_edit, rules.MAX_TEXT, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        self.errors = FieldErrors(list(self.FIELDS), fallback="item_code", parent=self)
        add_field_rows(form, [
            (self.tr("Service"), self.item_combo, "item_code"),
            (self.tr("Resident's name"), self.name_edit, "resident_name"),
            (self.tr("Phone"), self.phone_edit, "resident_phone"),
            (self.tr("ID number"), self.id_edit, "resident_id_number"),
            (self.tr("Date received"), self.received_edit, "received_on"),
            (self.tr("Materials received"), self.materials, "materials"),
            (self.tr("Promised date"), self.promised_label, "promised_on"),
            (self.tr("Note"), self.note_edit, "note"),
        ], self.errors, notes={"note": self.note_length})
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.item_combo.currentIndexChanged.connect(self._item_changed)
        self.received_edit.dateChanged.connect(lambda _d: self._show_promised())
        self.guard = DiscardGuard(self, self.has_input)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.guard.cancel)
        self._item_changed()

    def has_input(self) -> bool:
        """Whether anything was typed or ticked that Cancel would throw away."""
        return bool(self.name_edit.text().strip() or self.phone_edit.text().strip() or self.id_edit.text().strip()
                    or self.note_edit.toPlainText().strip() or self.ticked())

    def current_item(self) -> CatalogueItem | None:
        index = self.item_combo.currentIndex()
        return self.items[index] if 0 <= index < len(self.items) else None

    def _item_changed(self) -> None:
        self.materials.clear()
        item = self.current_item()
        for material in item.materials if item else ():
            entry = QListWidgetItem(material)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.materials.addItem(entry)
        self._show_promised()

    def _show_promised(self) -> None:
        item = self.current_item()
        if item is None:
            self.promised_label.clear()
            return
        promised = rules.promised_date(_date(self.received_edit.date()), item.time_limit_days, item.time_limit_kind)
        self.promised_label.setText(f"{promised.isoformat()}（{item.time_limit_text}）")

    def ticked(self) -> list[str]:
        return [self.materials.item(i).text() for i in range(self.materials.count())
                if self.materials.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> Operation:
        user = self.context.user
        assert user is not None
        item = self.current_item()
        self.buttons.setEnabled(False)
        self.errors.clear()
        return run_op(self, services.register_service, self.context.store, user.actor, grid_code=self.grid_code,
                      item_code=item.code if item else "", resident_name=self.name_edit.text(),
                      received_on=_date(self.received_edit.date()), resident_phone=self.phone_edit.text(),
                      resident_id_number=self.id_edit.text(), materials=self.ticked(),
                      note=self.note_edit.toPlainText(), success=self._saved, failure=self._failed)

    def _saved(self, record: ServiceRecord) -> None:
        self.registered.emit(record.id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show_failure(exc, self)
