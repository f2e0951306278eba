"""A guard whose Python side the garbage collector has cleared lets its dialog's events through.

The guard and its dialog reference each other (``has_input`` is the dialog's), so a closed dialog
let go by Python is freed by the garbage collector, which clears the objects of the cycle. Qt still
holds the C++ guard until the deferred deletion of the dialog, and passes it the dialog's events
meanwhile: seen as errors in the filter from a dialog of an earlier test, in tests/ui/test_keyboard.py."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from gridstation.ui.discard_guard import DiscardGuard


class _Form(QDialog):
    def __init__(self) -> None:
        super().__init__()
        self.line = QLineEdit(self)
        self.guard = DiscardGuard(self, lambda: bool(self.line.text()))


def test_a_cleared_guard_lets_the_dialogs_events_through(qtbot) -> None:
    form = _Form()
    qtbot.addWidget(form)
    form.show()
    form.line.setText("typed")
    form.guard.__dict__.clear()  # what the collector's clearing of the cycle leaves
    escape = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(form, escape)  # an exception in the filter fails the test (pytest-qt)
    assert not form.isVisible()  # Esc did what a dialog does without a guard


def test_escape_with_input_asks_and_keeps_the_dialog_open(qtbot) -> None:
    form = _Form()
    qtbot.addWidget(form)
    form.show()
    form.line.setText("typed")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.guard.question is not None and form.isVisible()
    form.guard.question.close()
