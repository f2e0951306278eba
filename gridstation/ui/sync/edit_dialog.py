"""Correcting a refused change before it is sent again: the record's editable fields in a form."""

from __future__ import annotations

import types
from datetime import date
from typing import Any, Union, get_args, get_origin

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridstation.db.unit_of_work import sync_kinds
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.sync.issues import editable_fields
from gridstation.ui.messages import show_error
from gridstation.ui.screen_fit import fit_to_screen, scroll_area
from gridstation.ui.sync.texts import PERSONAL_FIELDS, field_name


def _base_type(annotation: Any) -> tuple[type, bool]:
    """(the field's type, whether it may be empty) for ``X`` and ``X | None``."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else str), True
    return (annotation if isinstance(annotation, type) else str), False


class EditRecordDialog(QDialog):
    """``changes`` holds the corrected fields once accepted."""

    def __init__(self, kind: str, values: dict[str, Any], reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct and send again"))
        self.setMinimumWidth(520)
        self.values = values
        self.changes: dict[str, Any] = {}
        model = sync_kinds()[kind]
        layout = QVBoxLayout(self)
        why = QLabel(self.tr("The district did not accept this change: {reason}").format(reason=reason))
        why.setTextFormat(Qt.TextFormat.PlainText)
        why.setWordWrap(True)
        why.setStyleSheet("color: #b3261e;")
        layout.addWidget(why)
        form = QFormLayout()
        self.editors: dict[str, tuple[QWidget, type, bool]] = {}
        for name in editable_fields(kind):
            if name in PERSONAL_FIELDS:  # shown masked everywhere on this page; corrected where the record lives
                continue
            kind_type, optional = _base_type(model.model_fields[name].annotation)
            editor = self._editor(kind_type, values.get(name))
            editor.setObjectName(f"edit_{name}")
            self.editors[name] = (editor, kind_type, optional)
            form.addRow(field_name(name), editor)
        fields = QWidget()
        fields.setLayout(form)
        area = scroll_area(fields)
        layout.addWidget(area, 1)  # a long record scrolls; the buttons stay in sight
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send again"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        whole = self.sizeHint().height() - area.sizeHint().height() + fields.sizeHint().height()
        fit_to_screen(self, self.sizeHint().width(), whole)

    @staticmethod
    def _editor(kind_type: type, value: Any) -> QWidget:
        if kind_type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if kind_type is int:
            spin = QSpinBox()
            spin.setRange(-1_000_000, 1_000_000)
            spin.setValue(int(value or 0))
            return spin
        line = QLineEdit("" if value is None else str(value))
        if kind_type is date:
            line.setPlaceholderText("YYYY-MM-DD")
        return line

    def _read(self, name: str) -> Any:
        editor, kind_type, optional = self.editors[name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if not text and optional:
            return None
        if kind_type is date:
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "“{text}” is not a date like 2026-11-27."),
                                      text=text) from None
        return text

    def _accept(self) -> None:
        try:
            read = {name: self._read(name) for name in self.editors}
        except ValidationError as exc:
            show_error(self, exc)
            return
        original = {name: self.values.get(name) for name in self.editors}
        self.changes = {name: value for name, value in read.items()
                        if _comparable(value) != _comparable(original[name])}
        self.accept()


def _comparable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
