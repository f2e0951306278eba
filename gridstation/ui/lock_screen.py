"""The lock screen: covers the main window's work area with a sign-in card (``LoginDialog`` embedded)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from gridstation.db.accounts import SignedIn
from gridstation.ui.context import Context
from gridstation.ui.login import LoginDialog

LOCK_STYLE = """
QWidget#lock_screen { background: qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 #1f4e79, stop:1 #14375e); }
QFrame#lock_card { background: white; border-radius: 10px; }
"""


class LockScreen(QWidget):
    """``lock_user`` None: a plain sign-in (after "Switch user"); otherwise unlocking for that user."""

    def __init__(self, context: Context, lock_user: SignedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(LOCK_STYLE)
        card = QFrame()
        card.setObjectName("lock_card")
        card.setFixedWidth(460)
        self.dialog = LoginDialog(context, lock_user=lock_user)
        self.dialog.setWindowFlags(Qt.WindowType.Widget)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(4, 4, 4, 4)
        card_layout.addWidget(self.dialog)
        layout = QGridLayout(self)
        layout.addWidget(card, 0, 0, Qt.AlignmentFlag.AlignCenter)
