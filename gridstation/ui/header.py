"""The band across the top of the main window: station, community, signed-in user, lock button."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gridstation.db.accounts import SignedIn
from gridstation.db.models import Station
from gridstation.ui.roles import role_label

HEADER_STYLE = """
QFrame#header { background: #1f4e79; }
QFrame#header QLabel { color: white; }
QFrame#header QLabel#header_place, QFrame#header QLabel#header_role { color: #c9d8ea; }
QFrame#header QPushButton { color: white; background: #2d6399; border: 1px solid #5b87b5; border-radius: 4px;
                            padding: 5px 14px; }
QFrame#header QPushButton:hover { background: #3872ab; }
"""


def _plain(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ElidedLabel(QLabel):
    """Plain text that ends in "…" when the window is too narrow for all of it (a station name may
    be long), with the whole text as its tooltip; it never makes the window wider."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = text
        self.setToolTip(text)
        self.setText(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width())
        if shown != self.text():
            self.setText(shown)


class Header(QFrame):
    def __init__(self, station_row: Station | None, user: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setStyleSheet(HEADER_STYLE)
        name = station_row.name if station_row else self.tr("GridStation")
        place = f"{station_row.street_name} · {station_row.community_name}" if station_row else ""
        self.station_label = ElidedLabel(name, "header_station")
        font = QFont(self.station_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.station_label.setFont(font)
        self.place_label = ElidedLabel(place, "header_place")
        self.user_label = _plain(user.display_name, "header_user")
        self.role_label = _plain(role_label(user.role), "header_role")
        self.user_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.role_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setObjectName("lock_button")
        self.lock_button.setToolTip(self.tr("Lock the screen (Ctrl+L)"))
        self.lock_button.setCursor(Qt.CursorShape.PointingHandCursor)

        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.station_label)
        left.addWidget(self.place_label)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addWidget(self.user_label)
        right.addWidget(self.role_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(16)
        layout.addLayout(left, 1)
        layout.addLayout(right)
        layout.addWidget(self.lock_button, 0, Qt.AlignmentFlag.AlignVCenter)
