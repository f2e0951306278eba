"""Open items of earlier days (遗留问题) beside the day's items, each offered for a follow-up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.domain.diary import DiaryItemView

ITEM_ROLE = Qt.ItemDataRole.UserRole


def item_summary(item: DiaryItemView) -> str:
    """One line: "6月3日 隐患排查 · 3号楼 · 楼道堆放杂物"."""
    text = " ".join((item.problem or item.action or item.result).split())
    parts = [f"{item.day.month}月{item.day.day}日 {item.category_name}", item.place, text]
    return " · ".join(p for p in parts if p)


class CarriedItems(QGroupBox):
    """``followUp(item)`` when the user picks an item (double click, Enter or the button)."""

    followUp = Signal(object)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Carried over (遗留问题)"))
        self.setObjectName("diary_carried")
        self.list = QListWidget()
        self.list.setObjectName("diary_carried_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.follow_button = QPushButton(self.tr("&Follow up"))
        self.follow_button.setObjectName("diary_follow_up")
        self.follow_button.setEnabled(False)
        self.follow_button.setToolTip(self.tr("Continue or close the selected item on this day's page"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.follow_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemActivated.connect(lambda _item: self.follow_selected())
        self.follow_button.clicked.connect(self.follow_selected)
        self.can_follow = True

    def set_items(self, items: tuple[DiaryItemView, ...] | list[DiaryItemView], can_follow: bool) -> None:
        self.list.clear()
        self.can_follow = can_follow
        for view in items:
            entry = QListWidgetItem(item_summary(view))
            entry.setData(ITEM_ROLE, view)
            entry.setToolTip("\n".join(t for t in (view.problem, view.action, view.result) if t))
            self.list.addItem(entry)
        self.follow_button.setVisible(can_follow)
        self._selection_changed()

    def items(self) -> list[DiaryItemView]:
        return [self.list.item(i).data(ITEM_ROLE) for i in range(self.list.count())]

    def _selection_changed(self) -> None:
        self.follow_button.setEnabled(self.can_follow and bool(self.list.selectedItems()))

    def follow_selected(self) -> None:
        selected = self.list.selectedItems()
        if selected and self.can_follow:
            self.followUp.emit(selected[0].data(ITEM_ROLE))
