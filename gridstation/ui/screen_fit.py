"""Windows that fit the station PCs' screens: 1024×768, 1366×768, or 1920×1080 with Windows display
scaling at 125 % or 150 % (1366×768 at 125 % leaves 1093×582 device-independent pixels under the
taskbar). Long pages and forms scroll instead of squashing their boxes into each other, and a
dialog opens no larger than the screen, so its buttons are never below the taskbar."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

TITLE_BAR = 32  # what the window frame adds above a dialog's own height (Windows 10/11 at 100 %)
SIDE_MARGIN = 16


def scroll_area(content: QWidget) -> QScrollArea:
    """A frameless scroll area showing ``content``, stretched to the area's width and height when they
    are larger than the content's minimum; scroll bars appear only when the screen is too small."""
    area = QScrollArea()
    area.setObjectName("fit_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area


def scrolling_body(page: QWidget) -> QWidget:
    """Fill ``page`` with a scroll area and return the widget inside it, on which the page lays out
    its content instead of on itself."""
    body = QWidget()
    body.setObjectName("fit_body")
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll_area(body))
    return body


def available_size(widget: QWidget) -> QSize:
    """The room a window of ``widget`` has on its screen: the available area (without the taskbar)
    less the title bar and a little margin."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() if anchor.isVisible() else None
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(10_000, 10_000)
    area = screen.availableGeometry()
    return QSize(max(0, area.width() - SIDE_MARGIN), max(0, area.height() - TITLE_BAR))


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or to the available room on its screen when that is
    smaller (never below the window's own minimum)."""
    room = available_size(window)
    window.resize(min(width, room.width()), min(height, room.height()))
