"""The items of one diary day as a table: effective items in order, then withdrawn ones struck out.

Corrections made after closing are marked (更正 / 补记) with the original in the tooltip; a day has
a few dozen items at most, so the model holds them all.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from gridstation.domain.diary import DiaryDayView, DiaryItemView
from gridstation.domain.redaction import redact_numbers

AnyIndex = QModelIndex | QPersistentModelIndex
OPEN_COLOR = QColor("#a04b00")
AMENDED_FILL = QColor("#fff6d6")
WITHDRAWN_COLOR = QColor("#8a8d93")
ITEM_ROLE = Qt.ItemDataRole.UserRole


class DayItemsModel(QAbstractTableModel):
    SEQ, TIME, CATEGORY, PLACE, PROBLEM, ACTION, RESULT, STATUS = range(8)
    TEXT_COLUMNS = {PLACE: "place", PROBLEM: "problem", ACTION: "action", RESULT: "result"}
    STRETCHED = (PROBLEM, ACTION, RESULT)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[DiaryItemView] = []
        self.withdrawn: list[DiaryItemView] = []
        self._headers = (self.tr("#"), self.tr("Time"), self.tr("Category"), self.tr("Place"), self.tr("Problem"),
                         self.tr("Action taken"), self.tr("Result"), self.tr("Status"))

    def set_day(self, view: DiaryDayView | None) -> None:
        self.beginResetModel()
        self.items = list(view.items) if view else []
        self.withdrawn = list(view.withdrawn) if view else []
        self.endResetModel()

    def item(self, row: int) -> DiaryItemView | None:
        """The effective item of ``row`` (None for a withdrawn row or out of range)."""
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.items) + len(self.withdrawn)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    # -- texts ---------------------------------------------------------------------------------------

    def mark(self, item: DiaryItemView, withdrawn: bool = False) -> str:
        if withdrawn:
            return self.tr("Withdrawn")
        if item.amended:
            return self.tr("Corrected")
        if item.late:
            return self.tr("Added late")
        return self.tr("Follow-up") if item.follows_id else ""

    def status(self, item: DiaryItemView, withdrawn: bool = False) -> str:
        if withdrawn:
            return self.tr("Withdrawn")
        parts = [self.tr("Open") if item.open else self.tr("Done")]
        if item.escalated:
            parts.append(self.tr("escalated"))
        mark = self.mark(item, withdrawn)
        if mark:
            parts.append(mark)
        return " · ".join(parts)

    def counts(self, item: DiaryItemView) -> str:
        parts = []
        if item.households or item.special_households:
            parts.append(self.tr("{n} households ({m} special)").format(n=item.households, m=item.special_households))
        if item.hazards_found or item.hazards_rectified:
            parts.append(self.tr("found {n}, rectified {m}").format(n=item.hazards_found, m=item.hazards_rectified))
        return "; ".join(parts)

    def category(self, item: DiaryItemView) -> str:
        """The category (with the hazard type) and, on a second line, the item's counts."""
        counts = self.counts(item)
        return item.category_name + (f"（{item.hazard_name}）" if item.hazard_name else "") + (
            "\n" + counts if counts else "")

    def _cell(self, item: DiaryItemView, column: int, withdrawn: bool) -> str:
        if column == self.SEQ:
            return str(item.seq)
        if column == self.TIME:
            return item.time
        if column == self.CATEGORY:
            return self.category(item)
        if column in self.TEXT_COLUMNS:  # ID and mobile numbers masked: the editor shows them as typed
            return redact_numbers(getattr(item, self.TEXT_COLUMNS[column]))
        return self.status(item, withdrawn)

    def shows_original(self, row: int) -> bool:
        """Whether the row carries "Original record" lines (it then needs a third line)."""
        item = self.item(row)
        return item is not None and item.original is not None and any(
            self._cell(item.original, c, False) != self._cell(item, c, False)
            for c in range(self.columnCount()) if c not in (self.SEQ, self.STATUS))

    def _display(self, item: DiaryItemView, column: int, withdrawn: bool) -> str:
        """One or two lines: text fields flattened; under a corrected value, the original."""
        text = self._cell(item, column, withdrawn)
        if column in self.TEXT_COLUMNS:
            text = " ".join(text.split())
        original = item.original
        if original is not None and not withdrawn and column not in (self.SEQ, self.STATUS):
            before = self._cell(original, column, False)
            if column == self.CATEGORY and original.category_name == item.category_name \
                    and original.hazard_name == item.hazard_name:
                before = self.counts(original) or self.tr("(empty)")  # only the counts changed
            if self._cell(original, column, False) != self._cell(item, column, False):
                first = " ".join(text.split())
                text = first + "\n" + self.tr("Original record: {text}").format(
                    text=" ".join(before.split()) or self.tr("(empty)"))
        return text

    def _tooltip(self, item: DiaryItemView, column: int, withdrawn: bool) -> str:
        text = self._cell(item, column, withdrawn)
        if column == self.STATUS and item.reason:
            return text + "\n\n" + self.tr("Reason: {reason}").format(reason=item.reason)
        original = item.original
        if original is None or withdrawn:
            return text
        before = self._cell(original, column, False) if column != self.STATUS else self.status(original)
        if before == text:
            return text + "\n\n" + self.tr("Corrected after the day was closed.")
        return text + "\n\n" + self.tr("Original record: {text}").format(text=before or self.tr("(empty)"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        withdrawn = row >= len(self.items)
        item = self.withdrawn[row - len(self.items)] if withdrawn else self.items[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column, withdrawn)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column, withdrawn)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.FontRole and withdrawn:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if withdrawn:
                return QBrush(WITHDRAWN_COLOR)
            if column == self.STATUS and item.open:
                return QBrush(OPEN_COLOR)
        if role == Qt.ItemDataRole.BackgroundRole and (item.amended or item.late) and not withdrawn:
            return QBrush(AMENDED_FILL)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SEQ, self.TIME):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ItemsView(QTableView):
    """``deleteRequested`` on the Delete key (the page asks before removing)."""

    deleteRequested = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, model: DayItemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("diary_items")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.line = self.fontMetrics().lineSpacing()
        rows.setDefaultSectionSize(self.line * 2 + 10)  # two lines per item, three under a correction
        model.modelReset.connect(self._size_rows)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column in (DayItemsModel.SEQ, DayItemsModel.TIME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in DayItemsModel.STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(DayItemsModel.CATEGORY, 132)
        header.resizeSection(DayItemsModel.PLACE, 92)
        header.setSectionResizeMode(DayItemsModel.PLACE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DayItemsModel.STATUS, 92)

    def _size_rows(self) -> None:
        model = self.model()
        assert isinstance(model, DayItemsModel)
        for row in range(model.rowCount()):
            if model.shows_original(row):
                self.verticalHeader().resizeSection(row, self.line * 3 + 10)

    def current_row(self) -> int:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.current_row() >= 0:
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)
