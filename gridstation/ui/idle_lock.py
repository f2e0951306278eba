"""Locking the screen after a time without keyboard or mouse input."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
})


class IdleLock(QObject):
    """An application event filter: ``idle`` is emitted after ``interval_ms`` without user input.

    ``interval_ms`` of 0 disables it. The timer is single-shot: after ``idle`` it stays stopped until
    ``start()`` (the window calls it after unlocking).
    """

    idle = Signal()

    def __init__(self, app: QCoreApplication, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_interval(interval_ms)
        app.installEventFilter(self)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_interval(self, interval_ms: int) -> None:
        was_active = self._timer.isActive()
        self._timer.setInterval(max(0, interval_ms))
        if was_active:
            self.start()

    def start(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    def uninstall(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False
