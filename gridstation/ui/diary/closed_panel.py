"""What a closed day (已日清) offers instead of the editor: amend or withdraw the selected item, add a
forgotten one — each in a small dialog that asks for the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from gridstation.domain.diary import DiaryItemView
from gridstation.ui.context import Context
from gridstation.ui.diary.amend_dialog import AMEND, LATE, WITHDRAW, CorrectionDialog


class ClosedDayPanel(QFrame):
    """``corrected`` after a correction was stored. ``set_item`` passes the selected effective item."""

    corrected = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.day_id = ""
        self.item: DiaryItemView | None = None
        self.dialog: CorrectionDialog | None = None
        self.setObjectName("diary_closed")
        self.setStyleSheet(
            "QFrame#diary_closed { background: #eef7f0; border: 1px solid #b9dcc2; border-radius: 4px; }")
        text = QLabel(self.tr("Closed (日清): the day is locked. Corrections are recorded beside the original."))
        text.setWordWrap(True)
        text.setStyleSheet("color: #1b5e2b;")
        self.amend_button = QPushButton(self.tr("&Amend…"))
        self.amend_button.setObjectName("diary_amend")
        self.withdraw_button = QPushButton(self.tr("&Withdraw…"))
        self.withdraw_button.setObjectName("diary_withdraw")
        self.late_button = QPushButton(self.tr("Add &forgotten item…"))
        self.late_button.setObjectName("diary_late")
        for button in (self.amend_button, self.withdraw_button):
            button.setToolTip(self.tr("Select an item in the table first"))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(text, 1)
        row.addWidget(self.amend_button)
        row.addWidget(self.withdraw_button)
        row.addWidget(self.late_button)
        self.amend_button.clicked.connect(lambda: self.open_dialog(AMEND))
        self.withdraw_button.clicked.connect(lambda: self.open_dialog(WITHDRAW))
        self.late_button.clicked.connect(lambda: self.open_dialog(LATE))
        self.set_item("", None)

    def set_item(self, day_id: str, item: DiaryItemView | None) -> None:
        self.day_id, self.item = day_id, item
        self.amend_button.setEnabled(item is not None)
        self.withdraw_button.setEnabled(item is not None)

    def open_dialog(self, mode: str) -> CorrectionDialog | None:
        if not self.day_id or (mode != LATE and self.item is None):
            return None
        dialog = CorrectionDialog(self.context, mode, day_id=self.day_id, item=None if mode == LATE else self.item,
                                  parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.corrected)
        dialog.open()
        self.dialog = dialog
        return dialog
