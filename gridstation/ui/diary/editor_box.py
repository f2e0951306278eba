"""The item editor in its frame, with what it is doing: a new item, editing one, or following up an
earlier open item; and the "New item" / "Save item" buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from gridstation.domain.diary import DiaryItemView
from gridstation.ui.diary.carried import item_summary
from gridstation.ui.diary.item_editor import ItemEditor

NEW, EDIT, FOLLOW = "new", "edit", "follow"
TITLE_LIMIT = 90


class EditorBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diary_editor")
        self.mode = NEW
        self.item: DiaryItemView | None = None  # the item edited or followed up
        self.editor = ItemEditor()
        self.new_button = QPushButton(self.tr("&New item"))
        self.new_button.setToolTip(self.tr("Empty the editor for a new item (Esc leaves editing an item)"))
        self.save_button = QPushButton(self.tr("Sa&ve item"))
        self.save_button.setObjectName("diary_save_item")
        self.save_button.setToolTip(self.tr("Enter in a one-line field, Ctrl+Enter in a text field"))
        self.editor.buttons.addWidget(self.new_button)
        self.editor.buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.editor)
        self.tab_chain = [*self.editor.tab_chain, self.new_button, self.save_button]
        self.set_mode(NEW)

    def set_mode(self, mode: str, item: DiaryItemView | None = None, *, clear: bool = True) -> None:
        """Switch what the editor does; ``clear`` empties the fields (the category stays for the next item)."""
        self.mode, self.item = (mode, item) if item is not None else (NEW, None)
        if self.mode == EDIT and item is not None:
            title = self.tr("Edit item {n}").format(n=item.seq)
        elif self.mode == FOLLOW and item is not None:
            title = self.tr("Follow-up of: {item}").format(item=item_summary(item))
            if len(title) > TITLE_LIMIT:
                title = title[:TITLE_LIMIT - 1] + "…"
        else:
            title = self.tr("New item")
        self.setTitle(title)
        self.save_button.setText(self.tr("Sa&ve changes") if self.mode == EDIT else self.tr("Sa&ve item"))
        if clear:
            self.editor.set_item(None)

    def edit(self, item: DiaryItemView) -> None:
        self.set_mode(EDIT, item, clear=False)
        self.editor.set_item(item)

    def follow(self, item: DiaryItemView) -> None:
        """Prefill a follow-up: what and where from the earlier item; time, action, result and the
        counts for today (households visited and hazards found were counted on the earlier day;
        hazards still open from it may be reported rectified); "still open" unticked, so saving
        closes the earlier item."""
        self.set_mode(FOLLOW, item)
        self.editor.set_item(item)
        for widget in (self.editor.time, self.editor.action, self.editor.result):
            widget.clear()
        for spin in (self.editor.households, self.editor.special_households, self.editor.hazards_found,
                     self.editor.hazards_rectified):
            spin.setValue(0)
        self.editor.open.setChecked(False)
        self.editor.escalated.setChecked(False)
        self.editor.action.setFocus()
