"""The pages' keyboard shortcuts: Ctrl+S saves, Ctrl+F goes to the search field, Ctrl+P prints,
F5 syncs now. Each is a window shortcut owned by its page, and Qt fires a widget's shortcut only
while the widget is shown: the same keys can save on every page without conflicting, and none
fires behind the lock screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

# Standard keys, not key sequences: those can only be made once the application exists.
Keys = QKeySequence.StandardKey | str
SAVE: Keys = QKeySequence.StandardKey.Save  # Ctrl+S
FIND: Keys = QKeySequence.StandardKey.Find  # Ctrl+F
PRINT: Keys = QKeySequence.StandardKey.Print  # Ctrl+P
SYNC: Keys = "F5"


def page_shortcut(page: QWidget, keys: Keys, slot: Callable[[], object]) -> QShortcut:
    """``keys`` runs ``slot`` while ``page`` is shown in the active window."""
    shortcut = QShortcut(QKeySequence(keys), page)
    shortcut.activated.connect(slot)
    return shortcut


def click_shortcut(page: QWidget, keys: Keys, button: QAbstractButton) -> QShortcut:
    """``keys`` clicks ``button`` while it is shown and enabled; a button without a tooltip gets the keys
    as its tooltip."""

    def press() -> None:
        if button.isVisible() and button.isEnabled():
            button.click()

    if not button.toolTip():
        button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
    return page_shortcut(page, keys, press)


def find_shortcut(page: QWidget, field: QLineEdit, before: Callable[[], object] | None = None) -> QShortcut:
    """Ctrl+F puts the cursor in ``field`` with its text selected (``before`` runs first, e.g. to show
    the tab holding it)."""

    def find() -> None:
        if before is not None:
            before()
        field.setFocus()
        field.selectAll()

    return page_shortcut(page, FIND, find)
