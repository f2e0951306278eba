"""The diary item editor, built for typing a day's work fast at the keyboard.

Tab walks category → hazard type → time → place → problem → action → result → open → escalated →
counts; Enter in a one-line field or Ctrl+Enter anywhere emits ``submitted``; Escape ``cancelled``.
The category and hazard-type combos take a digit (1–9, 0 for the tenth) or a name's first character.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridstation.domain import diary as rules
from gridstation.domain.diary import CATEGORIES, HAZARD_TYPES, DiaryItemView
from gridstation.domain.errors import ValidationError
from gridstation.ui.field_errors import FieldErrors

COUNT_FIELDS = {"visit": ("households", "special_households"), "hazard": ("hazards_found", "hazards_rectified")}
TEXT_FIELDS = ("problem", "action", "result")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def normalize_time(text: str) -> str:
    """"930", "0930", "9:30", "9.30" and "9：30" all become "09:30"; anything else (also "9999") is
    left as typed for the domain to refuse with its message."""
    value = text.strip().replace("：", ":").replace(".", ":")
    if ":" in value:
        hours, _, minutes = value.partition(":")
    elif value.isdigit() and len(value) in (3, 4):
        hours, minutes = value[:-2], value[-2:]
    elif value.isdigit() and len(value) <= 2:
        hours, minutes = value, "00"
    else:
        return value
    if hours.isdigit() and minutes.isdigit() and len(minutes) <= 2 and int(hours) < 24 and int(minutes) < 60:
        return f"{int(hours):02d}:{int(minutes):02d}"
    return text.strip()  # refused by the domain, which quotes it as typed


class NumberedCombo(QComboBox):
    """Choices numbered 1–9, 0 for the tenth: a digit picks one, and so does a name's first character
    when the keyboard sends it (names are data: shown as they are)."""

    def __init__(self, choices: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = list(choices.values())
        for number, (code, name) in enumerate(choices.items(), start=1):
            self.addItem(f"{number % 10}  {name}", code)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier or len(text) != 1:
            super().keyPressEvent(event)
        elif text.isdigit():
            index = (int(text) - 1) % 10
            if index < self.count():
                self.setCurrentIndex(index)
        elif not text.isascii() and text.isprintable():
            for step in range(1, self.count() + 1):  # from the next one, so typing again cycles
                index = (self.currentIndex() + step) % self.count()
                if self.names[index].startswith(text):
                    self.setCurrentIndex(index)
                    break
        else:
            super().keyPressEvent(event)


class TextField(QPlainTextEdit):
    """A few lines of text: Tab moves on; recent phrases are offered while the text is one short line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.completer = QCompleter(QStringListModel(self), self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self._complete)
        self.textChanged.connect(self._offer)

    def text(self) -> str:
        return self.toPlainText()

    def set_phrases(self, phrases: list[str]) -> None:
        model = self.completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(phrases)

    def _offer(self) -> None:
        text = self.toPlainText()
        popup = self.completer.popup()
        if not self.hasFocus() or not text.strip() or "\n" in text or len(text) > 40:
            popup.hide()
            return
        self.completer.setCompletionPrefix(text)
        if self.completer.completionCount() == 0 or self.completer.currentCompletion() == text:
            popup.hide()
            return
        rect = self.cursorRect()
        rect.setWidth(max(self.width() - 8, 200))
        self.completer.complete(rect)

    def _complete(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(self.textCursor().MoveOperation.End)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        popup = self.completer.popup()
        if popup.isVisible():
            if event.key() in (*ENTER_KEYS, Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and popup.currentIndex().isValid():
                event.ignore()  # the completer takes the highlighted phrase
                return
            if event.key() == Qt.Key.Key_Escape:
                popup.hide()
                return
        super().keyPressEvent(event)


class ItemEditor(QWidget):
    submitted = Signal()
    cancelled = Signal()

    FIELDS = ("category", "hazard_type", "time", "place", *TEXT_FIELDS, "households", "special_households",
              "hazards_found", "hazards_rectified", "item")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = NumberedCombo(CATEGORIES)
        self.category.setObjectName("diary_category")
        self.hazard_type = NumberedCombo(HAZARD_TYPES)
        self.hazard_type.setObjectName("diary_hazard_type")
        self.time = QLineEdit()
        self.time.setObjectName("diary_time")
        self.time.setPlaceholderText(self.tr("HH:MM"))
        self.time.setValidator(QRegularExpressionValidator(r"^[0-9]{0,2}[:：.]?[0-9]{0,2}$", self.time))
        self.time.setMaximumWidth(80)
        self.place = QLineEdit()
        self.place.setObjectName("diary_place")
        self.place.setMaxLength(rules.MAX_SHORT)
        self.place.setPlaceholderText(self.tr("e.g. Building 3, Xinxing Road"))
        self.place_completer = QCompleter(QStringListModel(self), self)
        self.place_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.place_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.place.setCompleter(self.place_completer)
        self.problem, self.action, self.result = TextField(), TextField(), TextField()
        for name in TEXT_FIELDS:
            getattr(self, name).setObjectName(f"diary_{name}")
        self.problem.setPlaceholderText(self.tr("What was found or reported"))
        self.action.setPlaceholderText(self.tr("What was done"))
        self.result.setPlaceholderText(self.tr("Result, feedback"))
        self.open = QCheckBox(self.tr("Still &open (carried over)"))
        self.open.setObjectName("diary_open")
        self.escalated = QCheckBox(self.tr("&Escalated"))
        self.escalated.setObjectName("diary_escalated")
        self.households, self.special_households = QSpinBox(), QSpinBox()
        self.hazards_found, self.hazards_rectified = QSpinBox(), QSpinBox()
        self.errors = FieldErrors(list(self.FIELDS), fallback="item", parent=self)

        top, texts = QGridLayout(), QGridLayout()
        for grid in (top, texts):
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(2)
        cells = ((self.tr("&Category"), self.category, "category", 3),
                 (self.tr("Ha&zard type"), self.hazard_type, "hazard_type", 2),
                 (self.tr("&Time"), self.time, "time", 1), (self.tr("&Place"), self.place, "place", 5))
        for column, (text, widget, field, stretch) in enumerate(cells):
            self._cell(top, column, text, widget, field)
            top.setColumnStretch(column, stretch)
        labels = (self.tr("Pro&blem"), self.tr("&Action taken"), self.tr("Res&ult"))
        for column, (text, field) in enumerate(zip(labels, TEXT_FIELDS, strict=True)):
            self._cell(texts, column, text, getattr(self, field), field)
            texts.setColumnStretch(column, 1)
        self.category.setMinimumWidth(130)
        self.hazard_type.setMinimumWidth(110)

        flags = QHBoxLayout()
        flags.setSpacing(14)
        flags.addWidget(self.open)
        flags.addWidget(self.escalated)
        self.count_boxes: dict[str, QWidget] = {}
        counts = {"visit": ((self.tr("Households"), self.households), (self.tr("of them special groups"),
                                                                       self.special_households)),
                  "hazard": ((self.tr("Hazards found"), self.hazards_found), (self.tr("rectified"),
                                                                              self.hazards_rectified))}
        for category, pairs in counts.items():
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(12, 0, 0, 0)
            for text, spin in pairs:
                spin.setRange(0, rules.MAX_COUNT)
                spin.setMinimumWidth(70)
                label = QLabel(text)
                label.setBuddy(spin)
                row.addWidget(label)
                row.addWidget(spin)
            self.count_boxes[category] = box
            flags.addWidget(box)
        flags.addStretch(1)
        self.buttons = QHBoxLayout()  # the page adds its buttons here, at the end of the flags row
        flags.addLayout(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(texts)
        layout.addLayout(flags)
        for field in ("households", "special_households", "hazards_found", "hazards_rectified", "item"):
            layout.addWidget(self.errors.label(field))

        self.category.currentIndexChanged.connect(self._category_changed)
        self._category_changed()
        chain = [self.category, self.hazard_type, self.time, self.place, self.problem, self.action, self.result,
                 self.open, self.escalated, self.households, self.special_households, self.hazards_found,
                 self.hazards_rectified]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for widget in chain:
            widget.installEventFilter(self)
        self.tab_chain = chain

    def _cell(self, grid: QGridLayout, column: int, text: str, widget: QWidget, field: str) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        label.setStyleSheet("color: #44474e;")
        grid.addWidget(label, 0, column)
        grid.addWidget(widget, 1, column)
        grid.addWidget(self.errors.label(field), 2, column)

    # -- keys ----------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        popup = self.place_completer.popup() if watched is self.place else None
        if isinstance(watched, TextField):
            popup = watched.completer.popup()
        showing = popup is not None and popup.isVisible()
        if key in ENTER_KEYS:
            if showing and popup.currentIndex().isValid() and not ctrl:
                return False  # Enter takes the highlighted suggestion
            if ctrl or not isinstance(watched, QPlainTextEdit):
                if popup is not None:
                    popup.hide()
                self.submitted.emit()
                return True
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and showing and not popup.currentIndex().isValid():
            popup.hide()
        elif key == Qt.Key.Key_Escape and not showing:
            self.cancelled.emit()
            return True
        return False

    # -- values --------------------------------------------------------------------------------------

    def _category_changed(self) -> None:
        code = self.category.currentData()
        self.hazard_type.setEnabled(code == "hazard")
        for category, box in self.count_boxes.items():
            box.setVisible(category == code)

    def set_suggestions(self, places: list[str] | tuple[str, ...], phrases: list[str] | tuple[str, ...]) -> None:
        model = self.place_completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(list(places))
        for name in TEXT_FIELDS:
            getattr(self, name).set_phrases(list(phrases))

    def values(self) -> dict[str, Any]:
        """The fields as ``add_item`` takes them (counts only for the categories that have them)."""
        category = self.category.currentData()
        values: dict[str, Any] = {
            "category": category,
            "hazard_type": self.hazard_type.currentData() if category == "hazard" else None,
            "time": normalize_time(self.time.text()),
            "place": self.place.text(),
            **{name: getattr(self, name).toPlainText() for name in TEXT_FIELDS},
            "open": self.open.isChecked(),
            "escalated": self.escalated.isChecked(),
        }
        for cat, fields in COUNT_FIELDS.items():
            for name in fields:
                values[name] = getattr(self, name).value() if category == cat else 0
        return values

    def set_item(self, item: DiaryItemView | None) -> None:
        """Fill the fields from ``item`` (or empty them, keeping the category for the next entry)."""
        self.errors.clear()
        if item is None:
            for widget in (self.time, self.place, self.problem, self.action, self.result):
                widget.clear()
            for check in (self.open, self.escalated):
                check.setChecked(False)
            for name in (*COUNT_FIELDS["visit"], *COUNT_FIELDS["hazard"]):
                getattr(self, name).setValue(0)
            return
        self.category.setCurrentIndex(max(0, self.category.findData(item.category)))
        if item.hazard_type:
            self.hazard_type.setCurrentIndex(max(0, self.hazard_type.findData(item.hazard_type)))
        self.time.setText(item.time)
        self.place.setText(item.place)
        for name in TEXT_FIELDS:
            getattr(self, name).setPlainText(getattr(item, name))
        self.open.setChecked(item.open)
        self.escalated.setChecked(item.escalated)
        for name in (*COUNT_FIELDS["visit"], *COUNT_FIELDS["hazard"]):
            getattr(self, name).setValue(getattr(item, name))

    def has_text(self) -> bool:
        return any(w.text().strip() for w in (self.time, self.place)) or any(
            getattr(self, n).toPlainText().strip() for n in TEXT_FIELDS)

    def show_error(self, error: ValidationError) -> None:
        """The message under the field it names, and the cursor into that field."""
        self.errors.show(error)
        widget = getattr(self, error.field, None)
        if isinstance(widget, QWidget) and widget.isVisible() and widget.isEnabled():
            widget.setFocus()

    def error_text(self) -> str:
        return next((label.text() for label in self.errors.labels.values() if label.text()), "")

    def focus_first(self) -> None:
        self.category.setFocus(Qt.FocusReason.TabFocusReason)
