"""The top of a diary page: date and weekday, state, grid (a selector for a backup leader, with the
代岗 cover mark), weather, patrol period and route."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gridstation.db.models import StationGrid
from gridstation.domain import diary as rules
from gridstation.domain.diary import WEATHER, DiaryDayView
from gridstation.ui.diary.calendar import COLORS, qdate

BADGE_STYLE = "padding: 2px 10px; border-radius: 9px; background: {fill}; color: {ink};"
HEADER_FIELDS = ("weather", "patrol_period", "patrol_route")


class DayHeader(QWidget):
    """``gridChanged(code)`` when the user picks another grid; ``edited`` when a field was left changed."""

    gridChanged = Signal(str)  # noqa: N815 - Qt signal naming
    edited = Signal()

    def __init__(self, grids: list[StationGrid], own_grid: str | None, selectable: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.own_grid = own_grid
        self.selectable = selectable
        self.grid_names = {g.code: g.name for g in grids}
        self.title = QLabel()
        self.title.setObjectName("diary_title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.badge = QLabel()
        self.badge.setObjectName("diary_state")
        self.grid_combo = QComboBox()
        self.grid_combo.setObjectName("diary_grid")
        for grid in grids:
            self.grid_combo.addItem(grid.name, grid.code)
        self.grid_combo.setVisible(selectable)
        self.grid_label = QLabel()
        self.grid_label.setTextFormat(Qt.TextFormat.PlainText)
        self.grid_label.setVisible(not selectable)
        self.cover_label = QLabel(self.tr("代岗 (covering)"))
        self.cover_label.setObjectName("diary_cover")
        self.cover_label.setStyleSheet(BADGE_STYLE.format(fill="#e3ecf9", ink="#1f4e79"))
        self.cover_label.setToolTip(self.tr("You write this page as backup leader for a grid that is not your own."))
        self.cover_label.setVisible(False)
        self.author_label = QLabel()
        self.author_label.setTextFormat(Qt.TextFormat.PlainText)
        self.author_label.setStyleSheet("color: #5f6368;")
        self.weather = QComboBox()
        self.weather.setObjectName("diary_weather")
        self.weather.setEditable(True)
        self.weather.addItems(["", *WEATHER])
        self.weather.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.weather.lineEdit().setMaxLength(rules.MAX_SHORT)
        self.patrol_period = QLineEdit()
        self.patrol_period.setObjectName("diary_patrol_period")
        self.patrol_period.setMaxLength(rules.MAX_SHORT)
        self.patrol_period.setPlaceholderText(self.tr("e.g. 08:30–11:30"))
        self.patrol_route = QLineEdit()
        self.patrol_route.setObjectName("diary_patrol_route")
        self.patrol_route.setMaxLength(rules.MAX_TEXT)
        self.patrol_route.setPlaceholderText(self.tr("Streets, buildings, shops on the round"))

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.title)
        top.addWidget(self.badge)
        top.addWidget(self.cover_label)
        top.addStretch(1)
        top.addWidget(self.author_label)
        grid_caption = QLabel(self.tr("&Grid:"))
        grid_caption.setBuddy(self.grid_combo)
        top.addWidget(grid_caption)
        top.addWidget(self.grid_combo)
        top.addWidget(self.grid_label)
        self.fields = QWidget()
        form = QGridLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        for column, (text, widget) in enumerate(((self.tr("&Weather:"), self.weather),
                                                 (self.tr("Patrol per&iod:"), self.patrol_period),
                                                 (self.tr("Patrol &route:"), self.patrol_route))):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addWidget(label, 0, column * 2)
            form.addWidget(widget, 0, column * 2 + 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 2)
        form.setColumnStretch(5, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.fields)

        self.grid_combo.currentIndexChanged.connect(self._grid_changed)
        self.weather.lineEdit().editingFinished.connect(self.edited)
        self.weather.activated.connect(lambda _index: self.edited.emit())
        self.patrol_period.editingFinished.connect(self.edited)
        self.patrol_route.editingFinished.connect(self.edited)

    @property
    def grid_code(self) -> str:
        return self.grid_combo.currentData() or ""

    def set_grid(self, code: str) -> None:
        index = self.grid_combo.findData(code)
        if index >= 0 and index != self.grid_combo.currentIndex():
            self.grid_combo.blockSignals(True)
            self.grid_combo.setCurrentIndex(index)
            self.grid_combo.blockSignals(False)
        self.grid_label.setText(self.grid_names.get(code, code))

    def _grid_changed(self) -> None:
        self.grid_label.setText(self.grid_names.get(self.grid_code, self.grid_code))
        self.gridChanged.emit(self.grid_code)

    def is_cover(self, code: str) -> bool:
        """A page of a grid other than the backup leader's own is a cover (代岗) page."""
        return self.selectable and bool(self.own_grid) and code != self.own_grid

    def show_day(self, day: date, view: DiaryDayView | None, own: bool, *, same_day: bool = False) -> None:
        """Show ``view``; on a reload of the same day a field being typed in keeps its text."""
        self.title.setText(QLocale().toString(qdate(day), QLocale.FormatType.LongFormat))
        if view is None:
            state, fill, ink = self.tr("No diary yet"), "#eceff3", "#44474e"
        elif view.closed:
            state, (fill, ink) = self.tr("Closed (日清)"), COLORS["closed"]
        else:
            state, (fill, ink) = self.tr("Draft"), COLORS["open"]
        self.badge.setText(state)
        self.badge.setStyleSheet(BADGE_STYLE.format(fill=fill, ink=ink))
        cover = view.cover if view is not None else self.is_cover(self.grid_code)
        self.cover_label.setVisible(cover)
        self.author_label.setText("" if own or view is None else self.tr("Written by {name}").format(
            name=view.author_name))
        self.author_label.setVisible(bool(self.author_label.text()))
        self.fields.setVisible(view is not None)
        editable = view is not None and own and not view.closed
        for name in HEADER_FIELDS:
            widget = getattr(self, name)
            widget.setEnabled(editable)
        if view is not None:
            for name in HEADER_FIELDS:
                widget = getattr(self, name)
                if same_day and widget.hasFocus():
                    continue
                if name == "weather":
                    widget.setCurrentText(view.weather)
                else:
                    widget.setText(getattr(view, name))
                    widget.setCursorPosition(0)

    def values(self) -> dict[str, str]:
        return {"weather": self.weather.currentText(), "patrol_period": self.patrol_period.text(),
                "patrol_route": self.patrol_route.text()}
