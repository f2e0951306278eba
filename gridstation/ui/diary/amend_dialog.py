"""Corrections of a closed day (domain.md §3: "a closed day is locked; later corrections are
recorded as amendments"): amend an item, withdraw it, or add a forgotten one — each with a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gridstation.db import diary
from gridstation.domain import diary as rules
from gridstation.domain.diary import DiaryItemView
from gridstation.domain.errors import ValidationError
from gridstation.ui.context import Context
from gridstation.ui.diary.carried import item_summary
from gridstation.ui.diary.item_editor import ItemEditor
from gridstation.ui.field_errors import FieldErrors
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op

AMEND, WITHDRAW, LATE = "amend", "withdraw", "late"


class CorrectionDialog(QDialog):
    """``saved`` after the correction was stored; refused input stays in the form with its message."""

    saved = Signal()

    def __init__(self, context: Context, mode: str, *, day_id: str, item: DiaryItemView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert mode in (AMEND, WITHDRAW, LATE) and (item is not None or mode == LATE)
        self.context, self.mode, self.day_id, self.item = context, mode, day_id, item
        titles = {AMEND: self.tr("Amend item {n}"), WITHDRAW: self.tr("Withdraw item {n}"),
                  LATE: self.tr("Add a forgotten item")}
        self.setWindowTitle(titles[mode].format(n=item.seq if item else ""))
        intro = QLabel({
            AMEND: self.tr("The day is closed. The correction is recorded beside the original, which stays visible."),
            WITHDRAW: self.tr("The item stays visible, struck out, and no longer counts in summaries."),
            LATE: self.tr("The item is added to the closed day and marked as added late."),
        }[mode])
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #5f6368;")
        self.editor: ItemEditor | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if mode == WITHDRAW:
            assert item is not None
            summary = QLabel(item_summary(item))
            summary.setTextFormat(Qt.TextFormat.PlainText)
            summary.setWordWrap(True)
            layout.addWidget(summary)
        else:
            self.editor = ItemEditor()
            self.editor.set_item(item)
            self.editor.submitted.connect(self.submit)
            self.editor.cancelled.connect(self.reject)
            layout.addWidget(self.editor)
        self.reason = QLineEdit()
        self.reason.setObjectName("amend_reason")
        self.reason.setMaxLength(rules.MAX_SHORT * 2)
        self.reason.setPlaceholderText(self.tr("Required: why the closed day is corrected"))
        self.reason.returnPressed.connect(self.submit)
        self.errors = FieldErrors(["amend_reason"], fallback="amend_reason", parent=self)
        form = QFormLayout()
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        form.addRow("", self.errors.label("amend_reason"))
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText({AMEND: self.tr("Save correction"), WITHDRAW: self.tr("Withdraw item"),
                                LATE: self.tr("Add item")}[mode])
        self.ok_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(860 if self.editor else 480)
        if self.editor is not None:
            self.setTabOrder(self.editor.tab_chain[-1], self.reason)
        (self.reason if mode == WITHDRAW else self.editor.problem if self.editor else self.reason).setFocus()

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.errors.clear()
        store, actor = self.context.store, self.context.user.actor
        reason = self.reason.text()
        fields: dict[str, Any] = self.editor.values() if self.editor else {}
        if self.mode == AMEND:
            assert self.item is not None
            args: tuple[Any, ...] = (diary.amend_item, store, actor, self.item.id)
        elif self.mode == WITHDRAW:
            assert self.item is not None
            args = (diary.retract_item, store, actor, self.item.id)
        else:
            args = (diary.add_late_item, store, actor, self.day_id)
        self.ok_button.setEnabled(False)
        run_op(self, *args, reason=reason, **fields, success=self._saved, failure=self._failed)

    def _saved(self, _item: object) -> None:
        self.ok_button.setEnabled(True)
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
        elif exc.field == "amend_reason" or self.editor is None:
            self.errors.show(exc)
            self.reason.setFocus()
        else:
            self.editor.show_error(exc)

    def error_text(self) -> str:
        return self.errors.text("amend_reason") or (self.editor.error_text() if self.editor else "")
