"""Form helpers: inline messages under fields (keyed by ``ValidationError.field``), the password rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from gridstation.domain.errors import ValidationError
from gridstation.domain.passwords import MIN_LENGTH
from gridstation.ui.messages import error_text, show_error

# Field labels the domain passes as ``label`` parameters (gridstation.db.station), marked here so that
# lupdate collects them; ``field_error_text`` translates them before formatting the message.
FIELD_LABELS = (
    QT_TRANSLATE_NOOP("Errors", "Station name"),
    QT_TRANSLATE_NOOP("Errors", "Street/town name"),
    QT_TRANSLATE_NOOP("Errors", "Community/village name"),
    QT_TRANSLATE_NOOP("Errors", "Grid name"),
)


def field_error_text(error: ValidationError) -> str:
    """``error_text`` with a ``label`` parameter translated too."""
    label = error.params.get("label")
    if isinstance(label, str) and label in FIELD_LABELS:
        params = {**error.params, "label": QCoreApplication.translate("Errors", label)}
        return error_text(ValidationError(error.field, error.template, **params))
    return error_text(error)


def password_rule_text() -> str:
    """The password policy (gridstation.domain.passwords) as shown next to password fields."""
    return QCoreApplication.translate(
        "Forms",
        "At least {n} characters, mixing at least 3 of: lower-case letters, upper-case letters, digits, symbols.",
    ).format(n=MIN_LENGTH)


class FieldErrors:
    """One hidden, word-wrapped error label per field; ``show`` fills the one the error names.

    An error naming a field without a label goes to the ``fallback`` field's label.
    """

    def __init__(self, fields: list[str], fallback: str, parent: QWidget | None = None) -> None:
        self.fallback = fallback
        self.labels: dict[str, QLabel] = {}
        for name in fields:
            label = QLabel(parent)
            label.setObjectName(f"error_{name}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setStyleSheet("color: #b3261e;")
            label.setVisible(False)
            self.labels[name] = label

    def label(self, field: str) -> QLabel:
        return self.labels[field]

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.setVisible(False)

    def show_text(self, field: str, text: str) -> QLabel:
        self.clear()
        label = self.labels.get(field) or self.labels[self.fallback]
        label.setText(text)
        label.setVisible(True)
        return label

    def show(self, error: ValidationError) -> QLabel:
        return self.show_text(error.field, field_error_text(error))

    def show_failure(self, exc: BaseException, parent: QWidget) -> None:
        """A refused save: a ``ValidationError`` under its field, anything else in a message box."""
        if isinstance(exc, ValidationError):
            self.show(exc)
        else:
            show_error(parent, exc)

    def text(self, field: str) -> str:
        """The message currently shown for ``field`` ("" if none)."""
        return self.labels[field].text()


def add_field_rows(form: QFormLayout, rows: Sequence[tuple[str, QWidget, str]], errors: FieldErrors,
                   notes: Mapping[str, QWidget] | None = None) -> None:
    """Add ``(label text, field widget, field name)`` rows to ``form``, each with its buddy label,
    an optional note below it (``notes[field name]``) and the inline error label of that field."""
    notes = notes or {}
    for text, widget, field in rows:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
        if field in notes:
            form.addRow("", notes[field])
        form.addRow("", errors.label(field))
