"""The diary calendar: each day of the month coloured by the state of its page (none / draft / 日清)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QWidget

COLORS = {"closed": ("#d5efda", "#1b5e2b"), "open": ("#fde0bf", "#8a4500")}
FUTURE_COLOR = "#b0b3b8"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DiaryCalendar(QCalendarWidget):
    """``set_marks(states, today)`` colours the six weeks shown (the month and the days around it):
    closed green, open (draft) orange, days after ``today`` grey. The page reloads the marks on
    ``currentPageChanged``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diary_calendar")
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.states: dict[date, str] = {}
        self.setMinimumSize(250, 200)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LocaleChange:  # the locale brings its own first day; weeks start on Monday
            self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        return handled

    def set_marks(self, states: dict[date, str], today: date) -> None:
        self.states = dict(states)
        self.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears every format
        year, month = self.yearShown(), self.monthShown()
        first = QDate(year, month, 1)
        # the grid's first day: the Monday before the 1st (a week earlier when the 1st is a Monday,
        # as QCalendarWidget then shows the last week of the month before in the first row)
        first = first.addDays(-((first.dayOfWeek() - 1) or 7))
        for offset in range(42):
            shown = first.addDays(offset)
            day = shown.toPython()
            fmt = QTextCharFormat()
            state = states.get(day)
            if state in COLORS:
                fill, ink = COLORS[state]
                fmt.setBackground(QBrush(QColor(fill)))
                fmt.setForeground(QBrush(QColor(ink)))
            elif day > today:
                fmt.setForeground(QBrush(QColor(FUTURE_COLOR)))
            if day == today:
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setFontUnderline(True)
            self.setDateTextFormat(shown, fmt)

    def state(self, day: date) -> str:
        """"open", "closed" or "" (no page), as last marked."""
        return self.states.get(day, "")


class CalendarLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 0, 2, 0)
        row.setSpacing(6)
        for state, text in (("closed", self.tr("Closed (日清)")), ("open", self.tr("Draft"))):
            swatch = QLabel()
            swatch.setFixedSize(12, 12)
            fill, ink = COLORS[state]
            swatch.setStyleSheet(f"background: {fill}; border: 1px solid {ink};")
            label = QLabel(text)
            label.setStyleSheet("color: #5f6368;")
            row.addWidget(swatch)
            row.addWidget(label)
            row.addSpacing(8)
        row.addStretch(1)
