"""Help → About: the version, and where this station keeps its data and log, for a support call."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gridstation import __version__, config
from gridstation.log import LOG_FILE
from gridstation.resources import resource_path
from gridstation.ui.context import Context

ICON_SIZE = 64


def _value_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """Version, data directory and log file, selectable and copyable in one click."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About GridStation"))
        self.setMinimumWidth(520)
        log_path = context.log_path or config.default_log_dir() / LOG_FILE
        frozen = getattr(sys, "frozen", False)
        self.rows = [
            (self.tr("Version:"), __version__, "version"),
            (self.tr("Data directory:"), str(context.data_dir), "data_dir"),
            (self.tr("Log file:"), str(log_path), "log_path"),
            (self.tr("Runs on:"), self.tr("{system}, Python {python}, Qt for Python {qt}{installed}").format(
                system=platform.platform(terse=True), python=platform.python_version(), qt=pyside_version,
                installed=self.tr(", installed package") if frozen else ""), "runtime"),
        ]
        icon = QLabel()
        pixmap = QPixmap(str(resource_path("icons", "gridstation.png")))
        if not pixmap.isNull():
            icon.setPixmap(pixmap.scaled(ICON_SIZE, ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
        name = QLabel(self.tr("GridStation — grid service station workbench"))
        name.setStyleSheet("font-size: 15pt; font-weight: bold;")
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(name, 1)
        form = QFormLayout()
        for caption, value, key in self.rows:
            form.addRow(caption, _value_label(value, key))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def text(self) -> str:
        """The details as plain text, one per line: what "Copy details" puts on the clipboard."""
        return "\n".join([f"GridStation {__version__}", *(f"{caption} {value}" for caption, value, _ in self.rows)])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
