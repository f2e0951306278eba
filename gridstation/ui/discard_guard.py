"""Asking before a form's typed text is thrown away: Esc, the Cancel button or the window's close
button on a dialog with unsaved input first ask "Discard what you typed?" (the default answer keeps
the dialog open). Closing it from code (the lock screen closes every dialog) does not ask."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QMessageBox


class DiscardGuard(QObject):
    """Guards ``dialog`` while ``has_input()`` is true. Connect the dialog's Cancel to ``cancel``
    instead of ``reject``. ``question`` is the open question, if any (tests answer it)."""

    def __init__(self, dialog: QDialog, has_input: Callable[[], bool]) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.has_input = has_input
        self.question: QMessageBox | None = None
        dialog.installEventFilter(self)

    def cancel(self) -> None:
        """Close the dialog, after asking when something was typed."""
        if self.has_input():
            self.ask()
        else:
            self.dialog.reject()

    def ask(self) -> QMessageBox:
        if self.question is not None:
            return self.question
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard input?"),
                          self.tr("What you typed in this window has not been saved. Close it and discard "
                                  "what you typed?"),
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self.dialog)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep editing"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Discard).clicked.connect(self.dialog.reject)
        box.finished.connect(self._answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box
        box.open()
        return box

    def _answered(self, _result: int) -> None:
        self.question = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A closed dialog that Python let go is a cycle with this guard (``has_input`` is the
        # dialog's): the garbage collector clears both, while Qt still holds them until the dialog's
        # deletion and passes its events here. With its attributes gone there is nothing to guard.
        if "dialog" not in self.__dict__:
            return False
        if watched is self.dialog:
            if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                    and event.key() == Qt.Key.Key_Escape and not event.modifiers() and self.has_input()):
                self.ask()
                return True
            if (event.type() == QEvent.Type.Close and isinstance(event, QCloseEvent) and event.spontaneous()
                    and self.dialog.isVisible() and self.has_input()):
                event.ignore()
                self.ask()
                return True
        return super().eventFilter(watched, event)
