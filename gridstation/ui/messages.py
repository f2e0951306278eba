"""The one place that turns exceptions into text and dialogs for the user."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gridstation.domain.errors import GridStationError

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """The translated message of ``exc``; anything that is not a GridStationError gets a generic message."""
    if isinstance(exc, GridStationError):
        template = QCoreApplication.translate("Errors", exc.template)
        # Parameters such as field labels ("Station name") are marked in "Errors" too; other text is unchanged.
        params = {k: QCoreApplication.translate("Errors", v) if isinstance(v, str) else v
                  for k, v in exc.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            log.warning("translation of %r does not fit its parameters", exc.template)
            return str(exc)
    return QCoreApplication.translate(
        "Errors", "Something went wrong ({kind}: {detail}). The details were written to the log file."
    ).format(kind=type(exc).__name__, detail=str(exc)[:300])


def error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A warning box for ``exc`` (not shown yet); plain text, so user data never turns into markup."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Errors", "GridStation"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(error_text(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show ``exc`` without blocking (window-modal over ``parent``); returns the box."""
    if not isinstance(exc, GridStationError):
        log.error("unexpected error shown to the user", exc_info=exc)
    box = error_box(parent, exc)
    box.open()
    return box
